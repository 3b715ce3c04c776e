package io.marketfeed.toolkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.DecodeOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The scalar fields of one JSON object of a frame, kept as the characters they had on the wire, for the
 * fields a decoder knows ({@code F}); reused from frame to frame, so that keeping them allocates nothing.
 * Keeping text is what makes decoding lenient and exact at once: a number sent as {@code 32.50} or as
 * {@code "32.50"} becomes the same decimal with its scale, a symbol sent as a number still reads as a symbol,
 * and a value of the wrong kind reads as absent instead of failing the frame. Values are interpreted only
 * when asked for, and only then may they allocate (a {@code String} for {@link #text}, an {@code Instant}).
 *
 * <p>A value longer than {@value #MAX_VALUE_LENGTH} characters is kept as absent: no field a decoder reads is
 * that long, and a hostile frame must not make it hold more. Such a value, JSON {@code null}, an object or an
 * array is nonetheless remembered as <em>sent</em> ({@link #sent}), so that a decoder can report it as a bad
 * value ({@link #read}, {@link #sample}) rather than take it for a field the server left out.
 *
 * <p>Memory is taken when it is first needed, for the fields up to the highest one set so far: an object of a
 * frame that carries none of the fields (a book level {@code {}}) costs a few dozen bytes, not an array per field
 * of the enum, so that a frame of many small objects does not cost many times its length.
 *
 * <p>Not thread safe: one per object kept, per connection.
 *
 * @param <F> the fields
 */
public final class TextFields<F extends Enum<F>> {

    /** Longer values are kept as absent. */
    public static final int MAX_VALUE_LENGTH = 512;

    /** {@link #read}: the field was not sent. */
    public static final int ABSENT = 0;
    /** {@link #read}: the field holds a value of the kind asked for. */
    public static final int READ = 1;
    /** {@link #read}: the field was sent but holds no value of the kind asked for (a bad value). */
    public static final int BAD = 2;

    /** Lengths below zero: not sent, JSON null, an object or array, too long (its length in starts). */
    private static final int NOT_SENT = -1;
    private static final int NULL = -2;
    private static final int STRUCTURE = -3;
    private static final int TOO_LONG = -4;

    private static final int[] NO_INTS = new int[0];
    private static final boolean[] NO_BOOLEANS = new boolean[0];
    private static final char[] NO_CHARS = new char[0];

    /** By field ordinal, up to the highest field set so far (the arrays grow when a higher one is set). */
    private int[] starts = NO_INTS;
    private int[] lengths = NO_INTS;
    /** Whether a field's text is in {@link #frame} (read in place) rather than in the arena. */
    private boolean[] inFrame = NO_BOOLEANS;
    /** The frame's bytes, for fields read in place; valid while the frame is decoded. */
    private byte[] frame;
    private char[] arena = NO_CHARS;
    private int used;
    /** Where a field read in place is turned into characters when asked for. */
    private char[] scratch = NO_CHARS;
    private final SampleText sample = new SampleText();

    public TextFields(Class<F> fields) {
        // Nothing to size: the arrays grow with the fields set.
    }

    /** Forgets every value, for the next frame. */
    public void clear() {
        Arrays.fill(lengths, -1);
        used = 0;
        frame = null;
    }

    /** The field's length, -1 when absent. */
    private int length(int index) {
        return index < lengths.length ? lengths[index] : -1;
    }

    /** Makes the field absent. */
    private void absent(int index) {
        if (index < lengths.length) {
            lengths[index] = NOT_SENT;
        }
    }

    /** Marks the field as sent without a value kept ({@link #NULL}, {@link #STRUCTURE}, {@link #TOO_LONG}). */
    private void unkept(int index, int kind, int length) {
        room(index);
        lengths[index] = kind;
        starts[index] = length;
    }

    /** Makes room for the field's value. */
    private void room(int index) {
        if (index >= lengths.length) {
            int size = index + 1;
            int old = lengths.length;
            starts = Arrays.copyOf(starts, size);
            lengths = Arrays.copyOf(lengths, size);
            Arrays.fill(lengths, old, size, -1);
            inFrame = Arrays.copyOf(inFrame, size);
        }
    }

    /**
     * Keeps the parser's current token as the field's text when it is a string, number or boolean; JSON null, an
     * object or an array (skipped) make the field absent but {@link #sent}.
     */
    public void set(F field, JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null || token.isStructStart()) {
            parser.skipChildren();
            if (token != null) {
                unkept(field.ordinal(), STRUCTURE, token == JsonToken.START_OBJECT ? '{' : '[');
            }
            return;
        }
        if (token == JsonToken.VALUE_NULL || !token.isScalarValue()) {
            unkept(field.ordinal(), NULL, 0);
            return;
        }
        if (parser instanceof FrameParser && ((FrameParser) parser).rawPlain()) {
            // Read in place: the text is the frame's own bytes, turned into characters only if asked for.
            FrameParser frameParser = (FrameParser) parser;
            int index = field.ordinal();
            int length = frameParser.rawEnd() - frameParser.rawStart();
            if (length > MAX_VALUE_LENGTH) {
                unkept(index, TOO_LONG, length);
                return;
            }
            room(index);
            frame = frameParser.rawArray();
            starts[index] = frameParser.rawStart();
            lengths[index] = length;
            inFrame[index] = true;
            return;
        }
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            set(field, token == JsonToken.VALUE_TRUE ? "true" : "false");
            return;
        }
        set(field, parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    /** Keeps {@code text} as the field's text; null makes it absent. */
    public void set(F field, String text) {
        if (text == null) {
            absent(field.ordinal());
            return;
        }
        set(field, text.toCharArray(), 0, text.length());
    }

    private void set(F field, char[] chars, int offset, int length) {
        int index = field.ordinal();
        if (length > MAX_VALUE_LENGTH) {
            unkept(index, TOO_LONG, length);
            return;
        }
        room(index);
        if (used + length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(Math.max(arena.length * 2, 64), used + length));
        }
        System.arraycopy(chars, offset, arena, used, length);
        starts[index] = used;
        lengths[index] = length;
        inFrame[index] = false;
        used += length;
    }

    /** The field's characters: {@link #charsStart}, with its length in {@link #lengths}. Field present. */
    private char[] chars(int index) {
        if (!inFrame[index]) {
            return arena;
        }
        int length = lengths[index];
        if (scratch.length < length) {
            scratch = new char[Math.max(Math.max(length, scratch.length * 2), 32)];
        }
        byte[] bytes = frame;
        for (int i = 0, from = starts[index]; i < length; i++) {
            scratch[i] = (char) (bytes[from + i] & 0xff);
        }
        return scratch;
    }

    private int charsStart(int index) {
        return inFrame[index] ? 0 : starts[index];
    }

    /** Whether the field was sent with a value kept (not JSON null, an object or array, or too long). */
    public boolean has(F field) {
        return length(field.ordinal()) >= 0;
    }

    /** Whether the field was sent at all, JSON null, objects, arrays and values too long to keep included. */
    public boolean sent(F field) {
        return length(field.ordinal()) != NOT_SENT;
    }

    /** Whether the field was sent as JSON {@code null}. */
    public boolean isNull(F field) {
        return length(field.ordinal()) == NULL;
    }

    /**
     * The field read as an exact decimal into {@code into}: {@link #READ}; {@link #ABSENT} when it was not sent;
     * {@link #BAD} when it was sent but is no decimal of sane magnitude (report it with {@link #sample}).
     */
    public int read(F field, ExactDecimal into) {
        if (decimal(field, into)) {
            return READ;
        }
        return sent(field) ? BAD : ABSENT;
    }

    /**
     * An optional decimal: true with its value in {@code into}; false when not sent, or when sent but no exact
     * decimal, which is reported as {@code out.badValue(name, sample, false)} (the event keeps the field absent).
     */
    public boolean optionalDecimal(F field, String name, ExactDecimal into, DecodeOutput out) {
        int read = read(field, into);
        if (read == BAD) {
            out.badValue(name, sample(field), false);
        }
        return read == READ;
    }

    /** Reports the field's value as bad: {@code out.badValue(name, sample(field), eventDropped)}. */
    public void report(F field, String name, boolean eventDropped, DecodeOutput out) {
        out.badValue(name, sample(field), eventDropped);
    }

    /**
     * The field's value as sent, for a bad-value report: its text, or {@code null}, <code>{…}</code>,
     * {@code […]}, {@code (600 characters)}, or empty when not sent. A reused view, valid until the next call on
     * this object (the runtime copies what it keeps); allocates nothing.
     */
    public CharSequence sample(F field) {
        int index = field.ordinal();
        int length = length(index);
        if (length >= 0) {
            return sample.view(chars(index), charsStart(index), length);
        }
        switch (length) {
            case NULL: return sample.fixed("null");
            case STRUCTURE: return sample.fixed(starts[index] == '{' ? "{…}" : "[…]");
            case TOO_LONG: return sample.fixed("(" + starts[index] + " characters)");
            default: return sample.fixed("");
        }
    }

    /** The text, or null when absent. Allocates. */
    public String text(F field) {
        int index = field.ordinal();
        if (length(index) < 0) {
            return null;
        }
        return inFrame[index] ? new String(frame, starts[index], lengths[index], java.nio.charset.StandardCharsets.ISO_8859_1)
                : new String(arena, starts[index], lengths[index]);
    }

    /** The text without surrounding blanks, or null when absent or blank. Allocates. */
    public String trimmed(F field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** Whether the field's text, without surrounding blanks, is {@code expected}. Allocates nothing. */
    public boolean is(F field, String expected) {
        int index = field.ordinal();
        int length = length(index);
        if (length < 0) {
            return false;
        }
        char[] text = chars(index);
        int start = charsStart(index);
        int end = start + length;
        start = Blanks.skipLeading(text, start, end);
        end = Blanks.skipTrailing(text, start, end);
        if (end - start != expected.length()) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (text[start + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the field is {@code false} (the JSON literal or the string, in any case). */
    public boolean isFalse(F field) {
        String text = trimmed(field);
        return text != null && text.toLowerCase(Locale.ROOT).equals("false");
    }

    /** The field as a symbol through {@code symbols}: trimmed, interned, null when absent or blank. */
    public String symbol(F field, Symbols symbols) {
        int index = field.ordinal();
        return length(index) < 0 ? null : symbols.intern(chars(index), charsStart(index), lengths[index]);
    }

    /** Reads the field as an exact decimal into {@code into}; false when absent or not a decimal. */
    public boolean decimal(F field, ExactDecimal into) {
        int index = field.ordinal();
        return length(index) >= 0 && into.parse(chars(index), charsStart(index), lengths[index]);
    }

    /**
     * Sets a quote's field from this field when it holds a decimal; otherwise leaves the quote's field as it
     * was. Returns whether it was set.
     */
    public boolean decimal(F field, ExactDecimal scratch, Quote.Builder quote, Quote.Field target) {
        if (!decimal(field, scratch)) {
            return false;
        }
        scratch.into(quote, target);
        return true;
    }

    /** The field as an ISO-8601 date-time with an offset ({@link IsoInstant}), or null. */
    public Instant isoInstant(F field) {
        int index = field.ordinal();
        return length(index) < 0 ? null : IsoInstant.parse(chars(index), charsStart(index), lengths[index]);
    }

    /** A whole number of at least {@code minimum} ({@code 60}, {@code "60"} or {@code 60.0}), or empty. */
    public OptionalInt wholeNumber(F field, int minimum, ExactDecimal scratch) {
        if (!decimal(field, scratch)) {
            return OptionalInt.empty();
        }
        java.math.BigDecimal value = scratch.value();
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            return OptionalInt.empty();
        }
        try {
            int whole = value.intValueExact();
            return whole >= minimum ? OptionalInt.of(whole) : OptionalInt.empty();
        } catch (ArithmeticException e) {
            return OptionalInt.empty();
        }
    }
}
