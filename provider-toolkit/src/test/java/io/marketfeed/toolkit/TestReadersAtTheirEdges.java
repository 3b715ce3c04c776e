package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.InboundFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The readers at their edges: decimals and symbols read from each kind of token, symbols whose hashes collide,
 * comparisons of absent and near-equal text, whole numbers out of range, and Jackson's reasons without locations.
 */
class TestReadersAtTheirEdges {

    private enum F { A, B, C }

    private final JsonFrames frames = new JsonFrames();

    /** The parser on the value of the first field of {@code json}, an object. */
    private JsonParser atValue(String json) throws IOException {
        JsonParser parser = frames.start(InboundFrame.text(json, Instant.EPOCH));
        parser.nextToken();
        parser.nextToken();
        parser.nextToken();
        return parser;
    }

    @Test
    void aDecimalIsReadFromANumberOrAStringOnly() throws IOException {
        ExactDecimal decimal = new ExactDecimal();
        assertTrue(decimal.read(atValue("{\"v\":12.50}")));
        assertEquals(new BigDecimal("12.50"), decimal.value());
        assertTrue(decimal.read(atValue("{\"v\":7}")));
        assertEquals(new BigDecimal("7"), decimal.value());
        assertTrue(decimal.read(atValue("{\"v\":\" 3.25 \"}")));
        assertEquals(new BigDecimal("3.25"), decimal.value());
        assertFalse(decimal.read(atValue("{\"v\":\"n/a\"}")));
        assertFalse(decimal.read(atValue("{\"v\":true}")));
        assertFalse(decimal.read(atValue("{\"v\":null}")));
        assertFalse(decimal.read(atValue("{\"v\":[1]}")));
    }

    @Test
    void aSymbolIsReadFromAStringOrANumberOnly() throws IOException {
        Symbols symbols = new Symbols();
        assertEquals("2222", symbols.read(atValue("{\"s\":\" 2222 \"}")));
        assertEquals("1120", symbols.read(atValue("{\"s\":1120}")));
        assertEquals("1.5", symbols.read(atValue("{\"s\":1.5}")));
        assertNull(symbols.read(atValue("{\"s\":true}")));
        assertNull(symbols.read(atValue("{\"s\":null}")));
        assertNull(symbols.read(atValue("{\"s\":{}}")));
        assertNull(symbols.read(atValue("{\"s\":\"  \"}")));
    }

    @Test
    void symbolsWhoseHashesCollideStayApart() {
        Symbols symbols = new Symbols();
        assertEquals("Aa".hashCode(), "BB".hashCode());
        String aa = symbols.intern("Aa".toCharArray(), 0, 2);
        String bb = symbols.intern("BB".toCharArray(), 0, 2);
        assertEquals("Aa", aa);
        assertEquals("BB", bb);
        assertSame(aa, symbols.intern("Aa".toCharArray(), 0, 2));
        assertSame(bb, symbols.intern("BB".toCharArray(), 0, 2));
        assertEquals("AaBB", symbols.intern("AaBB".toCharArray(), 0, 4));
        assertEquals("BBAa", symbols.intern("BBAa".toCharArray(), 0, 4), "same hash, same length, other text");
    }

    @Test
    void thousandsOfSymbolsAreEachFoundAgain() {
        Symbols symbols = new Symbols();
        String[] first = new String[3000];
        for (int i = 0; i < first.length; i++) {
            char[] text = ("S" + i).toCharArray();
            first[i] = symbols.intern(text, 0, text.length);
        }
        for (int i = 0; i < first.length; i++) {
            char[] text = ("S" + i).toCharArray();
            assertSame(first[i], symbols.intern(text, 0, text.length), "S" + i);
        }
        char[] longer = "x".repeat(Symbols.MAX_INTERNED_LENGTH + 1).toCharArray();
        assertNotSame(symbols.intern(longer, 0, longer.length), symbols.intern(longer, 0, longer.length),
                "longer text is never kept");
        char[] longest = "y".repeat(Symbols.MAX_INTERNED_LENGTH).toCharArray();
        assertSame(symbols.intern(longest, 0, longest.length), symbols.intern(longest, 0, longest.length));
    }

    @Test
    void comparisonsOfAbsentBlankAndNearlyEqualText() {
        TextFields<F> fields = new TextFields<>(F.class);
        fields.set(F.A, "abd");
        fields.set(F.B, "   ");
        assertFalse(fields.is(F.A, "abc"), "same length, other text");
        assertFalse(fields.is(F.A, "ab"));
        assertTrue(fields.is(F.A, "abd"));
        assertFalse(fields.is(F.C, ""), "absent is not empty");
        assertTrue(fields.is(F.B, ""), "blank is empty");
        assertNull(fields.trimmed(F.B));
        assertNull(fields.trimmed(F.C));
        assertEquals("", fields.sample(F.C).toString());
        assertNull(fields.symbol(F.C, new Symbols()));
        assertFalse(fields.isFalse(F.C));
        Quote.Builder quote = Quote.builder("p", "S", Instant.EPOCH);
        ExactDecimal scratch = new ExactDecimal();
        assertFalse(fields.decimal(F.C, scratch, quote, Quote.Field.PRICE));
        assertFalse(fields.decimal(F.A, scratch, quote, Quote.Field.PRICE));
        fields.set(F.C, "1.5");
        assertTrue(fields.decimal(F.C, scratch, quote, Quote.Field.PRICE));
        assertEquals(new BigDecimal("1.5"), quote.build().price());
    }

    @Test
    void wholeNumbersOutOfRangeOrWithAFractionAreNone() {
        TextFields<F> fields = new TextFields<>(F.class);
        ExactDecimal scratch = new ExactDecimal();
        fields.set(F.A, "1e20");
        fields.set(F.B, "2.50");
        fields.set(F.C, "-0.0");
        assertTrue(fields.wholeNumber(F.A, 0, scratch).isEmpty());
        assertTrue(fields.wholeNumber(F.B, 0, scratch).isEmpty());
        assertEquals(0, fields.wholeNumber(F.C, 0, scratch).getAsInt());
        fields.set(F.B, "2.00");
        assertEquals(2, fields.wholeNumber(F.B, 0, scratch).getAsInt());
    }

    @Test
    void jacksonsReasonWithoutItsLocation() {
        assertEquals("Unexpected end-of-input", JsonFrames.reason(new com.fasterxml.jackson.core.JsonParseException(
                null, "Unexpected end-of-input")));
        assertEquals("Unexpected end-of-input: expected close marker for Object",
                JsonFrames.reason(new IOException("Unexpected end-of-input: expected close marker for Object"
                        + " (start marker at [Source: x; line: 1, column: 1])")));
        assertEquals("UncheckedIOException", JsonFrames.reason(new UncheckedIOException(null, new IOException())));
        assertEquals(" (start marker", JsonFrames.reason(new IOException(" (start marker")));
        assertEquals("", JsonFrames.reason(new IOException(" (start marker at x)")));
    }

    @Test
    void aFrameIsReadFromItsOwnWindowOfTheArray() throws IOException {
        byte[] bytes = "xx{\"a\":1}yy".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonParser parser = frames.start(new InboundFrame(bytes, 2, 7, true, Instant.EPOCH));
        assertEquals(JsonToken.START_OBJECT, parser.nextToken());
        assertEquals("a", parser.nextFieldName());
        parser.nextToken();
        parser.nextToken();
        assertTrue(frames.valueEndsFrame());
    }
}
