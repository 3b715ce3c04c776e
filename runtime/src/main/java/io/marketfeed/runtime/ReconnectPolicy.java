package io.marketfeed.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Exponential backoff with jitter for reconnects. Attempt {@code n} (1-based) waits
 * {@code min(maxDelay, initialDelay × multiplier^(n-1))}, scaled by a random factor in
 * {@code [1 - jitter, 1 + jitter]}, and never less than a classification's minimum delay. The attempt count
 * starts again once a connection stayed up for {@code resetAfter}.
 *
 * <p>The endpoint's minimum reconnect gap ({@link io.marketfeed.api.protocol.Limits#minReconnectGap}) is a floor
 * under this delay, measured from the previous attempt on the same endpoint and never added to it:
 * {@code max(delay, lastAttemptOnEndpoint + gap - now)}. The first connect of a connection is not held back by it.
 *
 * @param initialDelay delay before the first reconnect attempt
 * @param maxDelay cap of the exponential part
 * @param multiplier growth per attempt, at least 1
 * @param jitter relative spread, 0 to 1
 * @param resetAfter how long a connection must stay up to count as stable
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
        Duration resetAfter) {

    public ReconnectPolicy {
        requireNonNull(initialDelay, "initialDelay is null");
        requireNonNull(maxDelay, "maxDelay is null");
        requireNonNull(resetAfter, "resetAfter is null");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay, got " + initialDelay + " and "
                    + maxDelay);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
    }

    /** 1 s doubling to 30 s, ±20 % jitter, reset after 60 s up. */
    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.2, Duration.ofSeconds(60));
    }

    public ReconnectPolicy withDelays(Duration initial, Duration max) {
        return new ReconnectPolicy(initial, max, multiplier, jitter, resetAfter);
    }

    /**
     * The delay before attempt {@code attempt} (1-based) for a random draw {@code random} in [0, 1).
     * A pure function, so tests can check it without waiting.
     */
    public Duration delay(int attempt, double random) {
        double base = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, maxDelay.toNanos());
        double factor = 1.0 + jitter * (2.0 * random - 1.0);
        return Duration.ofNanos(Math.max(0L, Math.round(capped * factor)));
    }
}
