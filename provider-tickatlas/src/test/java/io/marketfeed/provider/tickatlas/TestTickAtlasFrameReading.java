package io.marketfeed.provider.tickatlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.toolkit.ExactDecimal;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the frame reader takes from a TickAtlas frame: a quote flat or under {@code data}, its two kinds of time,
 * an error as an object or a string, the symbols a response names, and times of every shape the server may send.
 */
class TestTickAtlasFrameReading {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private final TickAtlasFrameReader reader = new TickAtlasFrameReader();
    private final ExactDecimal scratch = new ExactDecimal();

    private TickAtlasMessage read(String json) throws IOException {
        return reader.read(InboundFrame.text(json, AT));
    }

    @Test
    void aQuoteUnderDataIsReadFromDataWithItsTimes() throws IOException {
        TickAtlasMessage message = read("{\"type\":\"quote\",\"data\":{\"symbol\":\"EURUSD\",\"bid\":1.08420,"
                + "\"ask\":\"1.08430\",\"timestamp\":1772445600,\"time\":\"2026-03-02T09:59:00Z\"},"
                + "\"timestamp\":\"2026-03-02T09:00:00Z\"}");
        assertTrue(message.hasData);
        assertSame(message.data, message.quoteFields());
        assertEquals("1.08420", message.quoteFields().text(TickAtlasField.BID), "the literal keeps its decimals");
        assertEquals("1.08430", message.quoteFields().text(TickAtlasField.ASK));
        assertEquals(Instant.ofEpochSecond(1772445600), message.quoteTimestamp(scratch), "data's time first");
        assertEquals(Instant.parse("2026-03-02T09:59:00Z"), message.barTime(scratch));
        assertEquals("quote", message.top.text(TickAtlasField.TYPE));
    }

    @Test
    void aFlatQuoteIsReadFromTheTopLevel() throws IOException {
        TickAtlasMessage message = read("{\"type\":\"quote\",\"symbol\":\"XAUUSD\",\"price\":2650.5,"
                + "\"timestamp\":\" 2026-03-02 09:00:00 \",\"time\":1772445600000,\"data\":\"none\"}");
        assertFalse(message.hasData, "data that is not an object is no data");
        assertSame(message.top, message.quoteFields());
        assertEquals("2650.5", message.quoteFields().text(TickAtlasField.PRICE));
        assertEquals(Instant.parse("2026-03-02T09:00:00Z"), message.quoteTimestamp(scratch));
        assertEquals(Instant.ofEpochMilli(1772445600000L), message.barTime(scratch));
    }

    @Test
    void aTimeUnderDataFallsBackToTheTopLevel() throws IOException {
        TickAtlasMessage message = read("{\"data\":{\"symbol\":\"EURUSD\"},\"timestamp\":1772445600,\"time\":1772445660}");
        assertTrue(message.hasData);
        assertEquals(Instant.ofEpochSecond(1772445600), message.quoteTimestamp(scratch));
        assertEquals(Instant.ofEpochSecond(1772445660), message.barTime(scratch));
    }

    @Test
    void timesOfTheWrongShapeAreSentButNoTime() throws IOException {
        TickAtlasMessage message = read("{\"timestamp\":true,\"time\":{\"s\":1},\"data\":{\"timestamp\":null,"
                + "\"time\":[1]}}");
        assertTrue(message.top.sent(TickAtlasField.TIMESTAMP));
        assertEquals("true", message.top.sample(TickAtlasField.TIMESTAMP).toString());
        assertEquals("{…}", message.top.sample(TickAtlasField.TIME).toString());
        assertEquals("null", message.data.sample(TickAtlasField.TIMESTAMP).toString());
        assertEquals("[…]", message.data.sample(TickAtlasField.TIME).toString());
        assertNull(message.quoteTimestamp(scratch));
        assertNull(message.barTime(scratch));
        TickAtlasMessage falseTime = read("{\"timestamp\":false,\"time\":\"" + "9".repeat(65) + "\"}");
        assertEquals("false", falseTime.top.sample(TickAtlasField.TIMESTAMP).toString());
        assertEquals("9".repeat(65), falseTime.top.sample(TickAtlasField.TIME).toString(), "too long for a time");
        assertNull(falseTime.barTime(scratch));
        assertEquals("(513 characters)", read("{\"time\":\"" + "9".repeat(513) + "\"}").top
                .sample(TickAtlasField.TIME).toString());
        TickAtlasMessage blank = read("{\"timestamp\":\"   \",\"time\":\"" + "1".repeat(10) + " \"}");
        assertTrue(blank.top.sent(TickAtlasField.TIMESTAMP));
        assertNull(blank.quoteTimestamp(scratch));
        assertEquals(Instant.ofEpochSecond(1_111_111_111L), blank.barTime(scratch));
        assertFalse(read("{}").top.sent(TickAtlasField.TIME));
    }

    @Test
    void blanksAroundATimeAreDropped() throws IOException {
        TickAtlasMessage message = read("{\"timestamp\":\"  1772445600\\t\",\"time\":\" 2026-03-02T09:59:00Z \"}");
        assertEquals(Instant.ofEpochSecond(1772445600), message.quoteTimestamp(scratch));
        assertEquals(Instant.parse("2026-03-02T09:59:00Z"), message.barTime(scratch));
        assertNull(read("{\"time\":\" x\"}").barTime(scratch));
    }

    @Test
    void aTimeIsReadAgainOnlyWhenItsTextChanges() throws IOException {
        Instant first = read("{\"timestamp\":1772445600}").quoteTimestamp(scratch);
        assertEquals(Instant.ofEpochSecond(1772445600), first);
        assertSame(first, read("{\"timestamp\":1772445600}").quoteTimestamp(scratch), "the same text, the same time");
        assertEquals(Instant.ofEpochSecond(1772445601), read("{\"timestamp\":1772445601}").quoteTimestamp(scratch));
        assertEquals(Instant.ofEpochSecond(17724456), read("{\"timestamp\":17724456}").quoteTimestamp(scratch),
                "a shorter text is another time");
    }

    @Test
    void anErrorIsReadAsAnObjectOrAsAString() throws IOException {
        TickAtlasMessage object = read("{\"type\":\"error\",\"error\":{\"code\":\"INVALID_SYMBOL\","
                + "\"message\":\" no such"
                + " symbol \",\"timestamp\":5},\"symbols\":[\"FOO\",1,{\"x\":1},[\"Y\"],\"BAR\"]}");
        assertEquals("invalid_symbol", object.errorCode());
        assertEquals("no such symbol", object.errorMessage());
        assertEquals(List.of("FOO", "1", "BAR"), object.symbols, "scalars as text (the toolkit's JsonReading.strings)");
        assertFalse(object.top.sent(TickAtlasField.TIMESTAMP), "an error's own timestamp is not the message's");
        TickAtlasMessage flat = read("{\"type\":\"error\",\"code\":\"RATE_LIMIT\",\"message\":\"slow down\","
                + "\"error\":{\"code\":\"OTHER\",\"message\":\"other\"}}");
        assertEquals("rate_limit", flat.errorCode(), "the top level wins");
        assertEquals("slow down", flat.errorMessage());
        TickAtlasMessage text = read("{\"type\":\"error\",\"error\":\"quota exceeded\"}");
        assertNull(text.errorCode());
        assertEquals("quota exceeded", text.errorMessage());
        assertNull(read("{\"type\":\"error\"}").errorMessage());
    }

    @Test
    void theSymbolsOfAResponseInEveryShape() throws IOException {
        assertEquals(List.of("EURUSD"), read("{\"symbols\":\"EURUSD\"}").symbols);
        assertNull(read("{\"symbols\":null}").symbols);
        assertNull(read("{}").symbols);
        assertEquals(List.of(), read("{\"symbols\":{\"a\":\"B\"},\"type\":\"x\"}").symbols);
        assertEquals("x", read("{\"symbols\":{\"a\":\"B\"},\"type\":\"x\"}").top.text(TickAtlasField.TYPE));
        assertEquals(List.of("7"), read("{\"symbols\":7}").symbols, "a lone number is a list of one, as a string");
        assertEquals(List.of(), read("{\"symbols\":true}").symbols);
    }

    @Test
    void unknownFieldsAreSkippedAndEachFrameStartsAfresh() throws IOException {
        read("{\"type\":\"quote\",\"data\":{\"bid\":1},\"symbols\":[\"A\"],\"error\":{\"code\":\"X\"}}");
        TickAtlasMessage next = read("{\"unknown\":{\"type\":\"nested\"},\"other\":[1,{\"code\":\"Y\"}],\"type\":\"pong\"}");
        assertEquals("pong", next.top.text(TickAtlasField.TYPE));
        assertFalse(next.hasData);
        assertNull(next.symbols);
        assertNull(next.errorCode());
        assertNull(next.data.text(TickAtlasField.BID));
    }

    @Test
    void aFrameThatIsNotAnObjectIsRefused() {
        assertThrows(IOException.class, () -> read("[]"));
        assertThrows(IOException.class, () -> read("42"));
    }
}
