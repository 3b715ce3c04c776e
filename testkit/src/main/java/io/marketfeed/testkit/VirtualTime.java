package io.marketfeed.testkit;

import io.marketfeed.runtime.testing.ManualScheduler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waiting on virtual time: between checks of a condition, what is due now runs, the listeners are given what was
 * published ({@code settled}), and only then does virtual time move, to the next timer. So a wait for a reconnect
 * after a 200 ms backoff takes 200 ms of virtual time and next to no real time, and a timeout is virtual time.
 *
 * <p>Listeners still deliver on their own threads: waiting for them is a short real wait, bounded by
 * {@link #REAL_LIMIT}. Should an event be taken off its queue and not yet handed over at the moment the check
 * looks, time moves on one timer early; a condition on the event holds one step later. What a case measures it
 * measures with the virtual time of the server's records, which does not depend on that.
 *
 * <p>Used by the one test thread of a case.
 */
final class VirtualTime implements Waiter {

    /** The longest real time a wait may take, whatever its virtual timeout: a guard against a stuck runtime. */
    static final Duration REAL_LIMIT = Duration.ofSeconds(10);
    /** The longest single step of virtual time when no timer is due sooner. */
    private static final Duration MAX_STEP = Duration.ofMillis(100);

    private final ManualScheduler scheduler;
    private final BooleanSupplier listenersCaughtUp;

    /** @param listenersCaughtUp whether every listener has been handed every event published so far */
    VirtualTime(ManualScheduler scheduler, BooleanSupplier listenersCaughtUp) {
        this.scheduler = scheduler;
        this.listenersCaughtUp = listenersCaughtUp;
    }

    ManualScheduler scheduler() {
        return scheduler;
    }

    /** Virtual time since the network was made. */
    Duration elapsed() {
        return scheduler.elapsed();
    }

    /** Runs what is due now, and waits (real time, briefly) until the listeners have what it published. */
    void settle() {
        scheduler.runDue();
        Await.holdsWithin(listenersCaughtUp, REAL_LIMIT);
    }

    /** Lets {@code duration} of virtual time pass, timer by timer, settling after each. */
    void advance(Duration duration) {
        long end = scheduler.nanoTime() + duration.toNanos();
        settle();
        while (scheduler.nanoTime() < end) {
            scheduler.advance(step(end));
            settle();
        }
    }

    @Override
    public boolean holdsWithin(BooleanSupplier condition, Duration timeout) {
        long end = scheduler.nanoTime() + timeout.toNanos();
        long realDeadline = System.nanoTime() + REAL_LIMIT.toNanos();
        while (true) {
            settle();
            if (condition.getAsBoolean()) {
                return true;
            }
            if (scheduler.nanoTime() >= end || System.nanoTime() > realDeadline || scheduler.isShutdown()) {
                return false;
            }
            scheduler.advance(step(end));
        }
    }

    /**
     * To the next timer, at most {@link #MAX_STEP} and never past {@code end}; straight to {@code end} when no timer
     * is set at all (a stopped provider: nothing can happen until something is posted, and an hour of waiting is
     * then one step, not 36,000).
     */
    private Duration step(long end) {
        long left = end - scheduler.nanoTime();
        Optional<Duration> next = scheduler.nextDueIn();
        if (next.isEmpty()) {
            return Duration.ofNanos(left);
        }
        long step = Math.min(left, next.get().toNanos());
        step = Math.min(step, MAX_STEP.toNanos());
        return Duration.ofNanos(Math.max(step, Math.min(left, TimeUnit.MICROSECONDS.toNanos(1))));
    }
}
