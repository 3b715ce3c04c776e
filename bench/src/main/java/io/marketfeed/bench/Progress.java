package io.marketfeed.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a client to receive every serial, and gives up on silence instead of hanging. */
public final class Progress {

    private Progress() {
    }

    /**
     * How long to wait.
     *
     * @param firstEvent longest wait for the first event (connecting, subscribing, a JVM starting)
     * @param idle longest silence once events flow
     * @param total longest wait overall
     */
    public record Limits(Duration firstEvent, Duration idle, Duration total) {
    }

    /**
     * Waits until every serial arrived, or a limit passed, or {@code gaveUp} says the client is gone.
     *
     * @return null when complete, else why it stopped waiting (for the table's notes)
     */
    public static String await(Serials serials, Limits limits, BooleanSupplier gaveUp) {
        long start = System.nanoTime();
        long lastCount = 0;
        long lastChange = start;
        while (true) {
            if (serials.complete()) {
                return null;
            }
            long now = System.nanoTime();
            long count = serials.received();
            if (count != lastCount) {
                lastCount = count;
                lastChange = now;
            }
            if (gaveUp.getAsBoolean()) {
                return count == 0 ? "the client stopped before any quote arrived" : "the client stopped early";
            }
            if (count == 0 && now - start > limits.firstEvent().toNanos()) {
                return "no quote within " + Fmt.duration(limits.firstEvent());
            }
            if (count > 0 && now - lastChange > limits.idle().toNanos()) {
                return "stopped waiting after " + Fmt.duration(limits.idle()) + " without a new quote";
            }
            if (now - start > limits.total().toNanos()) {
                return "stopped waiting after " + Fmt.duration(limits.total()) + " in all";
            }
            sleep(5);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
