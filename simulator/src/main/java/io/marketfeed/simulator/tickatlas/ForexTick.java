package io.marketfeed.simulator.tickatlas;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One push's worth of data: the current bid/ask and the M1 bar of the minute, all at the instrument's scale.
 *
 * @param spread {@code ask - bid}, exactly
 * @param barTime the start of the bar's minute (UTC)
 * @param close the bar's latest bid (bars are bid bars)
 * @param volume the bar's tick volume
 * @param at when the step was taken
 */
public record ForexTick(String symbol, BigDecimal bid, BigDecimal ask, BigDecimal spread, Instant barTime,
        BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, long volume, Instant at) {

    public ForexTick {
        requireNonNull(symbol, "symbol is null");
        requireNonNull(bid, "bid is null");
        requireNonNull(ask, "ask is null");
        requireNonNull(spread, "spread is null");
        requireNonNull(barTime, "barTime is null");
        requireNonNull(open, "open is null");
        requireNonNull(high, "high is null");
        requireNonNull(low, "low is null");
        requireNonNull(close, "close is null");
        requireNonNull(at, "at is null");
    }
}
