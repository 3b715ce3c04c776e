package io.marketfeed.provider.tickatlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.BadValueCases;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.BadValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bad-value policy on TickAtlas pushes (a quote and its M1 bar in one message): a quote needs one readable of
 * bid, ask and price, a candle all of open, high, low, close and its time; a required value that cannot be read
 * exactly drops that event (the other is still emitted), an optional one is left out; each bad value is reported
 * once with the value as sent, and no problem on top.
 */
class TestTickAtlasBadValues {


    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    private static String sample(String csv) {
        return BadValueCases.sample(csv);
    }

    /** A push for EURUSD with every field readable, except {@code field}, sent as {@code json}. */
    private void push(String field, String json) {
        Map<String, String> data = new TreeMap<>(Map.of("symbol", "\"EURUSD\"", "bid", "1.08512", "ask", "1.08530",
                "open", "1.0850", "high", "1.0856", "low", "1.0849", "close", "1.08521", "volume", "312",
                "time", "\"2026-02-10T12:19:00Z\"", "timestamp", "\"2026-02-10T12:19:22.125Z\""));
        data.put(field, json);
        StringBuilder frame = new StringBuilder("{\"type\":\"quote\",\"data\":{");
        data.forEach((name, value) -> frame.append('"').append(name).append("\":").append(value).append(','));
        frame.setLength(frame.length() - 1);
        TickAtlasSession session = TestTickAtlasCodec.session(5);
        session.subscribe(Topics.CANDLES, List.of("EURUSD"));
        session.subscribe(Topics.QUOTES, List.of("EURUSD"));
        session.decode(Frames.json(frame.append("}}").toString()), out);
        assertEquals(List.of(), out.problems(), "a bad value is reported as such, not as a problem too");
    }


    @ParameterizedTest(name = "bid {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aBadBidLeavesTheQuoteWithoutIt(String json, String sample) {
        push("bid", json);
        assertEquals(List.of(BadValue.absent("bid", sample(sample))), out.badValues());
        Quote quote = out.events(Quote.class).get(0);
        assertNull(quote.bid());
        assertEquals(new BigDecimal("1.08530"), quote.ask());
        assertEquals(1, out.events(Candle.class).size());
    }

    @ParameterizedTest(name = "open {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aBadOpenDropsTheCandleNotTheQuote(String json, String sample) {
        push("open", json);
        assertEquals(List.of(BadValue.dropped("open", sample(sample))), out.badValues());
        assertEquals(List.of(), out.events(Candle.class));
        assertEquals(1, out.events(Quote.class).size());
    }

    @ParameterizedTest(name = "time {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aBadBarTimeDropsTheCandle(String json, String sample) {
        push("time", json);
        assertEquals(List.of(BadValue.dropped("time", sample(sample))), out.badValues());
        assertEquals(List.of(), out.events(Candle.class));
        assertEquals(Instant.parse("2026-02-10T12:19:22.125Z"), out.events(Quote.class).get(0).time());
    }

    @ParameterizedTest(name = "timestamp {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aBadTimestampLeavesTheQuoteWithTheBarTime(String json, String sample) {
        push("timestamp", json);
        assertEquals(List.of(BadValue.absent("timestamp", sample(sample))), out.badValues());
        assertEquals(Instant.parse("2026-02-10T12:19:00Z"), out.events(Quote.class).get(0).time());
    }

    @ParameterizedTest(name = "volume {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aBadVolumeLeavesTheCandleWithoutIt(String json, String sample) {
        push("volume", json);
        assertEquals(List.of(BadValue.absent("volume", sample(sample))), out.badValues());
        assertNull(out.events(Candle.class).get(0).volume());
    }

    @ParameterizedTest(name = "only price {0}")
    @CsvSource(textBlock = BadValueCases.NUMBERS)
    void aQuoteWithNoReadablePriceIsDropped(String json, String sample) {
        out.clear();
        TickAtlasSession session = TestTickAtlasCodec.session(5);
        session.subscribe(Topics.QUOTES, List.of("EURUSD"));
        session.decode(Frames.json("{\"type\":\"quote\",\"symbol\":\"EURUSD\",\"price\":" + json + "}"), out);
        assertEquals(List.of(BadValue.dropped("price", sample(sample))), out.calls());
    }

    @ParameterizedTest(name = "symbol {0}")
    @CsvSource(textBlock = BadValueCases.SYMBOLS)
    void aBadSymbolDropsThePush(String json, String sample) {
        TickAtlasSession session = TestTickAtlasCodec.session(5);
        session.decode(Frames.json("{\"type\":\"quote\",\"data\":{\"symbol\":" + json + ",\"bid\":1.1}}"), out);
        assertEquals(List.of(BadValue.dropped("symbol", sample(sample))), out.calls());
    }
}
