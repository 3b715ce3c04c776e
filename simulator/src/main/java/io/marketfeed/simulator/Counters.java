package io.marketfeed.simulator;

/**
 * Totals of one simulation since it started or was last {@linkplain Observation#clear() cleared}.
 *
 * @param handshakes handshake attempts of any outcome
 * @param accepted handshakes that led to an authenticated connection
 * @param refused handshakes answered with an HTTP error (refuse fault, rejected origin)
 * @param authFailures connections closed at once for a bad or inactive credential
 * @param framesReceived text frames received from clients
 * @param framesSent frames whose write completed
 * @param framesSuppressed frames not sent because the connection was stalled
 * @param framesDropped frames not sent because the client fell too far behind (bounded per-connection queue)
 * @param malformedSent malformed frames injected
 * @param ghostSent frames injected for a symbol nobody subscribed
 * @param duplicateSubscribes subscribes for a symbol the connection already had
 */
public record Counters(long handshakes, long accepted, long refused, long authFailures, long framesReceived,
        long framesSent, long framesSuppressed, long framesDropped, long malformedSent, long ghostSent,
        long duplicateSubscribes) {
}
