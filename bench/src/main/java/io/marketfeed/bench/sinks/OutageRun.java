package io.marketfeed.bench.sinks;

import io.marketfeed.sink.HoconSinkConfig;
import io.marketfeed.sink.SinkFactory;
import io.marketfeed.sink.SinkStats;
import io.marketfeed.sink.SinkWriter;
import io.marketfeed.sink.WriterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The spool at work: a producer feeds a {@link SinkWriter} over the PostgreSQL sink a steady {@link #RATE} events/s
 * while the server is stopped for a while and started again on the same data and port. Measured from the writer's
 * statistics (sampled every 20 ms) and the spool folder: what was spooled, the spool's largest size, when writes
 * resumed and when the spool was empty again; and from the tables afterwards: whether every event is there once.
 *
 * <p>The writer's defaults except {@code retry.max-delay}: 2 s instead of 30 s, so that the time to drain measures
 * the drain and not how far the backoff happened to have grown.
 */
final class OutageRun {

    static final int RATE = 5_000;
    static final Duration RETRY_MAX_DELAY = Duration.ofSeconds(2);
    private static final int CHUNK = 50;
    private static final long CHUNK_NANOS = TimeUnit.SECONDS.toNanos(1) * CHUNK / RATE;
    private static final int BEFORE = 10_000;
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(180);

    /**
     * Nanosecond figures are from the restart's start; -1 when it never came.
     *
     * @param fed events the producer fed
     * @param stats the writer's statistics after {@code close()}
     * @param writtenAtStop events written when the server had stopped
     * @param maxSpooled the most events in the spool at once
     * @param maxSpoolBytes the most bytes in the spool folder at once
     * @param restartNanos until the server was up again
     * @param firstWriteNanos until the writer wrote again
     * @param drainedNanos until the spool was empty again
     * @param stored rows in the tables afterwards
     * @param distinctSequences distinct sequence numbers among them
     * @param maxSequence the highest sequence number among them
     */
    record Result(Duration outage, long fed, SinkStats stats, long writtenAtStop, long maxSpooled, long maxSpoolBytes,
            long restartNanos, long firstWriteNanos, long drainedNanos, long stored, long distinctSequences,
            long maxSequence) {

        /** Fed and not in the tables; 0 when nothing was lost. */
        long lost() {
            return fed - distinctSequences;
        }

        /** Whether the tables hold sequence numbers 0..fed-1, each once. */
        boolean complete() {
            return stored == fed && distinctSequences == fed && maxSequence == fed - 1;
        }
    }

    private OutageRun() {
    }

    /** Runs it on {@code store} (running), in the area {@code outage}, with the spool in {@code work/spool}. */
    static Result run(PostgresStore store, SinkFactory factory, Duration outage, Path work) throws Exception {
        String area = "outage";
        HoconSinkConfig config = store.config(area);
        WriterSettings defaults = WriterSettings.read(config, work);
        WriterSettings settings = new WriterSettings(defaults.batchSize(), defaults.flushInterval(),
                defaults.queueCapacity(), defaults.spoolDir(), defaults.spoolMaxBytes(), defaults.whenFull(),
                defaults.retryInitialDelay(), RETRY_MAX_DELAY);
        SinkWriter writer = SinkWriter.start(area, factory.create(config), settings);
        Producer producer = new Producer(writer);
        Thread thread = new Thread(producer, "sinks-outage-producer");
        Sampler sampler = new Sampler(writer, settings.spoolDir());
        SinkStats stats;
        long writtenAtStop;
        long restart;
        long firstWrite = -1;
        long drained = -1;
        long up;
        try {
            thread.start();
            if (!sampler.until(() -> writer.stats().written() >= BEFORE, "the first " + BEFORE + " events written")) {
                throw new IllegalStateException("PostgreSQL took no writes before the outage: "
                        + writer.stats().lastError().orElse("no error reported"));
            }
            long stop = System.nanoTime();
            store.stop();
            writtenAtStop = writer.stats().written();
            System.err.println("sinks: PostgreSQL stopped for " + outage.toSeconds() + " s");
            sampler.until(() -> System.nanoTime() - stop >= outage.toNanos(), "the outage");
            restart = System.nanoTime();
            store.start();
            up = System.nanoTime() - restart;
            System.err.println("sinks: PostgreSQL started again");
            if (sampler.until(() -> writer.stats().written() > writtenAtStop, "a write after the restart")) {
                firstWrite = System.nanoTime() - restart;
                if (sampler.until(() -> writer.stats().spooled() == 0, "the spool emptied")) {
                    drained = System.nanoTime() - restart;
                }
            }
        } finally {
            producer.stop = true;
            thread.join(TimeUnit.SECONDS.toMillis(10));
            stats = writer.close(Duration.ofSeconds(60));
        }
        long[] sequences = store.sequences(area);
        return new Result(outage, stats.received(), stats, writtenAtStop, sampler.maxSpooled, sampler.maxBytes, up,
                firstWrite, drained, store.count(area), sequences[0], sequences[1]);
    }

    /** Feeds {@link #RATE} events/s, {@link #CHUNK} at a time each followed by {@code onCaughtUp}, until stopped. */
    private static final class Producer implements Runnable {
        private final SinkWriter writer;
        volatile boolean stop;

        Producer(SinkWriter writer) {
            this.writer = writer;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            for (long chunk = 0, i = 0; !stop; chunk++) {
                LockSupport.parkNanos(start + chunk * CHUNK_NANOS - System.nanoTime());
                for (int k = 0; k < CHUNK; k++) {
                    writer.onEvent(BenchEvents.event(i++));
                }
                writer.onCaughtUp();
            }
        }
    }

    /** Waits for conditions while keeping the largest spool seen. Used by the run's thread. */
    private static final class Sampler {
        private final SinkWriter writer;
        private final Path spoolDir;
        long maxSpooled;
        long maxBytes;

        Sampler(SinkWriter writer, Path spoolDir) {
            this.writer = writer;
            this.spoolDir = spoolDir;
        }

        /** Samples every 20 ms until {@code done}; false (and a line on stderr) after {@link #LIMIT_NANOS}. */
        boolean until(java.util.function.BooleanSupplier done, String what) {
            long deadline = System.nanoTime() + LIMIT_NANOS;
            while (true) {
                maxSpooled = Math.max(maxSpooled, writer.stats().spooled());
                maxBytes = Math.max(maxBytes, DiskUsage.of(spoolDir));
                if (done.getAsBoolean()) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    System.err.println("sinks: gave up waiting for " + what + " after "
                            + TimeUnit.NANOSECONDS.toSeconds(LIMIT_NANOS) + " s: " + writer.stats());
                    return false;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }
}
