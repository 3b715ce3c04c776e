package io.marketfeed.app.sink;

import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedListener;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.sink.SinkStats;
import io.marketfeed.sink.SinkWriter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sinks of one run: a {@link SinkWriter} per configured sink, each a lossless listener of the feed with its
 * own thread, started before the feed and closed after it, when everything delivered to them is written or
 * spooled.
 *
 * <p>Used by the thread that runs the feed.
 */
public final class Recording {

    /**
     * How long each sink may take at the stop to write what it holds; what it cannot write by then stays in its
     * spool and is written at the next start.
     */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** Listener names are {@code sink:<name>}, beside the output's. */
    public static final String LISTENER_PREFIX = "sink:";

    private final List<ConfiguredSink> sinks;
    private final List<SinkWriter> writers;

    private Recording(List<ConfiguredSink> sinks, List<SinkWriter> writers) {
        this.sinks = sinks;
        this.writers = writers;
    }

    /**
     * Starts a writer per sink (which opens its spool; the store is connected by the writer, with retries).
     *
     * @throws SinkStartException when a spool folder cannot be made or read, naming it
     */
    public static Recording start(List<ConfiguredSink> sinks) {
        List<SinkWriter> writers = new ArrayList<>();
        for (ConfiguredSink sink : sinks) {
            try {
                writers.add(SinkWriter.start(sink.name(), sink.sink(), sink.settings()));
            } catch (IOException e) {
                writers.forEach(writer -> writer.close(Duration.ZERO));
                throw new SinkStartException("sink '" + sink.name() + "' cannot use its spool folder "
                        + sink.settings().spoolDir() + " (" + e.getMessage() + "); set spool.dir to a writable "
                        + "folder");
            }
        }
        return new Recording(List.copyOf(sinks), writers);
    }

    /** Adds each writer to {@code builder} as a lossless listener. */
    public void register(MarketFeed.Builder builder) {
        for (SinkWriter writer : writers) {
            builder.listener(LISTENER_PREFIX + writer.name(), writer, DeliveryPolicy.lossless());
        }
    }

    /**
     * What each writer has done so far, in configuration order (for {@code /metrics}, {@code /status} and JMX).
     * Safe from any thread: each {@link SinkWriter#stats()} is a consistent snapshot taken under its own lock.
     */
    public List<SinkStats> stats() {
        List<SinkStats> stats = new ArrayList<>(writers.size());
        for (SinkWriter writer : writers) {
            stats.add(writer.stats());
        }
        return stats;
    }

    /**
     * At a forced exit: what each sink holds in memory and has not written goes to its spool, to be written at the
     * next start. Returns a line per sink that kept any. Any thread; the writers may still be running.
     */
    public List<String> keepInSpools() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < writers.size(); i++) {
            long kept = writers.get(i).keepInSpool();
            if (kept > 0) {
                lines.add(String.format(Locale.ROOT, "  %s: %,d events kept in %s, written at the next start",
                        describe(sinks.get(i)), kept, sinks.get(i).settings().spoolDir()));
            }
        }
        return lines;
    }

    /** The writers, to be called directly (a replay) instead of through {@link #register}. */
    public List<FeedListener> listeners() {
        return List.copyOf(writers);
    }

    /** One line per sink for stderr at the start: where this run records, and how to look. */
    public List<String> announcements() {
        return announcements(sinks);
    }

    /** The lines of {@link #announcements()} for {@code sinks}, before they start (the table shows them too). */
    public static List<String> announcements(List<ConfiguredSink> sinks) {
        List<String> lines = new ArrayList<>();
        for (ConfiguredSink sink : sinks) {
            String line = "Recording every event into " + sink.target() + " (" + describe(sink) + ")";
            if (sink.type().equals("sqlite")) {
                line += "; see it with: sqlite3 " + sink.target() + " 'SELECT * FROM latest_quote'";
            }
            lines.add(line + ". Set marketfeed.sinks = [] to record nothing.");
        }
        return lines;
    }

    /**
     * Writes what is left (each writer waits up to {@link #STOP_TIMEOUT} for its store; the rest stays spooled
     * for the next start) and returns the summary for stderr: a heading and one line per sink; empty without sinks.
     */
    public List<String> close() {
        List<String> lines = new ArrayList<>();
        if (!writers.isEmpty()) {
            lines.add("Recorded:");
        }
        for (int i = 0; i < writers.size(); i++) {
            SinkStats stats = writers.get(i).close(STOP_TIMEOUT);
            lines.add(summary(sinks.get(i), stats));
        }
        return lines;
    }

    private static String describe(ConfiguredSink sink) {
        return sink.name().equals(sink.type()) ? sink.type() + " sink" : sink.type() + " sink '" + sink.name() + "'";
    }

    static String summary(ConfiguredSink sink, SinkStats stats) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s → %s: %,d written", describe(sink),
                sink.target(), stats.written()));
        if (stats.recovered() > 0) {
            line.append(String.format(Locale.ROOT, " (%,d of them left by an earlier run)", stats.recovered()));
        }
        if (stats.spooledTotal() > 0) {
            line.append(String.format(Locale.ROOT, ", %,d went through the spool", stats.spooledTotal()));
        }
        if (stats.dropped() > 0) {
            line.append(String.format(Locale.ROOT, ", %,d DROPPED from the full spool", stats.dropped()));
        }
        if (stats.failures() > 0) {
            line.append(String.format(Locale.ROOT, ", %,d failed attempts", stats.failures()));
        }
        if (stats.pending() > 0) {
            line.append(String.format(Locale.ROOT, "; %,d NOT written yet, kept in %s for the next start "
                    + "(last error: %s)", stats.pending(), sink.settings().spoolDir(),
                    stats.lastError().orElse("none")));
        }
        return line.toString();
    }
}
