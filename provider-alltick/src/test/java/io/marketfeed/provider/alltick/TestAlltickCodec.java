package io.marketfeed.provider.alltick;

import static io.marketfeed.provider.alltick.Frames.RECEIVED_AT;
import static io.marketfeed.provider.alltick.Frames.frame;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.Emitted;
import io.marketfeed.testkit.RecordingDecodeOutput.Heartbeat;
import io.marketfeed.toolkit.ExactDecimal;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding recorded AllTick pushes into events: string and integer forms, seconds and milliseconds, exact decimals. */
class TestAlltickCodec {

    private static final Instant MILLIS_TIME = Instant.ofEpochMilli(1_677_831_545_217L);
    private static final Instant BOOK_TIME = Instant.ofEpochMilli(1_677_830_357_227L);

    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    @Test
    void theDocumentedTradePush() {
        decode("trade.json");
        assertEquals(new Trade("alltick", "1288.HK", new BigDecimal("651.12"), new BigDecimal("300"),
                new BigDecimal("12345.6"), Side.BUY, "1605509068000001", MILLIS_TIME, RECEIVED_AT), onlyTrade());
    }

    @Test
    void seqAndTickTimeAsIntegers() {
        decode("trade-integers.json");
        Trade trade = onlyTrade();
        assertAll(
                () -> assertEquals("1605509068000002", trade.tradeId()),
                () -> assertEquals(MILLIS_TIME, trade.time()),
                () -> assertEquals(Side.SELL, trade.side()),
                () -> assertEquals("189.840", trade.price().toPlainString(), "the scale sent is kept"),
                () -> assertEquals("18984.000", trade.value().toPlainString()));
    }

    @Test
    void tickTimeInSecondsAsAString() {
        decode("trade-seconds.json");
        assertEquals(Instant.ofEpochSecond(1_605_509_068L), onlyTrade().time());
    }

    @Test
    void tickTimeInSecondsAsAnInteger() {
        decode("trade-seconds-integer.json");
        Trade trade = onlyTrade();
        assertEquals(Instant.ofEpochSecond(1_605_509_068L), trade.time());
        assertEquals(Side.UNKNOWN, trade.side(), "trade_direction 0 is neutral");
        assertEquals("1605509068000003", trade.tradeId());
    }

    @Test
    void forexHasNoTurnoverAndNoDirection() {
        decode("trade-forex.json");
        Trade trade = onlyTrade();
        assertEquals("1.08430", trade.price().toPlainString());
        assertEquals(new BigDecimal("0"), trade.size());
        assertNull(trade.value());
        assertEquals(Side.UNKNOWN, trade.side());
    }

    @Test
    void fieldsInAnyOrderAndNumbersAsStrings() {
        decode("trade-direction-string.json");
        Trade trade = onlyTrade();
        assertEquals("ETHUSDT", trade.symbol());
        assertEquals(Side.SELL, trade.side());
        assertEquals("42", trade.tradeId());
    }

    @Test
    void theMisspelledVolumeField() {
        decode("trade-volumn.json");
        assertEquals(new BigDecimal("3"), onlyTrade().size());
    }

    @Test
    void aSequenceBeyondWhatADoubleHoldsStaysExact() {
        decode("trade-huge-seq.json");
        Trade trade = onlyTrade();
        assertEquals("9007199254740993123", trade.tradeId());
        assertEquals("0.015", trade.size().toPlainString());
        assertEquals("1008.51750", trade.value().toPlainString());
    }

    @Test
    void aTradeWithoutPriceIsReportedNotEmitted() {
        decode("trade-without-price.json");
        Disposition problem = out.singleProblem();
        assertEquals(Disposition.Kind.WARN, problem.kind());
        assertTrue(problem.message().contains("AAPL.US"), problem.message());
    }

    @Test
    void theDocumentedOrderBookPush() {
        decode("depth.json");
        assertEquals(new BookSnapshot("alltick", "700.HK",
                List.of(new BookLevel(new BigDecimal("136.424"), new BigDecimal("100000.00"), null)),
                List.of(new BookLevel(new BigDecimal("136.427"), new BigDecimal("400000.00"), null)),
                BOOK_TIME, RECEIVED_AT), onlyBook());
    }

    @Test
    void orderBookWithIntegersKeepsLevelOrder() {
        decode("depth-integers.json");
        BookSnapshot book = onlyBook();
        assertEquals(BOOK_TIME, book.time());
        assertEquals(List.of("1688.00", "1687.99"), book.bids().stream().map(l -> l.price().toPlainString()).toList());
        assertEquals(List.of("1688.01", "1688.02"), book.asks().stream().map(l -> l.price().toPlainString()).toList());
        assertEquals("1200.00", book.bids().get(1).size().toPlainString());
    }

    @Test
    void forexLevelsWithoutVolumeHaveSizeZero() {
        decode("depth-forex-without-volume.json");
        BookSnapshot book = onlyBook();
        assertEquals(new BookLevel(new BigDecimal("1.08429"), BigDecimal.ZERO, null), book.bids().get(0));
        assertEquals(new BookLevel(new BigDecimal("1.08431"), BigDecimal.ZERO, null), book.asks().get(0));
    }

    @Test
    void oneSideMayBeEmpty() {
        decode("depth-one-side-empty.json");
        BookSnapshot book = onlyBook();
        assertEquals(1, book.bids().size());
        assertTrue(book.asks().isEmpty());
        assertEquals(Instant.ofEpochSecond(1_677_830_357L), book.time(), "a 10-digit tick_time is seconds");
    }

    @Test
    void unusableLevelsAreLeftOutAndReported() {
        decode("depth-bad-level.json");
        BookSnapshot book = out.events(BookSnapshot.class).get(0);
        assertEquals(List.of(new BookLevel(new BigDecimal("136.420"), new BigDecimal("300.00"), null)), book.bids());
        assertTrue(book.asks().isEmpty());
        assertEquals(List.of(RecordingDecodeOutput.BadValue.dropped("price", "abc"),
                RecordingDecodeOutput.BadValue.dropped("volume", "x")), out.badValues(),
                "each level left out is reported once, as the bad value it had");
        assertEquals(List.of(), out.calls(RecordingDecodeOutput.Problem.class));
    }

    @Test
    void theHeartbeatResponseProvesLiveness() {
        decode("heartbeat-response.json");
        assertEquals(List.of(new Heartbeat()), out.calls(), "even unmatched, 22001 means the server is alive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"blog-tick.json", "blog-heartbeat.json"})
    void theBlogFormatIsNotAllTicks(String name) {
        decode(name);
        Disposition problem = out.singleProblem();
        assertTrue(problem.message().contains("without a cmd_id"), problem.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown-cmd.json", "malformed.json", "not-an-object.json"})
    void anythingElseIsAWarningAndNeverThrows(String name) {
        decode(name);
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind());
    }

    @Test
    void aBinaryFrameIsAWarning() {
        byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
        session().decode(new InboundFrame(bytes, 0, bytes.length, false, RECEIVED_AT), out);
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind());
    }

    @Test
    void absurdNumbersAreNotNumbers() {
        assertNull(decimal("1e999999999"));
        assertNull(decimal("1".repeat(65)));
        assertEquals(new BigDecimal("651.120"), decimal(" 651.120 "));
    }

    private void decode(String name) {
        session().decode(frame(name), out);
    }

    private Trade onlyTrade() {
        assertEquals(1, out.calls().size(), () -> "expected one trade, got " + out.calls());
        return (Trade) ((Emitted) out.calls().get(0)).event();
    }

    private BookSnapshot onlyBook() {
        assertEquals(1, out.calls().size(), () -> "expected one book, got " + out.calls());
        return (BookSnapshot) ((Emitted) out.calls().get(0)).event();
    }

    static AlltickSession session() {
        return new AlltickSession(AlltickChannel.STOCK, 5, "t-", Duration.ofSeconds(3),
                new NotServedCodes("alltick/stock#1", AlltickChannel.STOCK, Duration.ofSeconds(60), new HashSet<>()));
    }

    /**
     * The exact decimal a text spells, or null when absent, blank, not a number or of an absurd size: the rule
     * ({@link ExactDecimal}'s) decoding applies to every value.
     */
    static BigDecimal decimal(String text) {
        ExactDecimal value = new ExactDecimal();
        return text != null && value.parse(text) ? value.value() : null;
    }
}
