package io.marketfeed.simulator.tickatlas;

/**
 * TickAtlas-specific totals of one simulation since it started or was last {@linkplain TickAtlasSimulation#clear()
 * cleared}. Handshakes, received messages and closes are in the generic
 * {@link io.marketfeed.simulator.Observation}; authentication happens after the handshake, so it is counted here.
 *
 * @param authenticated connections that authenticated
 * @param invalidKeys auth messages with an unknown key (or none), answered with {@code invalid_key}
 * @param forbidden auth messages with a key whose plan may not stream, answered with {@code forbidden}
 * @param authTimeouts connections closed with {@code auth_timeout}
 * @param connectionLimitRefusals auth messages refused with {@code connection_limit}
 * @param requestsBeforeAuth subscribe or unsubscribe requests that arrived before authentication
 * @param quotaExceededSent {@code quota_exceeded} errors sent
 * @param pushes quote pushes charged and sent
 * @param creditsCharged credits charged for them
 * @param pushesWithheld pushes not sent because the key's quota was spent
 * @param heartbeatsSent heartbeat frames sent
 */
public record TickAtlasCounters(long authenticated, long invalidKeys, long forbidden, long authTimeouts,
        long connectionLimitRefusals, long requestsBeforeAuth, long quotaExceededSent, long pushes,
        long creditsCharged, long pushesWithheld, long heartbeatsSent) {
}
