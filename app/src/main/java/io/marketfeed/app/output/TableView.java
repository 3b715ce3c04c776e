package io.marketfeed.app.output;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.model.Quote;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.CreditSnapshot;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders one frame of the live table as plain lines: the latest quote per symbol, each connection's state,
 * the credits of metered providers (with the forecast, marked when it says the quota runs out before it resets),
 * the output queue's counters and the latest lifecycle events. A pure function of its inputs, so it is
 * tested without a terminal.
 */
public final class TableView {

    private static final String QUOTE_ROW = "%-10s %-10s %12s %8s %12s %12s %14s %-8s";
    private static final String CONNECTION_ROW = "%-22s %-12s %9s %10s %11s  %s";
    private static final String LISTENER_ROW = "%-10s %8s %11s %9s %10s %9s";
    private static final String CREDIT_ROW = "%-10s %10s %10s %9s  %-22s %-22s%s";
    /** Shown for a value that is not known, such as a forecast while nothing is spent. */
    static final String NONE = "—";
    /** Follows the forecast when the quota runs out before it resets. */
    static final String BEFORE_RESET = "  !! runs out before the reset";
    /** In the forecast column once nothing is left. */
    static final String USED_UP = "used up";
    /** Follows it: no data until the reset. */
    static final String USED_UP_MARKER = "  !! no data until the reset";

    private final ZoneId zone;
    private final int maxQuoteRows;
    private final int width;
    private final List<String> notes;
    private final DateTimeFormatter clock;
    private final DateTimeFormatter day;

    /**
     * @param zone the zone times are shown in
     * @param maxQuoteRows the most quote rows to show
     * @param width the most characters per line
     * @param notes lines shown under the title, such as where the data comes from
     */
    public TableView(ZoneId zone, int maxQuoteRows, int width, List<String> notes) {
        this.zone = requireNonNull(zone, "zone is null");
        this.maxQuoteRows = maxQuoteRows;
        this.width = width;
        this.notes = List.copyOf(notes);
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        this.day = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(zone);
    }

    /**
     * One frame.
     *
     * @param now the frame's time
     * @param startedAt when the run started
     * @param quotes the latest quote per provider and symbol
     * @param snapshot the feed's state; null when not available
     * @param recent the latest lifecycle events, oldest first, already formatted
     */
    public List<String> render(Instant now, Instant startedAt, List<Quote> quotes, FeedSnapshot snapshot,
            List<String> recent) {
        List<String> lines = new ArrayList<>();
        lines.add("Marketfeed  " + clock.format(now) + " " + zone.getId() + "  up " + elapsed(startedAt, now)
                + "  " + quotes.size() + " symbols  (Ctrl-C stops)");
        // Notes are wrapped, not cut: they say where the data comes from (such as "demo data, not real prices").
        notes.forEach(note -> lines.addAll(wrap(note)));
        lines.add("");
        quotes(lines, quotes);
        if (snapshot != null) {
            lines.add("");
            connections(lines, snapshot, now);
            credits(lines, snapshot, now);
            lines.add("");
            listeners(lines, snapshot);
        }
        if (!recent.isEmpty()) {
            lines.add("");
            lines.add("RECENT");
            lines.addAll(recent);
        }
        return lines.stream().map(this::fit).collect(Collectors.toList());
    }

    private void quotes(List<String> lines, List<Quote> quotes) {
        lines.add(String.format(QUOTE_ROW, "PROVIDER", "SYMBOL", "PRICE", "CHG %", "BID", "ASK", "VOLUME", "TIME"));
        List<Quote> sorted = new ArrayList<>(quotes);
        sorted.sort(Comparator.comparing(Quote::provider).thenComparing(Quote::symbol));
        for (Quote quote : sorted.subList(0, Math.min(maxQuoteRows, sorted.size()))) {
            Instant time = quote.time() != null ? quote.time() : quote.receivedAt();
            lines.add(String.format(QUOTE_ROW, quote.provider(), quote.symbol(), plain(quote.price()),
                    percent(quote.changePercent()), plain(quote.bid()), plain(quote.ask()), plain(quote.volume()),
                    clock.format(time)));
        }
        if (sorted.size() > maxQuoteRows) {
            lines.add("... and " + (sorted.size() - maxQuoteRows) + " more symbols");
        }
        if (sorted.isEmpty()) {
            lines.add("(no quotes yet)");
        }
    }

    private void connections(List<String> lines, FeedSnapshot snapshot, Instant now) {
        lines.add(String.format(CONNECTION_ROW, "CONNECTION", "STATE", "SYMBOLS", "FRAMES", "LAST FRAME", "REASON"));
        for (ProviderSnapshot provider : snapshot.providers()) {
            if (provider.failed()) {
                lines.add(provider.provider() + " FAILED: " + provider.failure());
            }
            for (ConnectionSnapshot connection : provider.connections()) {
                lines.add(String.format(CONNECTION_ROW, connection.connection(), connection.state().label(),
                        connection.confirmed() + "/" + connection.symbols(), connection.framesReceived(),
                        age(connection.lastFrameAt(), now), connection.reason() == null ? "" : connection.reason()));
            }
            if (provider.unassigned() > 0) {
                lines.add(provider.provider() + ": " + provider.unassigned()
                        + " subscriptions do not fit the plan's limits");
            }
            if (!provider.rejected().isEmpty()) {
                lines.add(provider.provider() + ": rejected by the server: " + provider.rejected());
            }
        }
    }

    /** One row per metered provider: what is spent, what is left, the forecast and the next reset. */
    private void credits(List<String> lines, FeedSnapshot snapshot, Instant now) {
        List<ProviderSnapshot> metered = snapshot.providers().stream().filter(p -> p.credits().isPresent())
                .collect(Collectors.toList());
        if (metered.isEmpty()) {
            return;
        }
        lines.add("");
        lines.add(String.format(CREDIT_ROW, "CREDITS", "USED", "REMAINING", "PER HOUR", "RUNS OUT (FORECAST)",
                "NEXT RESET", "").stripTrailing());
        for (ProviderSnapshot provider : metered) {
            CreditSnapshot credits = provider.credits().orElseThrow();
            boolean usedUp = credits.remaining().isPresent() && credits.remaining().getAsLong() <= 0;
            String forecast = usedUp ? USED_UP : credits.exhaustsAt().map(at -> when(at, now)).orElse(NONE);
            String marker = usedUp ? USED_UP_MARKER : credits.exhaustsBeforeReset() ? BEFORE_RESET : "";
            lines.add(String.format(CREDIT_ROW, provider.provider(), credits.used(),
                    credits.remaining().isPresent() ? Long.toString(credits.remaining().getAsLong()) : NONE,
                    String.format(Locale.ROOT, "%.0f", credits.perHour()), forecast, when(credits.nextReset(), now),
                    marker).stripTrailing());
        }
    }

    /** {@code 14:05:10 (in 3m)} today, {@code 11-23 00:00 (in 9h55m)} on another day, in the view's zone. */
    private String when(Instant at, Instant now) {
        String absolute = LocalDate.ofInstant(at, zone).equals(LocalDate.ofInstant(now, zone)) ? clock.format(at)
                : day.format(at);
        return absolute + " (" + relative(Duration.between(now, at)) + ")";
    }

    private static String relative(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return "now";
        }
        long seconds = duration.getSeconds();
        if (seconds < 60) {
            return "in " + seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return "in " + minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return String.format(Locale.ROOT, "in %dh%02dm", hours, minutes % 60);
        }
        return String.format(Locale.ROOT, "in %dd%02dh", hours / 24, hours % 24);
    }

    private static void listeners(List<String> lines, FeedSnapshot snapshot) {
        lines.add(String.format(LISTENER_ROW, "OUTPUT", "QUEUED", "DELIVERED", "DROPPED", "CONFLATED", "FAILURES"));
        for (FeedSnapshot.ListenerSnapshot listener : snapshot.listeners()) {
            lines.add(String.format(LISTENER_ROW, listener.name(), listener.queued(), listener.delivered(),
                    listener.dropped(), listener.conflated(), listener.failures()));
        }
    }

    /** {@code text} in lines of at most the width, broken at spaces; continuation lines are indented. */
    private List<String> wrap(String text) {
        List<String> wrapped = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                wrapped.add(line.toString());
                line.setLength(0);
                line.append("  ");
            }
            if (line.length() > 0 && !line.toString().isBlank()) {
                line.append(' ');
            }
            line.append(word);
        }
        wrapped.add(line.toString());
        return wrapped;
    }

    private String fit(String line) {
        return line.length() <= width ? line : line.substring(0, Math.max(0, width - 1)) + "…";
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.toPlainString();
    }

    private static String percent(BigDecimal value) {
        if (value == null) {
            return "-";
        }
        BigDecimal rounded = value.setScale(2, RoundingMode.HALF_UP);
        return (rounded.signum() > 0 ? "+" : "") + rounded.toPlainString();
    }

    private static String age(Instant last, Instant now) {
        if (last == null) {
            return "-";
        }
        long millis = Math.max(0, Duration.between(last, now).toMillis());
        return String.format("%d.%ds ago", millis / 1000, (millis % 1000) / 100);
    }

    private static String elapsed(Instant from, Instant to) {
        long seconds = Math.max(0, Duration.between(from, to).getSeconds());
        return String.format("%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }
}
