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
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TestSymbolsAndTextFields {

    private enum Field { TYPE, SYMBOL, PRICE, TIME, FLAG }

    @Test
    void symbolsAreInternedAndTrimmed() {
        Symbols symbols = new Symbols();
        String first = symbols.intern(" 2222 ".toCharArray(), 0, 6);
        assertEquals("2222", first);
        assertSame(first, symbols.intern("x2222".toCharArray(), 1, 4));
        assertNull(symbols.intern("   ".toCharArray(), 0, 3));
        String longName = "S".repeat(Symbols.MAX_INTERNED_LENGTH + 1);
        assertNotSame(symbols.intern(longName.toCharArray(), 0, longName.length()),
                symbols.intern(longName.toCharArray(), 0, longName.length()), "long names are never kept");
    }

    @Test
    void symbolsBeyondTheCapacityAreNotKept() {
        Symbols symbols = new Symbols();
        for (int i = 0; i < Symbols.CAPACITY; i++) {
            char[] name = ("S" + i).toCharArray();
            symbols.intern(name, 0, name.length);
        }
        char[] kept = "S7".toCharArray();
        assertSame(symbols.intern(kept, 0, 2), symbols.intern(kept, 0, 2));
        char[] late = "LATE".toCharArray();
        assertNotSame(symbols.intern(late, 0, 4), symbols.intern(late, 0, 4));
        assertEquals("LATE", symbols.intern(late, 0, 4));
    }

    @Test
    void fieldsKeepTheWireTextUntilAskedFor() throws IOException {
        JsonFrames json = new JsonFrames();
        Symbols symbols = new Symbols();
        ExactDecimal decimal = new ExactDecimal();
        TextFields<Field> fields = new TextFields<>(Field.class);
        byte[] frame = ("{\"type\":\" quote \",\"symbol\":2222,\"price\":\"32.50\",\"time\":\"2026-02-10T12:19:22Z\","
                + "\"flag\":false,\"nested\":{\"price\":1}}").getBytes(StandardCharsets.UTF_8);
        JsonParser parser = json.start(frame, 0, frame.length);
        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "type": fields.set(Field.TYPE, parser); break;
                case "symbol": fields.set(Field.SYMBOL, parser); break;
                case "price": fields.set(Field.PRICE, parser); break;
                case "time": fields.set(Field.TIME, parser); break;
                case "flag": fields.set(Field.FLAG, parser); break;
                default: parser.skipChildren();
            }
        }
        assertTrue(fields.is(Field.TYPE, "quote"));
        assertFalse(fields.is(Field.TYPE, "quot"));
        assertEquals("quote", fields.trimmed(Field.TYPE));
        assertEquals("2222", fields.symbol(Field.SYMBOL, symbols));
        Quote.Builder quote = Quote.builder("p", "S", Instant.EPOCH);
        assertTrue(fields.decimal(Field.PRICE, decimal, quote, Quote.Field.PRICE));
        assertEquals(new BigDecimal("32.50"), quote.build().price());
        assertEquals(Instant.parse("2026-02-10T12:19:22Z"), fields.isoInstant(Field.TIME));
        assertTrue(fields.isFalse(Field.FLAG));
        assertEquals(OptionalInt.of(2222), fields.wholeNumber(Field.SYMBOL, 1, decimal));
        assertEquals(OptionalInt.empty(), fields.wholeNumber(Field.PRICE, 1, decimal));

        fields.clear();
        assertFalse(fields.has(Field.TYPE));
        assertNull(fields.text(Field.PRICE));
        assertFalse(fields.decimal(Field.PRICE, decimal));
    }
}
