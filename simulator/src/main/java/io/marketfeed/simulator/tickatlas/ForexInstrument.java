package io.marketfeed.simulator.tickatlas;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One instrument of the simulated market.
 *
 * @param symbol {@code EURUSD}
 * @param start the opening bid; its scale is the instrument's precision (5 decimals for EURUSD, 3 for USDJPY)
 * @param spreadPoints the typical spread in points (smallest increments): 11 is 1.1 pips on EURUSD
 */
public record ForexInstrument(String symbol, BigDecimal start, int spreadPoints) {

    public ForexInstrument {
        requireNonNull(symbol, "symbol is null");
        requireNonNull(start, "start is null");
        if (symbol.isBlank()) {
            throw new IllegalArgumentException("symbol is blank");
        }
        if (start.signum() <= 0 || start.scale() < 0) {
            throw new IllegalArgumentException(symbol + ": the start price must be positive with a scale of 0 or "
                    + "more, got " + start.toPlainString());
        }
        if (spreadPoints < 1) {
            throw new IllegalArgumentException(symbol + ": spreadPoints must be at least 1, got " + spreadPoints);
        }
    }

    /** The smallest price increment, at the instrument's scale: {@code 0.00001} for EURUSD. */
    public BigDecimal point() {
        return BigDecimal.ONE.movePointLeft(start.scale());
    }
}
