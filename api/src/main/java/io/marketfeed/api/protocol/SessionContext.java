package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Facts about the connection a {@link ProtocolSession} serves.
 *
 * @param connectionId the runtime's name for it, such as {@code sahmk/quotes#2}
 * @param endpoint the endpoint it is connected to
 * @param previous the session of this connection's previous attempt, if any: a reconnect can carry state
 *     forward from it (a server-side session id to restore, a refreshed token); it is no longer called.
 *     Copy what you need from it in {@link FeedProtocol#openSession}; never keep the reference, or every
 *     reconnect would keep the whole chain of earlier sessions alive
 */
public record SessionContext(String connectionId, Endpoint endpoint, Optional<ProtocolSession> previous) {
    public SessionContext {
        requireNonNull(connectionId, "connectionId is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(previous, "previous is null");
    }

    /** A first attempt. */
    public SessionContext(String connectionId, Endpoint endpoint) {
        this(connectionId, endpoint, Optional.empty());
    }
}
