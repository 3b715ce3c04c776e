package io.marketfeed.app.output;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.model.Quote;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders one frame of the live table as plain lines: the latest quote per symbol, each connection's state,
 * the output queue's counters and the latest lifecycle events. A pure function of its inputs, so it is
 * tested without a terminal.
 */
public final class TableView {

    private static final String QUOTE_ROW = "%-10s %-10s %12s %8s %12s %12s %14s %-8s";
    private static final String CONNECTION_ROW = "%-22s %-12s %9s %10s %11s  %s";
    private static final String LISTENER_ROW = "%-10s %8s %11s %9s %10s %9s";

    private final ZoneId zone;
    private final int maxQuoteRows;
    private final int width;
    private final List<String> notes;
    private final DateTimeFormatter clock;

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
        lines.addAll(notes);
        lines.add("");
        quotes(lines, quotes);
        if (snapshot != null) {
            lines.add("");
            connections(lines, snapshot, now);
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

    private static void listeners(List<String> lines, FeedSnapshot snapshot) {
        lines.add(String.format(LISTENER_ROW, "OUTPUT", "QUEUED", "DELIVERED", "DROPPED", "CONFLATED", "FAILURES"));
        for (FeedSnapshot.ListenerSnapshot listener : snapshot.listeners()) {
            lines.add(String.format(LISTENER_ROW, listener.name(), listener.queued(), listener.delivered(),
                    listener.dropped(), listener.conflated(), listener.failures()));
        }
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
