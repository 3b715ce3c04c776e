package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import java.time.Duration;

/**
 * One connection's state as the world sees it: each change published as a {@link ConnectionEvent}, the last
 * state and reason kept for snapshots, and the time the socket was up (connected or paused by the server) summed.
 *
 * <p>Threading: changed on the control thread; {@link #state()} and {@link #reason()} are read by snapshots.
 */
final class ConnectionStates {

    private final String provider;
    private final String connection;
    private final EngineContext context;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile String reason;
    /** Since when the socket has been up, or -1; with the time up before. */
    private volatile long upSinceNanos = -1;
    private volatile long upNanos;

    ConnectionStates(String provider, String connection, EngineContext context) {
        this.provider = provider;
        this.connection = connection;
        this.context = context;
    }

    /** Moves to {@code next} and publishes it, with the attempt number and when the next attempt comes. */
    void change(ConnectionState next, String why, int attempt, Duration nextAttemptIn) {
        boolean up = next == ConnectionState.CONNECTED || next == ConnectionState.PAUSED;
        long now = context.nanoTime();
        if (up && upSinceNanos < 0) {
            upSinceNanos = now;
        } else if (!up && upSinceNanos >= 0) {
            upNanos += now - upSinceNanos;
            upSinceNanos = -1;
        }
        state = next;
        reason = why;
        context.publish(new ConnectionEvent(provider, connection, next, why, attempt, nextAttemptIn,
                context.clock().instant()));
    }

    ConnectionState state() {
        return state;
    }

    String reason() {
        return reason;
    }

    /** How long the socket has been up, in all. */
    Duration upTime() {
        long since = upSinceNanos;
        return Duration.ofNanos(upNanos + (since < 0 ? 0 : context.nanoTime() - since));
    }
}
