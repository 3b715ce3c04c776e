package io.marketfeed.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for conditions with a timeout: the only way the kit waits. A waiter wakes as soon as a
 * {@link ScriptedServer} or an {@link EventRecorder} records something, and re-checks at least every 10 ms for
 * conditions on anything else, so waits end as soon as the condition holds and never last a fixed time.
 */
public final class Await {

    private static final Object SIGNAL = new Object();
    /** Counts signals, so that a signal between a check and the pause after it is not missed. Under SIGNAL. */
    private static long signals;
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private Await() {
    }

    /** Waits until {@code condition} holds; fails with "{@code what} did not happen within …" otherwise. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(condition, timeout, () -> what + " did not happen within " + timeout.toMillis() + " ms");
    }

    /** Waits until {@code condition} holds; fails with the supplied message otherwise. */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> failure) {
        if (!holdsWithin(condition, timeout)) {
            fail(failure.get());
        }
    }

    /** Whether {@code condition} came to hold within {@code timeout}. */
    public static boolean holdsWithin(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = signals();
            if (condition.getAsBoolean()) {
                return true;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            if (!pause(seen, Math.min(remaining, RECHECK_NANOS))) {
                return condition.getAsBoolean();
            }
        }
    }

    /**
     * Checks that {@code condition} stays false for the whole of {@code period}, failing as soon as it becomes
     * true: for "nothing happens" assertions such as "no reconnect after a fatal close".
     */
    public static void staysFalse(BooleanSupplier condition, Duration period, Supplier<String> failure) {
        if (holdsWithin(condition, period)) {
            fail(failure.get());
        }
    }

    /** Wakes every waiter to re-check its condition; called by the kit's recorders on each change. */
    static void signal() {
        synchronized (SIGNAL) {
            signals++;
            SIGNAL.notifyAll();
        }
    }

    private static long signals() {
        synchronized (SIGNAL) {
            return signals;
        }
    }

    /**
     * Waits for a signal after the {@code seen}th, or the given time; false when interrupted (the interrupt is
     * kept).
     */
    private static boolean pause(long seen, long nanos) {
        synchronized (SIGNAL) {
            if (signals != seen) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(SIGNAL, nanos);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
