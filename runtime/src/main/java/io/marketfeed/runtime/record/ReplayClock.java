package io.marketfeed.runtime.record;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The time a paced {@link Replay} waits on: the system's monotonic clock, or a virtual one in tests, so that a test
 * of the recorded pace never sleeps.
 *
 * <p>Threading: used by the replaying thread only.
 */
public interface ReplayClock {

    /** Now, in nanoseconds on an arbitrary, monotonic origin. */
    long nanoTime();

    /** Waits until {@link #nanoTime()} reaches {@code deadlineNanos}, or returns early once {@code stopped} holds. */
    void waitUntil(long deadlineNanos, BooleanSupplier stopped);

    /** {@link System#nanoTime()}; a stop is noticed within 50 ms. */
    static ReplayClock system() {
        return new ReplayClock() {
            private final long slice = TimeUnit.MILLISECONDS.toNanos(50);

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void waitUntil(long deadlineNanos, BooleanSupplier stopped) {
                long left = deadlineNanos - System.nanoTime();
                while (left > 0 && !stopped.getAsBoolean()) {
                    LockSupport.parkNanos(Math.min(left, slice));
                    left = deadlineNanos - System.nanoTime();
                }
            }
        };
    }
}
