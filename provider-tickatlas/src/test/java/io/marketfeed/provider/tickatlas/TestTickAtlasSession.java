package io.marketfeed.provider.tickatlas;

import static io.marketfeed.provider.tickatlas.Frames.frame;
import static io.marketfeed.provider.tickatlas.Frames.json;
import static io.marketfeed.provider.tickatlas.TestTickAtlasCodec.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.Acknowledged;
import io.marketfeed.testkit.RecordingDecodeOutput.Credits;
import io.marketfeed.testkit.RecordingDecodeOutput.Limits;
import io.marketfeed.testkit.RecordingDecodeOutput.Problem;
import io.marketfeed.testkit.RecordingDecodeOutput.Rejected;
import io.marketfeed.testkit.RecordingDecodeOutput.Unsubscribed;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Encoding requests, sharing one wire subscription between the quotes and candles topics, correlating TickAtlas's
 * id-less answers with requests, and classifying its errors.
 */
class TestTickAtlasSession {

    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    @Test
    void requestsAreTheDocumentedJson() {
        TickAtlasSession session = session(5);
        assertEquals(OutboundFrame.sensitive("{\"action\":\"auth\",\"key\":\"" + TestTickAtlasSettings.CANARY + "\"}"),
                session.authMessage().orElseThrow());
        assertEquals(OutboundFrame.text("{\"action\":\"subscribe\",\"symbols\":[\"EURUSD\",\"XAUUSD\"]}"),
                session.subscribe(Topics.QUOTES, List.of("EURUSD", "XAUUSD")));
        assertEquals(Optional.of(OutboundFrame.text("{\"action\":\"unsubscribe\",\"symbols\":[\"XAUUSD\"]}")),
                session.unsubscribe(Topics.QUOTES, List.of("XAUUSD")));
        assertEquals(Optional.of(OutboundFrame.text("{\"action\":\"ping\"}")), session.heartbeat());
    }

    @Test
    void keysAndSymbolsAreEscaped() {
        TickAtlasSession session = new TickAtlasSession(io.marketfeed.api.Secret.of("a\"b\\c"), "t#1", 5);
        assertEquals("{\"action\":\"auth\",\"key\":\"a\\\"b\\\\c\"}", session.authMessage().orElseThrow().text());
        assertEquals("{\"action\":\"subscribe\",\"symbols\":[\"x\\u0001\"]}",
                session.subscribe(Topics.QUOTES, List.of("x\u0001")).text());
    }

    @Test
    void aSymbolLeavesTheWireOnlyWhenNoTopicWantsIt() {
        TickAtlasSession session = session(5);
        session.subscribe(Topics.CANDLES, List.of("EURUSD", "XAUUSD"));
        session.subscribe(Topics.QUOTES, List.of("EURUSD", "XAUUSD"));
        assertEquals(Optional.empty(), session.unsubscribe(Topics.CANDLES, List.of("EURUSD")),
                "quotes still want EURUSD: nothing to send");
        session.decode(frame("quote-nested.json"), out);
        assertEquals(1, out.events(Quote.class).size());
        assertTrue(out.events(Candle.class).isEmpty(), "no candle once candles are unsubscribed");
        assertEquals(Optional.of(OutboundFrame.text("{\"action\":\"unsubscribe\",\"symbols\":[\"EURUSD\"]}")),
                session.unsubscribe(Topics.QUOTES, List.of("EURUSD")));
    }

    @Test
    void onlyCandlesWantedMeansOnlyCandles() {
        TickAtlasSession session = session(5);
        session.subscribe(Topics.CANDLES, List.of("EURUSD"));
        session.decode(frame("quote-nested.json"), out);
        assertEquals(1, out.events(Candle.class).size());
        assertTrue(out.events(Quote.class).isEmpty());
    }

    @Test
    void dataForASymbolNotCarriedIsAQuoteSoTheRuntimeCanUnsubscribeIt() {
        TickAtlasSession session = session(5);
        session.decode(frame("quote-nested.json"), out);
        assertEquals(1, out.events(Quote.class).size());
        assertTrue(out.events(Candle.class).isEmpty());
        assertEquals(Optional.of(OutboundFrame.text("{\"action\":\"unsubscribe\",\"symbols\":[\"EURUSD\"]}")),
                session.unsubscribe(Topics.QUOTES, List.of("EURUSD")), "an unknown symbol is unsubscribed on the wire");
    }

    @Test
    void eachSubscribedAnswersTheOldestRequestWithTheSymbolsItConfirms() {
        TickAtlasSession session = authenticated();
        session.subscribe(Topics.QUOTES, List.of("EURUSD", "XAUUSD"));
        session.subscribe(Topics.CANDLES, List.of("GBPUSD"));
        session.decode(frame("subscribed.json"), out);
        session.decode(json("{\"type\":\"subscribed\",\"total_subscribed\":3}"), out);
        assertEquals(List.of(new Acknowledged(Topics.QUOTES, List.of("EURUSD", "XAUUSD")),
                new Acknowledged(Topics.CANDLES, List.of("GBPUSD"))), out.calls());
    }

    /**
     * Issue 16: with candles on, the quotes and candles requests of a symbol used to put the same subscribe on the
     * wire twice. The second topic now sends a ping and is acknowledged with the first topic's answer.
     */
    @Test
    void aSymbolGoesOnTheWireOncePerConnectionWhicheverTopicsWantIt() {
        TickAtlasSession session = authenticated();
        assertEquals(OutboundFrame.text("{\"action\":\"subscribe\",\"symbols\":[\"EURUSD\",\"XAUUSD\"]}"),
                session.subscribe(Topics.QUOTES, List.of("EURUSD", "XAUUSD")));
        assertEquals(OutboundFrame.text("{\"action\":\"ping\"}"),
                session.subscribe(Topics.CANDLES, List.of("EURUSD", "XAUUSD")), "both are on the wire already");
        assertEquals(OutboundFrame.text("{\"action\":\"subscribe\",\"symbols\":[\"GBPUSD\"]}"),
                session.subscribe(Topics.CANDLES, List.of("EURUSD", "GBPUSD")), "only what is not on the wire yet");
        session.decode(frame("subscribed.json"), out);
        assertEquals(List.of(new Acknowledged(Topics.QUOTES, List.of("EURUSD", "XAUUSD")),
                new Acknowledged(Topics.CANDLES, List.of("EURUSD", "XAUUSD"))), out.calls(),
                "the candles request rides on the quotes subscription, answered now");
        out.clear();
        session.decode(json("{\"type\":\"pong\"}"), out);
        session.decode(json("{\"type\":\"subscribed\",\"symbols\":[\"GBPUSD\"],\"total_subscribed\":3}"), out);
        assertEquals(List.of(new RecordingDecodeOutput.Heartbeat(),
                new Acknowledged(Topics.CANDLES, List.of("EURUSD", "GBPUSD"))), out.calls(),
                "a server that lists only what a request added confirms the rest, which was on the wire already");
        session.decode(frame("quote-nested.json"), out);
        assertEquals(1, out.events(Quote.class).size());
        assertEquals(1, out.events(Candle.class).size());
    }

    @Test
    void aRequestForSymbolsAlreadyConfirmedIsAcknowledgedByThePong() {
        TickAtlasSession session = authenticated();
        session.subscribe(Topics.QUOTES, List.of("EURUSD"));
        session.decode(json("{\"type\":\"subscribed\",\"symbols\":[\"EURUSD\"],\"total_subscribed\":1}"), out);
        out.clear();
        assertEquals(TickAtlasCodec.PING, session.subscribe(Topics.CANDLES, List.of("EURUSD")));
        assertEquals(List.of(), out.calls());
        session.decode(json("{\"type\":\"pong\"}"), out);
        assertEquals(List.of(new Acknowledged(Topics.CANDLES, List.of("EURUSD")),
                new RecordingDecodeOutput.Heartbeat()), out.calls());
    }

    @Test
    void aSymbolThatLeftTheWireIsSubscribedAgain() {
        TickAtlasSession session = authenticated();
        session.subscribe(Topics.QUOTES, List.of("EURUSD"));
        session.subscribe(Topics.CANDLES, List.of("EURUSD"));
        session.unsubscribe(Topics.QUOTES, List.of("EURUSD"));
        assertEquals(Optional.of(OutboundFrame.text("{\"action\":\"unsubscribe\",\"symbols\":[\"EURUSD\"]}")),
                session.unsubscribe(Topics.CANDLES, List.of("EURUSD")));
        assertEquals(OutboundFrame.text("{\"action\":\"subscribe\",\"symbols\":[\"EURUSD\"]}"),
                session.subscribe(Topics.CANDLES, List.of("EURUSD")));
    }

    @Test
    void anAcknowledgementIsNeverAnEmptyList() {
        TickAtlasSession session = authenticated();
        session.subscribe(Topics.QUOTES, List.of("EURUSD"));
        session.unsubscribe(Topics.QUOTES, List.of("EURUSD"));
        session.decode(json("{\"type\":\"subscribed\",\"symbols\":[\"GBPUSD\"],\"total_subscribed\":1}"), out);
        assertTrue(out.calls(Acknowledged.class).isEmpty(), out.calls().toString());
    }

    @Test
    void anUnpromptedSubscribedConfirmsWhatItNamesPerTopic() {
        TickAtlasSession session = authenticated();
        session.subscribe(Topics.QUOTES, List.of("EURUSD"));
        session.subscribe(Topics.CANDLES, List.of("EURUSD"));
        session.decode(frame("subscribed.json"), out);
        session.decode(frame("subscribed.json"), out);
        out.clear();
        session.decode(json("{\"type\":\"subscribed\",\"symbols\":[\"EURUSD\"],\"total_subscribed\":1}"), out);
        assertEquals(List.of(new Acknowledged(Topics.QUOTES, List.of("EURUSD")),
                new Acknowledged(Topics.CANDLES, List.of("EURUSD"))), out.calls());
    }

    @Test
    void unsubscribedIsPassedOn() {
        TickAtlasSession session = authenticated();
        session.subscribe(Topics.QUOTES, List.of("EURUSD", "XAUUSD"));
        session.decode(frame("subscribed.json"), out);
        session.unsubscribe(Topics.QUOTES, List.of("XAUUSD"));
        out.clear();
        session.decode(frame("unsubscribed.json"), out);
        assertEquals(List.of(new Unsubscribed(Topics.QUOTES, List.of("XAUUSD"))), out.calls());
    }

    @Test
    void fewerSymbolsOnTheServerThanSentIsAWarningNamingThem() {
        TickAtlasSession session = authenticated();
        session.subscribe(Topics.QUOTES, List.of("EURUSD", "XAUUSD", "GBPUSD"));
        session.decode(frame("subscribed.json"), out);
        Problem problem = out.calls(Problem.class).get(0);
        assertEquals(Disposition.Kind.WARN, problem.disposition().kind());
        assertTrue(problem.disposition().message().contains("counts 2 subscribed symbols"),
                problem.disposition().message());
        assertTrue(problem.disposition().message().contains("missing GBPUSD"), problem.disposition().message());
    }

    @Test
    void totalsAreOnlyComparedWhenEveryRequestWasAnswered() {
        TickAtlasSession session = authenticated();
        session.subscribe(Topics.QUOTES, List.of("EURUSD", "XAUUSD"));
        session.subscribe(Topics.QUOTES, List.of("GBPUSD"));
        session.decode(frame("subscribed.json"), out);
        assertTrue(out.calls(Problem.class).isEmpty(), "the second request is still open: " + out.calls());
        session.decode(json("{\"type\":\"subscribed\",\"symbols\":[\"EURUSD\",\"XAUUSD\",\"GBPUSD\"],"
                + "\"total_subscribed\":5}"), out);
        assertTrue(out.calls(Problem.class).isEmpty(), "more on the server is not reported (may count per key)");
    }

    @Test
    void invalidKeyIsFatalAndSaysWhatToFix() {
        TickAtlasSession session = session(5);
        session.decode(frame("error-invalid-key.json"), out);
        Disposition fatal = out.singleProblem();
        assertEquals(Disposition.Kind.FATAL, fatal.kind());
        assertTrue(fatal.message().contains("invalid_key"), fatal.message());
        assertTrue(fatal.message().contains("marketfeed.providers.tickatlas.api-key"), fatal.message());
        assertTrue(fatal.message().contains("TICKATLAS_API_KEY"), fatal.message());
        assertTrue(fatal.message().contains("rotated"), fatal.message());
    }

    /**
     * The server's text is passed on as sent, the key it echoes included: the runtime masks every configured
     * credential in it before it reaches an event or a log (the conformance kit's
     * {@code aCredentialQuotedBackByTheServerIsNeverShown}).
     */
    @Test
    void theServersTextIsPassedOnForTheRuntimeToMask() {
        session(5).decode(frame("error-invalid-key-echoing-the-key.json"), out);
        assertTrue(out.singleProblem().message().contains("(invalid_key: Invalid API key "
                + TestTickAtlasSettings.CANARY + ")"), out.toString());
    }

    @Test
    void forbiddenIsFatalAndNamesThePlan() {
        session(5).decode(frame("error-forbidden.json"), out);
        Disposition fatal = out.singleProblem();
        assertEquals(Disposition.Kind.FATAL, fatal.kind());
        assertTrue(fatal.message().contains("Starter or higher"), fatal.message());
        assertTrue(fatal.message().contains("Pay-As-You-Go"), fatal.message());
    }

    @Test
    void authTimeoutIsRetriedWithoutAMinimumDelay() {
        session(5).decode(frame("error-auth-timeout.json"), out);
        Disposition retry = out.singleProblem();
        assertEquals(Disposition.Kind.RETRY, retry.kind());
        assertEquals(Duration.ZERO, retry.minDelay());
        assertTrue(retry.message().contains("auth_timeout"), retry.message());
    }

    @Test
    void connectionLimitWaitsLongAndPointsAtAnotherProcess() {
        new TickAtlasSession(io.marketfeed.api.Secret.of("k"), "t#3", 5).decode(frame("error-connection-limit.json"),
                out);
        Disposition retry = out.singleProblem();
        assertEquals(Disposition.Kind.RETRY, retry.kind());
        assertEquals(Duration.ofMinutes(1), retry.minDelay());
        assertTrue(retry.message().contains("Another process using the same key"), retry.message());
        assertTrue(retry.message().contains("lower marketfeed.providers.tickatlas.limits.max-connections"),
                retry.message());
    }

    @Test
    void quotaExceededPausesAndReportsNothingLeft() {
        TickAtlasSession session = authenticated();
        session.decode(frame("error-quota-exceeded.json"), out);
        assertEquals(new Credits(new CreditUpdate(OptionalLong.of(0), OptionalLong.empty())), out.calls().get(0));
        Disposition pause = out.calls(Problem.class).get(0).disposition();
        assertEquals(Disposition.Kind.PAUSE, pause.kind());
        assertTrue(pause.message().contains("00:00 UTC") && pause.message().contains("stays open"),
                pause.message());
        assertEquals(2, out.calls().size());
    }

    @Test
    void theRestEnvelopeWithAnUpperCaseCodeIsUnderstoodToo() {
        authenticated().decode(frame("error-rest-envelope.json"), out);
        assertEquals(Disposition.Kind.PAUSE, out.calls(Problem.class).get(0).disposition().kind());
    }

    @Test
    void unknownSymbolsAreRejectedOnEveryTopicThatWantedThem() {
        TickAtlasSession session = authenticated();
        session.subscribe(Topics.CANDLES, List.of("EURUSD", "FOOBAR"));
        session.subscribe(Topics.QUOTES, List.of("EURUSD", "FOOBAR"));
        session.decode(frame("error-invalid-symbol.json"), out);
        List<Rejected> rejected = out.calls(Rejected.class);
        assertEquals(List.of(Topics.CANDLES, Topics.QUOTES), rejected.stream().map(Rejected::topic).toList());
        assertTrue(rejected.stream().allMatch(r -> r.symbols().equals(List.of("FOOBAR"))));
        assertTrue(rejected.get(0).reason().contains("Unknown symbol: FOOBAR"), rejected.get(0).reason());
        out.clear();
        session.decode(json("{\"type\":\"subscribed\",\"symbols\":[\"EURUSD\"],\"total_subscribed\":1}"), out);
        assertEquals(List.of(new Acknowledged(Topics.CANDLES, List.of("EURUSD")),
                new Acknowledged(Topics.QUOTES, List.of("EURUSD"))), out.calls(),
                "one subscribe carried both topics; no mismatch warning either");
    }

    @Test
    void theSecondRefusalOfASymbolIsExpectedAndSilent() {
        TickAtlasSession session = authenticated();
        session.subscribe(Topics.CANDLES, List.of("FOOBAR"));
        session.subscribe(Topics.QUOTES, List.of("FOOBAR"));
        session.decode(frame("error-invalid-symbol.json"), out);
        assertEquals(2, out.calls(Rejected.class).size());
        out.clear();
        session.decode(frame("error-invalid-symbol.json"), out);
        assertEquals(List.of(), out.calls(), "the other topic's request is refused too; nothing new");
        session.subscribe(Topics.QUOTES, List.of("FOOBAR"));
        session.decode(frame("error-invalid-symbol.json"), out);
        assertEquals(1, out.calls(Rejected.class).size(), "subscribed again, refused again: reported again");
    }

    @Test
    void aRequestRefusedWholeLeavesTheQueueSoLaterAnswersStayAligned() {
        TickAtlasSession session = authenticated();
        session.subscribe(Topics.QUOTES, List.of("FOOBAR"));
        session.subscribe(Topics.QUOTES, List.of("EURUSD"));
        session.decode(frame("error-invalid-symbol.json"), out);
        session.decode(json("{\"type\":\"subscribed\",\"symbols\":[\"EURUSD\"],\"total_subscribed\":1}"), out);
        assertEquals(new Acknowledged(Topics.QUOTES, List.of("EURUSD")), out.calls(Acknowledged.class).get(0));
    }

    @Test
    void symbolsNamedInTheMessageOrASymbolField() {
        TickAtlasSession session = authenticated();
        session.subscribe(Topics.QUOTES, List.of("FOOBAR", "BARBAZ", "BTCUSD"));
        session.decode(frame("error-symbol-in-message.json"), out);
        session.decode(frame("error-symbol-field.json"), out);
        assertEquals(List.of(List.of("FOOBAR", "BARBAZ"), List.of("BTCUSD")),
                out.calls(Rejected.class).stream().map(Rejected::symbols).toList());
    }

    @Test
    void aSymbolErrorAboutNothingCarriedHereIsAWarning() {
        TickAtlasSession session = authenticated();
        session.decode(frame("error-invalid-symbol.json"), out);
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind());
    }

    @Test
    void aSymbolLimitErrorAdoptsTheAnnouncedLimitAndRejectsNothing() {
        TickAtlasSession session = authenticated();
        session.subscribe(Topics.QUOTES, List.of("EURUSD"));
        session.decode(frame("error-symbol-limit.json"), out);
        assertEquals(new Limits(new LimitsUpdate(OptionalInt.of(5), OptionalInt.empty(), OptionalInt.empty(), "")),
                out.calls().get(0));
        assertEquals(Disposition.Kind.WARN, out.calls(Problem.class).get(0).disposition().kind());
        assertTrue(out.calls(Rejected.class).isEmpty());
    }

    @Test
    void anUnknownErrorBeforeAuthenticationEndsTheAttemptAfterItIsAWarning() {
        session(5).decode(frame("error-unknown-code.json"), out);
        assertEquals(Disposition.Kind.RETRY, out.singleProblem().kind());
        assertTrue(out.singleProblem().message().contains("server_busy"));
        out.clear();
        authenticated().decode(frame("error-unknown-code.json"), out);
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind());
        out.clear();
        authenticated().decode(frame("error-without-code.json"), out);
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind());
        assertTrue(out.singleProblem().message().contains("Something went wrong"));
    }

    @Test
    void creditFiguresOnOtherMessagesAreTaken() {
        authenticated().decode(json("{\"type\":\"heartbeat\",\"daily_quota_remaining\":1234}"), out);
        assertEquals(List.of(new RecordingDecodeOutput.Heartbeat(),
                new Credits(new CreditUpdate(OptionalLong.of(1234), OptionalLong.empty()))), out.calls());
    }

    private TickAtlasSession authenticated() {
        TickAtlasSession session = session(5);
        session.decode(frame("authenticated-bare.json"), new RecordingDecodeOutput());
        return session;
    }
}
