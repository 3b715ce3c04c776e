package io.marketfeed.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How the kit waits for a condition: on real time ({@link #REAL}, {@link Await}), or, for a feed on a virtual
 * network, by letting virtual time pass ({@link VirtualTime}). A timeout is measured on the same time.
 */
interface Waiter {

    /** Waits on real time, re-checking whenever a recorder records something. */
    Waiter REAL = Await::holdsWithin;

    /** Whether {@code condition} came to hold within {@code timeout}. */
    boolean holdsWithin(BooleanSupplier condition, Duration timeout);

    /** Waits until {@code condition} holds; fails with the supplied message otherwise. */
    default void until(BooleanSupplier condition, Duration timeout, Supplier<String> failure) {
        if (!holdsWithin(condition, timeout)) {
            fail(failure.get());
        }
    }

    /** Checks that {@code condition} stays false for the whole of {@code period}, failing as soon as it holds. */
    default void staysFalse(BooleanSupplier condition, Duration period, Supplier<String> failure) {
        if (holdsWithin(condition, period)) {
            fail(failure.get());
        }
    }
}
