package io.marketfeed.provider.screener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.InboundFrame;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the frame reader takes from a Screener frame: targets, book levels as objects or arrays, details, restored
 * subscriptions, batches of messages (one level deep), timestamps of every shape, and texts read whole.
 */
class TestScreenerFrameReading {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private final ScreenerFrameReader reader = new ScreenerFrameReader();

    private ScreenerMessage read(String json) throws IOException {
        return reader.read(InboundFrame.text(json, AT));
    }

    @Test
    void targetsInEveryShape() throws IOException {
        assertEquals(List.of("005930", "000660", "7"),
                read("{\"type\":\"subscribed\",\"targets\":[\"005930\",\"000660\",7,null,{\"x\":1},[2],true]}").targets);
        assertEquals(List.of("005930"), read("{\"targets\":\"005930\"}").targets);
        assertEquals(List.of("3"), read("{\"targets\":3}").targets);
        assertEquals(List.of(), read("{\"targets\":{\"a\":\"b\"}}").targets);
        assertNull(read("{\"targets\":null}").targets);
        assertNull(read("{}").targets);
    }

    @Test
    void bookLevelsAsObjectsUnderAnyOfTheirNamesOrAsArrays() throws IOException {
        ScreenerMessage book = read("{\"type\":\"orderbook\",\"bids\":[{\"price\":\"70000\",\"quantity\":\"10\","
                + "\"orders\":3},{\"price\":69900,\"size\":5,\"order_count\":1},{\"price\":69800,\"volume\":2},"
                + "{\"other\":1},[69700,4,2,99],[null,3],7],\"asks\":\"none\"}");
        assertEquals(6, book.bids.size(), "a level that is no object or array is skipped");
        assertEquals("70000", book.bids.get(0).text(ScreenerField.PRICE));
        assertEquals("10", book.bids.get(0).text(ScreenerField.QUANTITY));
        assertEquals("3", book.bids.get(0).text(ScreenerField.ORDERS));
        assertEquals("5", book.bids.get(1).text(ScreenerField.QUANTITY));
        assertEquals("1", book.bids.get(1).text(ScreenerField.ORDERS));
        assertEquals("2", book.bids.get(2).text(ScreenerField.QUANTITY));
        assertFalse(book.bids.get(3).sent(ScreenerField.PRICE), "a level without the fields is empty (left out)");
        assertEquals("69700", book.bids.get(4).text(ScreenerField.PRICE));
        assertEquals("4", book.bids.get(4).text(ScreenerField.QUANTITY));
        assertEquals("2", book.bids.get(4).text(ScreenerField.ORDERS));
        assertFalse(book.bids.get(5).sent(ScreenerField.PRICE), "null in an array's place is no price, and no bad one");
        assertEquals("3", book.bids.get(5).text(ScreenerField.QUANTITY));
        assertFalse(book.asks.isPresent());
        assertTrue(book.bids.isPresent());
        assertTrue(read("{\"asks\":[]}").asks.isPresent(), "an empty side was sent");
    }

    @Test
    void detailsRestoredSubscriptionsAndData() throws IOException {
        ScreenerMessage message = read("{\"type\":\"error\",\"details\":{\"limit\":100,\"retry\":\" 5 \",\"n\":null,"
                + "\"o\":{\"x\":1}},\"restored_subscriptions\":{\"stock\":[\"005930\"],\"market\":\"KOSPI\","
                + "\"bad\":{\"x\":1}},\"data\":{\"price\":\"70000\",\"unknown\":{\"price\":1},\"volume\":12}}");
        assertEquals(Map.of("limit", "100", "retry", "5"), message.details);
        assertEquals(Map.of("stock", List.of("005930"), "market", List.of("KOSPI")), message.restored);
        assertEquals("70000", message.data.text(ScreenerField.PRICE));
        assertEquals("12", message.data.text(ScreenerField.VOLUME));
        ScreenerMessage none = read("{\"details\":[1],\"restored_subscriptions\":[\"x\"],\"data\":5}");
        assertNull(none.details);
        assertNull(none.restored);
        assertFalse(none.data.sent(ScreenerField.PRICE));
    }

    @Test
    void atMostSixtyFourDetailsAreKept() throws IOException {
        StringBuilder json = new StringBuilder("{\"details\":{");
        for (int i = 0; i < 70; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        assertEquals(64, read(json.append("}}").toString()).details.size());
    }

    @Test
    void aBatchIsReadOneLevelDeep() throws IOException {
        ScreenerMessage batch = read("{\"type\":\"batch\",\"messages\":[{\"type\":\"price_update\",\"stock_code\":"
                + "\"005930\",\"messages\":[{\"type\":\"inner\",\"messages\":[{\"type\":\"too deep\"}]}]},7,"
                + "{\"type\":\"price_update\",\"stock_code\":\"000660\"}]}");
        List<ScreenerMessage> items = batch.messages();
        assertEquals(2, items.size());
        assertEquals("price_update", items.get(0).top.text(ScreenerField.TYPE));
        assertEquals("000660", items.get(1).top.text(ScreenerField.STOCK_CODE));
        assertEquals(1, items.get(0).messages().size());
        assertNull(items.get(0).messages().get(0).messages(), "batches nest at most two deep");
        assertNull(read("{\"messages\":{\"type\":\"x\"}}").messages());
        assertNull(read("{\"type\":\"ping\"}").messages(), "each frame starts afresh");
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
        assertTrue(read("{\"sequence\":null}").top.isNull(ScreenerField.SEQUENCE));
        assertFalse(read("{\"sequence\":4}").top.isNull(ScreenerField.SEQUENCE));
        assertFalse(read("{\"other\":null}").top.isNull(ScreenerField.SEQUENCE));
    }

    /** An error's text and a refreshed token are no values: read whole however long, without surrounding blanks. */
    @Test
    void textsAreReadWhole() throws IOException {
        String token = "eyJ" + "t".repeat(900);
        ScreenerMessage message = read("{\"message\":\" " + "m".repeat(700) + " \",\"access_token\":\"" + token
                + "\"}");
        assertEquals("m".repeat(700), message.text);
        assertEquals(token, message.accessToken);
        assertNull(read("{\"message\":\" \",\"access_token\":null}").text, "blank is none");
        assertEquals("7", read("{\"message\":7}").text);
        assertNull(read("{\"message\":{\"text\":\"x\"}}").text);
    }

    @Test
    void aFrameThatIsNotOneJsonObjectIsRefused() {
        assertThrows(IOException.class, () -> read("[1]"));
        assertThrows(IOException.class, () -> read("{\"type\":\"a\"} {\"type\":\"b\"}"));
    }
}
