package io.marketfeed.provider.screener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.toolkit.ExactDecimal;
import io.marketfeed.toolkit.Symbols;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the frame reader takes from a Screener frame: targets, book levels as objects or pairs, details, restored
 * subscriptions, batches of messages (one level deep), timestamps of every shape, and values with odd blanks kept
 * exactly as sent; and the reference readings of wire text the codec relies on.
 */
class TestScreenerFrameReading {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private final ScreenerFrameReader reader = new ScreenerFrameReader();
    private final ExactDecimal scratch = new ExactDecimal();

    private ScreenerMessage read(String json) throws IOException {
        return reader.read(InboundFrame.text(json, AT));
    }

    @Test
    void targetsInEveryShape() throws IOException {
        assertEquals(List.of("005930", "000660", "7", "true"),
                read("{\"type\":\"subscribed\",\"targets\":[\"005930\",\"000660\",7,null,{\"x\":1},[2],true]}").targets);
        assertEquals(List.of("005930"), read("{\"targets\":\"005930\"}").targets);
        assertNull(read("{\"targets\":{\"a\":\"b\"}}").targets);
        assertNull(read("{\"targets\":3}").targets);
        assertNull(read("{}").targets);
    }

    @Test
    void bookLevelsAsObjectsUnderAnyOfTheirNamesOrAsPairs() throws IOException {
        ScreenerMessage book = read("{\"type\":\"orderbook\",\"bids\":[{\"price\":\"70000\",\"quantity\":\"10\","
                + "\"orders\":3},{\"price\":69900,\"size\":5,\"order_count\":1},{\"price\":69800,\"volume\":2},"
                + "{\"other\":1},[69700,4,2,99],[null,3],7],\"asks\":\"none\"}");
        assertEquals(5, book.bids.size(), "a level without a field the decoder reads is left out");
        assertEquals("70000", book.bids.get(0).text(ScreenerField.PRICE));
        assertEquals("10", book.bids.get(0).text(ScreenerField.QUANTITY));
        assertEquals("3", book.bids.get(0).text(ScreenerField.ORDERS));
        assertEquals("5", book.bids.get(1).text(ScreenerField.QUANTITY));
        assertEquals("1", book.bids.get(1).text(ScreenerField.ORDERS));
        assertEquals("2", book.bids.get(2).text(ScreenerField.QUANTITY));
        assertEquals("69700", book.bids.get(3).text(ScreenerField.PRICE));
        assertEquals("4", book.bids.get(3).text(ScreenerField.QUANTITY));
        assertEquals("2", book.bids.get(3).text(ScreenerField.ORDERS));
        assertNull(book.bids.get(4).text(ScreenerField.PRICE), "null in a pair's place is no price");
        assertEquals("3", book.bids.get(4).text(ScreenerField.QUANTITY));
        assertFalse(book.asks.isPresent());
        assertTrue(book.bids.isPresent());
    }

    @Test
    void detailsRestoredSubscriptionsAndData() throws IOException {
        ScreenerMessage message = read("{\"type\":\"error\",\"details\":{\"limit\":100,\"retry\":\"5\",\"n\":null,"
                + "\"o\":{\"x\":1}},\"restored_subscriptions\":{\"stock\":[\"005930\"],\"market\":\"KOSPI\","
                + "\"bad\":{\"x\":1}},\"data\":{\"price\":\"70000\",\"unknown\":{\"price\":1},\"volume\":12}}");
        assertEquals(Map.of("limit", "100", "retry", "5"), message.detailsSent());
        assertEquals("100", message.detail("limit"));
        assertNull(message.detail("n"));
        assertEquals(Map.of("stock", List.of("005930"), "market", List.of("KOSPI")), message.restored);
        assertEquals("70000", message.data.text(ScreenerField.PRICE));
        assertEquals("12", message.data.text(ScreenerField.VOLUME));
        ScreenerMessage none = read("{\"details\":[1],\"restored_subscriptions\":[\"x\"],\"data\":5}");
        assertEquals(Map.of(), none.detailsSent());
        assertNull(none.detail("limit"));
        assertNull(none.restored);
        assertFalse(none.data.sent(ScreenerField.PRICE));
    }

    @Test
    void atMostSixtyFourDetailsAreKept() throws IOException {
        StringBuilder json = new StringBuilder("{\"details\":{");
        for (int i = 0; i < 70; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        assertEquals(64, read(json.append("}}").toString()).detailsSent().size());
    }

    @Test
    void aBatchIsReadOneLevelDeep() throws IOException {
        ScreenerMessage batch = read("{\"type\":\"batch\",\"messages\":[{\"type\":\"price_update\",\"stock_code\":"
                + "\"005930\",\"messages\":[{\"type\":\"inner\",\"messages\":[{\"type\":\"too deep\"}]}]},7,"
                + "{\"type\":\"price_update\",\"stock_code\":\"000660\"}]}");
        assertTrue(batch.hasMessages());
        assertEquals(2, batch.messageCount());
        Symbols types = new Symbols();
        assertEquals("price_update", batch.message(0).type(types));
        assertEquals("000660", batch.message(1).trimmed(ScreenerField.STOCK_CODE));
        ScreenerMessage inner = batch.message(0);
        assertTrue(inner.hasMessages());
        assertEquals(1, inner.messageCount());
        assertFalse(inner.message(0).hasMessages(), "batches nest at most two deep");
        assertThrows(IndexOutOfBoundsException.class, () -> batch.message(2));
        assertFalse(read("{\"messages\":{\"type\":\"x\"}}").hasMessages());
        assertEquals(0, read("{\"type\":\"ping\"}").messageCount(), "each frame starts afresh");
    }

    @Test
    void timestampsOfEveryShape() throws IOException {
        assertEquals(Instant.parse("2026-03-02T09:00:00Z"), read("{\"timestamp\":\"2026-03-02T09:00:00Z\"}")
                .timestamp());
        assertNull(read("{\"timestamp\":null}").timestamp());
        assertNull(read("{\"timestamp\":{\"s\":1}}").timestamp());
        assertNull(read("{}").timestamp());
        assertNull(read("{\"timestamp\":\"" + "1".repeat(600) + "\"}").timestamp(), "too long to be a time");
        assertEquals(Instant.parse("2026-03-02T00:00:00.123456789Z"),
                read("{\"timestamp\":\"  2026-03-02T09:00:00.123456789+09:00  \"}").timestamp(),
                "a timestamp longer than the first buffer is read whole");
        assertNull(read("{\"timestamp\":\"2026-03-02T09:00:00.123456789012345678901234567890Z\"}").timestamp(),
                "java.time reads at most nine digits of a fraction");
    }

    @Test
    void aNullSequenceIsNoted() throws IOException {
        assertTrue(read("{\"sequence\":null}").sequenceNull);
        assertFalse(read("{\"sequence\":4}").sequenceNull);
        assertFalse(read("{\"other\":null}").sequenceNull);
    }

    @Test
    void valuesWithBlanksThatAreNoWhiteSpaceAreKeptAsSent() throws IOException {
        ScreenerMessage message = read("{\"type\":\"price_update\",\"stock_code\":\"\\u2003005930\\u2003\","
                + "\"price\":\" 70000\\u0000\",\"change\":\"\\u00a0-5 \",\"volume\":\" 12 \"}");
        assertEquals("\u2003005930\u2003", message.text(ScreenerField.STOCK_CODE));
        assertEquals("005930", message.trimmed(ScreenerField.STOCK_CODE), "as String.strip reads it");
        assertTrue(message.present(ScreenerField.STOCK_CODE));
        assertNull(message.decimal(message.top, ScreenerField.PRICE, scratch), "a NUL is no digit");
        assertTrue(message.bad(message.top, ScreenerField.PRICE, scratch));
        assertEquals(" 70000\u0000", message.sample(message.top, ScreenerField.PRICE).toString());
        assertEquals(new BigDecimal("12"), message.decimal(message.top, ScreenerField.VOLUME, scratch));
        assertEquals(12, message.whole(message.top, ScreenerField.VOLUME, scratch));
        assertFalse(message.bad(message.top, ScreenerField.VOLUME, scratch));
        assertTrue(message.sent(message.top, ScreenerField.CHANGE));
        ScreenerMessage again = read("{\"stock_code\":\"005930\"}");
        assertEquals("005930", again.text(ScreenerField.STOCK_CODE), "nothing of the last frame shows through");
        assertNull(again.text(ScreenerField.PRICE));
    }

    @Test
    void theFirstPresentOfSeveralNames() throws IOException {
        ScreenerMessage message = read("{\"stock_code\":\"  \",\"code\":\"000660\",\"symbol\":\"X\"}");
        assertEquals("000660", message.first(ScreenerField.STOCK_CODE, ScreenerField.CODE, ScreenerField.SYMBOL));
        assertFalse(message.present(ScreenerField.STOCK_CODE));
        assertNull(message.first(ScreenerField.MARKET, ScreenerField.STATUS));
    }

    @Test
    void wholeNumbersAreExactAndNeverNegative() throws IOException {
        ScreenerMessage message = read("{\"data\":{\"volume\":\"1200.00\",\"price\":\"12.5\",\"change\":\"-3\","
                + "\"threshold\":\"1e3\",\"expires_in\":\"99999999999999999999999\"}}");
        assertEquals(1200, message.whole(message.data, ScreenerField.VOLUME, scratch));
        assertEquals(-1, message.whole(message.data, ScreenerField.PRICE, scratch));
        assertEquals(-1, message.whole(message.data, ScreenerField.CHANGE, scratch));
        assertEquals(1000, message.whole(message.data, ScreenerField.THRESHOLD, scratch));
        assertEquals(-1, message.whole(message.data, ScreenerField.EXPIRES_IN, scratch));
        assertEquals(-1, message.whole(message.data, ScreenerField.STATUS, scratch));
        assertEquals(1200, ScreenerText.wholeOf(" 1200.0 "));
        assertEquals(-1, ScreenerText.wholeOf("-1"));
        assertEquals(-1, ScreenerText.wholeOf("1.5"));
        assertEquals(-1, ScreenerText.wholeOf("x"));
        assertEquals(new BigDecimal("1.50"), ScreenerText.decimalOf(" 1.50 "));
        assertNull(ScreenerText.decimalOf("1e999"));
        assertNull(ScreenerText.decimalOf("1.2.3"));
        assertNull(ScreenerText.decimalOf("   "));
        assertNull(ScreenerText.decimalOf(null));
        assertNull(ScreenerText.clean(" \t"));
    }

    @Test
    void aFrameThatIsNotOneJsonObjectIsRefused() {
        assertThrows(IOException.class, () -> read("[1]"));
        assertThrows(IOException.class, () -> read("{\"type\":\"a\"} {\"type\":\"b\"}"));
    }
}
