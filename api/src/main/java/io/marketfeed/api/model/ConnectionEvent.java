package io.marketfeed.api.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * A connection changed state.
 *
 * @param connection the connection's id, such as {@code sahmk/quotes#1}
 * @param reason nullable explanation (close code and reason, what to fix for {@link ConnectionState#FAILED})
 * @param attempt the reconnect attempt number, 0 for a first connect
 * @param nextAttemptIn for {@link ConnectionState#RECONNECTING}, the delay before the next attempt; nullable
 */
public record ConnectionEvent(String provider, String connection, ConnectionState state, String reason, int attempt,
        Duration nextAttemptIn, Instant receivedAt) implements MarketEvent {

    public ConnectionEvent {
        requireNonNull(provider, "provider is null");
        requireNonNull(connection, "connection is null");
        requireNonNull(state, "state is null");
        requireNonNull(receivedAt, "receivedAt is null");
    }

    @Override
    public String type() {
        return "connection";
    }
}
