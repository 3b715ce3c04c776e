package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.LimitsUpdate;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fields kept as wire text when they come from Jackson's own parser or as strings (the provider's own text), not from
 * the toolkit's frame parser: every kind of JSON value, values too long to keep, many fields in one frame, and the
 * bad values a provider reports from them.
 */
class TestTextFieldsFromAnyParser {

    private enum F { A, B, C, D, E, F, G }

    private final TextFields<F> fields = new TextFields<>(F.class);
    private final List<String> badValues = new ArrayList<>();

    /** Each top-level field of {@code json} kept under the field of the same (upper-case) name. */
    private void read(String json) throws IOException {
        fields.clear();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                F field = F.valueOf(parser.currentName().toUpperCase());
                parser.nextToken();
                fields.set(field, parser);
            }
        }
    }

    @Test
    void everyKindOfValueFromJacksonsParser() throws IOException {
        read("{\"a\":\"text\",\"b\":12.50,\"c\":true,\"d\":false,\"e\":null,\"f\":{\"x\":[1]},\"g\":[1,2]}");
        assertEquals("text", fields.text(F.A));
        assertEquals("12.50", fields.text(F.B));
        assertEquals("true", fields.text(F.C));
        assertEquals("false", fields.text(F.D));
        assertTrue(fields.isFalse(F.D));
        assertFalse(fields.isFalse(F.C));
        assertTrue(fields.isNull(F.E));
        assertFalse(fields.isNull(F.A));
        assertFalse(fields.isNull(F.F));
        assertTrue(fields.sent(F.E));
        assertFalse(fields.has(F.E));
        assertEquals("null", fields.sample(F.E).toString());
        assertEquals("{…}", fields.sample(F.F).toString());
        assertEquals("[…]", fields.sample(F.G).toString());
        assertFalse(fields.has(F.F));
        assertTrue(fields.sent(F.G));
    }

    @Test
    void textSetByTheProviderAndMadeAbsentAgain() {
        fields.set(F.A, " 42 ");
        fields.set(F.B, "x");
        assertEquals(" 42 ", fields.text(F.A));
        assertEquals("42", fields.trimmed(F.A));
        assertTrue(fields.is(F.A, "42"));
        fields.set(F.A, (String) null);
        assertFalse(fields.sent(F.A), "null makes it absent, not sent");
        assertNull(fields.text(F.A));
        assertEquals("x", fields.text(F.B), "the others stay");
        fields.set(F.G, (String) null);
        assertFalse(fields.sent(F.G));
    }

    @Test
    void aValueTooLongToKeepIsSentAndSaysHowLongItWas() {
        fields.set(F.A, "9".repeat(TextFields.MAX_VALUE_LENGTH));
        fields.set(F.B, "9".repeat(TextFields.MAX_VALUE_LENGTH + 1));
        assertTrue(fields.has(F.A), "exactly the limit is kept");
        assertFalse(fields.has(F.B));
        assertTrue(fields.sent(F.B));
        assertEquals("(513 characters)", fields.sample(F.B).toString());
    }

    @Test
    void manyLongFieldsInOneFrameKeepTheirOwnText() {
        for (F field : F.values()) {
            fields.set(field, field.name().repeat(100 + field.ordinal()));
        }
        for (F field : F.values()) {
            assertEquals(field.name().repeat(100 + field.ordinal()), fields.text(field));
            assertEquals(100 + field.ordinal(), fields.sample(field).length());
        }
        fields.clear();
        fields.set(F.C, "after");
        assertEquals("after", fields.text(F.C));
        assertNull(fields.text(F.A));
    }

    @Test
    void decimalsTimesAndWholeNumbersFromText() {
        ExactDecimal scratch = new ExactDecimal();
        fields.set(F.A, "32.50");
        fields.set(F.B, "2026-02-10T09:19:23Z");
        fields.set(F.C, "60.00");
        fields.set(F.D, "0.5");
        fields.set(F.E, "0");
        assertEquals(TextFields.READ, fields.read(F.A, scratch));
        assertEquals(new BigDecimal("32.50"), scratch.value());
        assertEquals(TextFields.BAD, fields.read(F.B, scratch));
        assertEquals(TextFields.ABSENT, fields.read(F.G, scratch));
        assertEquals(Instant.parse("2026-02-10T09:19:23Z"), fields.isoInstant(F.B));
        assertNull(fields.isoInstant(F.G));
        assertEquals(60, fields.wholeNumber(F.C, 1, scratch).getAsInt());
        assertTrue(fields.wholeNumber(F.D, 0, scratch).isEmpty());
        assertEquals(0, fields.wholeNumber(F.E, 0, scratch).getAsInt());
        assertTrue(fields.wholeNumber(F.E, 1, scratch).isEmpty());
        assertTrue(fields.wholeNumber(F.G, 0, scratch).isEmpty());
    }

    @Test
    void anOptionalDecimalThatIsNoneIsReportedOnce() {
        ExactDecimal scratch = new ExactDecimal();
        fields.set(F.A, "1.5");
        fields.set(F.B, "n/a");
        DecodeOutput out = new BadValues(badValues);
        assertTrue(fields.optionalDecimal(F.A, "price", scratch, out));
        assertFalse(fields.optionalDecimal(F.B, "volume", scratch, out));
        assertFalse(fields.optionalDecimal(F.C, "turnover", scratch, out));
        assertEquals(List.of("volume=n/a kept"), badValues);
        fields.report(F.B, "volume", true, out);
        assertEquals(List.of("volume=n/a kept", "volume=n/a dropped"), badValues);
    }

    /** Records bad values only. */
    private static final class BadValues implements DecodeOutput {
        private final List<String> into;

        BadValues(List<String> into) {
            this.into = into;
        }

        @Override public void badValue(String field, CharSequence sample, boolean eventDropped) {
            into.add(field + "=" + sample + (eventDropped ? " dropped" : " kept"));
        }
        @Override public void emit(MarketEvent event) { }
        @Override public void ready() { }
        @Override public void limits(LimitsUpdate update) { }
        @Override public void acknowledged(String topic, List<String> symbols) { }
        @Override public void unsubscribed(String topic, List<String> symbols) { }
        @Override public void rejected(String topic, List<String> symbols, String reason) { }
        @Override public void substitute(String topic, String symbol, List<String> replacements, String reason) { }
        @Override public void heartbeat() { }
        @Override public void problem(Disposition disposition) { }
        @Override public void credits(CreditUpdate update) { }
        @Override public void lost(Instant from, String reason) { }
    }
}
