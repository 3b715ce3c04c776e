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
 *
 * <p>No line is longer than the width. Each section is laid out by {@link Columns}: with room, the columns keep
 * their preferred widths; below that they narrow to their contents, and then the least useful ones go, in the order
 * each section's declaration says (quotes: VOLUME, TIME, CHG %, BID and ASK, PROVIDER). Notes are broken into
 * several lines at spaces; any other line that is still too long is cut with "…".
 */
public final class TableView {

    /**
     * The quote table. Below the width the preferred columns need, columns narrow to their contents, then go in this
     * order: VOLUME, TIME, CHG %, BID and ASK together, PROVIDER; SYMBOL and PRICE always stay (a long symbol is cut).
     */
    private static final Columns QUOTES = new Columns(
            Columns.Column.left("PROVIDER", 10, 5).cutTo(5),
            Columns.Column.left("SYMBOL", 10, 0).cutTo(6),
            Columns.Column.right("PRICE", 12, 0),
            Columns.Column.right("CHG %", 8, 3),
            Columns.Column.right("BID", 12, 4),
            Columns.Column.right("ASK", 12, 4),
            Columns.Column.right("VOLUME", 14, 1),
            Columns.Column.left("TIME", 8, 2));
    /**
     * Connections: FRAMES goes first, then LAST FRAME, then SYMBOLS; the REASON takes what is left (at least 16
     * characters before a column goes) and is cut to it; a long connection name is cut too.
     */
    private static final Columns CONNECTIONS = new Columns(
            Columns.Column.left("CONNECTION", 22, 0).cutTo(10),
            Columns.Column.left("STATE", 12, 0),
            Columns.Column.right("SYMBOLS", 9, 3),
            Columns.Column.right("FRAMES", 10, 1),
            Columns.Column.right("LAST FRAME", 11, 2),
            Columns.Column.rest("REASON", 2, 16, 0));
    /** Credits: PER HOUR goes first, then NEXT RESET, then USED; the forecast and its marker stay. */
    private static final Columns CREDITS = new Columns(
            Columns.Column.left("CREDITS", 10, 0).cutTo(5),
            Columns.Column.right("USED", 10, 3),
            Columns.Column.right("REMAINING", 10, 0),
            Columns.Column.right("PER HOUR", 9, 1),
            Columns.Column.left("RUNS OUT (FORECAST)", 22, 0).gap(2),
            Columns.Column.left("NEXT RESET", 22, 2),
            Columns.Column.rest("", 0, 4, 0));
    /** The output's counters: FAILURES goes first, then QUEUED, CONFLATED, DROPPED; DELIVERED stays. */
    private static final Columns LISTENERS = new Columns(
            Columns.Column.left("OUTPUT", 10, 0).cutTo(6),
            Columns.Column.right("QUEUED", 8, 2),
            Columns.Column.right("DELIVERED", 11, 0),
            Columns.Column.right("DROPPED", 9, 4),
            Columns.Column.right("CONFLATED", 10, 3),
            Columns.Column.right("FAILURES", 9, 1));
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
     * @param width the most characters per line (at least 1); no line is ever longer
     * @param notes lines shown under the title, such as where the data comes from
     */
    public TableView(ZoneId zone, int maxQuoteRows, int width, List<String> notes) {
        this.zone = requireNonNull(zone, "zone is null");
        this.maxQuoteRows = maxQuoteRows;
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
        this.width = width;
        this.notes = List.copyOf(notes);
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        this.day = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(zone);
    }

    /** This view at another width, such as the terminal's after it was resized. */
    public TableView withWidth(int newWidth) {
        return newWidth == width ? this : new TableView(zone, maxQuoteRows, newWidth, notes);
    }

    /** This view with one more line under the title. */
    public TableView withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new TableView(zone, maxQuoteRows, width, more);
    }

    /** The most characters per line. */
    public int width() {
        return width;
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
        lines.add(title(now, startedAt, quotes.size()));
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

    /** The first line; its least useful parts are left out when the width is short. */
    private String title(Instant now, Instant startedAt, int symbols) {
        String title = "Marketfeed  " + clock.format(now) + " " + zone.getId();
        for (String part : List.of("  up " + elapsed(startedAt, now), "  " + symbols + " symbols",
                "  (Ctrl-C stops)")) {
            if (title.length() + part.length() > width) {
                break;
            }
            title += part;
        }
        return title;
    }

    private void quotes(List<String> lines, List<Quote> quotes) {
        List<Quote> sorted = new ArrayList<>(quotes);
        sorted.sort(Comparator.comparing(Quote::provider).thenComparing(Quote::symbol));
        List<String[]> rows = new ArrayList<>();
        for (Quote quote : sorted.subList(0, Math.min(maxQuoteRows, sorted.size()))) {
            Instant time = quote.time() != null ? quote.time() : quote.receivedAt();
            rows.add(new String[] {quote.provider(), quote.symbol(), plain(quote.price()),
                    percent(quote.changePercent()), plain(quote.bid()), plain(quote.ask()), plain(quote.volume()),
                    clock.format(time)});
        }
        lines.addAll(QUOTES.render(rows, width, null));
        if (sorted.size() > maxQuoteRows) {
            lines.add("... and " + (sorted.size() - maxQuoteRows) + " more symbols");
        }
        if (sorted.isEmpty()) {
            lines.add("(no quotes yet)");
        }
    }

    private void connections(List<String> lines, FeedSnapshot snapshot, Instant now) {
        // Rows and the lines between them (failures, unassigned) are kept in order; the rows are laid out together.
        List<String[]> rows = new ArrayList<>();
        List<Object> order = new ArrayList<>();
        for (ProviderSnapshot provider : snapshot.providers()) {
            if (provider.failed()) {
                order.add(provider.provider() + " FAILED: " + provider.failure());
            }
            for (ConnectionSnapshot connection : provider.connections()) {
                String[] row = {connection.connection(),
                        connection.state() == null ? "-" : connection.state().label(),
                        connection.confirmed() + "/" + connection.symbols(), Long.toString(connection.framesReceived()),
                        age(connection.lastFrameAt(), now), connection.reason() == null ? "" : connection.reason()};
                rows.add(row);
                order.add(row);
            }
            if (provider.unassigned() > 0) {
                order.add(provider.provider() + ": " + provider.unassigned()
                        + " subscriptions do not fit the plan's limits");
            }
            if (!provider.rejected().isEmpty()) {
                order.add(provider.provider() + ": rejected by the server: " + provider.rejected());
            }
        }
        List<String> rendered = CONNECTIONS.render(rows, width, null);
        lines.add(rendered.get(0));
        int next = 1;
        for (Object item : order) {
            lines.add(item instanceof String ? (String) item : rendered.get(next++));
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
        List<String[]> rows = new ArrayList<>();
        for (ProviderSnapshot provider : metered) {
            CreditSnapshot credits = provider.credits().orElseThrow();
            boolean usedUp = credits.remaining().isPresent() && credits.remaining().getAsLong() <= 0;
            String forecast = usedUp ? USED_UP : credits.exhaustsAt().map(at -> when(at, now)).orElse(NONE);
            String marker = usedUp ? USED_UP_MARKER : credits.exhaustsBeforeReset() ? BEFORE_RESET : "";
            rows.add(new String[] {provider.provider(), Long.toString(credits.used()),
                    credits.remaining().isPresent() ? Long.toString(credits.remaining().getAsLong()) : NONE,
                    String.format(Locale.ROOT, "%.0f", credits.perHour()), forecast, when(credits.nextReset(), now),
                    marker});
        }
        lines.addAll(CREDITS.render(rows, width, null));
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

    private void listeners(List<String> lines, FeedSnapshot snapshot) {
        List<String[]> rows = new ArrayList<>();
        for (FeedSnapshot.ListenerSnapshot listener : snapshot.listeners()) {
            rows.add(new String[] {listener.name(), Long.toString(listener.queued()),
                    Long.toString(listener.delivered()), Long.toString(listener.dropped()),
                    Long.toString(listener.conflated()), Long.toString(listener.failures())});
        }
        lines.addAll(LISTENERS.render(rows, width, null));
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

    /** Never wider than the width: a terminal would wrap the line and break the frame. */
    private String fit(String line) {
        return Columns.cut(line, width);
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
