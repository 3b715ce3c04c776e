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

    private final char[] text = new char[TickAtlasTime.MAX_LENGTH];
    private int length = ABSENT;

    private final char[] readText = new char[TickAtlasTime.MAX_LENGTH];
    private int readLength = ABSENT;
    private Instant read;

    /** Forgets the value, for the next frame (the last instant read stays remembered). */
    void clear() {
        length = ABSENT;
    }

    /**
     * Keeps the parser's current string or number token (blanks around it dropped). JSON null leaves the field as
     * it was, and an object or array is skipped and leaves it as it was, as the decoder has always done.
     */
    void set(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null || token.isStructStart()) {
            parser.skipChildren();
            return;
        }
        if (token == JsonToken.VALUE_NULL || !token.isScalarValue()) {
            return;
        }
        if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT
                && token != JsonToken.VALUE_NUMBER_FLOAT) {
            length = NOT_A_TIME;
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
            return;
        }
        System.arraycopy(chars, start, text, 0, end - start);
        length = end - start;
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
