package io.marketfeed.toolkit;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.ParserMinimalBase;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A strict JSON pull parser over one frame's bytes, behind Jackson's {@link com.fasterxml.jackson.core.JsonParser}
 * API, made to be reset onto each frame of a connection: nothing is allocated per frame or per token (field names
 * are interned by their bytes, text is decoded lazily into one reused buffer). It accepts exactly RFC 8259 JSON,
 * like Jackson's default parser: no comments, no trailing commas, no single quotes, no {@code NaN}, no leading
 * zeros, no control characters in strings, valid UTF-8; root values may follow one another. Nesting deeper than
 * {@link JsonFrames#MAX_DEPTH} and numbers longer than {@value #MAX_NUMBER_LENGTH} characters are refused.
 *
 * <p>{@link #nextToken()} returns null at the end of the frame between root values and throws when the frame
 * ends inside an object, an array or a token. Malformed input throws {@link JsonParseException} with a message in
 * Jackson's words, without a location.
 *
 * <p>Not thread safe: one per connection, used by {@link JsonFrames}.
 */
final class FrameParser extends ParserMinimalBase {

    static final int MAX_NUMBER_LENGTH = 1000;

    private static final int S_ROOT = 0;
    private static final int S_FIRST_NAME = 1;
    private static final int S_NAME = 2;
    private static final int S_COLON = 3;
    private static final int S_FIRST_VALUE = 4;
    private static final int S_AFTER_VALUE = 5;

    private final Context[] contexts = new Context[JsonFrames.MAX_DEPTH + 1];
    /** Whether the container at each depth is an object (else an array). */
    private final boolean[] objectAt = new boolean[JsonFrames.MAX_DEPTH + 1];
    private final FieldNameTable names = new FieldNameTable();
    private byte[] input = new byte[0];
    private int position;
    private int end;
    private int depth;
    private int state;
    /** The current scalar's bytes: a string's content without quotes, or a number's or literal's text. */
    private int valueStart;
    private int valueEnd;
    private boolean valueNeedsDecoding;
    /** Where the last root value ended, or -1. */
    private int rootEnd = -1;
    private char[] text = new char[128];
    private int textLength;
    private boolean textReady;
    private boolean closed;

    FrameParser() {
        super(0);
        contexts[0] = new Context(null, JsonStreamContext.TYPE_ROOT);
    }

    /** Starts on a new frame, forgetting everything about the last one. */
    void reset(byte[] array, int offset, int length) {
        input = array;
        position = offset;
        end = offset + length;
        depth = 0;
        state = S_ROOT;
        rootEnd = -1;
        contexts[0].reset();
        names.frame();
        _currToken = null;
        textReady = false;
        closed = false;
    }

    /**
     * Whether the current token is a scalar whose text is exactly its bytes read as Latin-1 (a number, a literal,
     * a string without escapes or non-ASCII bytes): then {@link #rawArray()} from {@link #rawStart()} to
     * {@link #rawEnd()} is its text, valid until the next frame.
     */
    boolean rawPlain() {
        return !valueNeedsDecoding && isScalarWithText();
    }

    byte[] rawArray() {
        return input;
    }

    int rawStart() {
        return valueStart;
    }

    int rawEnd() {
        return valueEnd;
    }

    /** Whether the last root value read ends the frame (only blanks follow it). */
    boolean valueEndsFrame() {
        if (rootEnd < 0 || depth != 0) {
            return false;
        }
        for (int i = rootEnd; i < end; i++) {
            byte b = input[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        textReady = false;
        int c = skipBlanks();
        switch (state) {
            case S_ROOT:
                if (c < 0) {
                    return _currToken = null;
                }
                return value(c);
            case S_FIRST_NAME:
                if (c == '}') {
                    position++;
                    return close(JsonToken.END_OBJECT);
                }
                return name(c);
            case S_NAME:
                return name(c);
            case S_COLON:
                if (c != ':') {
                    throw unexpected(c, "was expecting a colon to separate field name and value");
                }
                position++;
                return value(skipBlanks());
            case S_FIRST_VALUE:
                if (c == ']') {
                    position++;
                    return close(JsonToken.END_ARRAY);
                }
                return value(c);
            default:
                return afterValue(c);
        }
    }

    private JsonToken afterValue(int c) throws IOException {
        boolean inObject = objectAt[depth];
        if (c == ',') {
            position++;
            if (inObject) {
                return name(skipBlanks());
            }
            return value(skipBlanks());
        }
        if (c == '}' && inObject) {
            position++;
            return close(JsonToken.END_OBJECT);
        }
        if (c == ']' && !inObject) {
            position++;
            return close(JsonToken.END_ARRAY);
        }
        throw unexpected(c, "was expecting comma to separate " + (inObject ? "Object entries" : "Array entries"));
    }

    private JsonToken name(int c) throws IOException {
        if (c != '"') {
            throw unexpected(c, "was expecting double-quote to start field name");
        }
        position++;
        String name = names.predicted(input, position, end);
        if (name != null) {
            position += names.predictedLength + 1;
        } else {
            scanString();
            name = valueNeedsDecoding ? names.decoded(new String(decode(true), 0, textLength))
                    : names.intern(input, valueStart, valueEnd - valueStart);
        }
        contexts[depth].name = name;
        state = S_COLON;
        return _currToken = JsonToken.FIELD_NAME;
    }

    private JsonToken value(int c) throws IOException {
        JsonToken token;
        switch (c) {
            case '{':
                position++;
                push(JsonStreamContext.TYPE_OBJECT);
                state = S_FIRST_NAME;
                return _currToken = JsonToken.START_OBJECT;
            case '[':
                position++;
                push(JsonStreamContext.TYPE_ARRAY);
                state = S_FIRST_VALUE;
                return _currToken = JsonToken.START_ARRAY;
            case '"':
                position++;
                scanString();
                token = JsonToken.VALUE_STRING;
                break;
            case 't':
                token = literal("true", JsonToken.VALUE_TRUE);
                break;
            case 'f':
                token = literal("false", JsonToken.VALUE_FALSE);
                break;
            case 'n':
                token = literal("null", JsonToken.VALUE_NULL);
                break;
            case -1:
                throw endOfInput();
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    token = number();
                    break;
                }
                throw unexpected(c, "expected a valid value (JSON String, Number, Array, Object or token 'null', "
                        + "'true' or 'false')");
        }
        scalarDone();
        return _currToken = token;
    }

    private void scalarDone() {
        if (depth == 0) {
            rootEnd = position;
            state = S_ROOT;
        } else {
            state = S_AFTER_VALUE;
        }
    }

    private void push(int type) throws JsonParseException {
        if (depth == JsonFrames.MAX_DEPTH) {
            throw error("Document nesting depth exceeds the maximum allowed (" + JsonFrames.MAX_DEPTH + ")");
        }
        depth++;
        Context context = contexts[depth];
        if (context == null) {
            context = contexts[depth] = new Context(contexts[depth - 1], type);
        }
        context.open(type);
        objectAt[depth] = type == JsonStreamContext.TYPE_OBJECT;
    }

    private JsonToken close(JsonToken token) {
        depth--;
        if (depth == 0) {
            rootEnd = position;
            state = S_ROOT;
        } else {
            state = S_AFTER_VALUE;
        }
        return _currToken = token;
    }

    /** Scans a string whose opening quote was consumed; leaves its content's range. */
    private void scanString() throws JsonParseException {
        valueStart = position;
        valueNeedsDecoding = false;
        byte[] in = input;
        int i = position;
        while (i < end) {
            int b = in[i];
            if (b == '"') {
                valueEnd = i;
                position = i + 1;
                return;
            }
            if (b == '\\') {
                valueNeedsDecoding = true;
                i = escape(i + 1);
                continue;
            }
            if (b < 0) {
                valueNeedsDecoding = true;
            } else if (b < 0x20) {
                position = i;
                throw error("Illegal unquoted character (" + describe(b) + "): has to be escaped using backslash "
                        + "to be included in string value");
            }
            i++;
        }
        position = end;
        throw error("Unexpected end-of-input: was expecting closing quote for a string value");
    }

    /** Checks the escape starting after the backslash at {@code at - 1}; returns where the string goes on. */
    private int escape(int at) throws JsonParseException {
        if (at >= end) {
            position = end;
            throw error("Unexpected end-of-input in character escape sequence");
        }
        switch (input[at]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                return at + 1;
            case 'u':
                for (int i = at + 1; i < at + 5; i++) {
                    if (i >= end) {
                        position = end;
                        throw error("Unexpected end-of-input in character escape sequence");
                    }
                    if (hex(input[i]) < 0) {
                        throw error("Unexpected character (" + describe(input[i]) + "): expected a hex-digit for "
                                + "character escape sequence");
                    }
                }
                return at + 5;
            default:
                throw error("Unrecognized character escape " + describe(input[at]));
        }
    }

    private JsonToken number() throws JsonParseException {
        int start = position;
        int i = position;
        if (input[i] == '-') {
            i++;
        }
        if (i >= end || input[i] < '0' || input[i] > '9') {
            position = i;
            throw error("Unexpected character (" + (i < end ? describe(input[i]) : "end-of-input")
                    + ") in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value");
        }
        if (input[i] == '0' && i + 1 < end && input[i + 1] >= '0' && input[i + 1] <= '9') {
            position = i;
            throw error("Invalid numeric value: Leading zeroes not allowed");
        }
        while (i < end && input[i] >= '0' && input[i] <= '9') {
            i++;
        }
        boolean integer = true;
        if (i < end && input[i] == '.') {
            integer = false;
            i++;
            int digits = i;
            while (i < end && input[i] >= '0' && input[i] <= '9') {
                i++;
            }
            if (i == digits) {
                position = i;
                throw error("Unexpected character (" + (i < end ? describe(input[i]) : "end-of-input")
                        + ") in numeric value: Decimal point not followed by a digit");
            }
        }
        if (i < end && (input[i] == 'e' || input[i] == 'E')) {
            integer = false;
            i++;
            if (i < end && (input[i] == '+' || input[i] == '-')) {
                i++;
            }
            int digits = i;
            while (i < end && input[i] >= '0' && input[i] <= '9') {
                i++;
            }
            if (i == digits) {
                position = i;
                throw error("Unexpected character (" + (i < end ? describe(input[i]) : "end-of-input")
                        + ") in numeric value: Exponent indicator not followed by a digit");
            }
        }
        if (i - start > MAX_NUMBER_LENGTH) {
            throw error("Number value length (" + (i - start) + ") exceeds the maximum allowed ("
                    + MAX_NUMBER_LENGTH + ")");
        }
        if (depth == 0 && i < end && !blank(input[i])) {
            position = i;
            throw error("Unexpected character (" + describe(input[i]) + "): Expected space separating root-level "
                    + "values");
        }
        valueStart = start;
        valueEnd = i;
        valueNeedsDecoding = false;
        position = i;
        return integer ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
    }

    private JsonToken literal(String word, JsonToken token) throws JsonParseException {
        int start = position;
        int i = start;
        for (int k = 0; k < word.length(); k++, i++) {
            if (i >= end || input[i] != word.charAt(k)) {
                position = i;
                throw error("Unrecognized token '" + tokenText(start) + "': was expecting (JSON String, Number, "
                        + "Array, Object or token 'null', 'true' or 'false')");
            }
        }
        if (i < end && continuesAWord(input[i])) {
            throw error("Unrecognized token '" + tokenText(position) + "': was expecting (JSON String, Number, "
                    + "Array, Object or token 'null', 'true' or 'false')");
        }
        valueStart = position;
        valueEnd = i;
        valueNeedsDecoding = false;
        position = i;
        return token;
    }

    private static boolean blank(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** Whether a literal followed by this byte is a longer word ({@code truex}), as Jackson tells it. */
    private static boolean continuesAWord(byte b) {
        int c = b & 0xff;
        return c >= 0x80 || (c >= '0' && c != ']' && c != '}' && Character.isJavaIdentifierPart((char) c));
    }

    /** Up to 32 characters of the token at {@code from}, for an error message. */
    private String tokenText(int from) {
        int to = from;
        while (to < end && to - from < 32 && (input[to] & 0xff) > ' ' && input[to] != ',' && input[to] != '}'
                && input[to] != ']') {
            to++;
        }
        return new String(input, from, to - from, StandardCharsets.UTF_8);
    }

    /** Skips blanks; returns the next byte (0 to 255) or -1 at the frame's end. */
    private int skipBlanks() {
        byte[] in = input;
        int i = position;
        while (i < end) {
            int b = in[i] & 0xff;
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                position = i;
                return b;
            }
            i++;
        }
        position = end;
        return -1;
    }

    private JsonParseException unexpected(int c, String expected) {
        if (c < 0) {
            return endOfInput();
        }
        return error("Unexpected character (" + describe(c) + "): " + expected);
    }

    private JsonParseException endOfInput() {
        Context context = contexts[depth];
        if (depth == 0) {
            return error("Unexpected end-of-input: expected a value");
        }
        return error("Unexpected end-of-input: expected close marker for " + (context.inObject() ? "Object" : "Array"));
    }

    private static String describe(int b) {
        int c = b & 0xff;
        if (c >= 0x20 && c < 0x7f) {
            return "'" + (char) c + "' (code " + c + ")";
        }
        if (c >= 0x80) {
            // Part of a character beyond ASCII (or a byte that is no UTF-8 at all): no control character.
            return String.format("byte 0x%02x, not ASCII", c);
        }
        return "CTRL-CHAR, code " + c;
    }

    private JsonParseException error(String message) {
        return new JsonParseException(this, message, JsonLocation.NA);
    }

    // Text access: decoded lazily into one reused buffer.

    private char[] decode() throws JsonParseException {
        return decode(false);
    }

    /**
     * Decodes the current string into {@link #text}. {@code name}: Jackson builds a 4-byte character's high
     * surrogate differently in names ({@code +}) than in values ({@code |}); the two differ only for malformed
     * (overlong) sequences, and are kept apart so that this parser reads exactly what Jackson reads.
     */
    private char[] decode(boolean name) throws JsonParseException {
        int length = valueEnd - valueStart;
        if (text.length < length) {
            text = new char[Math.max(length, text.length * 2)];
        }
        char[] out = text;
        int n = 0;
        byte[] in = input;
        if (!valueNeedsDecoding) {
            for (int i = valueStart; i < valueEnd; i++) {
                out[n++] = (char) in[i];
            }
            textLength = n;
            textReady = true;
            return out;
        }
        for (int i = valueStart; i < valueEnd;) {
            int b = in[i];
            if (b == '\\') {
                byte e = in[i + 1];
                i += 2;
                switch (e) {
                    case 'b': out[n++] = '\b'; break;
                    case 'f': out[n++] = '\f'; break;
                    case 'n': out[n++] = '\n'; break;
                    case 'r': out[n++] = '\r'; break;
                    case 't': out[n++] = '\t'; break;
                    case 'u':
                        out[n++] = (char) ((hex(in[i]) << 12) | (hex(in[i + 1]) << 8) | (hex(in[i + 2]) << 4)
                                | hex(in[i + 3]));
                        i += 4;
                        break;
                    default: out[n++] = (char) e;
                }
            } else if (b >= 0) {
                out[n++] = (char) b;
                i++;
            } else {
                boolean pair = (b & 0xf8) == 0xf0;
                i = utf8(in, i, out, n, name);
                n += pair ? 2 : 1;
            }
        }
        textLength = n;
        textReady = true;
        return out;
    }

    /** Decodes one multi-byte UTF-8 sequence at {@code i} into {@code out[n]} (two chars for a surrogate pair). */
    private int utf8(byte[] in, int i, char[] out, int n, boolean name) throws JsonParseException {
        int b = in[i] & 0xff;
        int count;
        int code;
        if ((b & 0xe0) == 0xc0) {
            count = 1;
            code = b & 0x1f;
        } else if ((b & 0xf0) == 0xe0) {
            count = 2;
            code = b & 0x0f;
        } else if ((b & 0xf8) == 0xf0) {
            count = 3;
            code = b & 0x07;
        } else {
            throw error("Invalid UTF-8 start byte 0x" + Integer.toHexString(b));
        }
        if (i + count >= valueEnd) {
            throw error("Invalid UTF-8 middle byte: string ends inside a character");
        }
        for (int k = 1; k <= count; k++) {
            int next = in[i + k] & 0xff;
            if ((next & 0xc0) != 0x80) {
                throw error("Invalid UTF-8 middle byte 0x" + Integer.toHexString(next));
            }
            code = (code << 6) | (next & 0x3f);
        }
        // As Jackson does: the form of the bytes is checked, overlong forms and surrogates are not.
        if (count == 3) {
            code -= 0x10000;
            out[n] = (char) (name ? 0xD800 + (code >> 10) : 0xD800 | (code >> 10));
            out[n + 1] = (char) (0xDC00 | (code & 0x3ff));
        } else {
            out[n] = (char) code;
        }
        return i + count + 1;
    }

    private static int hex(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private boolean isScalarWithText() {
        JsonToken token = _currToken;
        return token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT
                || token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_TRUE
                || token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_NULL;
    }

    private void ensureText() throws JsonParseException {
        if (textReady) {
            return;
        }
        if (isScalarWithText()) {
            decode();
            return;
        }
        String shown = _currToken == JsonToken.FIELD_NAME ? contexts[depth].name
                : _currToken == null ? "" : _currToken.asString();
        if (text.length < shown.length()) {
            text = new char[Math.max(shown.length(), text.length * 2)];
        }
        shown.getChars(0, shown.length(), text, 0);
        textLength = shown.length();
        textReady = true;
    }

    @Override
    public String getText() throws IOException {
        if (_currToken == JsonToken.FIELD_NAME) {
            return contexts[depth].name;
        }
        if (_currToken == null) {
            return null;
        }
        if (!isScalarWithText()) {
            return _currToken.asString();
        }
        if (!valueNeedsDecoding) {
            return new String(input, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
        }
        ensureText();
        return new String(text, 0, textLength);
    }

    @Override
    public char[] getTextCharacters() throws IOException {
        ensureText();
        return text;
    }

    @Override
    public int getTextLength() throws IOException {
        ensureText();
        return textLength;
    }

    @Override
    public int getTextOffset() {
        return 0;
    }

    @Override
    public boolean hasTextCharacters() {
        return _currToken != null;
    }

    @Override
    public String getCurrentName() {
        if (_currToken == JsonToken.START_OBJECT || _currToken == JsonToken.START_ARRAY) {
            Context parent = contexts[depth].parent;
            return parent == null ? null : parent.name;
        }
        return contexts[depth].name;
    }

    @Override
    public void overrideCurrentName(String name) {
        contexts[depth].name = name;
    }

    @Override
    public JsonStreamContext getParsingContext() {
        return contexts[depth];
    }

    @Override
    protected void _handleEOF() throws JsonParseException {
        if (depth != 0) {
            throw endOfInput();
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public ObjectCodec getCodec() {
        return null;
    }

    @Override
    public void setCodec(ObjectCodec codec) {
        throw new UnsupportedOperationException("a frame parser has no codec");
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public JsonLocation getCurrentLocation() {
        return JsonLocation.NA;
    }

    @Override
    public JsonLocation getTokenLocation() {
        return JsonLocation.NA;
    }

    @Override
    public byte[] getBinaryValue(Base64Variant variant) throws IOException {
        return variant.decode(getText());
    }

    // Numbers, from their text; the decoders read text (exact decimals), so these are for completeness.

    private void requireNumber() throws JsonParseException {
        if (_currToken != JsonToken.VALUE_NUMBER_INT && _currToken != JsonToken.VALUE_NUMBER_FLOAT) {
            throw error("Current token (" + _currToken + ") not numeric, can not use numeric value accessors");
        }
    }

    @Override
    public BigDecimal getDecimalValue() throws IOException {
        requireNumber();
        ensureText();
        return new BigDecimal(text, 0, textLength);
    }

    @Override
    public BigInteger getBigIntegerValue() throws IOException {
        return getDecimalValue().toBigInteger();
    }

    @Override
    public long getLongValue() throws IOException {
        BigDecimal value = getDecimalValue();
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw error("Numeric value (" + value + ") out of range of long");
        }
    }

    @Override
    public int getIntValue() throws IOException {
        BigDecimal value = getDecimalValue();
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw error("Numeric value (" + value + ") out of range of int");
        }
    }

    @Override
    public double getDoubleValue() throws IOException {
        requireNumber();
        return Double.parseDouble(getText());
    }

    @Override
    public float getFloatValue() throws IOException {
        requireNumber();
        return Float.parseFloat(getText());
    }

    @Override
    public NumberType getNumberType() throws IOException {
        requireNumber();
        if (_currToken == JsonToken.VALUE_NUMBER_FLOAT) {
            return NumberType.DOUBLE;
        }
        BigInteger value = getBigIntegerValue();
        return value.bitLength() < 32 ? NumberType.INT : value.bitLength() < 64 ? NumberType.LONG
                : NumberType.BIG_INTEGER;
    }

    @Override
    public Number getNumberValue() throws IOException {
        switch (getNumberType()) {
            case INT: return getIntValue();
            case LONG: return getLongValue();
            case BIG_INTEGER: return getBigIntegerValue();
            default: return getDoubleValue();
        }
    }

    /** One level of nesting; reused for every object or array at its depth. */
    private static final class Context extends JsonStreamContext {
        private final Context parent;
        private String name;

        Context(Context parent, int type) {
            super(type, -1);
            this.parent = parent;
        }

        void open(int type) {
            _type = type;
            _index = -1;
            name = null;
        }

        void reset() {
            _index = -1;
            name = null;
        }

        @Override
        public JsonStreamContext getParent() {
            return parent;
        }

        @Override
        public String getCurrentName() {
            return name;
        }
    }
}
