package io.marketfeed.sink;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer thread of one sink: takes batches from the {@link Handoff}, writes each until the store has it
 * (opening the sink again and backing off with jitter after every failure), and tells the handoff.
 *
 * <p>{@link #run()} runs on the writer thread, which alone calls the {@link Sink}; the counters are read by any
 * thread.
 */
final class WriteLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(WriteLoop.class);
    private static final long REMINDER_NANOS = Duration.ofMinutes(1).toNanos();

    private final String name;
    private final Sink sink;
    private final Handoff handoff;
    private final WriterSettings settings;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long downSince;
    private volatile String lastError;
    private boolean open;
    private long lastReminder;

    WriteLoop(String name, Sink sink, Handoff handoff, WriterSettings settings) {
        this.name = name;
        this.sink = sink;
        this.handoff = handoff;
        this.settings = settings;
    }

    @Override
    public void run() {
        try {
            Handoff.Taken taken;
            while ((taken = handoff.take()) != null) {
                if (!writeUntilDone(taken.batch())) {
                    return;
                }
                handoff.done(taken);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The spool itself failed (a damaged segment); what is unwritten stays in it for the next start.
            lastError = describe(e);
            log.error("Sink '{}' stopped writing: {}", name, lastError);
        } finally {
            if (open) {
                sink.close();
            }
        }
    }

    /** Writes {@code batch}, retrying; false when the stop gave up waiting for the store. */
    private boolean writeUntilDone(EventBatch batch) throws InterruptedException {
        long delay = settings.retryInitialDelay().toNanos();
        while (true) {
            try {
                if (!open) {
                    sink.open();
                    open = true;
                }
                sink.write(batch);
                written.addAndGet(batch.size());
                if (downSince != 0) {
                    log.info("Sink '{}' writes again after {} s", name,
                            Duration.ofNanos(System.nanoTime() - downSince).toSeconds());
                    downSince = 0;
                }
                return true;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
                // A broken store or driver (a missing class, a failed assertion) is retried like a store that is
                // down: the events stay queued or spooled, and the feeds go on.
                failed(e);
            }
            long jittered = (long) (delay * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
            if (!handoff.pause(jittered)) {
                return false;
            }
            delay = Math.min(delay * 2, settings.retryMaxDelay().toNanos());
        }
    }

    private void failed(Throwable e) {
        failures.incrementAndGet();
        lastError = describe(e);
        if (open) {
            sink.close();
            open = false;
        }
        long now = System.nanoTime();
        if (downSince == 0) {
            downSince = now;
            lastReminder = now;
            log.warn("Sink '{}' cannot write: {}. Retrying (up to every {} s); new events wait in its spool {} "
                    + "(up to {} MiB, then {})", name, lastError, settings.retryMaxDelay().toSeconds(),
                    settings.spoolDir(), settings.spoolMaxBytes() >> 20,
                    settings.whenFull() == WriterSettings.WhenFull.BLOCK ? "the feeds wait" : "the oldest are dropped");
        } else if (now - lastReminder >= REMINDER_NANOS) {
            lastReminder = now;
            log.warn("Sink '{}' still cannot write after {} s: {}", name,
                    Duration.ofNanos(now - downSince).toSeconds(), lastError);
        }
    }

    long written() {
        return written.get();
    }

    long failures() {
        return failures.get();
    }

    Optional<Duration> down() {
        long since = downSince;
        return since == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - since));
    }

    Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** The exception's own message, else its cause's, else its class: one line. */
    static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                return message.strip().replaceAll("\\s*\\R\\s*", " ");
            }
        }
        return error.getClass().getSimpleName();
    }
}
