package io.marketfeed.runtime.record;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How fast a {@link Replay} goes: {@link #MAX}, as fast as it can decode, or a factor of the recorded pace
 * ({@code 1x} keeps the recorded spacing of messages, {@code 2x} halves it, {@code 0.5x} doubles it).
 *
 * @param factor how many times faster than recorded; 0 for {@link #MAX}
 */
public record ReplaySpeed(double factor) {

    /** No waiting between messages. */
    public static final ReplaySpeed MAX = new ReplaySpeed(0);
    /** The recorded pace. */
    public static final ReplaySpeed RECORDED = new ReplaySpeed(1);

    private static final BigDecimal MAX_FACTOR = BigDecimal.valueOf(10_000);

    public ReplaySpeed {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("a replay speed factor is positive, got " + factor);
        }
    }

    /**
     * {@code max}, or a factor followed by {@code x}: {@code 1x}, {@code 2x}, {@code 0.5x}.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static ReplaySpeed parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("max")) {
            return MAX;
        }
        if (trimmed.endsWith("x")) {
            try {
                BigDecimal factor = new BigDecimal(trimmed.substring(0, trimmed.length() - 1));
                if (factor.signum() > 0 && factor.compareTo(MAX_FACTOR) <= 0) {
                    return new ReplaySpeed(factor.doubleValue());
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a replay speed; use max, 1x (the recorded pace), "
                + "or a factor up to 10000x such as 2x or 0.5x");
    }

    public boolean isMax() {
        return factor == 0;
    }

    /** How long {@code recordedNanos} of recorded time take at this speed. */
    long scale(long recordedNanos) {
        return (long) (recordedNanos / factor);
    }

    @Override
    public String toString() {
        if (isMax()) {
            return "max";
        }
        return BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString() + "x";
    }
}
