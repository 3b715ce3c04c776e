package io.marketfeed.provider.sahmk;

import static io.marketfeed.provider.sahmk.Frames.RECEIVED_AT;
import static io.marketfeed.provider.sahmk.Frames.frame;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.Acknowledged;
import io.marketfeed.testkit.RecordingDecodeOutput.BadValue;
import io.marketfeed.testkit.RecordingDecodeOutput.Heartbeat;
import io.marketfeed.testkit.RecordingDecodeOutput.Limits;
import io.marketfeed.testkit.RecordingDecodeOutput.Ready;
import io.marketfeed.testkit.RecordingDecodeOutput.Unsubscribed;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding recorded SAHMK frames into events and control signals. */
class TestSahmkCodec {

    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    @Test
    void connectedAnnouncesLimitsThenReadiness() {
        decode(SahmkChannel.QUOTES, "connected.json");
        assertEquals(List.of(new Limits(limits(60, 20, "pro")), new Ready()), out.calls());
    }

    @Test
    void connectedWithoutStreamModes() {
        decode(SahmkChannel.QUOTES, "connected-without-stream-modes.json");
        assertEquals(List.of(new Limits(limits(60, 20, "pro")), new Ready()), out.calls());
    }

    @Test
    void connectedWithTheSdksSingularStreamMode() {
        decode(SahmkChannel.QUOTES, "connected-sdk-stream-mode-quote.json");
        assertEquals(List.of(new Limits(limits(200, 100, "enterprise")), new Ready()), out.calls());
    }

    @Test
    void connectedOnTheDepthChannel() {
        decode(SahmkChannel.DEPTH, "connected-depth-channel.json");
        assertEquals(List.of(new Limits(limits(120, 40, "business")), new Ready()), out.calls());
    }

    @Test
    void connectedIgnoresLimitsThatAreNotPositiveWholeNumbers() {
        decode(SahmkChannel.QUOTES, "connected-odd-limits.json");
        LimitsUpdate expected = new LimitsUpdate(OptionalInt.empty(), OptionalInt.of(40), OptionalInt.empty(), "");
        assertEquals(List.of(new Limits(expected), new Ready()), out.calls());
    }

    @Test
    void connectedWithNothingToAnnounceIsJustReady() {
        decode(SahmkChannel.QUOTES, "connected-bare.json");
        assertEquals(List.of(new Ready()), out.calls());
    }

    @Test
    void fractionalAndHugeLimitsAreIgnored() {
        decodeJson(SahmkChannel.QUOTES, "{\"type\":\"connected\",\"limits\":{\"max_symbols_per_connection\":60.5,"
                + "\"max_symbols_per_call\":99999999999,\"stream_modes\":[\"quotes\"]},\"plan\":\"pro\"}");
        assertEquals(new LimitsUpdate(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), "pro"),
                out.calls(Limits.class).get(0).update());
    }

    @Test
    void subscribedWithTotalAndLimit() {
        decode(SahmkChannel.DEPTH, "subscribed.json");
        assertEquals(new Acknowledged(Topics.BOOK, List.of("2222")), out.single(Acknowledged.class));
    }

    @Test
    void unsubscribedWithAndWithoutSymbols() {
        decode(SahmkChannel.QUOTES, "unsubscribed.json");
        decode(SahmkChannel.QUOTES, "unsubscribed-without-symbols.json");
        assertEquals(List.of(new Unsubscribed(Topics.QUOTES, List.of("2222")),
                new Unsubscribed(Topics.QUOTES, List.of())), out.calls());
    }

    @Test
    void quoteKeepsTheWiresDecimals() {
        decode(SahmkChannel.QUOTES, "quote.json");
        Quote quote = singleEvent(Quote.class);
        assertAll(
                () -> assertEquals("sahmk", quote.provider()),
                () -> assertEquals("2222", quote.symbol()),
                () -> assertEquals(new BigDecimal("32.50"), quote.price()),
                () -> assertEquals("32.50", quote.price().toPlainString(), "the scale must survive"),
                () -> assertEquals(new BigDecimal("0.7"), quote.changePercent()),
                () -> assertEquals(Instant.parse("2026-02-10T12:19:22Z"), quote.time()),
                () -> assertEquals(RECEIVED_AT, quote.receivedAt()),
                () -> assertNull(quote.volume()),
                () -> assertNull(quote.bid()),
                () -> assertNull(quote.previousClose()));
    }

    @Test
    void quoteWithEveryField() {
        decode(SahmkChannel.QUOTES, "quote-full.json");
        Quote quote = singleEvent(Quote.class);
        Quote expected = Quote.builder("sahmk", "1120", RECEIVED_AT)
                .price(new BigDecimal("651.12"))
                .change(new BigDecimal("-1.30"))
                .changePercent(new BigDecimal("-0.2"))
                .volume(new BigDecimal("1234567"))
                .bid(new BigDecimal("651.10"))
                .ask(new BigDecimal("651.2"))
                .open(new BigDecimal("652.00"))
                .high(new BigDecimal("655.5"))
                .low(new BigDecimal("649.1"))
                .previousClose(new BigDecimal("652.42"))
                .time(Instant.parse("2026-02-10T12:19:22.123Z"))
                .build();
        // Record equality uses BigDecimal.equals, which compares scale too: 652.00 is not 652.0.
        assertEquals(expected, quote);
    }

    @Test
    void quoteWithTheSymbolInsideData() {
        decode(SahmkChannel.QUOTES, "quote-symbol-in-data.json");
        Quote quote = singleEvent(Quote.class);
        assertEquals("2010", quote.symbol());
        assertEquals(new BigDecimal("88.05"), quote.price());
        assertEquals(new BigDecimal("900"), quote.volume());
        assertEquals(Instant.parse("2026-02-10T06:30:00Z"), quote.time(), "data.updated_at, +03:00 applied");
    }

    @Test
    void quoteWithUnusableValuesKeepsTheUsableOnes() {
        decode(SahmkChannel.QUOTES, "quote-bad-timestamp.json");
        assertEquals(List.of(BadValue.absent("volume", "[…]"), BadValue.absent("high", "n/a"),
                BadValue.absent("low", "null"), BadValue.absent("timestamp", "yesterday")), out.badValues(),
                "each unusable value reported, the quote kept without it");
        Quote quote = onlyEvent(Quote.class);
        assertEquals("2222", quote.symbol(), "a numeric symbol reads as text");
        assertEquals(new BigDecimal("32.5"), quote.price());
        assertNull(quote.time(), "an unparseable timestamp is absent, not an error");
        assertNull(quote.high());
        assertNull(quote.low());
        assertNull(quote.volume());
    }

    @Test
    void quoteWithoutASymbolIsAWarning() {
        decode(SahmkChannel.QUOTES, "quote-without-symbol.json");
        Disposition problem = out.singleProblem();
        assertEquals(Disposition.Kind.WARN, problem.kind());
        assertTrue(problem.message().contains("without a symbol"), problem.message());
    }

    @Test
    void depthSnapshotBestLevelFirst() {
        decode(SahmkChannel.DEPTH, "depth_snapshot.json");
        BookSnapshot book = out.events(BookSnapshot.class).get(0);
        assertAll(
                () -> assertEquals("2222", book.symbol()),
                () -> assertEquals(List.of(level("26.8", "1000", 3), level("26.78", "2500", 7)), book.bids()),
                () -> assertEquals(List.of(level("26.84", "1200", 5), level("26.86", "400", null)), book.asks(),
                        "sorted by level; the level without a quantity left out"),
                () -> assertEquals(Instant.parse("2026-02-10T09:00:00Z"), book.time()));
        List<RecordingDecodeOutput.Problem> problems = out.calls(RecordingDecodeOutput.Problem.class);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).disposition().message().contains("1 level(s)"));
    }

    @Test
    void unavailableDepthIsAWarningWithTheServersWords() {
        decode(SahmkChannel.DEPTH, "depth_snapshot-unavailable.json");
        Disposition problem = out.singleProblem();
        assertEquals(Disposition.Kind.WARN, problem.kind());
        assertTrue(problem.message().contains("2222"), problem.message());
        assertTrue(problem.message().contains("Market depth is not available for this symbol"), problem.message());
    }

    @Test
    void tradesSnapshotIsOneTradePerEvent() {
        decode(SahmkChannel.TRADES, "trades_snapshot.json");
        assertEquals(List.of(
                new Trade("sahmk", "2222", new BigDecimal("26.2"), new BigDecimal("1"), new BigDecimal("26.2"),
                        Side.UNKNOWN, null, null, RECEIVED_AT),
                new Trade("sahmk", "2222", new BigDecimal("26.25"), new BigDecimal("300"), new BigDecimal("7875.00"),
                        Side.SELL, null, Instant.parse("2026-02-10T09:01:02Z"), RECEIVED_AT)),
                out.events(Trade.class));
        assertEquals(2, out.calls().size());
    }

    @Test
    void liveTradePrefersTheExecutionTime() {
        decode(SahmkChannel.TRADES, "trade.json");
        assertEquals(new Trade("sahmk", "2222", new BigDecimal("26.2"), new BigDecimal("1"), new BigDecimal("26.2"),
                Side.BUY, null, Instant.parse("2026-02-10T09:01:03.250Z"), RECEIVED_AT), singleEvent(Trade.class));
    }

    @Test
    void tradeWithoutAQuantityIsAWarning() {
        decodeJson(SahmkChannel.TRADES, "{\"type\":\"trade\",\"symbol\":\"2222\",\"price\":26.2}");
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind());
    }

    @Test
    void pongIsAHeartbeat() {
        decode(SahmkChannel.QUOTES, "pong.json");
        assertEquals(new Heartbeat(), out.single(Heartbeat.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"error-int-code.json", "error-string-code.json", "error-no-code.json"})
    void laterErrorsAreWarningsThatKeepTheSocket(String name) {
        SahmkSession session = connectedSession(SahmkChannel.QUOTES);
        session.decode(frame(name), out);
        Disposition problem = out.singleProblem();
        assertEquals(Disposition.Kind.WARN, problem.kind());
        assertTrue(problem.message().startsWith("SAHMK error: "), problem.message());
    }

    @Test
    void errorCodesAppearWhateverTheirType() {
        SahmkSession session = connectedSession(SahmkChannel.QUOTES);
        session.decode(frame("error-int-code.json"), out);
        session.decode(frame("error-string-code.json"), out);
        session.decode(frame("error-no-code.json"), out);
        List<String> messages = out.calls(RecordingDecodeOutput.Problem.class).stream()
                .map(p -> p.disposition().message()).toList();
        assertEquals(List.of("SAHMK error: Too many requests (code 429)",
                "SAHMK error: Unknown action (code UNKNOWN_ACTION)", "SAHMK error: Invalid JSON"), messages);
    }

    @Test
    void anErrorInPlaceOfConnectedIsFatal() {
        decode(SahmkChannel.QUOTES, "error-connect.json");
        Disposition problem = out.singleProblem();
        assertEquals(Disposition.Kind.FATAL, problem.kind());
        assertTrue(problem.message().contains("Invalid API key"), problem.message());
        assertTrue(problem.message().contains("SAHMK_API_KEY"), "says what to fix: " + problem.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"malformed.json", "not-an-object.json", "unknown-type.json", "without-type.json"})
    void unusableFramesAreWarningsNeverExceptions(String name) {
        assertDoesNotThrow(() -> decode(SahmkChannel.QUOTES, name));
        Disposition problem = out.singleProblem();
        assertEquals(Disposition.Kind.WARN, problem.kind());
    }

    @Test
    void unknownTypesAreNamed() {
        decode(SahmkChannel.QUOTES, "unknown-type.json");
        assertTrue(out.singleProblem().message().contains("'market_status'"), out.singleProblem().message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "42", "\"quote\"", "{", "{\"type\":", "{\"type\":\"quote\",}",
            "{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":[1,2]}", "{\"type\":\"depth_snapshot\",\"symbol\":\"1\","
            + "\"bids\":{\"price\":1},\"asks\":[1,[2],{\"price\":\"x\",\"quantity\":1}]}",
            "{\"type\":\"trades_snapshot\",\"events\":\"none\"}", "{\"type\":\"subscribed\",\"symbols\":null}",
            "{\"type\":\"error\",\"message\":{\"nested\":true}}", "{\"type\":[\"quote\"]}",
            "{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":1e999999999}}"})
    void hostileInputNeverThrows(String json) {
        assertDoesNotThrow(() -> decodeJson(SahmkChannel.QUOTES, json));
    }

    @Test
    void absurdMagnitudesReadAsAbsent() {
        decodeJson(SahmkChannel.QUOTES, "{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":1e999999999,"
                + "\"volume\":1E+6,\"bid\":\"1e-999999\"}}");
        assertEquals(List.of(BadValue.absent("price", "1e999999999"), BadValue.absent("bid", "1e-999999")),
                out.badValues());
        Quote quote = onlyEvent(Quote.class);
        assertNull(quote.price());
        assertEquals(new BigDecimal("1E+6"), quote.volume());
        assertNull(quote.bid());
    }

    @Test
    void binaryFramesAreWarnings() {
        byte[] bytes = "{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8);
        new SahmkSession(SahmkChannel.QUOTES, List.of(), 5)
                .decode(new InboundFrame(bytes, 0, bytes.length, false, RECEIVED_AT), out);
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind());
    }

    @Test
    void framesAreReadFromTheirSliceOfTheArray() {
        byte[] bytes = "xx{\"type\":\"pong\"}yy".getBytes(StandardCharsets.UTF_8);
        new SahmkSession(SahmkChannel.QUOTES, List.of(), 5)
                .decode(new InboundFrame(bytes, 2, bytes.length - 4, true, RECEIVED_AT), out);
        assertEquals(new Heartbeat(), out.single(Heartbeat.class));
    }

    @Test
    void extraFieldsAndNestingAreIgnored() {
        decodeJson(SahmkChannel.QUOTES, "{\"meta\":{\"a\":[{\"b\":{}}]},\"data\":{\"x\":{\"price\":1},"
                + "\"price\":\"7.10\"},\"type\":\"quote\",\"symbol\":\"4001\",\"symbols\":[{\"y\":1}]}");
        assertEquals(new BigDecimal("7.10"), singleEvent(Quote.class).price());
    }

    private void decode(SahmkChannel channel, String name) {
        new SahmkSession(channel, List.of(), 5).decode(frame(name), out);
    }

    private void decodeJson(SahmkChannel channel, String json) {
        new SahmkSession(channel, List.of(), 5).decode(Frames.json(json), out);
    }

    private SahmkSession connectedSession(SahmkChannel channel) {
        SahmkSession session = new SahmkSession(channel, List.of(), 5);
        session.decode(frame("connected.json"), out);
        out.clear();
        return session;
    }

    /** The only event emitted, whatever else was reported. */
    private <T extends io.marketfeed.api.model.MarketEvent> T onlyEvent(Class<T> kind) {
        List<RecordingDecodeOutput.Emitted> emitted = out.calls(RecordingDecodeOutput.Emitted.class);
        assertEquals(1, emitted.size(), () -> "expected one event, got " + out.calls());
        return kind.cast(emitted.get(0).event());
    }

    private <T extends io.marketfeed.api.model.MarketEvent> T singleEvent(Class<T> kind) {
        return kind.cast(out.single(RecordingDecodeOutput.Emitted.class).event());
    }

    private static LimitsUpdate limits(int perConnection, int perCall, String plan) {
        return new LimitsUpdate(OptionalInt.of(perConnection), OptionalInt.of(perCall), OptionalInt.empty(), plan);
    }

    private static BookLevel level(String price, String size, Integer orders) {
        return new BookLevel(new BigDecimal(price), new BigDecimal(size), orders);
    }
}
