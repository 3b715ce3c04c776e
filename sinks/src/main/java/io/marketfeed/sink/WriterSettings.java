package io.marketfeed.sink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How a {@link SinkWriter} batches, retries and spools: the common keys of every sink block.
 *
 * @param batchSize commit once this many events wait ({@code batch-size}, default 100)
 * @param flushInterval or once the oldest waiting event has waited this long ({@code flush-interval}, 200 ms)
 * @param queueCapacity events held in memory for the writer; past it they go to the spool
 *                      ({@code queue-capacity}, 10 000)
 * @param spoolDir where events wait on disk while the store is down or behind ({@code spool.dir},
 *                 default {@code spool/<sink name>})
 * @param spoolMaxBytes the spool's bound ({@code spool.max-size}, 1 GiB)
 * @param whenFull what happens past the bound ({@code spool.when-full})
 * @param retryInitialDelay the first wait after a failed write ({@code retry.initial-delay}, 100 ms); it
 *                          doubles up to {@code retryMaxDelay}, with ±20 % jitter
 * @param retryMaxDelay the longest wait between attempts ({@code retry.max-delay}, 30 s)
 */
public record WriterSettings(int batchSize, Duration flushInterval, int queueCapacity, Path spoolDir,
        long spoolMaxBytes, WhenFull whenFull, Duration retryInitialDelay, Duration retryMaxDelay) {

    /** What happens to new events when the spool has reached its bound. */
    public enum WhenFull {
        /** The feeds wait: this sink stops taking events, and back-pressure reaches the sockets. Nothing lost. */
        BLOCK,
        /** The oldest spooled events are deleted to make room; every one is counted and logged. */
        DROP_OLDEST
    }

    /** The defaults, spooling to {@code spoolDir}. */
    public static WriterSettings defaults(Path spoolDir) {
        return new WriterSettings(100, Duration.ofMillis(200), 10_000, spoolDir, 1L << 30, WhenFull.BLOCK,
                Duration.ofMillis(100), Duration.ofSeconds(30));
    }

    /**
     * The common keys of {@code config}, checked.
     *
     * @param workingDirectory what the default spool folder, {@code spool/<name>}, is relative to
     */
    public static WriterSettings read(SinkConfig config, Path workingDirectory) {
        WriterSettings defaults = defaults(workingDirectory.resolve("spool").resolve(config.name()));
        Duration initial = config.duration("retry.initial-delay", defaults.retryInitialDelay());
        Duration max = config.duration("retry.max-delay", defaults.retryMaxDelay());
        if (max.compareTo(initial) < 0) {
            throw config.problem("retry.max-delay", "must not be shorter than retry.initial-delay (" + initial
                    .toMillis() + " ms)");
        }
        return new WriterSettings(
                config.integer("batch-size", defaults.batchSize(), 1, 100_000),
                config.duration("flush-interval", defaults.flushInterval()),
                config.integer("queue-capacity", defaults.queueCapacity(), 1, 10_000_000),
                config.path("spool.dir", defaults.spoolDir().toString()),
                config.bytes("spool.max-size", defaults.spoolMaxBytes(), 1L << 20),
                "drop-oldest".equals(config.choice("spool.when-full", "block", Set.of("block", "drop-oldest")))
                        ? WhenFull.DROP_OLDEST : WhenFull.BLOCK,
                initial, max);
    }

    /**
     * The size of one spool segment file: a sixteenth of the bound, between 64 KiB and 64 MiB, so that
     * {@link WhenFull#DROP_OLDEST} always has whole segments to delete besides the one being read and the one
     * being written.
     */
    long segmentBytes() {
        return Math.max(64L << 10, Math.min(64L << 20, spoolMaxBytes / 16));
    }
}
