package io.marketfeed.api.model;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.protocol.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * An OHLC bar.
 *
 * @param interval bar length, such as one minute
 * @param openTime start of the bar
 * @param volume nullable
 */
public record Candle(String provider, String symbol, Duration interval, Instant openTime, BigDecimal open,
        BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume, Instant receivedAt)
        implements MarketEvent, MarketDataEvent {

    public Candle {
        requireNonNull(provider, "provider is null");
        requireNonNull(symbol, "symbol is null");
        requireNonNull(interval, "interval is null");
        requireNonNull(openTime, "openTime is null");
        requireNonNull(open, "open is null");
        requireNonNull(high, "high is null");
        requireNonNull(low, "low is null");
        requireNonNull(close, "close is null");
        requireNonNull(receivedAt, "receivedAt is null");
    }

    @Override
    public String type() {
        return "candle";
    }

    @Override
    public String topic() {
        return Topics.CANDLES;
    }
}
