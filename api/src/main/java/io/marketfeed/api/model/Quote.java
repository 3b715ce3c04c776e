package io.marketfeed.api.model;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.protocol.Topics;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The latest price of a symbol.
 *
 * @param provider provider id
 * @param symbol provider symbol
 * @param price last price; nullable when the provider sent only bid/ask
 * @param change absolute change against the previous close; nullable
 * @param changePercent change in percent (0.7 means 0.7 %); nullable
 * @param volume traded volume of the session; nullable
 * @param bid best bid; nullable
 * @param ask best ask; nullable
 * @param open session open; nullable
 * @param high session high; nullable
 * @param low session low; nullable
 * @param previousClose previous close; nullable
 * @param time the provider's timestamp; nullable
 * @param receivedAt local receive time
 */
public record Quote(String provider, String symbol, BigDecimal price, BigDecimal change, BigDecimal changePercent,
        BigDecimal volume, BigDecimal bid, BigDecimal ask, BigDecimal open, BigDecimal high, BigDecimal low,
        BigDecimal previousClose, Instant time, Instant receivedAt) implements MarketEvent, MarketDataEvent {

    public Quote {
        requireNonNull(provider, "provider is null");
        requireNonNull(symbol, "symbol is null");
        requireNonNull(receivedAt, "receivedAt is null");
    }

    @Override
    public String type() {
        return "quote";
    }

    @Override
    public String topic() {
        return Topics.QUOTES;
    }

    public static Builder builder(String provider, String symbol, Instant receivedAt) {
        return new Builder(provider, symbol, receivedAt);
    }

    /** Builds a quote from the few fields a provider happens to send. Not thread safe. */
    public static final class Builder {
        private final String provider;
        private final String symbol;
        private final Instant receivedAt;
        private BigDecimal price;
        private BigDecimal change;
        private BigDecimal changePercent;
        private BigDecimal volume;
        private BigDecimal bid;
        private BigDecimal ask;
        private BigDecimal open;
        private BigDecimal high;
        private BigDecimal low;
        private BigDecimal previousClose;
        private Instant time;

        private Builder(String provider, String symbol, Instant receivedAt) {
            this.provider = provider;
            this.symbol = symbol;
            this.receivedAt = receivedAt;
        }

        public Builder price(BigDecimal value) { this.price = value; return this; }
        public Builder change(BigDecimal value) { this.change = value; return this; }
        public Builder changePercent(BigDecimal value) { this.changePercent = value; return this; }
        public Builder volume(BigDecimal value) { this.volume = value; return this; }
        public Builder bid(BigDecimal value) { this.bid = value; return this; }
        public Builder ask(BigDecimal value) { this.ask = value; return this; }
        public Builder open(BigDecimal value) { this.open = value; return this; }
        public Builder high(BigDecimal value) { this.high = value; return this; }
        public Builder low(BigDecimal value) { this.low = value; return this; }
        public Builder previousClose(BigDecimal value) { this.previousClose = value; return this; }
        public Builder time(Instant value) { this.time = value; return this; }

        public Quote build() {
            return new Quote(provider, symbol, price, change, changePercent, volume, bid, ask, open, high, low,
                    previousClose, time, receivedAt);
        }
    }
}
