package io.marketfeed.toolkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.model.DecimalFields;
import io.marketfeed.api.model.Quote;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * An exact decimal read from text, reused from one value to the next. Plain decimals of up to 18 digits
 * ({@code 32.50}, {@code -0.001}, {@code 1200300}, the shape market data has) are read digit by digit into an
 * unscaled {@code long} and a scale, allocating nothing; anything else a {@link BigDecimal} accepts
 * ({@code 1.5E-3}, more digits) goes through {@code BigDecimal}. Never a {@code double}.
 *
 * <p>Text of more than {@value #MAX_LENGTH} characters, or a magnitude beyond 10^±{@value #MAX_LENGTH}, is not
 * a price or size: it is refused, so a hostile frame cannot make the decoder do expensive arithmetic (and
 * {@code 1e999999999} printed in plain notation would take a gigabyte).
 *
 * <p>Not thread safe: one per connection.
 */
public final class ExactDecimal {

    /** The longest text, and the largest scale or exponent, accepted. */
    public static final int MAX_LENGTH = 64;
    private static final int MAX_FAST_DIGITS = 18;

    private long unscaled;
    private int scale;
    private BigDecimal big;

    /**
     * Reads the parser's current token: a JSON number as written ({@code 32.50} keeps its scale), or a string
     * holding one (blanks around it allowed).
     *
     * @return false, keeping nothing, for any other token or text that is no decimal
     */
    public boolean read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT
                && token != JsonToken.VALUE_STRING) {
            return false;
        }
        return parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    /** Parses {@code text}; see {@link #parse(char[], int, int)}. */
    public boolean parse(CharSequence text) {
        char[] chars = new char[text.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = text.charAt(i);
        }
        return parse(chars, 0, chars.length);
    }

    /**
     * Parses a decimal written in {@code chars[offset, offset + length)}, blanks around it allowed.
     *
     * @return false when it is not a decimal of sane magnitude
     */
    public boolean parse(char[] chars, int offset, int length) {
        int start = offset;
        int end = offset + length;
        while (start < end && chars[start] <= ' ') {
            start++;
        }
        while (end > start && chars[end - 1] <= ' ') {
            end--;
        }
        if (start == end || end - start > MAX_LENGTH) {
            return false;
        }
        return fast(chars, start, end) || slow(chars, start, end);
    }

    /** {@code [+-]?digits[.digits]} with at most 18 digits. */
    private boolean fast(char[] chars, int start, int end) {
        int i = start;
        boolean negative = false;
        if (chars[i] == '-' || chars[i] == '+') {
            negative = chars[i] == '-';
            i++;
        }
        long value = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_FAST_DIGITS) {
                    return false;
                }
                value = value * 10 + (c - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return false;
            }
        }
        if (digits == 0) {
            return false;
        }
        unscaled = negative ? -value : value;
        scale = Math.max(fraction, 0);
        big = null;
        return true;
    }

    private boolean slow(char[] chars, int start, int end) {
        if (!numeric(chars, start, end)) {
            return false;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(chars, start, end - start);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(value.scale()) > MAX_LENGTH) {
            return false;
        }
        if (value.scale() >= 0 && value.scale() <= DecimalFields.MAX_COMPACT_SCALE
                && value.unscaledValue().bitLength() < 64) {
            unscaled = value.unscaledValue().longValue();
            scale = value.scale();
            big = null;
        } else {
            big = value;
        }
        return true;
    }

    /**
     * Whether the text has the form of a number {@code BigDecimal} reads: an optional sign, digits (of any script) with
     * at most one point and at least one digit, then optionally {@code e} or {@code E}, an optional sign and at least
     * one digit. Text of any other form is refused here, as {@code BigDecimal} would refuse it, without the exception
     * that costs more than the rest of a frame's decoding (a book of thousands of levels priced {@code "n/a"} or
     * {@code "-"}).
     */
    private static boolean numeric(char[] chars, int start, int end) {
        int i = start;
        if (i < end && (chars[i] == '-' || chars[i] == '+')) {
            i++;
        }
        int digits = 0;
        boolean point = false;
        for (; i < end && chars[i] != 'e' && chars[i] != 'E'; i++) {
            if (chars[i] == '.' && !point) {
                point = true;
            } else if (Character.isDigit(chars[i])) {
                digits++;
            } else {
                return false;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i == end) {
            return true;
        }
        i++;
        if (i < end && (chars[i] == '-' || chars[i] == '+')) {
            i++;
        }
        if (i == end) {
            return false;
        }
        for (; i < end; i++) {
            if (!Character.isDigit(chars[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether the last value read fits {@link #unscaled()} and {@link #scale()}. */
    public boolean isCompact() {
        return big == null;
    }

    public long unscaled() {
        return unscaled;
    }

    public int scale() {
        return scale;
    }

    /** The last value read, as a {@code BigDecimal} (allocates for a compact one). */
    public BigDecimal value() {
        return big != null ? big : BigDecimal.valueOf(unscaled, scale);
    }

    /** Sets a quote's field to the last value read, without allocating for a compact one. */
    public void into(Quote.Builder quote, Quote.Field field) {
        if (big == null) {
            quote.set(field, unscaled, scale);
        } else {
            quote.set(field, big);
        }
    }
}
