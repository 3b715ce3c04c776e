package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Minimum price increments by price band, and exact tick arithmetic on {@link BigDecimal} prices of scale 2.
 *
 * <p>Each band's lower bound must be a multiple of its own tick and of every smaller tick, so stepping tick by
 * tick never leaves the grid when crossing a band boundary. Stepping down uses the tick of the band just below the
 * price (from 10.00 the next lower price is 9.99, not 9.98). Immutable and thread safe.
 */
public final class TickSizeTable {

    private static final BigDecimal CENT = new BigDecimal("0.01");

    /**
     * Saudi Exchange main market until June 2025: below 10 → 0.01, below 25 → 0.02, below 50 → 0.05, below 100 →
     * 0.10, from 100 → 0.20. The default.
     */
    public static final TickSizeTable TADAWUL = of(Map.of(
            "0", "0.01", "10", "0.02", "25", "0.05", "50", "0.10", "100", "0.20"));

    /**
     * Saudi Exchange bands since the June 2025 revision: below 25 → 0.01, below 50 → 0.02, below 100 → 0.05, below
     * 250 → 0.10, below 500 → 0.20, from 500 → 0.50.
     */
    public static final TickSizeTable TADAWUL_2025 = of(Map.of(
            "0", "0.01", "25", "0.02", "50", "0.05", "100", "0.10", "250", "0.20", "500", "0.50"));

    /** Lower bound of each band (inclusive) to its tick. */
    private final NavigableMap<BigDecimal, BigDecimal> bands;

    private TickSizeTable(NavigableMap<BigDecimal, BigDecimal> bands) {
        this.bands = bands;
    }

    /** Bands as lower bound → tick, written as decimal strings; a band starting at 0 is required. */
    public static TickSizeTable of(Map<String, String> bands) {
        NavigableMap<BigDecimal, BigDecimal> parsed = new TreeMap<>();
        bands.forEach((bound, tick) -> parsed.put(new BigDecimal(bound).setScale(2, RoundingMode.UNNECESSARY),
                new BigDecimal(tick).setScale(2, RoundingMode.UNNECESSARY)));
        if (!parsed.containsKey(BigDecimal.ZERO.setScale(2))) {
            throw new IllegalArgumentException("tick size bands must start at 0");
        }
        BigDecimal previousTick = null;
        for (Map.Entry<BigDecimal, BigDecimal> band : parsed.entrySet()) {
            BigDecimal bound = band.getKey();
            if (band.getValue().signum() <= 0 || !isMultiple(bound, band.getValue())
                    || (previousTick != null && !isMultiple(bound, previousTick))) {
                throw new IllegalArgumentException("band " + bound + " with tick " + band.getValue()
                        + " is not on the tick grid of its own or the previous band");
            }
            previousTick = band.getValue();
        }
        return new TickSizeTable(parsed);
    }

    /** The tick of the band containing {@code price}. */
    public BigDecimal tickAt(BigDecimal price) {
        var band = bands.floorEntry(price);
        return band == null ? bands.firstEntry().getValue() : band.getValue();
    }

    /** {@code price} moved by {@code ticks} steps (negative: down). */
    public BigDecimal move(BigDecimal price, int ticks) {
        BigDecimal result = requireNonNull(price, "price is null");
        for (int i = 0; i < Math.abs(ticks); i++) {
            result = ticks > 0 ? result.add(tickAt(result)) : result.subtract(tickAt(result.subtract(CENT)));
        }
        return result;
    }

    /** The highest price on the grid that is not above {@code value}. */
    public BigDecimal roundDown(BigDecimal value) {
        BigDecimal tick = tickAt(value);
        return value.divide(tick, 0, RoundingMode.FLOOR).multiply(tick).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** The lowest price on the grid that is not below {@code value}. */
    public BigDecimal roundUp(BigDecimal value) {
        BigDecimal tick = tickAt(value);
        return value.divide(tick, 0, RoundingMode.CEILING).multiply(tick).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Whether {@code price} is a valid price on this grid. */
    public boolean isOnGrid(BigDecimal price) {
        return isMultiple(price, tickAt(price));
    }

    private static boolean isMultiple(BigDecimal value, BigDecimal tick) {
        return value.remainder(tick).signum() == 0;
    }

    @Override
    public String toString() {
        return "TickSizeTable" + bands;
    }
}
