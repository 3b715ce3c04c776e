package io.marketfeed.provider.screener;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a timeout passes; the only way tests wait. */
final class Waits {

    private Waits() {
    }

    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> failure) {
        if (!holdsWithin(condition, timeout)) {
            fail(failure.get());
        }
    }

    /** Whether the condition became true within the timeout. */
    static boolean holdsWithin(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
