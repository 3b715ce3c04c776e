package io.marketfeed.provider.alltick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Trade;
import io.marketfeed.testkit.BadValueCases;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.BadValue;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bad-value policy on AllTick pushes: a trade's {@code price} and {@code volume} and a level's {@code price}
 * are required (the trade or level is dropped), {@code turnover} and {@code tick_time} optional (the trade is kept
 * without them); each bad value is reported once with the value as sent, and no problem on top.
 */
class TestAlltickBadValues {


    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    private void decode(String json) {
        TestAlltickCodec.session().decode(Frames.json(json), out);
        assertEquals(List.of(), out.problems(), "a bad value is reported as such, not as a problem too");
    }


    private static String trade(String field, String json) {
        String frame = "{\"cmd_id\":22998,\"data\":{\"code\":\"AAPL.US\",\"seq\":\"7\",\"tick_time\":\"1677830357227\","
                + "\"price\":\"136.42\",\"volume\":\"100\",\"turnover\":\"13642\",\"trade_direction\":1}}";
        return BadValueCases.with(frame, field, json);
    }

    @ParameterizedTest(name = "price {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aTradeWithABadPriceIsDropped(String json, String sample) {
        decode(trade("price", json));
        assertEquals(List.of(BadValue.dropped("price", sample(sample))), out.calls());
    }

    @ParameterizedTest(name = "volume {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aTradeWithABadVolumeIsDropped(String json, String sample) {
        decode(trade("volume", json));
        assertEquals(List.of(BadValue.dropped("volume", sample(sample))), out.calls());
    }

    @ParameterizedTest(name = "turnover {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aTradeWithABadTurnoverIsKeptWithoutIt(String json, String sample) {
        decode(trade("turnover", json));
        assertEquals(List.of(BadValue.absent("turnover", sample(sample))), out.badValues());
        Trade trade = out.events(Trade.class).get(0);
        assertNull(trade.value());
        assertEquals(new BigDecimal("136.42"), trade.price());
    }

    @ParameterizedTest(name = "tick_time {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aTradeWithABadTimeIsKeptWithItsReceiveTime(String json, String sample) {
        decode(trade("tick_time", json));
        assertEquals(List.of(BadValue.absent("tick_time", sample(sample))), out.badValues());
        assertNull(out.events(Trade.class).get(0).time());
    }

    @ParameterizedTest(name = "level price {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aLevelWithABadPriceIsLeftOut(String json, String sample) {
        decode("{\"cmd_id\":22999,\"data\":{\"code\":\"700.HK\",\"tick_time\":\"1677830357227\",\"bids\":[{\"price\":"
                + json + ",\"volume\":\"100\"},{\"price\":\"136.4\",\"volume\":\"300\"}],\"asks\":[]}}");
        assertEquals(List.of(BadValue.dropped("price", sample(sample))), out.badValues());
        BookSnapshot book = out.events(BookSnapshot.class).get(0);
        assertEquals(1, book.bids().size());
        assertEquals(new BigDecimal("136.4"), book.bids().get(0).price());
    }

    private static String sample(String csv) {
        return BadValueCases.sample(csv);
    }

    @org.junit.jupiter.api.Test
    void aLevelWithANullOrBlankVolumeIsALevelWithoutVolumeNotABadValue() {
        decode("{\"cmd_id\":22999,\"data\":{\"code\":\"EURUSD\",\"bids\":[{\"price\":\"1.1\",\"volume\":null},"
                + "{\"price\":\"1.0\",\"volume\":\"\"}],\"asks\":[{\"price\":\"1.2\"}]}}");
        assertEquals(List.of(), out.badValues());
        BookSnapshot book = out.events(BookSnapshot.class).get(0);
        assertEquals(List.of(BigDecimal.ZERO, BigDecimal.ZERO), book.bids().stream().map(l -> l.size()).toList());
        assertEquals(1, book.asks().size());
    }

    @ParameterizedTest(name = "code {0}")
    @CsvSource(textBlock = BadValueCases.SYMBOLS)
    void aTradeWithABadCodeIsDropped(String json, String sample) {
        decode(trade("code", json));
        assertEquals(List.of(BadValue.dropped("code", sample(sample))), out.calls());
    }
}
