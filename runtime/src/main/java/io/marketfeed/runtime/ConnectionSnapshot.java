package io.marketfeed.runtime;

import io.marketfeed.api.model.ConnectionState;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param symbolActivity each subscribed symbol with the time of its last market-data event, in symbol order
 *     (subscriptions to quotes, trades, book or candles; not a wildcard, nor a provider's own topics such as
 *     markets or sectors)
 */
public record ConnectionSnapshot(String provider, String connection, String endpoint, ConnectionState state,
        int symbols, int confirmed, long framesReceived, Instant lastFrameAt, int attempt, String reason,
        List<SymbolActivity> symbolActivity) {

    public ConnectionSnapshot {
        symbolActivity = symbolActivity == null ? List.of() : List.copyOf(symbolActivity);
    }

    /** Without per-symbol activity. */
    public ConnectionSnapshot(String provider, String connection, String endpoint, ConnectionState state,
            int symbols, int confirmed, long framesReceived, Instant lastFrameAt, int attempt, String reason) {
        this(provider, connection, endpoint, state, symbols, confirmed, framesReceived, lastFrameAt, attempt, reason,
                List.of());
    }

    /** Symbol to the time of its last market-data event, in symbol order; symbols without one are left out. */
    public Map<String, Instant> lastEventAt() {
        Map<String, Instant> times = new LinkedHashMap<>();
        for (SymbolActivity activity : symbolActivity) {
            if (activity.lastEventAt() != null) {
                times.put(activity.symbol(), activity.lastEventAt());
            }
        }
        return Collections.unmodifiableMap(times);
    }
}
