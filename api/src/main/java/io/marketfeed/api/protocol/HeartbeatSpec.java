package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How liveness is kept and proven on a connection. The runtime schedules pings on its own timer, which does
 * not depend on message handling, and replaces a connection that shows no liveness within
 * {@code staleTimeout} (the silence becomes a gap event).
 *
 * @param pinger who sends heartbeats
 * @param interval how often the client pings (when {@code pinger} is {@link Pinger#CLIENT})
 * @param staleTimeout the longest silence accepted before the connection is declared stale
 * @param liveness what proves the connection alive
 */
public record HeartbeatSpec(Pinger pinger, Duration interval, Duration staleTimeout, Liveness liveness) {

    /** Who sends heartbeats. */
    public enum Pinger {
        /** The client sends {@link ProtocolSession#heartbeat()} every {@code interval}. */
        CLIENT,
        /** The server sends heartbeats unprompted; the client only watches. */
        SERVER,
        /** Nobody; only data proves liveness. */
        NONE
    }

    /** What counts as a sign of life. */
    public enum Liveness {
        /** Any frame from the server. */
        ANY_FRAME,
        /** Only frames the decoder marks with {@link DecodeOutput#heartbeat()}. */
        HEARTBEAT_ONLY
    }

    public HeartbeatSpec {
        requireNonNull(pinger, "pinger is null");
        requireNonNull(interval, "interval is null");
        requireNonNull(staleTimeout, "staleTimeout is null");
        requireNonNull(liveness, "liveness is null");
        if (staleTimeout.isZero() || staleTimeout.isNegative()) {
            throw new IllegalArgumentException("staleTimeout must be positive, got " + staleTimeout);
        }
        if (pinger == Pinger.CLIENT && (interval.isZero() || interval.isNegative())) {
            throw new IllegalArgumentException("interval must be positive when the client pings, got " + interval);
        }
    }

    public HeartbeatSpec withInterval(Duration value) {
        return new HeartbeatSpec(pinger, value, staleTimeout, liveness);
    }

    public HeartbeatSpec withStaleTimeout(Duration value) {
        return new HeartbeatSpec(pinger, interval, value, liveness);
    }
}
