package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link TextFields#read} and {@link TextFields#sample} make of values that are no exact decimal. */
class TestBadValueReading {

    private enum Field { PRICE, OTHER }

    private static TextFields<Field> parse(String json) throws IOException {
        TextFields<Field> fields = new TextFields<>(Field.class);
        byte[] frame = json.getBytes(StandardCharsets.UTF_8);
        JsonParser parser = new JsonFrames().start(frame, 0, frame.length);
        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("price")) {
                fields.set(Field.PRICE, parser);
            } else {
                parser.skipChildren();
            }
        }
        return fields;
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e100", "1E-65", "\"1e100\"", "true",
            "false", "null", "\"\"", "\"  \"", "{\"a\":1}", "[1,2]", "\"12,5\"", "\"0x1F\""})
    void whatIsNoExactDecimalIsBadNotAbsent(String value) throws IOException {
        TextFields<Field> fields = parse("{\"price\":" + value + ",\"other\":1}");
        ExactDecimal decimal = new ExactDecimal();
        assertEquals(TextFields.BAD, fields.read(Field.PRICE, decimal), value);
        assertTrue(fields.sent(Field.PRICE));
        assertFalse(fields.has(Field.PRICE) && fields.decimal(Field.PRICE, decimal));
        assertEquals(TextFields.ABSENT, fields.read(Field.OTHER, decimal), "never set: not sent");
    }

    @Test
    void samplesShowTheValueAsSent() throws IOException {
        ExactDecimal decimal = new ExactDecimal();
        assertEquals("NaN", parse("{\"price\":\"NaN\"}").sample(Field.PRICE).toString());
        assertEquals("1e100", parse("{\"price\":1e100}").sample(Field.PRICE).toString());
        assertEquals("true", parse("{\"price\":true}").sample(Field.PRICE).toString());
        assertEquals("null", parse("{\"price\":null}").sample(Field.PRICE).toString());
        assertEquals("", parse("{\"price\":\"\"}").sample(Field.PRICE).toString());
        assertEquals("{…}", parse("{\"price\":{\"x\":[1]}}").sample(Field.PRICE).toString());
        assertEquals("[…]", parse("{\"price\":[1]}").sample(Field.PRICE).toString());
        String huge = "9".repeat(TextFields.MAX_VALUE_LENGTH + 1);
        TextFields<Field> tooLong = parse("{\"price\":\"" + huge + "\"}");
        assertEquals(TextFields.BAD, tooLong.read(Field.PRICE, decimal));
        assertEquals("(" + huge.length() + " characters)", tooLong.sample(Field.PRICE).toString());
    }

    @Test
    void goodValuesReadAndClearForgetsBadOnes() throws IOException {
        ExactDecimal decimal = new ExactDecimal();
        TextFields<Field> fields = parse("{\"price\":\"32.50\"}");
        assertEquals(TextFields.READ, fields.read(Field.PRICE, decimal));
        assertEquals(new BigDecimal("32.50"), decimal.value());
        TextFields<Field> bad = parse("{\"price\":null}");
        bad.clear();
        assertFalse(bad.sent(Field.PRICE));
        assertEquals(TextFields.ABSENT, bad.read(Field.PRICE, decimal));
    }

    @Test
    void theLargestSaneMagnitudeStillReads() throws IOException {
        ExactDecimal decimal = new ExactDecimal();
        assertEquals(TextFields.READ, parse("{\"price\":1e64}").read(Field.PRICE, decimal));
        assertEquals(TextFields.BAD, parse("{\"price\":1e65}").read(Field.PRICE, decimal));
    }
}
