package io.marketfeed.app.output;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedSnapshot;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live table: keeps the latest quote per symbol and the latest lifecycle events, and redraws a
 * {@link TableView} frame on its own thread at a fixed rate, in the width asked for each frame (the terminal's, see
 * {@link TerminalWidth}, so a resize takes effect on the next frame). On a terminal the frame is drawn in place with
 * ANSI cursor movement, from a cleared screen after the width changed; elsewhere each frame is printed after the
 * previous one.
 *
 * <p>{@link #onEvent} runs on the listener's delivery thread, drawing on the refresh thread; they share only
 * concurrent collections.
 */
public final class TableOutput implements EventOutput {

    private static final Logger log = LoggerFactory.getLogger(TableOutput.class);

    private static final String HOME = "\u001b[H";
    private static final String CLEAR_SCREEN = "\u001b[2J";
    private static final String CLEAR_LINE_END = "\u001b[K";
    private static final String CLEAR_BELOW = "\u001b[J";
    private static final String HIDE_CURSOR = "\u001b[?25l";
    private static final String SHOW_CURSOR = "\u001b[?25h";
    private static final int RECENT_EVENTS = 6;

    private final PrintStream out;
    private final boolean ansi;
    private final Duration refresh;
    /** Replaced only before {@link #start} ({@link #note}); read by the refresh thread. */
    private volatile TableView view;
    private final IntSupplier width;
    /** The width of the last frame drawn; only the refresh thread (and close, after it stopped) draws. */
    private volatile int drawnWidth = -1;
    private final Clock clock;
    private final DateTimeFormatter timeFormat;
    private final Map<String, Quote> quotes = new ConcurrentHashMap<>();
    /** Guarded by itself. */
    private final Deque<String> recent = new ArrayDeque<>();
    private final Instant startedAt;
    private volatile Supplier<FeedSnapshot> snapshots = () -> null;
    /** The last snapshot taken while running: the final frame shows it, since a stopped feed has no connections. */
    private volatile FeedSnapshot lastSnapshot;
    private ScheduledExecutorService refresher;

    /**
     * @param out stdout
     * @param ansi whether stdout is a terminal that understands ANSI escapes
     * @param refresh time between frames
     * @param view the frame renderer
     * @param clock the clock for frame times
     */
    public TableOutput(PrintStream out, boolean ansi, Duration refresh, TableView view, Clock clock) {
        this(out, ansi, refresh, view, clock, view::width);
    }

    /**
     * @param width the width of each frame, asked before each one (the terminal's, which may change while it runs)
     */
    public TableOutput(PrintStream out, boolean ansi, Duration refresh, TableView view, Clock clock,
            IntSupplier width) {
        this.out = out;
        this.ansi = ansi;
        this.refresh = refresh;
        this.view = view;
        this.width = width;
        this.clock = clock;
        this.timeFormat = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(clock.getZone());
        this.startedAt = clock.instant();
    }

    /** The table shows the latest quote per symbol: it merges quotes it is behind on, whatever is configured. */
    @Override
    public DeliveryPolicy policy(DeliveryPolicy configured) {
        return DeliveryPolicy.conflateLatest(configured.capacity());
    }

    /** Shown under the title with the other notes: the screen is cleared, so stderr lines above it are not seen. */
    @Override
    public void note(String line) {
        view = view.withNote(line);
    }

    @Override
    public void start(Supplier<FeedSnapshot> snapshots) {
        this.snapshots = snapshots;
        if (ansi) {
            out.print(HIDE_CURSOR + CLEAR_SCREEN);
        }
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "marketfeed-table");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleAtFixedRate(this::draw, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onEvent(MarketEvent event) {
        if (event instanceof Quote) {
            Quote quote = (Quote) event;
            quotes.put(quote.provider() + "\u0000" + quote.symbol(), quote);
        } else if (event instanceof ConnectionEvent || event instanceof GapEvent || event instanceof StatusEvent) {
            remember(describe(event));
        }
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            try {
                refresher.awaitTermination(refresh.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        snapshots = () -> lastSnapshot;
        draw();
        if (ansi) {
            out.print(SHOW_CURSOR);
        }
        out.flush();
    }

    private void draw() {
        try {
            int columns = Math.max(1, width.getAsInt());
            List<String> lines = view.withWidth(columns).render(clock.instant(), startedAt,
                    new ArrayList<>(quotes.values()), snapshot(), recentEvents());
            StringBuilder frame = new StringBuilder(4096);
            if (ansi) {
                // After a resize the terminal has re-wrapped the previous frame: start from a clean screen.
                frame.append(drawnWidth >= 0 && drawnWidth != columns ? CLEAR_SCREEN + HOME : HOME);
            }
            drawnWidth = columns;
            for (String line : lines) {
                frame.append(line).append(ansi ? CLEAR_LINE_END : "").append('\n');
            }
            frame.append(ansi ? CLEAR_BELOW : "\n");
            synchronized (out) {
                out.print(frame);
                out.flush();
            }
        } catch (RuntimeException e) {
            // A failed frame must not kill the refresher: the next one may succeed.
            log.debug("Could not draw the table", e);
        }
    }

    private FeedSnapshot snapshot() {
        try {
            FeedSnapshot snapshot = snapshots.get();
            if (snapshot != null) {
                lastSnapshot = snapshot;
            }
            return snapshot;
        } catch (RuntimeException e) {
            log.debug("No feed snapshot", e);
            return null;
        }
    }

    private void remember(String line) {
        synchronized (recent) {
            recent.addLast(line);
            while (recent.size() > RECENT_EVENTS) {
                recent.removeFirst();
            }
        }
    }

    private List<String> recentEvents() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    private String describe(MarketEvent event) {
        String time = timeFormat.format(event.receivedAt());
        if (event instanceof ConnectionEvent) {
            ConnectionEvent connection = (ConnectionEvent) event;
            String next = connection.nextAttemptIn() == null ? ""
                    : " (attempt " + connection.attempt() + " in " + connection.nextAttemptIn().toMillis() + "ms)";
            return time + "  " + connection.connection() + " " + connection.state().label() + next
                    + (connection.reason() == null ? "" : ": " + connection.reason());
        }
        if (event instanceof GapEvent) {
            GapEvent gap = (GapEvent) event;
            return time + "  " + gap.connection() + " gap of " + Duration.between(gap.from(), gap.to()).toMillis()
                    + "ms for " + gap.symbols().size() + " symbols: " + gap.reason();
        }
        StatusEvent status = (StatusEvent) event;
        // The runtime's messages mostly start with the provider ("tickatlas credits: used 120, ..."): not twice.
        return time + "  " + (status.message().startsWith(status.provider() + " ") ? status.message()
                : status.provider() + " " + status.kind() + ": " + status.message());
    }
}
