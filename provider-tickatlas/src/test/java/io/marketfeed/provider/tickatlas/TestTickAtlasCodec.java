package io.marketfeed.provider.tickatlas;

import static io.marketfeed.provider.tickatlas.Frames.RECEIVED_AT;
import static io.marketfeed.provider.tickatlas.Frames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.Secret;
import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.Credits;
import io.marketfeed.testkit.RecordingDecodeOutput.Heartbeat;
import io.marketfeed.testkit.RecordingDecodeOutput.Limits;
import io.marketfeed.testkit.RecordingDecodeOutput.Problem;
import io.marketfeed.testkit.RecordingDecodeOutput.Ready;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding recorded TickAtlas frames into events and control signals. */
class TestTickAtlasCodec {

    private static final Instant BAR = Instant.parse("2026-02-10T09:18:00Z");

    private final RecordingDecodeOutput out = new RecordingDecodeOutput();

    @Test
    void authenticatedAnnouncesLimitsAndCreditsThenReadiness() {
        decode(session(5), "authenticated.json");
        assertEquals(List.of(
                new Limits(new LimitsUpdate(OptionalInt.of(5), OptionalInt.empty(), OptionalInt.empty(), "starter")),
                new Credits(new CreditUpdate(OptionalLong.of(36_000), OptionalLong.of(5))),
                new Ready()), out.calls());
    }

    @Test
    void authenticatedWithNumbersAsStringsInAnyOrder() {
        decode(session(4), "authenticated-numbers-as-strings.json");
        assertEquals(List.of(
                new Limits(new LimitsUpdate(OptionalInt.of(20), OptionalInt.empty(), OptionalInt.empty(), "pro")),
                new Credits(new CreditUpdate(OptionalLong.of(115_200), OptionalLong.of(4))),
                new Ready()), out.calls());
    }

    @Test
    void aDifferentPriceThanDeclaredIsAWarningNamingTheSettingsToFix() {
        decode(session(5), "authenticated-numbers-as-strings.json");
        Disposition warning = out.calls(Problem.class).get(0).disposition();
        assertEquals(Disposition.Kind.WARN, warning.kind());
        assertTrue(warning.message().contains("4 credits per push"), warning.message());
        assertTrue(warning.message().contains("marketfeed.providers.tickatlas.plan = pro"), warning.message());
        assertTrue(warning.message().contains("marketfeed.providers.tickatlas.credits.cost-per-push = 4"),
                warning.message());
        assertEquals(4, out.calls().size(), "limits, credits, ready, warning: " + out.calls());
    }

    @Test
    void authenticatedWithASpentQuotaPausesAtOnce() {
        decode(session(5), "authenticated-quota-spent.json");
        assertEquals(new Ready(), out.calls().get(2));
        Disposition pause = out.calls(Problem.class).get(0).disposition();
        assertEquals(Disposition.Kind.PAUSE, pause.kind());
        assertTrue(pause.message().contains("00:00 UTC"), pause.message());
    }

    @Test
    void authenticatedWithNothingToAnnounceIsJustReady() {
        decode(session(5), "authenticated-bare.json");
        assertEquals(List.of(new Ready()), out.calls());
    }

    @Test
    void authenticatedIgnoresValuesThatAreNotUsable() {
        decode(session(5), "authenticated-odd-values.json");
        assertEquals(List.of(new Ready()), out.calls());
    }

    @Test
    void theNestedQuoteIsAQuoteAndAnM1CandleWithExactDecimals() {
        TickAtlasSession session = subscribedBoth("EURUSD");
        decode(session, "quote-nested.json");
        Quote quote = single(Quote.class);
        assertEquals(Quote.builder("tickatlas", "EURUSD", RECEIVED_AT).bid(new BigDecimal("1.08420"))
                .ask(new BigDecimal("1.08431")).time(BAR).build(), quote);
        assertEquals(5, quote.bid().scale(), "1.08420 keeps its trailing zero");
        assertEquals(new Candle("tickatlas", "EURUSD", Duration.ofMinutes(1), BAR, new BigDecimal("1.08415"),
                new BigDecimal("1.08431"), new BigDecimal("1.08409"), new BigDecimal("1.08420"),
                new BigDecimal("1234"), RECEIVED_AT), single(Candle.class));
        assertEquals(2, out.calls().size(), out.calls().toString());
    }

    @Test
    void jpyPairsHaveThreeDecimals() {
        TickAtlasSession session = subscribedBoth("USDJPY");
        decode(session, "quote-nested-jpy.json");
        assertEquals(new BigDecimal("151.240"), single(Quote.class).bid());
        assertEquals(new BigDecimal("151.252"), single(Quote.class).ask());
        assertEquals(new BigDecimal("151.230"), single(Candle.class).open());
        assertEquals(3, single(Candle.class).close().scale());
    }

    @Test
    void numbersAsStringsAndANaiveTimeTakenAsUtc() {
        TickAtlasSession session = subscribedBoth("GBPUSD");
        decode(session, "quote-nested-numbers-as-strings.json");
        assertEquals(new BigDecimal("1.26716"), single(Quote.class).bid());
        assertEquals(BAR, single(Candle.class).openTime());
        assertEquals(new BigDecimal("310"), single(Candle.class).volume());
    }

    @Test
    void anEpochSecondsTime() {
        TickAtlasSession session = subscribedBoth("XAUUSD");
        decode(session, "quote-nested-epoch-time.json");
        assertEquals(BAR, single(Candle.class).openTime());
        assertEquals(new BigDecimal("2034.56"), single(Quote.class).bid());
    }

    @Test
    void theFlatShapeIsAQuoteWithItsTimestampAndNoCandle() {
        TickAtlasSession session = session(5);
        session.subscribe(Topics.QUOTES, List.of("EURUSD"));
        decode(session, "quote-flat.json");
        Quote quote = single(Quote.class);
        assertEquals(new BigDecimal("1.08420"), quote.bid());
        assertEquals(new BigDecimal("1.08431"), quote.ask());
        assertEquals(Instant.parse("2026-02-10T09:19:23.412Z"), quote.time());
        assertEquals(1, out.calls().size());
    }

    @Test
    void theFlatShapeWhenCandlesAreWantedSaysOnceThatNoCandlesCanBeMade() {
        TickAtlasSession session = subscribedBoth("EURUSD");
        decode(session, "quote-flat.json");
        decode(session, "quote-flat.json");
        assertEquals(2, out.events(Quote.class).size());
        List<Problem> problems = out.calls(Problem.class);
        assertEquals(1, problems.size(), out.calls().toString());
        assertTrue(problems.get(0).disposition().message().contains("no M1 candles"));
    }

    @Test
    void anIncompleteBarIsNoCandleButTheQuoteStands() {
        TickAtlasSession session = subscribedBoth("EURUSD");
        decode(session, "quote-incomplete-bar.json");
        assertEquals(1, out.events(Quote.class).size());
        assertTrue(out.events(Candle.class).isEmpty());
        assertEquals(Disposition.Kind.WARN, out.calls(Problem.class).get(0).disposition().kind());
    }

    @Test
    void aQuoteWithoutSymbolOrPricesIsAWarning() {
        TickAtlasSession session = subscribedBoth("EURUSD");
        decode(session, "quote-without-symbol.json");
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind());
        out.clear();
        decode(session, "quote-without-prices.json");
        assertTrue(out.events(Quote.class).isEmpty());
        assertTrue(out.calls(Problem.class).get(0).disposition().message().contains("without bid, ask or price"));
    }

    @Test
    void heartbeatAndPongProveLiveness() {
        decode(session(5), "heartbeat.json");
        decode(session(5), "pong.json");
        assertEquals(List.of(new Heartbeat(), new Heartbeat()), out.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"malformed.json", "not-an-object.json", "without-type.json", "unknown-type.json"})
    void whatCannotBeUsedIsAWarningNeverAnException(String name) {
        decode(session(5), name);
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind());
    }

    @Test
    void binaryFramesAndGarbageAreWarnings() {
        byte[] bytes = "{\"type\":\"heartbeat\"}".getBytes(StandardCharsets.UTF_8);
        session(5).decode(new InboundFrame(bytes, 0, bytes.length, false, RECEIVED_AT), out);
        assertTrue(out.singleProblem().message().contains("binary"));
        out.clear();
        session(5).decode(Frames.json(""), out);
        assertEquals(Disposition.Kind.WARN, out.singleProblem().kind());
        out.clear();
        session(5).decode(Frames.json("{\"type\":\"quote\",\"data\":{\"symbol\":\"EURUSD\",\"bid\":1e999999999}}"),
                out);
        assertEquals(new RecordingDecodeOutput.BadValue("bid", "1e999999999", true),
                out.single(RecordingDecodeOutput.BadValue.class), "an absurd exponent is no price: reported, dropped");
    }

    @Test
    void whateverFollowsAFramesObjectIsIgnoredAndCostsNoOtherFrame() {
        TickAtlasSession session = session(5);
        for (String after : List.of(" xyz", "{\"type\":\"pong\"}", " 12", " }", " tru", " \"abc", "\n")) {
            session.decode(Frames.json("{\"type\":\"heartbeat\"}" + after), out);
            session.decode(Frames.json("{\"type\":\"pong\"}"), out);
            assertEquals(List.of(new Heartbeat(), new Heartbeat()), out.calls(), after);
            out.clear();
        }
    }

    @Test
    void timesInEveryAcceptedForm() {
        for (String time : List.of("\"2026-02-10T09:18:00Z\"", "\"2026-02-10T11:18:00+02:00\"",
                "\"2026-02-10 09:18:00\"", "\"2026-02-10T09:18:00.000\"", "1770715080", "1770715080000",
                "\"1770715080\"")) {
            assertEquals(BAR, TestTickAtlasTime.parse(time.replace("\"", "")), time);
        }
        assertNull(TestTickAtlasTime.parse("yesterday"));
    }

    private TickAtlasSession subscribedBoth(String symbol) {
        TickAtlasSession session = session(5);
        session.subscribe(Topics.CANDLES, List.of(symbol));
        session.subscribe(Topics.QUOTES, List.of(symbol));
        return session;
    }

    static TickAtlasSession session(long declaredCost) {
        return new TickAtlasSession(Secret.of(TestTickAtlasSettings.CANARY), "tickatlas/quotes#1", declaredCost);
    }

    private void decode(TickAtlasSession session, String name) {
        session.decode(frame(name), out);
    }

    private <T extends io.marketfeed.api.model.MarketEvent> T single(Class<T> kind) {
        List<T> events = out.events(kind);
        assertEquals(1, events.size(), () -> "expected one " + kind.getSimpleName() + ": " + out.calls());
        return events.get(0);
    }
}
