package io.marketfeed.it.chaos;

import java.util.Set;

/**
 * Every fault the simulator's {@link io.marketfeed.simulator.FaultControl} can inject, as the chaos schedule uses
 * it. None is fatal: a refused credential stops a provider for good, which is checked on its own, not in the
 * schedule (whose invariant is that everything recovers).
 */
enum FaultKind {
    /** Connections dropped with a close frame (1001 going away, 1011 server error, 1012 restart). */
    DROP,
    /** Connections dropped without a close frame (the client sees 1006). */
    DROP_ABRUPT,
    /** Connections closed with a non-fatal application code and reason. */
    CLOSE,
    /** Silence with the socket open, shorter or longer than the stale timeout. */
    STALL,
    /** Frames the decoder cannot read. */
    MALFORMED,
    /** Data for a symbol nobody subscribed. */
    GHOST,
    /** Connections dropped and new handshakes answered with HTTP 503 for a while. */
    REFUSE,
    /** One symbol per subscribe request, announced, and connections dropped to start over with it. */
    LIMITS,
    /** The server stops or slows reading what the client sends. */
    SLOW_READING,
    /** Messages written as small continuation fragments with pauses. */
    PARTIAL_FRAMES;

    /**
     * The simulations a kind applies to. LIMITS only SAHMK, whose {@code connected} message announces a per-request
     * limit: TickAtlas has only a per-connection limit (a smaller one would need more connections than the key may
     * hold), AllTick would silently truncate a longer list (its real behaviour, covered by its own tests), and the
     * Screener has no override.
     */
    Set<String> simulations() {
        return this == LIMITS ? Set.of("sahmk") : Set.of("sahmk", "tickatlas", "alltick", "screener");
    }

    /** Whether the fault takes the connections down (a reconnect and a gap follow). */
    boolean disconnects() {
        return this == DROP || this == DROP_ABRUPT || this == CLOSE || this == REFUSE || this == LIMITS;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
