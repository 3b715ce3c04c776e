package io.marketfeed.provider.screener;

import io.marketfeed.toolkit.ExactDecimal;
import io.marketfeed.toolkit.TextFields;
import java.math.BigDecimal;

/**
 * The reference readings of Screener wire text as a {@code String} ({@link String#strip()}, then
 * {@code BigDecimal}), and whether the toolkit's allocation-free readers give the same for some characters. Values
 * they would read otherwise are kept as strings by {@link ScreenerMessage} and read here. Stateless.
 */
final class ScreenerText {

    /** Longer numeric text is not a Screener value; refusing it keeps BigDecimal work cheap. */
    private static final int MAX_VALUE_LENGTH = 64;

    private ScreenerText() {
    }

    /** The text without surrounding blanks, or null when absent or blank. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    static BigDecimal decimalOf(String raw) {
        String text = clean(raw);
        // A character no number has is refused as BigDecimal refuses it, but without its exception, which would cost
        // more than the rest of the frame (a book of thousands of levels priced "1" and a NUL).
        if (text == null || text.length() > MAX_VALUE_LENGTH || !text.chars().allMatch(ScreenerText::numeric)) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            return Math.abs(value.scale()) <= MAX_VALUE_LENGTH ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether the character may be part of a number BigDecimal reads: a digit of any script, sign, point, exponent. */
    private static boolean numeric(int c) {
        return c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E' || Character.isDigit(c);
    }

    /** A whole non-negative number, or -1. */
    static long wholeOf(String raw) {
        BigDecimal value = decimalOf(raw);
        return value == null ? -1 : whole(value);
    }

    static long whole(BigDecimal value) {
        if (value.signum() < 0) {
            return -1;
        }
        try {
            return value.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** {@link #wholeOf} of the decimal just read into {@code scratch}; allocates nothing when it is compact. */
    static long whole(ExactDecimal scratch) {
        if (!scratch.isCompact()) {
            return whole(scratch.value());
        }
        long value = scratch.unscaled();
        if (value < 0) {
            return -1;
        }
        for (int scale = scratch.scale(); scale > 0; scale--) {
            if (value % 10 != 0) {
                return -1;
            }
            value /= 10;
        }
        return value;
    }

    /**
     * Whether {@link TextFields} keeps the value as sent and reading it gives what the {@code String} readings
     * above give: not too long, and blanks around it that {@link ExactDecimal} trims ({@code <= ' '}) are exactly
     * those {@link String#strip()} trims.
     */
    static boolean keptAsSent(char[] chars, int offset, int length) {
        if (length > TextFields.MAX_VALUE_LENGTH) {
            return false;
        }
        int end = offset + length;
        for (int i = offset; i < end && blankOrWhite(chars[i]); i++) {
            if (!sameBlank(chars[i])) {
                return false;
            }
        }
        for (int i = end - 1; i >= offset && blankOrWhite(chars[i]); i--) {
            if (!sameBlank(chars[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean blankOrWhite(char c) {
        return c <= ' ' || Character.isWhitespace(c);
    }

    /** Whether both readings drop the character at an end, or both keep it. */
    private static boolean sameBlank(char c) {
        return (c <= ' ') == Character.isWhitespace(c);
    }
}
