package io.marketfeed.provider.screener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.BadValueCases;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.BadValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bad-value policy on Screener messages: a quote's values and every timestamp are optional (the event is kept
 * without them), a book level's price and quantity required (the level is left out), the stock code required (the
 * event is dropped); each bad value is reported once with the value as sent, and no problem on top.
 */
class TestScreenerBadValues {


    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    private static String sample(String csv) {
        return BadValueCases.sample(csv);
    }

    private void decode(String json) {
        ScreenerProtocol protocol = TestScreenerSession.protocol(Map.of("symbols", List.of("005930")));
        ScreenerSession session = (ScreenerSession) protocol.openSession(new SessionContext("screener/ws#1",
                protocol.endpoints().get(0)));
        session.subscribe(Topics.BOOK, List.of("005930"));
        session.subscribe(Topics.QUOTES, List.of("005930"));
        session.decode(InboundFrame.text(json, Instant.parse("2025-11-10T03:00:00.200Z")), out);
        assertEquals(List.of(), out.problems(), "a bad value is reported as such, not as a problem too");
    }


    private static String price(String field, String json) {
        String frame = "{\"type\":\"price_update\",\"timestamp\":\"2025-11-10T12:00:00.123456\",\"sequence\":41,"
                + "\"stock_code\":\"005930\",\"price\":72000,\"change\":1000,\"change_percent\":1.39,\"volume\":123}";
        return BadValueCases.with(frame, field, json);
    }

    @ParameterizedTest(name = "price {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aQuoteWithABadPriceIsKeptWithoutIt(String json, String sample) {
        decode(price("price", json));
        assertEquals(List.of(BadValue.absent("price", sample(sample))), out.badValues());
        Quote quote = out.events(Quote.class).get(0);
        assertNull(quote.price());
        assertEquals(new BigDecimal("1000"), quote.change());
    }

    @ParameterizedTest(name = "change_percent {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aQuoteWithABadChangePercentIsKeptWithoutIt(String json, String sample) {
        decode(price("change_percent", json));
        assertEquals(List.of(BadValue.absent("change_percent", sample(sample))), out.badValues());
        assertNull(out.events(Quote.class).get(0).changePercent());
    }

    @ParameterizedTest(name = "timestamp {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aQuoteWithABadTimestampKeepsItsReceiveTime(String json, String sample) {
        decode(price("timestamp", json));
        assertEquals(List.of(BadValue.absent("timestamp", sample(sample))), out.badValues());
        assertNull(out.events(Quote.class).get(0).time());
    }

    @ParameterizedTest(name = "level quantity {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aLevelWithABadQuantityIsLeftOut(String json, String sample) {
        decode("{\"type\":\"orderbook_update\",\"timestamp\":\"2025-11-10T12:00:00.123456\",\"stock_code\":\"005930\","
                + "\"bids\":[{\"price\":72900,\"quantity\":" + json + ",\"orders\":3},{\"price\":72800,\"quantity\":5,"
                + "\"orders\":" + json + "}],\"asks\":[]}");
        assertEquals(List.of(BadValue.dropped("quantity", sample(sample)), BadValue.absent("orders", sample(sample))),
                out.badValues());
        BookSnapshot book = out.events(BookSnapshot.class).get(0);
        assertEquals(1, book.bids().size());
        assertEquals(new BigDecimal("72800"), book.bids().get(0).price());
        assertNull(book.bids().get(0).orders());
    }

    @ParameterizedTest(name = "stock_code {0}")
    @CsvSource(textBlock = BadValueCases.SYMBOLS)
    void aQuoteWithABadStockCodeIsDropped(String json, String sample) {
        decode(price("stock_code", json));
        assertEquals(List.of(BadValue.dropped("stock_code", sample(sample))), out.calls());
    }
}
