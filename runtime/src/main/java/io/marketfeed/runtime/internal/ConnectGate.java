package io.marketfeed.runtime.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The minimum reconnect gap of a provider's endpoints ({@link io.marketfeed.api.protocol.Limits#minReconnectGap}),
 * kept per endpoint: a reconnect attempt on an endpoint comes no sooner than that endpoint's gap after its
 * previous attempt (made or already reserved), whichever connection made it. The gap is a floor under the backoff,
 * never added to it: {@code delay = max(backoff, lastAttempt + gap - now)}. A connection that was up longer than
 * the gap therefore reconnects after the backoff alone.
 *
 * <p>The first connect of each connection is not held back: vendors ask for spacing between reconnect attempts
 * (AllTick: 10 s on the free plan, 3 s on paid plans, stock and forex endpoints counted separately), and opening
 * several connections at start-up is what their multi-connection plans are for. A first connect still counts as
 * an attempt on its endpoint, so a reconnect right after it waits for the gap.
 *
 * <p>Times are nanoseconds on the engine's monotonic clock. Not thread safe: the control thread owns it.
 */
final class ConnectGate {

    /** Per endpoint: the latest attempt made or reserved. */
    private final Map<String, Long> lastAttempt = new HashMap<>();

    /** An attempt on {@code endpoint} is being made now (a first connect, or a reserved reconnect coming due). */
    void attempted(String endpoint, long now) {
        lastAttempt.merge(endpoint, now, Math::max);
    }

    /**
     * Reserves the next reconnect attempt on {@code endpoint}: after {@code backoffNanos}, and no sooner than
     * {@code gapNanos} after the endpoint's latest attempt, made or reserved.
     *
     * @return nanoseconds from {@code now} to the reserved attempt
     */
    long reserveReconnect(String endpoint, long now, long backoffNanos, long gapNanos) {
        long at = now + Math.max(0, backoffNanos);
        Long last = lastAttempt.get(endpoint);
        if (last != null && gapNanos > 0) {
            at = Math.max(at, last + gapNanos);
        }
        lastAttempt.merge(endpoint, at, Math::max);
        return at - now;
    }
}
