package io.marketfeed.toolkit;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * An epoch timestamp whose unit is told by its magnitude, as market data sends them: below 10^11 it counts
 * seconds (10 digits until the year 5138), below 10^14 milliseconds, below 10^17 microseconds, from there
 * nanoseconds. A fraction is kept down to the nanosecond and truncated below it. The instant is null when the
 * value is not positive or out of {@link Instant}'s range.
 *
 * <p>The usual value (a decimal of up to 18 digits, read by {@link ExactDecimal} into an unscaled {@code long})
 * is converted with {@code long} arithmetic, allocating only the {@code Instant}; any other (more digits, an
 * exponent) goes through {@code BigDecimal} with the same rule. Stateless and thread safe.
 */
public final class EpochTime {

    /** Below this a timestamp counts seconds, below the next milliseconds, then microseconds, then nanoseconds. */
    private static final long MILLIS_FROM = 100_000_000_000L;
    private static final long MICROS_FROM = 100_000_000_000_000L;
    private static final long NANOS_FROM = 100_000_000_000_000_000L;

    private static final BigDecimal MILLIS_FROM_DECIMAL = BigDecimal.valueOf(MILLIS_FROM);
    private static final BigDecimal MICROS_FROM_DECIMAL = BigDecimal.valueOf(MICROS_FROM);
    private static final BigDecimal NANOS_FROM_DECIMAL = BigDecimal.valueOf(NANOS_FROM);
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    /** 10^0 … 10^18, all a {@code long} holds. */
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private EpochTime() {
    }

    /**
     * The instant a text spells ({@link ExactDecimal}'s rule for the number, blanks around it allowed); null
     * when it is absent, no decimal, not positive or out of range. Allocates: for tests and cold paths.
     */
    public static Instant parse(CharSequence text) {
        ExactDecimal value = new ExactDecimal();
        return text != null && value.parse(text) ? of(value) : null;
    }

    /** The instant the last value {@code decimal} read stands for, or null. */
    public static Instant of(ExactDecimal decimal) {
        if (!decimal.isCompact() || decimal.scale() >= POWERS_OF_TEN.length) {
            return of(decimal.value());
        }
        long unscaled = decimal.unscaled();
        if (unscaled <= 0) {
            return null;
        }
        int scale = decimal.scale();
        long one = POWERS_OF_TEN[scale];
        long whole = unscaled / one;
        long fraction = unscaled % one;
        // The value is whole + fraction / 10^scale; it is below each bound exactly when its whole part is.
        int digitsBelowSecond;
        if (whole < MILLIS_FROM) {
            digitsBelowSecond = 0;
        } else if (whole < MICROS_FROM) {
            digitsBelowSecond = 3;
        } else if (whole < NANOS_FROM) {
            digitsBelowSecond = 6;
        } else {
            digitsBelowSecond = 9;
        }
        long unitsPerSecond = POWERS_OF_TEN[digitsBelowSecond];
        int nanosPerUnitDigits = 9 - digitsBelowSecond;
        long nanos = whole % unitsPerSecond * POWERS_OF_TEN[nanosPerUnitDigits]
                + (scale <= nanosPerUnitDigits ? fraction * POWERS_OF_TEN[nanosPerUnitDigits - scale]
                        : fraction / POWERS_OF_TEN[scale - nanosPerUnitDigits]);
        return Instant.ofEpochSecond(whole / unitsPerSecond, nanos);
    }

    /** The same rule for any decimal, with {@code BigDecimal} arithmetic; null for a null value. */
    public static Instant of(BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            return null;
        }
        BigDecimal nanos;
        if (value.compareTo(MILLIS_FROM_DECIMAL) < 0) {
            nanos = value.movePointRight(9);
        } else if (value.compareTo(MICROS_FROM_DECIMAL) < 0) {
            nanos = value.movePointRight(6);
        } else if (value.compareTo(NANOS_FROM_DECIMAL) < 0) {
            nanos = value.movePointRight(3);
        } else {
            nanos = value;
        }
        BigDecimal[] split = nanos.divideAndRemainder(NANOS_PER_SECOND);
        try {
            return Instant.ofEpochSecond(split[0].longValueExact(), split[1].longValue());
        } catch (ArithmeticException | DateTimeException e) {
            return null;
        }
    }
}
