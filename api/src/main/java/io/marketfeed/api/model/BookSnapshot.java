package io.marketfeed.api.model;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.protocol.Topics;
import java.time.Instant;
import java.util.List;

/**
 * A full order-book snapshot, best level first on each side.
 *
 * @param time the provider's timestamp; nullable
 */
public record BookSnapshot(String provider, String symbol, List<BookLevel> bids, List<BookLevel> asks, Instant time,
        Instant receivedAt) implements MarketEvent, MarketDataEvent {

    public BookSnapshot {
        requireNonNull(provider, "provider is null");
        requireNonNull(symbol, "symbol is null");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
        requireNonNull(receivedAt, "receivedAt is null");
    }

    @Override
    public String type() {
        return "book";
    }

    @Override
    public String topic() {
        return Topics.BOOK;
    }
}
