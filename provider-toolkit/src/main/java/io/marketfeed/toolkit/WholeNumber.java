package io.marketfeed.toolkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * A whole number of an envelope (a command id, a status code, a sequence number), sent as a JSON number or a
 * string, read from the parser's characters exactly as {@code Integer.parseInt(text.strip())} (or
 * {@code Long.parseLong}) reads the text, but without a {@code String} for the usual shape: up to 18 ASCII digits
 * with an optional sign. Anything else (more digits, digits of other scripts, which {@code parseInt} accepts) goes
 * through {@code parseInt}'s algorithm, without its exceptions, so a frame full of {@code "seq_id":1.5} costs no
 * stack traces. Reused from frame to frame; not thread safe: one per connection.
 */
public final class WholeNumber {

    private static final int MAX_FAST_DIGITS = 18;

    private final boolean asInt;
    private boolean present;
    private boolean valid;
    private long value;

    /** @param asInt whether the number is an {@code int} (as {@code Integer.parseInt}) rather than a {@code long} */
    public WholeNumber(boolean asInt) {
        this.asInt = asInt;
    }

    /** Forgets the value, for the next frame. */
    public void clear() {
        present = false;
        valid = false;
        value = 0;
    }

    /**
     * Reads the parser's current token: a string or number is parsed; true and false are present but not a
     * number; JSON null and a structure (which the caller skips) are absent.
     */
    public void read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        valid = false;
        value = 0;
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT
                || token == JsonToken.VALUE_NUMBER_FLOAT) {
            present = true;
            valid = parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        } else {
            present = token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
        }
    }

    /** Whether the field was sent as a scalar other than JSON null (a number or not). */
    public boolean isPresent() {
        return present;
    }

    /** Whether the field was sent and is a whole number in range. */
    public boolean isValid() {
        return valid;
    }

    /** The number; 0 unless {@link #isValid()}. */
    public long value() {
        return value;
    }

    /** The number as an int; 0 unless {@link #isValid()}. */
    public int intValue() {
        return (int) value;
    }

    private boolean parse(char[] chars, int offset, int length) {
        int start = offset;
        int end = offset + length;
        start = Blanks.skipLeading(chars, start, end);
        end = Blanks.skipTrailing(chars, start, end);
        if (start == end) {
            return false;
        }
        int i = start;
        boolean negative = false;
        if (chars[i] == '-' || chars[i] == '+') {
            negative = chars[i] == '-';
            if (++i == end) {
                return false;
            }
        }
        int digits = i;
        if (end - i <= MAX_FAST_DIGITS) {
            long number = 0;
            for (; i < end; i++) {
                char c = chars[i];
                if (c < '0' || c > '9') {
                    break;
                }
                number = number * 10 + (c - '0');
            }
            if (i == end) {
                number = negative ? -number : number;
                if (asInt && (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)) {
                    return false;
                }
                value = number;
                return true;
            }
        }
        return slow(chars, digits, end, negative);
    }

    /**
     * Digits of any script, read as {@code parseInt} and {@code parseLong} read them (their algorithm: accumulated
     * negatively, refused on overflow), but refusing with false where they throw: an exception costs more than the
     * rest of a frame's decoding (a frame of a hundred {@code "seq_id":1.5}).
     */
    private boolean slow(char[] chars, int from, int end, boolean negative) {
        long limit = negative ? (asInt ? Integer.MIN_VALUE : Long.MIN_VALUE)
                : -(asInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
        long multiplyMinimum = limit / 10;
        long result = 0;
        for (int i = from; i < end; i++) {
            int digit = Character.digit(chars[i], 10);
            if (digit < 0 || result < multiplyMinimum) {
                return false;
            }
            result *= 10;
            if (result < limit + digit) {
                return false;
            }
            result -= digit;
        }
        value = negative ? result : -result;
        return true;
    }
}
