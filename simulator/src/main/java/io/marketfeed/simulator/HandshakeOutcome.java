package io.marketfeed.simulator;

/** What the simulator did with one WebSocket handshake. */
public enum HandshakeOutcome {
    /** Upgraded and authenticated; the protocol's welcome message follows. */
    ACCEPTED,
    /** Upgraded, then closed at once because the credential is unknown or missing (SAHMK 4401 or 4001). */
    AUTH_FAILED,
    /** Upgraded, then closed at once because the credential may not stream (SAHMK 4403, plan inactive). */
    FORBIDDEN,
    /** Answered with HTTP 503 because a refuse fault was active. */
    REFUSED,
    /** Answered with HTTP 403 because the request carried an {@code Origin} header and origin rejection is on. */
    ORIGIN_REJECTED
}
