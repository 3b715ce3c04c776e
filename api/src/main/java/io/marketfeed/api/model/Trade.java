package io.marketfeed.api.model;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.protocol.Topics;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One executed trade.
 *
 * @param price execution price
 * @param size executed quantity
 * @param value traded value (turnover); nullable
 * @param side aggressor side, {@link Side#UNKNOWN} when not sent
 * @param tradeId the provider's trade id or sequence; nullable
 * @param time the provider's timestamp; nullable
 */
public record Trade(String provider, String symbol, BigDecimal price, BigDecimal size, BigDecimal value, Side side,
        String tradeId, Instant time, Instant receivedAt) implements MarketEvent, MarketDataEvent {

    public Trade {
        requireNonNull(provider, "provider is null");
        requireNonNull(symbol, "symbol is null");
        requireNonNull(price, "price is null");
        requireNonNull(size, "size is null");
        requireNonNull(side, "side is null");
        requireNonNull(receivedAt, "receivedAt is null");
    }

    @Override
    public String type() {
        return "trade";
    }

    @Override
    public String topic() {
        return Topics.TRADES;
    }
}
