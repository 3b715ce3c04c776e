package io.marketfeed.api.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A provider-side alert or notification.
 *
 * @param symbol nullable when the alert is not about one symbol
 * @param kind the provider's alert kind
 * @param time nullable provider timestamp
 */
public record Alert(String provider, String symbol, String kind, String message, Instant time, Instant receivedAt)
        implements MarketEvent {

    public Alert {
        requireNonNull(provider, "provider is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(message, "message is null");
        requireNonNull(receivedAt, "receivedAt is null");
    }

    @Override
    public String type() {
        return "alert";
    }
}
