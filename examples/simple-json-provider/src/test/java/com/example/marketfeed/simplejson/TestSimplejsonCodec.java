package com.example.marketfeed.simplejson;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.Signal;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Encoding requests, and decoding the recorded frames in {@code src/test/resources/simplejson/frames}. */
class TestSimplejsonCodec {

    private final SimplejsonSession session = new SimplejsonSession();
    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    @Test
    void requests() {
        assertEquals(OutboundFrame.text(
                "{\"op\":\"subscribe\",\"channel\":\"ticker\",\"args\":[\"BTC-USD\",\"ETH-USD\"]}"),
                session.subscribe(Topics.QUOTES, List.of("BTC-USD", "ETH-USD")));
        assertEquals(OutboundFrame.text("{\"op\":\"subscribe\",\"channel\":\"trade\",\"args\":[\"BTC-USD\"]}"),
                session.subscribe(Topics.TRADES, List.of("BTC-USD")));
        assertEquals(Optional.of(OutboundFrame.text(
                "{\"op\":\"unsubscribe\",\"channel\":\"ticker\",\"args\":[\"ETH-USD\"]}")),
                session.unsubscribe(Topics.QUOTES, List.of("ETH-USD")));
        assertEquals(Optional.of(OutboundFrame.text("{\"op\":\"ping\"}")), session.heartbeat());
        assertEquals(Optional.empty(), session.authMessage(), "the key goes in a header, not a first message");
    }

    @Test
    void symbolsAreEscapedInRequests() {
        assertEquals("{\"op\":\"subscribe\",\"channel\":\"ticker\",\"args\":[\"A\\\"B\\\\C\\u0001\"]}",
                session.subscribe(Topics.QUOTES, List.of("A\"B\\C\u0001")).text());
    }

    @Test
    void ticker() {
        decode("ticker.json");
        Quote quote = onlyEvent(Quote.class);
        assertEquals(Quote.builder("simplejson", "BTC-USD", Frames.RECEIVED_AT)
                .price(new BigDecimal("64012.5"))
                .bid(new BigDecimal("64012.4"))
                .ask(new BigDecimal("64012.6"))
                .time(Instant.parse("2024-11-22T00:00:00.123Z"))
                .build(), quote);
    }

    @Test
    void tickerWithNumbersKeepsTheirScale() {
        decode("ticker-numbers.json");
        Quote quote = onlyEvent(Quote.class);
        assertAll(
                () -> assertEquals("ETH-USD", quote.symbol()),
                () -> assertEquals("3120.05", quote.price().toPlainString()),
                () -> assertEquals("3120.00", quote.bid().toPlainString()),
                () -> assertEquals("3120.10", quote.ask().toPlainString()),
                () -> assertEquals(Instant.ofEpochMilli(1732233600123L), quote.time(), "ts may be a string"));
    }

    @Test
    void tickerWithOnlyBidAndAsk() {
        decode("ticker-bid-ask-only.json");
        assertEquals(List.of(RecordingDecodeOutput.BadValue.absent("ts", "yesterday")), out.badValues());
        assertEquals(1, out.events().size(), out.signals()::toString);
        Quote quote = (Quote) out.events().get(0);
        assertAll(
                () -> assertNull(quote.price()),
                () -> assertEquals(new BigDecimal("142.10"), quote.bid()),
                () -> assertEquals(new BigDecimal("142.14"), quote.ask()),
                () -> assertNull(quote.time(), "an unreadable ts is left out, the quote is kept"));
    }

    @Test
    void trade() {
        decode("trade.json");
        assertEquals(new Trade("simplejson", "BTC-USD", new BigDecimal("64012.5"), new BigDecimal("0.015"), null,
                Side.BUY, "t1", Instant.ofEpochMilli(1732233600456L), Frames.RECEIVED_AT),
                onlyEvent(Trade.class));
    }

    @Test
    void tradeWithNumbers() {
        decode("trade-sell-numbers.json");
        Trade trade = onlyEvent(Trade.class);
        assertAll(
                () -> assertEquals("3120.10", trade.price().toPlainString()),
                () -> assertEquals("2.50", trade.size().toPlainString()),
                () -> assertEquals(Side.SELL, trade.side()),
                () -> assertEquals("987654321", trade.tradeId()));
    }

    @Test
    void tradeWithOnlyTheRequiredFields() {
        decode("trade-minimal.json");
        Trade trade = onlyEvent(Trade.class);
        assertAll(
                () -> assertEquals(Side.UNKNOWN, trade.side()),
                () -> assertNull(trade.tradeId()),
                () -> assertNull(trade.time()),
                () -> assertNull(trade.value()));
    }

    @Test
    void acknowledgements() {
        decode("subscribe-ack.json");
        decode("subscribe-ack-trade.json");
        assertEquals(List.of(new Signal("acknowledged", Topics.QUOTES + " [BTC-USD, ETH-USD]"),
                new Signal("acknowledged", Topics.TRADES + " [BTC-USD]")), out.signals());
    }

    /** The runtime counts an unsubscription done when it is sent: the acknowledgement changes nothing. */
    @Test
    void anUnsubscribeAcknowledgementNeedsNothing() {
        decode("unsubscribe-ack.json");
        assertEquals(List.of(), out.signals());
    }

    @Test
    void anErrorNamingSymbolsRejectsThem() {
        decode("error-unknown-symbol.json");
        assertEquals(List.of(new Signal("rejected", Topics.QUOTES + " [NOPE-USD, FAKE-USD]: "
                + "simplejson refused the subscription: unknown symbol (code 40002)")), out.signals());
    }

    /** "Too many symbols" names none: it refuses the request it answers, which the runtime knows. */
    @Test
    void anErrorOnAChannelNamingNoSymbolRefusesTheRequestItAnswers() {
        decode("error-too-many-symbols.json");
        decode("error-no-message.json");
        assertEquals(List.of(new Signal("rejected", Topics.QUOTES + " []: simplejson refused the subscription: "
                + "too many symbols on this connection (code 40003)"), new Signal("rejected", Topics.TRADES
                + " []: simplejson refused the subscription: no message given")), out.signals());
    }

    @Test
    void anErrorOnNoChannelIsAWarning() {
        decode("error-general.json");
        assertEquals(Disposition.warn("simplejson error: malformed request (code 40000)"), onlyProblem());
    }

    @Test
    void pongIsAHeartbeat() {
        decode("pong.json");
        assertEquals(List.of(new Signal("heartbeat", "")), out.signals());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ticker-without-symbol.json", "trade-without-size.json",
            "ack-unknown-channel.json", "unknown-event.json", "unknown-topic.json",
            "neither-event-nor-topic.json", "malformed.json", "not-an-object.json"})
    void whatCannotBeUsedIsAWarning(String name) {
        decode(name);
        assertEquals(Disposition.Kind.WARN, onlyProblem().kind(), name);
    }

    @Test
    void aTickerWhosePricesAreAllUnreadableIsDroppedAndEachReported() {
        decode("ticker-without-prices.json");
        assertEquals(List.of(RecordingDecodeOutput.BadValue.dropped("last", "n/a"),
                RecordingDecodeOutput.BadValue.dropped("bid", "null"),
                RecordingDecodeOutput.BadValue.dropped("ask", "1e999999999")), out.calls());
    }

    /** The decoder's contract: whatever arrives, it never throws, and anything it reports is only a warning. */
    @ParameterizedTest
    @MethodSource("everyFrameAndItsPrefixes")
    void decodeNeverThrows(String text) {
        session.decode(Frames.json(text), out);
        for (Disposition problem : out.problems()) {
            assertEquals(Disposition.Kind.WARN, problem.kind(), text);
        }
    }

    static List<String> everyFrameAndItsPrefixes() {
        List<String> texts = new ArrayList<>(List.of("", " ", "null", "42", "\"pong\"", "{}", "{\"event\":7}",
                "{\"topic\":null}", "{\"topic\":\"ticker\",\"data\":[]}", "{\"event\":\"error\",\"args\":\"X-Y\"}",
                "[".repeat(5000), "{\"x\":" + "[".repeat(5000),
                "{\"topic\":\"ticker\",\"data\":{\"symbol\":\"X-Y\",\"last\":\"1e-999999999\"}}"));
        for (String name : Frames.all()) {
            String frame = Frames.text(name).strip();
            for (int end = 0; end <= frame.length(); end += 7) {
                texts.add(frame.substring(0, end));
            }
        }
        return texts;
    }

    @Test
    void aParseErrorSaysWhatWasWrongWithoutJacksonsLocation() {
        decode("malformed.json");
        String message = onlyProblem().message();
        assertTrue(message.startsWith("simplejson sent a frame that is not a JSON object (Unexpected end-of-input"),
                message);
        assertFalse(message.contains("[Source") || message.contains("start marker"), message);
    }

    @Test
    void aBinaryFrameIsAWarning() {
        byte[] bytes = "{\"event\":\"pong\"}".getBytes(StandardCharsets.UTF_8);
        session.decode(new InboundFrame(bytes, 0, bytes.length, false, Frames.RECEIVED_AT), out);
        assertEquals(Disposition.Kind.WARN, onlyProblem().kind());
    }

    @Test
    void onlyTheFramesBytesAreRead() {
        byte[] bytes = "xx{\"event\":\"pong\"}yy".getBytes(StandardCharsets.UTF_8);
        session.decode(new InboundFrame(bytes, 2, bytes.length - 4, true, Frames.RECEIVED_AT), out);
        assertEquals(1, out.heartbeats(), out.signals()::toString);
    }

    /**
     * Server text goes on as it was sent: the runtime masks credentials in it, escapes control characters and caps
     * its length (the kit's aCredentialQuotedBackByTheServerIsNeverShown proves it for this provider). Text longer
     * than the toolkit keeps (512 characters) is described by its length.
     */
    @Test
    void serverTextInProblemsIsQuotedAsSent() {
        String text = "x".repeat(400) + "\u0007";
        session.decode(Frames.json("{\"event\":\"error\",\"msg\":\"" + text.replace("\u0007", "\\u0007") + "\"}"), out);
        session.decode(Frames.json("{\"event\":\"error\",\"msg\":\"" + "y".repeat(5000) + "\",\"code\":null}"), out);
        assertEquals(List.of(Disposition.warn("simplejson error: " + text),
                Disposition.warn("simplejson error: (5000 characters)")), out.problems());
    }

    private void decode(String name) {
        session.decode(Frames.frame(name), out);
    }

    /** The only thing the decoder did, which must be emitting an event of {@code type}. */
    private <T> T onlyEvent(Class<T> type) {
        assertEquals(1, out.signals().size(), out.signals()::toString);
        assertEquals(1, out.events().size(), out.signals()::toString);
        return type.cast(out.events().get(0));
    }

    /** The only thing the decoder did, which must be reporting a problem. */
    private Disposition onlyProblem() {
        assertEquals(1, out.signals().size(), out.signals()::toString);
        return out.problems().get(0);
    }
}
