package io.marketfeed.bench.sinks;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.HoconSinkConfig;
import io.marketfeed.sink.SinkFactory;
import io.marketfeed.sink.SinkStats;
import io.marketfeed.sink.SinkWriter;
import io.marketfeed.sink.WriterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One sink's sustained rate through a {@link SinkWriter} at its default settings (100 events / 200 ms per batch, a
 * 10,000-event queue): after a warm-up that also opens the sink (connecting, creating the tables or topics), the
 * measured events are fed as fast as the writer takes them (the feed waits whenever half the queue is waiting, so
 * nothing goes to the spool), and the time runs until {@code close()} returns with everything written.
 */
final class SustainedRun {

    static final int WARM_UP = 2_000;
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(120);

    /**
     * @param nanos from the first measured event to {@code close()}'s return
     * @param stats the writer's at the end (the warm-up included)
     * @param stored what the store holds afterwards (the warm-up included)
     * @param bytes what the area takes on disk, or -1
     * @param remark the store's {@link Store#remark}, or null
     * @param problem why the run did not finish, else null
     */
    record Result(int events, long nanos, SinkStats stats, long stored, long bytes, String remark, String problem) {

        /** Events per second. */
        double rate() {
            return events * 1e9 / nanos;
        }

        long expected() {
            return WARM_UP + events;
        }
    }

    private SustainedRun() {
    }

    /**
     * Writes {@code warmUp} ({@link #WARM_UP} events), then the measured {@code events}, into {@code area} of
     * {@code store}; the writer's spool goes to {@code work/spool/<area>}.
     */
    static Result run(Store store, SinkFactory factory, String area, List<MarketEvent> warmUp,
            List<MarketEvent> events, Path work) throws Exception {
        HoconSinkConfig config = store.config(area);
        WriterSettings settings = WriterSettings.read(config, work);
        SinkWriter writer = SinkWriter.start(area, factory.create(config), settings);
        long nanos;
        SinkStats stats;
        try {
            feed(writer, warmUp, settings.queueCapacity());
            if (!await(writer, WARM_UP, OPEN_TIMEOUT)) {
                SinkStats failed = writer.close(Duration.ofSeconds(5));
                return new Result(events.size(), 1, failed, -1, -1, null, "the warm-up was not written within "
                        + OPEN_TIMEOUT.toSeconds() + " s: " + failed.lastError().orElse("no error reported"));
            }
            long start = System.nanoTime();
            feed(writer, events, settings.queueCapacity());
            stats = writer.close(CLOSE_TIMEOUT);
            nanos = System.nanoTime() - start;
        } finally {
            writer.close(Duration.ofSeconds(5)); // a no-op once closed
        }
        String problem = stats.pending() == 0 ? null : stats.pending() + " events not written when close() returned";
        return new Result(events.size(), nanos, stats, store.count(area), store.bytes(area), store.remark(area),
                problem);
    }

    /** Feeds {@code events}, waiting while more than half of {@code queueCapacity} events wait to be written. */
    private static void feed(SinkWriter writer, List<MarketEvent> events, int queueCapacity) {
        int window = queueCapacity / 2;
        long fed = writer.stats().received();
        long written = writer.stats().written();
        for (MarketEvent event : events) {
            writer.onEvent(event);
            fed++;
            if (fed - written > window) {
                while (fed - (written = writer.stats().written()) > window) {
                    LockSupport.parkNanos(50_000);
                }
            }
        }
        writer.onCaughtUp();
    }

    private static boolean await(SinkWriter writer, long written, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (writer.stats().written() < written) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }
}
