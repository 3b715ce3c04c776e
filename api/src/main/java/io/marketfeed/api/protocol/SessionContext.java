package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Facts about the connection a {@link ProtocolSession} serves.
 *
 * @param connectionId the runtime's name for it, such as {@code sahmk/quotes#2}
 * @param endpoint the endpoint it is connected to
 */
public record SessionContext(String connectionId, Endpoint endpoint) {
    public SessionContext {
        requireNonNull(connectionId, "connectionId is null");
        requireNonNull(endpoint, "endpoint is null");
    }
}
