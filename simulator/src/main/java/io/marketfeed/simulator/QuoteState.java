package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One symbol's quote after a generator step. Prices have scale 2; {@code changePercent} is a percentage of scale 2
 * (0.55 means 0.55 %).
 */
public record QuoteState(String symbol, BigDecimal price, BigDecimal change, BigDecimal changePercent, long volume,
        BigDecimal bid, BigDecimal ask, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal previousClose,
        Instant updatedAt) {

    public QuoteState {
        requireNonNull(symbol, "symbol is null");
        requireNonNull(price, "price is null");
        requireNonNull(change, "change is null");
        requireNonNull(changePercent, "changePercent is null");
        requireNonNull(bid, "bid is null");
        requireNonNull(ask, "ask is null");
        requireNonNull(open, "open is null");
        requireNonNull(high, "high is null");
        requireNonNull(low, "low is null");
        requireNonNull(previousClose, "previousClose is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
