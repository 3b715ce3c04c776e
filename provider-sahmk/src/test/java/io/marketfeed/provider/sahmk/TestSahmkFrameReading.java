package io.marketfeed.provider.sahmk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.toolkit.Symbols;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the frame reader takes from a SAHMK frame: the top level and {@code data} in any order, a book's sides and
 * a snapshot's trades element by element, the symbols a response names in every shape, the limits of
 * {@code connected}; and that each frame starts afresh.
 */
class TestSahmkFrameReading {

    private final SahmkFrameReader reader = new SahmkFrameReader();
    private final Symbols names = new Symbols();

    private SahmkMessage read(String json) throws IOException {
        return reader.read(Frames.json(json));
    }

    @Test
    void aQuoteIsReadWhateverTheOrderOfItsFields() throws IOException {
        SahmkMessage quote = read("{\"data\":{\"price\":32.50,\"symbol\":\"2222\",\"unknown\":{\"price\":1},"
                + "\"volume\":\"1200\"},\"timestamp\":\"2026-02-10T09:19:23Z\",\"type\":\"quote\",\"extra\":[1]}");
        assertEquals("quote", quote.type(names));
        assertEquals("2222", quote.symbol(names), "the symbol inside data");
        assertEquals("32.50", quote.data.text(SahmkField.PRICE));
        assertEquals("1200", quote.data.text(SahmkField.VOLUME));
        assertEquals("2026-02-10T09:19:23Z", quote.top.text(SahmkField.TIMESTAMP));
        assertNull(quote.symbols);
    }

    @Test
    void aTopLevelSymbolWinsOverOneInsideData() throws IOException {
        SahmkMessage quote = read("{\"symbol\":\"1120\",\"data\":{\"symbol\":\"2222\"}}");
        assertEquals("1120", quote.symbol(names));
        assertNull(read("{\"type\":\"pong\"}").symbol(names));
        assertNull(read("{\"symbol\":\"pong\"}").type(names));
    }

    @Test
    void theSymbolsOfAResponseInEveryShape() throws IOException {
        assertEquals(List.of("2222", "1120", "4321"),
                read("{\"type\":\"subscribed\",\"symbols\":[\"2222\",1120,{\"s\":\"X\"},[\"Y\"],true,null,4321]}")
                        .symbols);
        assertEquals(List.of("2222"), read("{\"symbols\":\"2222\"}").symbols, "a lone string is a list of one");
        assertEquals(List.of("7010"), read("{\"symbols\":7010}").symbols, "so is a lone number");
        assertNull(read("{\"symbols\":null}").symbols);
        SahmkMessage object = read("{\"symbols\":{\"a\":\"2222\"},\"type\":\"error\"}");
        assertEquals(List.of(), object.symbols);
        assertEquals("error", object.type(names), "what follows is still read");
        assertEquals(List.of(), read("{\"symbols\":false}").symbols);
    }

    @Test
    void aBookIsReadLevelByLevel() throws IOException {
        SahmkMessage book = read("{\"type\":\"depth_snapshot\",\"bids\":[{\"price\":\"32.4\",\"quantity\":100,"
                + "\"level\":1,\"order_count\":3},7,[1,2],{\"price\":\"32.3\",\"nested\":{\"price\":9}}],"
                + "\"asks\":[{\"price\":\"32.6\"}],\"events\":\"none\"}");
        assertEquals(2, book.bids.size(), "only objects are levels");
        assertEquals("32.4", book.bids.get(0).text(SahmkField.PRICE));
        assertEquals("100", book.bids.get(0).text(SahmkField.QUANTITY));
        assertEquals("1", book.bids.get(0).text(SahmkField.LEVEL));
        assertEquals("3", book.bids.get(0).text(SahmkField.ORDER_COUNT));
        assertEquals("32.3", book.bids.get(1).text(SahmkField.PRICE));
        assertEquals(1, book.asks.size());
        assertTrue(book.asks.isPresent());
        assertTrue(book.events.isPresent(), "events that are not a list were sent");
        assertEquals(0, book.events.size());
    }

    @Test
    void aTradesSnapshotIsReadTradeByTrade() throws IOException {
        SahmkMessage snapshot = read("{\"type\":\"trades_snapshot\",\"symbol\":\"2222\",\"events\":[{\"price\":\"32.5\","
                + "\"quantity\":\"10\",\"side\":\"buy\",\"trade_id\":\"t1\",\"event_time\":\"2026-02-10T09:01:03Z\"},"
                + "{\"price\":\"32.6\",\"quantity\":\"5\",\"value\":\"163\"}]}");
        assertEquals(2, snapshot.events.size());
        assertEquals("buy", snapshot.events.get(0).text(SahmkField.SIDE));
        assertEquals("t1", snapshot.events.get(0).text(SahmkField.TRADE_ID));
        assertEquals("2026-02-10T09:01:03Z", snapshot.events.get(0).text(SahmkField.EVENT_TIME));
        assertEquals("163", snapshot.events.get(1).text(SahmkField.VALUE));
    }

    @Test
    void theLimitsOfConnected() throws IOException {
        SahmkMessage connected = read("{\"type\":\"connected\",\"plan\":\"pro\",\"limits\":{"
                + "\"max_symbols_per_connection\":60,\"max_symbols_per_call\":\"20\",\"other\":1}}");
        assertEquals("60", connected.limits.text(SahmkField.MAX_SYMBOLS_PER_CONNECTION));
        assertEquals("20", connected.limits.text(SahmkField.MAX_SYMBOLS_PER_CALL));
        assertEquals("pro", connected.top.text(SahmkField.PLAN));
        SahmkMessage odd = read("{\"limits\":[60],\"data\":\"x\",\"plan\":\"basic\"}");
        assertFalse(odd.limits.sent(SahmkField.MAX_SYMBOLS_PER_CONNECTION));
        assertFalse(odd.data.sent(SahmkField.PRICE));
        assertEquals("basic", odd.top.text(SahmkField.PLAN));
    }

    @Test
    void eachFrameStartsAfresh() throws IOException {
        read("{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":1},\"limits\":{\"max_symbols_per_call\":5},"
                + "\"bids\":[{\"price\":1}],\"asks\":[{\"price\":2}],\"events\":[{\"price\":3}],\"symbols\":[\"A\"]}");
        SahmkMessage next = read("{\"type\":\"pong\"}");
        assertNull(next.symbol(names));
        assertFalse(next.data.sent(SahmkField.PRICE));
        assertFalse(next.limits.sent(SahmkField.MAX_SYMBOLS_PER_CALL));
        assertEquals(0, next.bids.size());
        assertEquals(0, next.asks.size());
        assertEquals(0, next.events.size());
        assertFalse(next.bids.isPresent());
        assertNull(next.symbols);
    }

    @Test
    void fieldNamesAreTheWires() {
        assertEquals("change_percent", SahmkField.CHANGE_PERCENT.wire());
        io.marketfeed.toolkit.FieldNames<SahmkField> names =
                io.marketfeed.toolkit.FieldNames.of(SahmkField.class, SahmkField::wire);
        for (SahmkField field : SahmkField.values()) {
            assertEquals(field, names.field(field.wire()), "each name once");
        }
        assertEquals(SahmkField.MAX_SYMBOLS_PER_CALL, names.field("max_symbols_per_call"));
    }

    @Test
    void aFrameThatIsNotAnObjectIsRefused() {
        assertThrows(IOException.class, () -> read("[{\"type\":\"quote\"}]"));
        assertThrows(IOException.class, () -> read("null"));
    }
}
