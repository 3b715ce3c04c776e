package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import io.marketfeed.api.protocol.InboundFrame;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link WholeNumber} reads what {@code Integer.parseInt(text.strip())} and {@code Long.parseLong} read, refuses
 * what they refuse, and tells a sent non-number from an absent field.
 */
class TestWholeNumber {

    /** The parser on the value of {@code {"v":json}}. */
    private static JsonParser valueOf(String json) throws IOException {
        JsonParser parser = new JsonFrames().start(InboundFrame.text("{\"v\":" + json + "}", Instant.EPOCH));
        parser.nextToken();
        parser.nextToken();
        parser.nextToken();
        return parser;
    }

    /** What {@code Integer.parseInt(text.strip())} made of it, as before; null when it threw. */
    private static Long reference(String text, boolean asInt) {
        try {
            return asInt ? (long) Integer.parseInt(text.strip()) : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void assertAsParseIntAndParseLong(String text) throws IOException {
        for (boolean asInt : new boolean[] {true, false}) {
            WholeNumber number = new WholeNumber(asInt);
            number.read(valueOf(JsonText.appendString(new StringBuilder(), text).toString()));
            Long expected = reference(text, asInt);
            assertTrue(number.isPresent(), text);
            assertEquals(expected != null, number.isValid(), "'" + text + "'" + (asInt ? " as int" : " as long"));
            if (expected != null) {
                assertEquals(expected.longValue(), number.value(), text);
                assertEquals(expected.intValue(), number.intValue(), text);
            } else {
                assertEquals(0, number.value(), "no value left over from before: " + text);
            }
        }
    }

    @Test
    void readsWhatParseIntAndParseLongRead() throws IOException {
        for (String text : List.of("22998", " 22998 ", "+200", "-1", "-", "+", "", " ", "2147483647", "2147483648",
                "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                "999999999999999999", "0000000000000000000000001", "200.0", "2e2", "0x10", "1 0", "\u2003200\u2003",
                "\u0661\u0662", "-\u0661", "200\u0001", "\u00a0200", "12a", "true")) {
            assertAsParseIntAndParseLong(text);
        }
        Random random = new Random(22001);
        String alphabet = "0123456789012345678901234567890123456789+- .\t\u2003\u0661a";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(23);
            for (int c = 0; c < length; c++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertAsParseIntAndParseLong(text.toString());
        }
    }

    @Test
    void aJsonNumberIsReadAsItsText() throws IOException {
        WholeNumber number = new WholeNumber(true);
        number.read(valueOf("22998"));
        assertTrue(number.isValid());
        assertEquals(22998, number.intValue());
        number.read(valueOf("1.5"));
        assertTrue(number.isPresent());
        assertFalse(number.isValid(), "1.5 is no whole number");
        assertEquals(0, number.value());
        number.read(valueOf("-7"));
        assertEquals(-7, number.value());
    }

    @Test
    void booleansArePresentButNoNumberNullAndStructuresAreAbsent() throws IOException {
        WholeNumber number = new WholeNumber(false);
        number.read(valueOf("true"));
        assertTrue(number.isPresent());
        assertFalse(number.isValid());
        number.read(valueOf("false"));
        assertTrue(number.isPresent());
        for (String json : List.of("null", "{}", "[1]")) {
            number.read(valueOf("5"));
            number.read(valueOf(json));
            assertFalse(number.isPresent(), json);
            assertFalse(number.isValid(), json);
            assertEquals(0, number.value(), json);
        }
    }

    @Test
    void clearForgetsTheValue() throws IOException {
        WholeNumber number = new WholeNumber(false);
        number.read(valueOf("\"42\""));
        assertEquals(42, number.value());
        number.clear();
        assertFalse(number.isPresent());
        assertFalse(number.isValid());
        assertEquals(0, number.value());
    }
}
