package io.marketfeed.api.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * A runtime notice about a provider: limits learned from the server, a symbol rejected, credits, data
 * dropped for an unwanted symbol, a consumer falling behind.
 *
 * @param kind short machine-readable kind, such as {@code limits}, {@code rejected}, {@code credits}
 * @param message a sentence for people
 * @param details machine-readable values (never credentials)
 */
public record StatusEvent(String provider, String kind, String message, Map<String, String> details,
        Instant receivedAt) implements MarketEvent {

    public StatusEvent {
        requireNonNull(provider, "provider is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(message, "message is null");
        details = Map.copyOf(details);
        requireNonNull(receivedAt, "receivedAt is null");
    }

    @Override
    public String type() {
        return "status";
    }
}
