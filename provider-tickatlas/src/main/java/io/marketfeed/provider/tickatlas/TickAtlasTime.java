package io.marketfeed.provider.tickatlas;

import io.marketfeed.toolkit.ExactDecimal;
import io.marketfeed.toolkit.IsoInstant;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A TickAtlas point in time read from text. Accepted, since the WebSocket reference is not public: ISO-8601 with
 * an offset or {@code Z}; without one (taken as UTC, as the REST API's times are); a blank instead of {@code T};
 * and epoch seconds (with a fraction) or milliseconds as a number. Blanks around the text are dropped (as
 * {@link String#strip} drops them); longer text is no time.
 *
 * <p>The usual shapes are read without {@code java.time}'s formatters and without {@code BigDecimal}: a time with
 * or without an offset through {@link IsoInstant#parseAssumingUtc}, an epoch number here. Anything else goes the way it
 * always went ({@link #legacy}), so the result is the same for every input, only faster for the usual ones.
 * Stateless and thread safe.
 *
 * <p>Nothing here is TickAtlas's own but the choice of rules: the epoch reader could move to the toolkit.
 */
final class TickAtlasTime {

    /** Longer text (blanks around it dropped) is no time. */
    static final int MAX_LENGTH = 64;

    /** Epoch numbers above this are milliseconds, below it seconds (10^11 s is the year 5138). */
    static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;

    /** Epoch numbers with more integer digits than this are refused. */
    private static final int MAX_EPOCH_DIGITS = 16;

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private TickAtlasTime() {
    }

    /** The time {@code text} spells, or null. Allocates; for tests and rare callers. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        return parse(text.toCharArray(), 0, text.length(), new ExactDecimal());
    }

    /**
     * The time written in {@code chars[offset, offset + length)}, or null when it is none.
     *
     * @param scratch where an epoch number is read; its value is overwritten
     */
    static Instant parse(char[] chars, int offset, int length, ExactDecimal scratch) {
        int start = offset;
        int end = offset + length;
        while (start < end && Character.isWhitespace(chars[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(chars[end - 1])) {
            end--;
        }
        if (start == end || end - start > MAX_LENGTH) {
            return null;
        }
        if (chars[start] <= ' ' || chars[end - 1] <= ' ') {
            // A control character that is no white space: the toolkit's readers would drop it, the rules do not.
            return legacy(new String(chars, start, end - start));
        }
        if (isEpochNumber(chars, start, end)) {
            return epoch(chars, start, end, scratch);
        }
        return IsoInstant.parseAssumingUtc(chars, start, end - start);
    }

    /** A number, not a date: starts with a digit and has neither {@code -} nor {@code :}. */
    private static boolean isEpochNumber(char[] chars, int start, int end) {
        if (!Character.isDigit(chars[start])) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (chars[i] == '-' || chars[i] == ':') {
                return false;
            }
        }
        return true;
    }

    /**
     * Epoch seconds, or milliseconds from {@link #EPOCH_MILLIS_THRESHOLD} on; a fraction of a second is cut to
     * nanoseconds, a fraction of a millisecond dropped. Null for zero, a negative number or more than 16 integer
     * digits. Plain numbers take long arithmetic; others (an exponent, many fraction digits) {@code BigDecimal}.
     */
    private static Instant epoch(char[] chars, int start, int end, ExactDecimal scratch) {
        // Refuses only what BigDecimal refuses, or magnitudes beyond 10^±64 (no epoch time either).
        if (!scratch.parse(chars, start, end - start)) {
            return null;
        }
        if (!scratch.isCompact() || scratch.scale() >= POWERS_OF_TEN.length) {
            return epoch(scratch.value());
        }
        long unscaled = scratch.unscaled();
        int scale = scratch.scale();
        if (unscaled <= 0) {
            return null;
        }
        long whole = unscaled / POWERS_OF_TEN[scale];
        long fraction = unscaled % POWERS_OF_TEN[scale];
        if (whole >= POWERS_OF_TEN[MAX_EPOCH_DIGITS]) {
            return null;
        }
        if (whole >= EPOCH_MILLIS_THRESHOLD) {
            return Instant.ofEpochMilli(whole);
        }
        long nanos = scale <= 9 ? fraction * POWERS_OF_TEN[9 - scale] : fraction / POWERS_OF_TEN[scale - 9];
        return Instant.ofEpochSecond(whole, nanos);
    }

    /** {@link #epoch(char[], int, int, ExactDecimal)} for values that are not compact. */
    private static Instant epoch(BigDecimal value) {
        try {
            if (value.signum() <= 0 || value.precision() - value.scale() > MAX_EPOCH_DIGITS) {
                return null;
            }
            if (value.compareTo(BigDecimal.valueOf(EPOCH_MILLIS_THRESHOLD)) >= 0) {
                return Instant.ofEpochMilli(value.longValue());
            }
            long seconds = value.longValue();
            long nanos = value.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** The rules as they were first written, for the text the fast readers leave alone. */
    static Instant legacy(String trimmed) {
        if (trimmed.isEmpty() || trimmed.length() > MAX_LENGTH) {
            return null;
        }
        if (Character.isDigit(trimmed.charAt(0)) && trimmed.indexOf('-') < 0 && trimmed.indexOf(':') < 0) {
            try {
                return epoch(new BigDecimal(trimmed));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        String iso = trimmed.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            return local(iso);
        }
    }

    private static Instant local(String iso) {
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
