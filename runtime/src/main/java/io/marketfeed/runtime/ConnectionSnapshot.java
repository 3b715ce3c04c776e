package io.marketfeed.runtime;

import io.marketfeed.api.model.ConnectionState;
import java.time.Instant;

/**
 * The state of one connection at a moment.
 *
 * @param provider provider id
 * @param connection connection id, such as {@code sahmk/quotes#1}
 * @param endpoint the endpoint's URL (never with credentials)
 * @param state current state
 * @param symbols subscriptions assigned to this connection
 * @param confirmed subscriptions the server acknowledged
 * @param framesReceived frames received over the connection's life (all attempts)
 * @param lastFrameAt when the last frame arrived; nullable
 * @param attempt current reconnect attempt, 0 when up
 * @param reason the last reason for a state change; nullable
 */
public record ConnectionSnapshot(String provider, String connection, String endpoint, ConnectionState state,
        int symbols, int confirmed, long framesReceived, Instant lastFrameAt, int attempt, String reason) {
}
