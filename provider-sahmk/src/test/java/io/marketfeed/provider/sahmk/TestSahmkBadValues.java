package io.marketfeed.provider.sahmk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Trade;
import io.marketfeed.testkit.BadValueCases;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.BadValue;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bad-value policy on SAHMK's messages: a required field (symbol, a trade's or level's price and quantity)
 * that cannot be read exactly drops its event or level; an optional one (a quote's values, a trade's value, a
 * time) is left out of an event that is still emitted; either way exactly one bad value is reported, naming the
 * field and the value as sent, and nothing else (no problem on top).
 */
class TestSahmkBadValues {

    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    private static String sample(String csv) {
        return BadValueCases.sample(csv);
    }

    private void decode(SahmkChannel channel, String json) {
        new SahmkSession(channel, List.of(), 5).decode(Frames.json(json), out);
    }


    @ParameterizedTest(name = "trade price {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aTradeWithABadPriceIsDroppedAndCounted(String json, String sample) {
        decode(SahmkChannel.TRADES, "{\"type\":\"trade\",\"symbol\":\"2222\",\"price\":" + json
                + ",\"quantity\":100,\"timestamp\":\"2026-02-10T12:19:22+03:00\"}");
        assertEquals(List.of(BadValue.dropped("price", sample(sample))), out.calls(),
                "the trade is dropped and the bad price reported, nothing else");
    }

    @ParameterizedTest(name = "quote bid {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aQuoteWithABadBidIsKeptWithoutItAndCounted(String json, String sample) {
        decode(SahmkChannel.QUOTES, "{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":32.50,\"bid\":"
                + json + ",\"ask\":32.55}}");
        assertEquals(List.of(BadValue.absent("bid", sample(sample))), out.badValues());
        Quote quote = out.events(Quote.class).get(0);
        assertEquals(1, out.events().size());
        assertNull(quote.bid());
        assertEquals(new BigDecimal("32.50"), quote.price());
        assertEquals(new BigDecimal("32.55"), quote.ask());
        assertEquals(List.of(), out.problems());
    }

    /** A symbol is text: any string or number is one ("2222" is sent as a number); these are not. */
    @ParameterizedTest(name = "quote symbol {0}")
    @CsvSource(textBlock = BadValueCases.SYMBOLS)
    void aQuoteWithABadSymbolIsDroppedAndCounted(String json, String sample) {
        decode(SahmkChannel.QUOTES, "{\"type\":\"quote\",\"symbol\":" + json + ",\"data\":{\"price\":32.50}}");
        assertEquals(List.of(BadValue.dropped("symbol", sample(sample))), out.calls());
    }

    @ParameterizedTest(name = "trade time {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aTradeWithABadTimeIsKeptWithItsReceiveTime(String json, String sample) {
        decode(SahmkChannel.TRADES, "{\"type\":\"trade\",\"symbol\":\"2222\",\"price\":32.5,\"quantity\":100,"
                + "\"value\":" + json + ",\"event_time\":" + json + "}");
        assertEquals(List.of(BadValue.absent("event_time", sample(sample)),
                BadValue.absent("value", sample(sample))), out.badValues());
        Trade trade = out.events(Trade.class).get(0);
        assertNull(trade.time());
        assertNull(trade.value());
        assertEquals(new BigDecimal("32.5"), trade.price());
    }

    @ParameterizedTest(name = "level quantity {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aBookLevelWithABadQuantityIsLeftOutAndCounted(String json, String sample) {
        decode(SahmkChannel.DEPTH, "{\"type\":\"depth_snapshot\",\"symbol\":\"2222\",\"bids\":[{\"price\":32.5,"
                + "\"quantity\":" + json + "},{\"price\":32.4,\"quantity\":10,\"order_count\":" + json + "}],"
                + "\"asks\":[{\"price\":32.6,\"quantity\":5}]}");
        assertEquals(List.of(BadValue.dropped("quantity", sample(sample)),
                BadValue.absent("order_count", sample(sample))), out.badValues());
        BookSnapshot book = out.events(BookSnapshot.class).get(0);
        assertEquals(1, book.bids().size());
        assertEquals(new BigDecimal("32.4"), book.bids().get(0).price());
        assertNull(book.bids().get(0).orders());
        assertEquals(List.of(), out.problems(), "the level left out is reported once, as a bad value");
    }

    @ParameterizedTest(name = "snapshot trade quantity {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aTradesSnapshotDropsOnlyTheTradeWithTheBadValue(String json, String sample) {
        decode(SahmkChannel.TRADES, "{\"type\":\"trades_snapshot\",\"symbol\":\"2222\",\"events\":["
                + "{\"price\":32.5,\"quantity\":" + json + "},{\"price\":32.6,\"quantity\":7}]}");
        assertEquals(List.of(BadValue.dropped("quantity", sample(sample))), out.badValues());
        assertEquals(1, out.events(Trade.class).size());
        assertEquals(List.of(), out.problems());
    }
}
