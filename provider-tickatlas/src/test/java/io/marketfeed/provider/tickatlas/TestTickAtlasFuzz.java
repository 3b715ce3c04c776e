package io.marketfeed.provider.tickatlas;

import static io.marketfeed.testkit.fuzz.DecodeProbe.RECEIVED_AT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.testkit.ScriptJson;
import io.marketfeed.testkit.fuzz.DecodeProbe;
import io.marketfeed.testkit.fuzz.DecoderFuzzProperties;
import io.marketfeed.testkit.fuzz.FuzzFrame;
import io.marketfeed.testkit.fuzz.JsonObject;
import io.marketfeed.testkit.fuzz.MutatedFrame;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * TickAtlas's decoder fuzzed (issue 14): the recorded frames mutated must neither break nor slow down nor bloat a
 * session, and quotes generated as the simulator writes them must decode to exactly what was generated. A key the
 * server echoes is passed on as sent: the runtime masks it (SPI 1.3; the conformance kit's
 * {@code aCredentialQuotedBackByTheServerIsNeverShown}), so the probe does not look for it here.
 */
class TestTickAtlasFuzz extends DecoderFuzzProperties {

    /** The key the recorded {@code error-invalid-key-echoing-the-key.json} echoes. */
    static final String KEY = "tk_test_FAKE_CANARY";
    private static final List<FuzzFrame> FRAMES = FuzzFrame.resources(TestTickAtlasFuzz.class, "/tickatlas/frames");
    private static final FeedProtocol PROTOCOL = new TickAtlasProvider().create(ProviderDefaults.with(
            TickAtlasProvider.ID, Map.of(TickAtlasConfigKeys.ENABLED, true, TickAtlasConfigKeys.API_KEY, KEY,
                    TickAtlasConfigKeys.PLAN, "starter")));
    private static final DecodeProbe PROBE = new DecodeProbe(TickAtlasProvider.ID)
            .swallowed(message -> message.startsWith("could not translate"));
    private static final FuzzFrame QUOTE = FuzzFrame.text("{\"type\":\"quote\",\"data\":{\"symbol\":\"XAUUSD\","
            + "\"time\":\"2026-02-10T09:18:00.000Z\",\"bid\":2034.56,\"ask\":2034.81}}");
    /** The simulator's times: milliseconds and a {@code Z}. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    protected List<FuzzFrame> frames() {
        return FRAMES;
    }

    /** 25,000 sessions of four mutated frames each: 100,000 frames, and what one leaves behind for the next. */
    @Property(tries = 25_000)
    void mutatedFramesNeitherThrowNorHangNorBloat(@ForAll("sequences") Sequence sequence) {
        ProtocolSession session = session(sequence.established());
        for (MutatedFrame frame : sequence.frames()) {
            PROBE.decode(session, frame.of(FRAMES));
        }
        Quote next = Quote.builder(TickAtlasProvider.ID, "XAUUSD", RECEIVED_AT).bid(new BigDecimal("2034.56"))
                .ask(new BigDecimal("2034.81")).time(Instant.parse("2026-02-10T09:18:00Z")).build();
        assertEquals(List.of(next), PROBE.decode(session, QUOTE).events(), "the next frame");
    }

    @Property(tries = 60)
    void longFramesCostInProportionToTheirLength(@ForAll("long") MutatedFrame frame, @ForAll("spots") int at,
            @ForAll("kib") int kib) {
        PROBE.decode(session(true), frame.repeated(FRAMES, at, kib));
    }

    @Property(tries = 10_000)
    void generatedQuotesDecodeExactly(@ForAll("quotes") QuoteCase quote) {
        ProtocolSession session = session(true);
        session.subscribe(Topics.QUOTES, List.of(quote.symbol()));
        session.subscribe(Topics.CANDLES, List.of(quote.symbol()));
        assertEquals(quote.expected(), PROBE.decode(session, quote.frame()).events());
    }

    /** A session, fresh or authenticated with EURUSD (quotes and candles) and XAUUSD (quotes) subscribed. */
    private static ProtocolSession session(boolean established) {
        ProtocolSession session = PROTOCOL.openSession(new SessionContext("tickatlas/ws#1",
                PROTOCOL.endpoints().get(0)));
        if (established) {
            PROBE.decode(session, FuzzFrame.text("{\"type\":\"authenticated\",\"plan\":\"starter\",\"max_symbols\":5,"
                    + "\"credits_per_push\":1,\"daily_quota_remaining\":36000}"));
            session.subscribe(Topics.QUOTES, List.of("EURUSD", "XAUUSD"));
            session.subscribe(Topics.CANDLES, List.of("EURUSD"));
            PROBE.decode(session, FuzzFrame.text("{\"type\":\"subscribed\",\"symbols\":[\"EURUSD\",\"XAUUSD\"],"
                    + "\"total_subscribed\":2}"));
        }
        return session;
    }

    // ------------------------------------------------------------------ generators

    /** Frames for one session, fresh or {@code established}. */
    record Sequence(List<MutatedFrame> frames, boolean established) {
    }

    @Provide
    Arbitrary<Sequence> sequences() {
        return Combinators.combine(mutated(1, 3).list().ofSize(4), Arbitraries.of(true, false)).as(Sequence::new);
    }

    /** TickAtlas's symbol rule: 1 to 20 of A-Z, a-z, 0-9, '.', '_', '-', '/'. */
    private static Arbitrary<String> symbols() {
        return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-/")
                .ofMinLength(1).ofMaxLength(20);
    }

    /** Bar times of 2000 to 2099, on the minute. */
    private static Arbitrary<Instant> minutes() {
        return Arbitraries.longs().between(946_684_800L / 60, 4_102_444_799L / 60).map(m -> Instant.ofEpochSecond(m * 60));
    }

    @Provide
    Arbitrary<QuoteCase> quotes() {
        return Combinators.combine(symbols(), decimals(false).list().ofSize(6), decimals(false).injectNull(0.5),
                decimals(false).injectNull(0.3), minutes(), minutes().injectNull(0.7), Arbitraries.integers().between(0, 31))
                .as(QuoteCase::new);
    }

    /**
     * A {@code quote} as the simulator writes it: in {@code data} the symbol, the bar's time, open, high, low,
     * close, volume, then bid, ask and spread; a last price and a {@code timestamp} when given. Style bits: 1 numbers
     * as strings, 2 the flat shape (no bar), 4 the bar's time in epoch seconds, 8 blanks between tokens, 16 the
     * time written with a blank for {@code T} and no zone (as the REST API's).
     *
     * @param prices bid, ask, open, high, low, close
     */
    record QuoteCase(String symbol, List<BigDecimal> prices, BigDecimal price, BigDecimal volume, Instant time,
            Instant timestamp, int style) {

        FuzzFrame frame() {
            boolean flat = (style & 2) != 0;
            JsonObject fields = new JsonObject((style & 1) != 0, (style & 8) != 0).string("symbol", symbol);
            if (!flat) {
                fields.raw("time", (style & 4) != 0 ? Long.toString(time.getEpochSecond()) : ScriptJson.quote(text(time)))
                        .decimal("open", prices.get(2)).decimal("high", prices.get(3)).decimal("low", prices.get(4))
                        .decimal("close", prices.get(5)).decimal("volume", volume);
            }
            fields.decimal("bid", prices.get(0)).decimal("ask", prices.get(1)).decimal("price", price)
                    .string("timestamp", timestamp == null ? null : text(timestamp));
            String body = fields.end();
            return FuzzFrame.text(flat ? "{\"type\":\"quote\"," + body.substring(1)
                    : "{\"type\":\"quote\",\"data\":" + body + "}");
        }

        private String text(Instant instant) {
            return (style & 16) != 0 ? instant.atOffset(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' ')
                    : ISO.format(instant);
        }

        List<MarketEvent> expected() {
            boolean flat = (style & 2) != 0;
            Instant quoteTime = timestamp != null ? timestamp : flat ? null : time;
            List<MarketEvent> events = new ArrayList<>();
            events.add(Quote.builder(TickAtlasProvider.ID, symbol, RECEIVED_AT).bid(prices.get(0)).ask(prices.get(1))
                    .price(price).time(quoteTime).build());
            if (!flat) {
                events.add(new Candle(TickAtlasProvider.ID, symbol, TickAtlasCodec.M1, time, prices.get(2),
                        prices.get(3), prices.get(4), prices.get(5), volume, RECEIVED_AT));
            }
            return events;
        }
    }
}
