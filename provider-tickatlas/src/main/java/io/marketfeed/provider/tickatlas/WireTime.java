package io.marketfeed.provider.tickatlas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.toolkit.ExactDecimal;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;

/**
 * One time field ({@code time} or {@code timestamp}) of one object of a frame, kept as its text until asked for
 * and then read by {@link TickAtlasTime}'s rules. It is kept here rather than in the object's
 * {@link io.marketfeed.toolkit.TextFields}, which has no way to hand its text to a reader other than the
 * toolkit's own without making a {@code String}.
 *
 * <p>The last text read and its instant are remembered across frames: every push of a minute carries the same bar
 * time, whatever its symbol, so it is read once a minute and its {@code Instant} shared.
 *
 * <p>Not thread safe: one per object and field, per connection; cleared for each frame.
 */
final class WireTime {

    private static final int ABSENT = -1;
    /** Sent, but no time: too long, or a boolean. */
    private static final int NOT_A_TIME = -2;
    /** Sent as JSON null, an object or an array. */
    private static final int NO_VALUE = -3;

    private final char[] text = new char[TickAtlasTime.MAX_LENGTH];
    private int length = ABSENT;
    /** What was sent, when it is kept as no time. */
    private String sample;

    private final char[] readText = new char[TickAtlasTime.MAX_LENGTH];
    private int readLength = ABSENT;
    private Instant read;

    /** Forgets the value, for the next frame (the last instant read stays remembered). */
    void clear() {
        length = ABSENT;
    }

    /**
     * Keeps the parser's current string or number token (blanks around it dropped). JSON null, an object or an
     * array (skipped), a boolean and text too long for a time are kept as sent but no time ({@link #sample}).
     */
    void set(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null || token.isStructStart()) {
            parser.skipChildren();
            if (token != null) {
                length = NO_VALUE;
                sample = token == JsonToken.START_OBJECT ? "{…}" : "[…]";
            }
            return;
        }
        if (token == JsonToken.VALUE_NULL || !token.isScalarValue()) {
            length = NO_VALUE;
            sample = "null";
            return;
        }
        if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT
                && token != JsonToken.VALUE_NUMBER_FLOAT) {
            length = NOT_A_TIME;
            sample = token == JsonToken.VALUE_TRUE ? "true" : "false";
            return;
        }
        char[] chars = parser.getTextCharacters();
        int start = parser.getTextOffset();
        int end = start + parser.getTextLength();
        while (start < end && Character.isWhitespace(chars[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(chars[end - 1])) {
            end--;
        }
        if (end - start > text.length) {
            length = NOT_A_TIME;
            sample = "(" + (end - start) + " characters)";
            return;
        }
        System.arraycopy(chars, start, text, 0, end - start);
        length = end - start;
    }

    /** Whether the field was sent at all (JSON null and values that are no time included). */
    boolean sent() {
        return length != ABSENT;
    }

    /** The value as sent, for a bad-value report (allocates; only asked for when it is no time). */
    String sample() {
        return length >= 0 ? new String(text, 0, length) : sample;
    }

    /** The instant, or null when absent or no time. */
    Instant instant(ExactDecimal scratch) {
        if (length <= 0) {
            return null;
        }
        if (length != readLength || !Arrays.equals(text, 0, length, readText, 0, length)) {
            read = TickAtlasTime.parse(text, 0, length, scratch);
            System.arraycopy(text, 0, readText, 0, length);
            readLength = length;
        }
        return read;
    }
}
