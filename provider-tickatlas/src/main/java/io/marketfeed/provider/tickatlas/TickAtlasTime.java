package io.marketfeed.provider.tickatlas;

import io.marketfeed.toolkit.Blanks;
import io.marketfeed.toolkit.EpochTime;
import io.marketfeed.toolkit.ExactDecimal;
import io.marketfeed.toolkit.TextFields;
import io.marketfeed.toolkit.WallClockTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A TickAtlas point in time read from text. Accepted, since the WebSocket reference is not public: ISO-8601 with
 * an offset or {@code Z}; without one (taken as UTC, as the REST API's times are); a blank instead of {@code T};
 * and epoch seconds (with a fraction) or milliseconds as a number. Blanks around the text are dropped (as
 * {@link String#strip} drops them); longer text is no time.
 *
 * <p>Read without {@code java.time}'s formatters and, for plain numbers, without {@code BigDecimal}: a date-time
 * through {@link WallClockTime} in UTC, an epoch number through {@link ExactDecimal}. Below
 * {@link #EPOCH_MILLIS_THRESHOLD} a number counts seconds, and {@link EpochTime} reads it by the same rule; from
 * there on TickAtlas's rule is its own (all milliseconds up to 16 digits, a fraction of a millisecond dropped),
 * where EpochTime would keep the fraction and read 15 and 16 digits as microseconds.
 *
 * <p>The rules are static, stateless and thread safe. An instance reads one kind of time field ({@code time} or
 * {@code timestamp}) of one connection's messages and remembers the last text read and its instant: every push of
 * a minute carries the same bar time, whatever its symbol, so it is read once a minute and its {@code Instant}
 * shared. Not thread safe: one per field kind, per connection.
 */
final class TickAtlasTime {

    /** Longer text (blanks around it dropped) is no time. */
    static final int MAX_LENGTH = WallClockTime.MAX_LENGTH;

    /** Epoch numbers above this are milliseconds, below it seconds (10^11 s is the year 5138). */
    static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;

    /** Epoch numbers from this on (more than 16 integer digits) are refused. */
    private static final long EPOCH_LIMIT = 10_000_000_000_000_000L;

    /** The text last read, copied from the frame; {@link #readLength} long. */
    private final char[] readText = new char[TextFields.MAX_VALUE_LENGTH];
    private int readLength = -1;
    private Instant read;

    /** The instant of {@code field} in {@code fields}, or null when it is absent or no time. */
    Instant read(TextFields<TickAtlasField> fields, TickAtlasField field, ExactDecimal scratch) {
        if (!fields.has(field)) {
            return null;
        }
        CharSequence text = fields.sample(field);
        int length = text.length();
        boolean same = length == readLength;
        for (int i = 0; i < length; i++) {
            same &= text.charAt(i) == readText[i];
            readText[i] = text.charAt(i);
        }
        if (!same) {
            readLength = length;
            read = parse(readText, 0, length, scratch);
        }
        return read;
    }

    /**
     * The time written in {@code chars[offset, offset + length)}, or null when it is none.
     *
     * @param scratch where an epoch number is read; its value is overwritten
     */
    static Instant parse(char[] chars, int offset, int length, ExactDecimal scratch) {
        int start = offset;
        int end = offset + length;
        start = Blanks.skipLeading(chars, start, end);
        end = Blanks.skipTrailing(chars, start, end);
        if (!isEpochNumber(chars, start, end)) {
            return WallClockTime.parse(chars, start, end - start, ZoneOffset.UTC);
        }
        // A control character that is no white space ends no number ({@code BigDecimal} refuses it), although
        // ExactDecimal would drop it.
        return end - start > MAX_LENGTH || chars[end - 1] <= ' ' ? null : epoch(chars, start, end, scratch);
    }

    /** A number, not a date: starts with a digit and has neither {@code -} nor {@code :}. */
    private static boolean isEpochNumber(char[] chars, int start, int end) {
        if (start == end || !Character.isDigit(chars[start])) {
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
        if (!scratch.isCompact()) {
            // Not negative (no '-'): below the threshold exactly when it has at most 11 integer digits.
            BigDecimal value = scratch.value();
            int digits = value.precision() - value.scale();
            return digits <= 11 ? EpochTime.of(value) : digits > 16 ? null : Instant.ofEpochMilli(value.longValue());
        }
        long whole = scratch.unscaled();
        for (int i = 0; i < scratch.scale(); i++) {
            whole /= 10;
        }
        if (whole < EPOCH_MILLIS_THRESHOLD) {
            return EpochTime.of(scratch);
        }
        return whole < EPOCH_LIMIT ? Instant.ofEpochMilli(whole) : null;
    }
}
