package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The frame parser used through Jackson's {@code JsonParser} API, as a provider that does not know it is not
 * Jackson's own would use it: numbers through every accessor, names, text, and whether a frame holds exactly one
 * value.
 */
class TestFrameParserAsAJsonParser {

    private final JsonFrames frames = new JsonFrames();

    private JsonParser start(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return frames.start(bytes, 0, bytes.length);
    }

    /** The parser positioned on the value of the first field of {@code json}, an object. */
    private JsonParser atValue(String json) throws IOException {
        JsonParser parser = start(json);
        assertEquals(JsonToken.START_OBJECT, parser.nextToken());
        assertEquals(JsonToken.FIELD_NAME, parser.nextToken());
        parser.nextToken();
        return parser;
    }

    @Test
    void numbersThroughEveryAccessor() throws IOException {
        JsonParser small = atValue("{\"n\":42}");
        assertEquals(NumberType.INT, small.getNumberType());
        assertEquals(42, small.getIntValue());
        assertEquals(42L, small.getLongValue());
        assertEquals(BigInteger.valueOf(42), small.getBigIntegerValue());
        assertEquals(new BigDecimal("42"), small.getDecimalValue());
        assertEquals(42.0, small.getDoubleValue());
        assertEquals(42.0f, small.getFloatValue());
        assertEquals(42, small.getNumberValue());
        JsonParser large = atValue("{\"n\":-3000000000}");
        assertEquals(NumberType.LONG, large.getNumberType());
        assertEquals(-3_000_000_000L, large.getNumberValue());
        assertThrows(IOException.class, large::getIntValue, "out of range of int");
        JsonParser huge = atValue("{\"n\":18446744073709551616}");
        assertEquals(NumberType.BIG_INTEGER, huge.getNumberType());
        assertEquals(new BigInteger("18446744073709551616"), huge.getNumberValue());
        assertThrows(IOException.class, huge::getLongValue, "out of range of long");
        JsonParser decimal = atValue("{\"n\":-12.50e1}");
        assertEquals(NumberType.DOUBLE, decimal.getNumberType());
        assertEquals(-125.0, decimal.getNumberValue());
        assertEquals(new BigDecimal("-12.50e1"), decimal.getDecimalValue());
        assertEquals(2_147_483_647, atValue("{\"n\":2147483647}").getNumberValue());
        assertEquals(2_147_483_648L, atValue("{\"n\":2147483648}").getNumberValue());
        assertEquals(Long.MAX_VALUE, atValue("{\"n\":9223372036854775807}").getNumberValue());
    }

    @Test
    void numberAccessorsRefuseOtherTokens() throws IOException {
        JsonParser text = atValue("{\"n\":\"42\"}");
        assertThrows(IOException.class, text::getDecimalValue);
        assertThrows(IOException.class, text::getDoubleValue);
        assertThrows(IOException.class, text::getFloatValue);
        assertThrows(IOException.class, text::getNumberType);
        assertThrows(IOException.class, text::getIntValue);
    }

    @Test
    void namesAndTextAtEveryToken() throws IOException {
        JsonParser parser = start("{\"outer\":{\"inner\":[true,null,\"caf\\u00e9\",\"plain\"]}}");
        assertNull(parser.getText(), "before the first token");
        assertFalse(parser.hasTextCharacters());
        assertEquals(JsonToken.START_OBJECT, parser.nextToken());
        assertNull(parser.getCurrentName());
        assertEquals("{", parser.getText());
        parser.nextToken();
        assertEquals("outer", parser.getText());
        assertEquals("outer", parser.getCurrentName());
        assertTrue(parser.hasTextCharacters());
        assertEquals(JsonToken.START_OBJECT, parser.nextToken());
        assertEquals("outer", parser.getCurrentName(), "an object's name is its field's");
        parser.nextToken();
        assertEquals("inner", new String(parser.getTextCharacters(), 0, parser.getTextLength()),
                "a name's characters");
        assertEquals(JsonToken.START_ARRAY, parser.nextToken());
        assertEquals("inner", parser.getCurrentName());
        assertEquals("[", new String(parser.getTextCharacters(), 0, parser.getTextLength()), "a marker's characters");
        assertEquals("inner", parser.getParsingContext().getParent().getCurrentName());
        assertEquals("outer", parser.getParsingContext().getParent().getParent().getCurrentName());
        assertEquals(JsonToken.VALUE_TRUE, parser.nextToken());
        assertEquals("true", parser.getText());
        assertEquals(JsonToken.VALUE_NULL, parser.nextToken());
        assertEquals("null", parser.getText());
        parser.nextToken();
        assertEquals("café", parser.getText(), "escapes decoded");
        assertEquals("café", new String(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength()));
        parser.nextToken();
        assertEquals("plain", parser.getText());
        assertEquals(0, parser.getTextOffset());
        parser.overrideCurrentName("renamed");
        assertEquals("renamed", parser.getParsingContext().getCurrentName());
    }

    @Test
    void aFrameHoldsExactlyOneValue() throws IOException {
        JsonParser parser = start(" {\"a\":1} \r\n\t");
        assertFalse(frames.valueEndsFrame(), "nothing read yet");
        parser.nextToken();
        assertFalse(frames.valueEndsFrame(), "the object is still open");
        parser.skipChildren();
        assertTrue(frames.valueEndsFrame());
        JsonParser more = start("{\"a\":1} x");
        more.nextToken();
        more.skipChildren();
        assertFalse(frames.valueEndsFrame(), "something follows");
        JsonParser second = start("{} {}");
        second.nextToken();
        second.skipChildren();
        assertFalse(frames.valueEndsFrame());
    }

    @Test
    void anUnfinishedFrameIsAnError() throws IOException {
        JsonParser parser = start("{\"a\":[1,2");
        parser.nextToken();
        IOException e = assertThrows(IOException.class, () -> {
            while (parser.nextToken() != null) {
                parser.getText();
            }
        });
        assertFalse(JsonFrames.reason(e).isEmpty());
    }

    @Test
    void theRestOfTheJsonParserContract() throws IOException {
        JsonParser parser = atValue("{\"b\":\"aGVsbG8=\"}");
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), parser.getBinaryValue(Base64Variants.MIME));
        assertFalse(parser.isClosed());
        parser.close();
        assertTrue(parser.isClosed());
        assertNull(parser.getCodec());
        assertThrows(UnsupportedOperationException.class, () -> parser.setCodec(null));
        assertEquals(com.fasterxml.jackson.core.Version.unknownVersion(), parser.version());
        assertEquals(com.fasterxml.jackson.core.JsonLocation.NA, parser.getCurrentLocation());
        assertEquals(com.fasterxml.jackson.core.JsonLocation.NA, parser.getTokenLocation());
    }
}
