package io.marketfeed.api.model;

import java.util.Locale;

/** Lifecycle of one connection. */
public enum ConnectionState {
    /** A handshake is in flight. */
    CONNECTING,
    /** Open and ready; subscriptions are being (re)sent. */
    CONNECTED,
    /** Lost or closed; a reconnect may follow. */
    DISCONNECTED,
    /** Waiting for the backoff delay before the next attempt. */
    RECONNECTING,
    /** Stopped on a fatal classification; never retried. The reason says what to fix. */
    FAILED,
    /** Connected, but the server said to expect no data for a while (for example a spent quota). */
    PAUSED,
    /** Closed on purpose (graceful stop or no longer needed). */
    CLOSED;

    /** The lower-case name used in output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
