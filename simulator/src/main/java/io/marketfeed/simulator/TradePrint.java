package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One generated trade.
 *
 * @param price scale 2
 * @param quantity shares
 * @param value price × quantity, scale 2
 * @param buy whether the aggressor bought (the trade lifted the offer)
 */
public record TradePrint(String symbol, BigDecimal price, long quantity, BigDecimal value, boolean buy,
        Instant time) {

    public TradePrint {
        requireNonNull(symbol, "symbol is null");
        requireNonNull(price, "price is null");
        requireNonNull(value, "value is null");
        requireNonNull(time, "time is null");
    }

    public String side() {
        return buy ? "buy" : "sell";
    }
}
