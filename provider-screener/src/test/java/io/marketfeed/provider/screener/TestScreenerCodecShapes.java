package io.marketfeed.provider.screener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.Secret;
import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.BadValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Screener codec on shapes the recorded frames do not cover: requests and their escaping, the topic of each
 * subscription type, where a stock code may be, a quote's values in their alternative places, book levels missing
 * parts, market status, alerts and notifications in every combination of their parts.
 */
class TestScreenerCodecShapes {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private final ScreenerFrameReader reader = new ScreenerFrameReader();
    private final ScreenerCodec codec = new ScreenerCodec();
    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    private ScreenerMessage read(String json) throws IOException {
        return reader.read(InboundFrame.text(json, AT));
    }

    @Test
    void requestsAndTheirEscaping() {
        assertEquals("{\"type\":\"subscribe\",\"subscription_type\":\"stock\",\"targets\":[\"005930\",\"000660\"]}",
                ScreenerCodec.request("subscribe", "stock", List.of("005930", "000660")).text());
        assertEquals("{\"type\":\"unsubscribe\",\"subscription_type\":\"market\",\"targets\":[]}",
                ScreenerCodec.request("unsubscribe", "market", List.of()).text());
        assertEquals("{\"type\":\"subscribe\",\"subscription_type\":\"watchlist\","
                + "\"targets\":[\"a\\\"b\\\\c\\u0001\\u001f d\"]}",
                ScreenerCodec.request("subscribe", "watchlist", List.of("a\"b\\c\u0001\u001f d")).text());
        OutboundFrame refresh = ScreenerCodec.refreshToken(Secret.of("rt_test_FAKE_1"));
        assertEquals("{\"type\":\"refresh_token\",\"refresh_token\":\"rt_test_FAKE_1\"}", refresh.text());
        assertTrue(refresh.sensitive());
        assertEquals("{\"type\":\"ping\"}", ScreenerCodec.PING.text());
    }

    @Test
    void eachTopicHasItsSubscriptionTypeAndBack() {
        assertEquals("stock", ScreenerCodec.subscriptionType(Topics.QUOTES));
        assertEquals("stock", ScreenerCodec.subscriptionType(Topics.BOOK));
        for (String type : List.of("market", "sector", "watchlist")) {
            assertEquals(type, ScreenerCodec.subscriptionType(type));
            assertEquals(type, ScreenerCodec.topicOf(type));
        }
        assertNull(ScreenerCodec.topicOf("stock"));
        assertThrows(IllegalArgumentException.class, () -> ScreenerCodec.subscriptionType(Topics.TRADES));
    }

    @Test
    void theStockCodeIsFoundWhereverItIs() throws IOException {
        assertEquals("005930", codec.stockCode(read("{\"stock_code\":\"005930\",\"code\":\"X\"}")));
        assertEquals("000660", codec.stockCode(read("{\"code\":\"000660\",\"symbol\":\"X\"}")));
        assertEquals("035420", codec.stockCode(read("{\"symbol\":\"035420\"}")));
        assertEquals("000660", codec.stockCode(read("{\"stock_code\":\"  \",\"code\":\"000660\"}")), "blank is none");
        assertEquals("051910", codec.stockCode(read("{\"data\":{\"stock_code\":\"051910\",\"code\":\"X\"}}")));
        assertEquals("068270", codec.stockCode(read("{\"data\":{\"code\":\"068270\"}}")));
        assertNull(codec.stockCode(read("{\"data\":{}}")));
    }

    @Test
    void aStockCodeSentButBlankIsReportedWhereItWas() throws IOException {
        assertTrue(codec.badStockCode(read("{\"code\":\" \"}"), out));
        assertTrue(codec.badStockCode(read("{\"data\":{\"code\":null}}"), out));
        assertTrue(codec.badStockCode(read("{\"symbol\":{}}"), out));
        assertFalse(codec.badStockCode(read("{\"data\":{}}"), out));
        assertEquals(List.of(BadValue.dropped("code", " "), BadValue.dropped("code", "null"),
                BadValue.dropped("symbol", "{…}")), out.badValues());
    }

    @Test
    void aQuotesValuesInTheirAlternativePlaces() throws IOException {
        Quote quote = codec.quote(read("{\"type\":\"price_update\",\"stock_code\":\"005930\",\"data\":{\"price\":"
                + "\"70000\",\"change_pct\":\"0.5\"},\"change\":\"-100\",\"volume\":\"12\",\"timestamp\":"
                + "\"2026-03-02T09:00:00Z\"}"), "005930", AT, out);
        assertEquals(new BigDecimal("70000"), quote.price());
        assertEquals(new BigDecimal("-100"), quote.change());
        assertEquals(new BigDecimal("0.5"), quote.changePercent());
        assertEquals(new BigDecimal("12"), quote.volume());
        assertEquals(Instant.parse("2026-03-02T09:00:00Z"), quote.time());
        Quote pct = codec.quote(read("{\"price\":1,\"change_pct\":\"0.7\",\"change_percent\":\"x\"}"), "A", AT, out);
        assertEquals(new BigDecimal("0.7"), pct.changePercent());
        assertEquals(List.of(), out.badValues());
    }

    @Test
    void aQuotesBadValuesAreReportedOnceEach() throws IOException {
        Quote quote = codec.quote(read("{\"price\":\"p\",\"data\":{\"price\":\"q\",\"change_pct\":\"r\"},"
                + "\"change\":\"s\",\"volume\":\"t\",\"timestamp\":\"u\"}"), "A", AT, out);
        assertNull(quote.price());
        assertNull(quote.time());
        assertEquals(List.of(BadValue.absent("price", "p"), BadValue.absent("change", "s"),
                BadValue.absent("change_pct", "r"), BadValue.absent("volume", "t"), BadValue.absent("timestamp", "u")),
                out.badValues());
        RecordingDecodeOutput second = new RecordingDecodeOutput();
        codec.quote(read("{\"data\":{\"price\":\"q\"},\"change_percent\":\"v\",\"change_pct\":\"w\"}"), "A", AT, second);
        assertEquals(List.of(BadValue.absent("price", "q"), BadValue.absent("change_percent", "v")),
                second.badValues());
    }

    @Test
    void bookLevelsMissingPartsAreLeftOutAndReported() throws IOException {
        BookSnapshot book = codec.book(read("{\"bids\":[{\"price\":\"100\",\"quantity\":\"5\",\"orders\":\"2\"},"
                + "{\"price\":\"x\",\"quantity\":\"1\"},{\"price\":\"99\",\"quantity\":\"y\"},{\"quantity\":\"1\"},"
                + "{\"price\":\"98\"},{\"price\":\"97\",\"quantity\":\"3\",\"orders\":\"-1\"},{\"price\":\"96\","
                + "\"quantity\":\"3\",\"orders\":\"99999999999\"}],\"asks\":[]}"), "005930", AT, out);
        assertEquals(List.of(new BookLevel(new BigDecimal("100"), new BigDecimal("5"), 2),
                new BookLevel(new BigDecimal("97"), new BigDecimal("3"), null),
                new BookLevel(new BigDecimal("96"), new BigDecimal("3"), null)), book.bids());
        assertEquals(List.of(), book.asks());
        assertEquals(List.of(BadValue.dropped("price", "x"), BadValue.dropped("quantity", "y"),
                BadValue.absent("orders", "-1"), BadValue.absent("orders", "99999999999")), out.badValues(),
                "orders that are no int are reported");
        BookSnapshot next = codec.book(read("{\"bids\":[],\"asks\":[{\"price\":\"1\",\"quantity\":\"1\"}]}"), "X", AT,
                out);
        assertEquals(List.of(), next.bids(), "nothing of the last book stays");
        assertEquals(1, next.asks().size());
    }

    @Test
    void marketStatusNeedsAMarketAndAStatus() throws IOException {
        MarketStatus status = codec.marketStatus(read("{\"market\":\"KOSPI\",\"status\":\"open\",\"message\":"
                + "\" opened \",\"timestamp\":\"2026-03-02T09:00:00Z\"}"), AT, out);
        assertEquals(new MarketStatus("screener", "KOSPI", "open", "opened", Instant.parse("2026-03-02T09:00:00Z"),
                AT), status);
        assertNull(codec.marketStatus(read("{\"market\":\"KOSPI\"}"), AT, out));
        assertNull(codec.marketStatus(read("{\"status\":\"open\"}"), AT, out));
    }

    @Test
    void alertsSayWhatTheyCanFromTheirParts() throws IOException {
        Alert said = codec.alert(read("{\"alert_type\":\"price_above\",\"message\":\"crossed\",\"stock_code\":"
                + "\"005930\"}"), AT, out);
        assertEquals("alert:price_above", said.kind());
        assertEquals("crossed", said.message());
        assertEquals("005930", said.symbol());
        assertEquals("price_above threshold 100 current price 101", codec.alert(read("{\"alert_type\":"
                + "\"price_above\",\"threshold\":100,\"current_price\":101}"), AT, out).message());
        Alert bare = codec.alert(read("{}"), AT, out);
        assertEquals("alert", bare.kind());
        assertEquals("alert", bare.message());
        assertEquals("alert current price 5", codec.alert(read("{\"current_price\":5}"), AT, out).message());
        assertEquals("alert threshold 7", codec.alert(read("{\"threshold\":7}"), AT, out).message());
    }

    @Test
    void notificationsJoinPriorityTitleAndText() throws IOException {
        Alert all = codec.notification(read("{\"notification_type\":\"SYSTEM\",\"priority\":\"high\",\"title\":"
                + "\"Maintenance\",\"message\":\"at 18:00\"}"), AT, out);
        assertEquals("notification:system", all.kind());
        assertEquals("[high] Maintenance: at 18:00", all.message());
        assertEquals("Maintenance", codec.notification(read("{\"title\":\"Maintenance\"}"), AT, out).message());
        assertEquals("at 18:00", codec.notification(read("{\"message\":\"at 18:00\"}"), AT, out).message());
        Alert empty = codec.notification(read("{}"), AT, out);
        assertEquals("notification", empty.kind());
        assertEquals("", empty.message());
    }

    @Test
    void theTypeIsInterned() throws IOException {
        assertEquals("price_update", codec.type(read("{\"type\":\"price_update\"}")));
        assertNull(codec.type(read("{}")));
    }
}
