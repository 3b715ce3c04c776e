package io.marketfeed.provider.tickatlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.Secret;
import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.testkit.RecordingDecodeOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The TickAtlas codec on shapes the recorded frames do not cover: the requests it sends (the key never shown),
 * limits and credits announced in part or in odd forms, quotes falling back to the top level, and bars that lack
 * what a candle needs.
 */
class TestTickAtlasCodecShapes {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private final TickAtlasFrameReader reader = new TickAtlasFrameReader();
    private final TickAtlasCodec codec = new TickAtlasCodec();
    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    private TickAtlasMessage read(String json) throws IOException {
        return reader.read(InboundFrame.text(json, AT));
    }

    @Test
    void theRequestsAreTheDocumentedJsonAndTheKeyIsNeverShown() {
        assertEquals("{\"action\":\"subscribe\",\"symbols\":[\"EURUSD\",\"XAUUSD\"]}",
                TickAtlasCodec.subscribe(List.of("EURUSD", "XAUUSD")).text());
        assertEquals("{\"action\":\"unsubscribe\",\"symbols\":[\"EURUSD\"]}",
                TickAtlasCodec.unsubscribe(List.of("EURUSD")).text());
        assertEquals("{\"action\":\"subscribe\",\"symbols\":[]}", TickAtlasCodec.subscribe(List.of()).text());
        var auth = TickAtlasCodec.auth(Secret.of("tk_test_FAKE_\"q\""));
        assertEquals("{\"action\":\"auth\",\"key\":\"tk_test_FAKE_\\\"q\\\"\"}", auth.text());
        assertTrue(auth.sensitive());
        assertFalse(auth.toString().contains("tk_test_FAKE"));
    }

    @Test
    void limitsAnnouncedInPart() throws IOException {
        assertEquals(Optional.of(new LimitsUpdate(OptionalInt.of(10), OptionalInt.empty(), OptionalInt.empty(), "")),
                codec.limits(read("{\"type\":\"authenticated\",\"max_symbols\":10}")));
        assertEquals(Optional.of(new LimitsUpdate(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                "starter")), codec.limits(read("{\"type\":\"authenticated\",\"plan\":\" starter \"}")));
        assertEquals(Optional.empty(), codec.limits(read("{\"type\":\"authenticated\",\"max_symbols\":0}")));
    }

    @Test
    void creditsInEveryWholeForm() throws IOException {
        assertEquals(Optional.of(new CreditUpdate(OptionalLong.of(5000), OptionalLong.of(2))),
                codec.credits(read("{\"daily_quota_remaining\":\"5000.00\",\"credits_per_push\":2}")));
        assertEquals(Optional.of(new CreditUpdate(OptionalLong.of(0), OptionalLong.empty())),
                codec.credits(read("{\"daily_quota_remaining\":0,\"credits_per_push\":1.5}")));
        assertEquals(Optional.of(new CreditUpdate(OptionalLong.of(12000), OptionalLong.empty())),
                codec.credits(read("{\"daily_quota_remaining\":1.2e4,\"credits_per_push\":-1}")));
        assertEquals(Optional.of(new CreditUpdate(OptionalLong.of(1_000_000_000_000_000_000L), OptionalLong.empty())),
                codec.credits(read("{\"daily_quota_remaining\":\"1000000000000000000.000000000000000000000\"}")));
        assertEquals(Optional.empty(), codec.credits(read("{\"daily_quota_remaining\":\"1e40\","
                + "\"credits_per_push\":\"1.5e0\"}")));
        assertEquals(Optional.empty(), codec.credits(read("{\"type\":\"quote\"}")));
    }

    @Test
    void aQuoteWithItsValuesAtTheTopLevelBesideData() throws IOException {
        TickAtlasMessage message = read("{\"type\":\"quote\",\"data\":{\"symbol\":\"EURUSD\",\"bid\":\"x\"},"
                + "\"bid\":1.0842,\"ask\":1.0843,\"timestamp\":1772445600}");
        assertEquals("EURUSD", codec.quoteSymbol(message));
        Quote quote = codec.quote(message, "EURUSD", AT, false, out);
        assertEquals(new BigDecimal("1.0842"), quote.bid(), "the top level's value where data's is no number");
        assertEquals(new BigDecimal("1.0843"), quote.ask());
        assertNull(quote.price());
        assertEquals(Instant.ofEpochSecond(1772445600), quote.time());
        assertEquals(List.of(), out.badValues());
    }

    @Test
    void aQuoteWithoutAnyPriceIsNoQuoteAndItsBadValuesAreDrops() throws IOException {
        TickAtlasMessage message = read("{\"type\":\"quote\",\"symbol\":\"EURUSD\",\"bid\":\"n/a\",\"ask\":null}");
        assertNull(codec.quote(message, "EURUSD", AT, false, out));
        assertEquals(2, codec.reportedDrops());
        assertEquals(List.of(RecordingDecodeOutput.BadValue.dropped("bid", "n/a"),
                RecordingDecodeOutput.BadValue.dropped("ask", "null")), out.badValues());
    }

    @Test
    void aQuoteWithABadTimeFallsBackToTheBarsTime() throws IOException {
        Quote quote = codec.quote(read("{\"symbol\":\"X\",\"price\":1,\"timestamp\":\"soon\",\"time\":1772445660}"),
                "X", AT, false, out);
        assertEquals(Instant.ofEpochSecond(1772445660), quote.time());
        assertEquals(List.of(RecordingDecodeOutput.BadValue.absent("timestamp", "soon")), out.badValues());
        RecordingDecodeOutput none = new RecordingDecodeOutput();
        assertNull(codec.quote(read("{\"symbol\":\"X\",\"price\":1,\"time\":\"later\"}"), "X", AT, false, none)
                .time());
        assertEquals(List.of(RecordingDecodeOutput.BadValue.absent("time", "later")), none.badValues());
        RecordingDecodeOutput withCandle = new RecordingDecodeOutput();
        codec.quote(read("{\"symbol\":\"X\",\"price\":1,\"time\":\"later\"}"), "X", AT, true, withCandle);
        assertEquals(List.of(), withCandle.badValues(), "the candle reports its own time");
    }

    @Test
    void aBarNeedsAllFourPricesAndATime() throws IOException {
        Candle candle = codec.candle(read("{\"type\":\"bar\",\"symbol\":\"X\",\"open\":1,\"high\":3,\"low\":0.5,"
                + "\"close\":2,\"volume\":\"lots\",\"time\":1772445600}"), "X", AT, out);
        assertEquals(new BigDecimal("0.5"), candle.low());
        assertNull(candle.volume(), "an unreadable volume is left out, the candle kept");
        assertEquals(List.of(RecordingDecodeOutput.BadValue.absent("volume", "lots")), out.badValues());
        RecordingDecodeOutput noTime = new RecordingDecodeOutput();
        assertNull(codec.candle(read("{\"open\":1,\"high\":3,\"low\":0.5,\"close\":2,\"time\":\"never\"}"), "X", AT,
                noTime));
        assertEquals(List.of(RecordingDecodeOutput.BadValue.dropped("time", "never")), noTime.badValues());
        RecordingDecodeOutput noClose = new RecordingDecodeOutput();
        assertNull(codec.candle(read("{\"open\":1,\"high\":3,\"low\":0.5,\"time\":1772445600}"), "X", AT, noClose));
        assertEquals(List.of(), noClose.badValues());
        assertTrue(TickAtlasCodec.hasBarFields(read("{\"close\":2}")));
        assertFalse(TickAtlasCodec.hasBarFields(read("{\"open\":\"\",\"bid\":1}")));
        assertTrue(TickAtlasCodec.hasBarFields(read("{\"data\":{\"high\":1}}")));
    }

    @Test
    void aBarsBadTimeIsReportedOnlyWhenTheBarHadSomethingToKeep() throws IOException {
        assertNull(codec.candle(read("{\"type\":\"bar\",\"time\":\"x\"}"), "X", AT, out));
        assertEquals(List.of(), out.badValues(), "no bar at all: nothing to report");
        assertNull(codec.candle(read("{\"open\":\"bad\",\"time\":\"x\"}"), "X", AT, out));
        assertEquals(List.of(RecordingDecodeOutput.BadValue.dropped("open", "bad"),
                RecordingDecodeOutput.BadValue.dropped("time", "x")), out.badValues());
        RecordingDecodeOutput onlyClose = new RecordingDecodeOutput();
        assertNull(codec.candle(read("{\"close\":2,\"time\":\"x\"}"), "X", AT, onlyClose));
        assertEquals(List.of(RecordingDecodeOutput.BadValue.dropped("time", "x")), onlyClose.badValues());
        RecordingDecodeOutput onlyHigh = new RecordingDecodeOutput();
        assertNull(codec.candle(read("{\"data\":{\"high\":2,\"time\":\"y\"}}"), "X", AT, onlyHigh));
        assertEquals(List.of(RecordingDecodeOutput.BadValue.dropped("time", "y")), onlyHigh.badValues());
        RecordingDecodeOutput onlyLow = new RecordingDecodeOutput();
        assertNull(codec.candle(read("{\"low\":2,\"time\":\"z\"}"), "X", AT, onlyLow));
        assertEquals(1, onlyLow.badValues().size());
    }

    @Test
    void theTypeIsInterned() throws IOException {
        assertEquals("quote", codec.type(read("{\"type\":\"quote\"}")));
        assertNull(codec.type(read("{\"symbol\":\"X\"}")));
        assertNull(codec.quoteSymbol(read("{\"data\":{\"bid\":1}}")));
    }
}
