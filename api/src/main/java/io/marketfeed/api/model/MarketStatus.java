package io.marketfeed.api.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The state of a market or trading session.
 *
 * @param market the market, such as {@code KOSPI} or {@code TADAWUL}
 * @param status the provider's status word, such as {@code open} or {@code closed}
 * @param message nullable free text
 * @param time nullable provider timestamp
 */
public record MarketStatus(String provider, String market, String status, String message, Instant time,
        Instant receivedAt) implements MarketEvent {

    public MarketStatus {
        requireNonNull(provider, "provider is null");
        requireNonNull(market, "market is null");
        requireNonNull(status, "status is null");
        requireNonNull(receivedAt, "receivedAt is null");
    }

    @Override
    public String type() {
        return "market";
    }
}
