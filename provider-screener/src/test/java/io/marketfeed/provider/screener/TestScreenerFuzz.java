package io.marketfeed.provider.screener;

import static io.marketfeed.testkit.fuzz.DecodeProbe.RECEIVED_AT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.runtime.ProviderDefaults;
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
 * The Screener decoder fuzzed (issue 14): the frames the server and the docs send (protocols.md §2, the simulator's
 * {@code ScreenerMessages}, this module's tests) mutated must neither break nor slow down nor bloat a session, and
 * frames generated as the server writes them must decode to exactly what was generated.
 */
class TestScreenerFuzz extends DecoderFuzzProperties {

    private static final String AT = "\"timestamp\":\"2025-11-10T12:00:00.123456\",";

    /** Real frames: the shipped server's shapes (with and without stripped payloads), the docs', odd ones. */
    private static final List<FuzzFrame> FRAMES = List.of(
            frame("{\"type\":\"price_update\"," + AT + "\"sequence\":41,\"stock_code\":\"005930\",\"price\":73000.5,"
                    + "\"change\":1000,\"change_percent\":1.39,\"volume\":12345678}"),
            frame("{\"type\":\"price_update\",\"code\":\"005930\",\"name\":\"Samsung Electronics\",\"price\":73000,"
                    + "\"change\":-500,\"change_pct\":-0.68,\"volume\":15234567,\"timestamp\":\"2025-11-10T12:00:00Z\"}"),
            frame("{\"type\":\"price_update\"," + AT + "\"sequence\":44}"),
            frame("{\"type\":\"orderbook_update\"," + AT + "\"sequence\":42,\"stock_code\":\"005930\",\"bids\":["
                    + "{\"price\":72900,\"quantity\":1000,\"orders\":3},{\"price\":72800,\"quantity\":1500,\"orders\":5}],"
                    + "\"asks\":[{\"price\":73000,\"quantity\":800,\"orders\":2}]}"),
            frame("{\"type\":\"orderbook_update\",\"stock_code\":\"005930\",\"bids\":[{\"price\":\"100.50\",\"size\":5,"
                    + "\"order_count\":\"3.0\"},[99,6,2],[98],{\"price\":97,\"volume\":7,\"orders\":1.5},{\"price\":96,"
                    + "\"quantity\":8,\"quantity\":null,\"orders\":-1},7],\"asks\":[[101,4,null],{\"price\":null,"
                    + "\"quantity\":1}]}"),
            frame("{\"type\":\"orderbook_update\",\"stock_code\":\"005930\",\"bids\":[{\"price\":\"\\u2003 72900\","
                    + "\"quantity\":\"5\\u0000\",\"orders\":\" 3\\u000b\"}],\"asks\":[[\"73000\\u2003\",\"\\u00a08\"]]}"),
            frame("{\"type\":\"market_status\",\"timestamp\":\"2025-11-10T00:00:00\",\"sequence\":1,\"market\":\"KOSPI\","
                    + "\"status\":\"open\"}"),
            frame("{\"type\":\"alert\",\"code\":\"005930\",\"alert_type\":\"price_above\",\"threshold\":75000,"
                    + "\"current_price\":75100,\"message\":\"Samsung crossed 75,000\"}"),
            frame("{\"type\":\"notification\"," + AT + "\"sequence\":47,\"notification_id\":12,\"title\":\"Alert\","
                    + "\"message\":\"005930 above 75000\",\"notification_type\":\"ALERT\",\"priority\":\"HIGH\"}"),
            frame("{\"type\":\"subscribed\"," + AT + "\"sequence\":41,\"subscription_type\":\"stock\","
                    + "\"targets\":[\"005930\",\"000660\"]}"),
            frame("{\"type\":\"unsubscribed\"," + AT + "\"sequence\":42,\"subscription_type\":\"stock\","
                    + "\"targets\":[\"005930\"]}"),
            frame("{\"type\":\"pong\"," + AT + "\"sequence\":43}"),
            frame("{\"type\":\"pong\"," + AT + "\"sequence\":null}"),
            frame("{\"type\":\"ping\"}"),
            frame("{\"type\":\"batch\",\"timestamp\":\"2025-11-10T12:00:00.153456\",\"sequence\":48,\"messages\":["
                    + "{\"type\":\"subscribed\",\"timestamp\":\"2025-11-10T12:00:00.01\",\"sequence\":41},"
                    + "{\"type\":\"pong\",\"timestamp\":\"2025-11-10T12:00:00.02\",\"sequence\":43},"
                    + "{\"type\":\"price_update\"," + AT + "\"sequence\":44,\"stock_code\":\"000660\",\"price\":1.25},"
                    + "{\"type\":\"batch\",\"messages\":[{\"type\":\"ping\"}]}],\"batch_size\":4}"),
            frame("{\"type\":\"error\"," + AT + "\"sequence\":44,\"code\":\"INVALID_JSON\",\"message\":\"Invalid JSON "
                    + "format\",\"details\":{\"error\":\"Expecting value: line 1 column 1 (char 0)\"}}"),
            frame("{\"type\":\"error\",\"sequence\":1,\"code\":\"TOO_MANY_TARGETS\",\"message\":\"Too many targets "
                    + "(max: 50)\",\"details\":{\"max_targets\":50,\"requested\":120}}"),
            frame("{\"type\":\"error\",\"sequence\":1,\"code\":\"SUBSCRIPTION_LIMIT_EXCEEDED\",\"message\":\"Maximum "
                    + "100 subscriptions\",\"details\":null}"),
            frame("{\"type\":\"error\",\"sequence\":2,\"code\":\"RATE_LIMIT_EXCEEDED\",\"message\":\"Rate limit "
                    + "exceeded\",\"details\":{\"rate_limit\":100}}"),
            frame("{\"type\":\"error\",\"sequence\":3,\"code\":\"SUBSCRIBE_ERROR\",\"message\":\"Invalid target\"}"),
            frame("{\"type\":\"error\",\"sequence\":3,\"code\":\"ERROR\",\"message\":\"Too many targets\"}"),
            frame("{\"type\":\"error\",\"sequence\":4,\"code\":\"TOKEN_REFRESH_ERROR\",\"message\":\"x\"}"),
            frame("{\"type\":\"reconnected\"," + AT + "\"sequence\":45,\"session_id\":\"old-id\","
                    + "\"restored_subscriptions\":{\"stock\":[\"005930\",\"000660\"],\"market\":[\"KOSPI\"]},"
                    + "\"missed_messages_count\":5}"),
            frame("{\"type\":\"token_refreshed\"," + AT + "\"sequence\":46,\"access_token\":\"eyJhbGciOiJIUzI1NiJ9."
                    + "eyJzdWIiOiI3IiwiZXhwIjo0MTAyNDQ0ODAwfQ.sig\",\"expires_in\":900}"),
            frame("{\"type\":\"connected\",\"session_id\":\"c0ffee\",\"connection_id\":\"c0ffee\"}"),
            frame("{\"type\":\"fallback_to_rest\",\"reason\":\"redis down\",\"rest_endpoint\":\"/v1/stocks\","
                    + "\"retry_after\":30}"),
            frame("{\"type\":\"price_update\",\"stock_code\":\"005930\",\"price\":\"\\u2003 32.50\\n\",\"change\":"
                    + "\"1.5\\u0000\",\"volume\":\" 7 \",\"change_pct\":\"" + " ".repeat(600) + "2\"}"));

    private static final FeedProtocol PROTOCOL = new ScreenerProvider().create(ProviderDefaults.with(
            ScreenerProvider.ID, Map.of(ScreenerConfigKeys.ENABLED, true, ScreenerConfigKeys.SYMBOLS,
                    List.of("005930"))));
    private static final DecodeProbe PROBE = new DecodeProbe(ScreenerProvider.ID)
            .swallowed(message -> message.startsWith("could not translate"));
    private static final List<String> CODES = List.of("005930", "000660");
    private static final FuzzFrame PRICE = frame("{\"type\":\"price_update\"," + AT + "\"sequence\":50,"
            + "\"stock_code\":\"005930\",\"price\":73000.50}");
    private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS")
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
        Quote next = Quote.builder(ScreenerProvider.ID, "005930", RECEIVED_AT).price(new BigDecimal("73000.50"))
                .time(Instant.parse("2025-11-10T12:00:00.123456Z")).build();
        assertEquals(List.of(next), PROBE.decode(session, PRICE).events(), "the next frame");
    }

    @Property(tries = 60)
    void longFramesCostInProportionToTheirLength(@ForAll("long") MutatedFrame frame, @ForAll("spots") int at,
            @ForAll("kib") int kib) {
        PROBE.decode(session(true), frame.repeated(FRAMES, at, kib));
    }

    @Property(tries = 4_000)
    void generatedPriceUpdatesDecodeExactly(@ForAll("prices") PriceCase price) {
        assertEquals(List.of(price.expected()), PROBE.decode(session(true), price.frame()).events());
    }

    @Property(tries = 3_000)
    void generatedOrderBooksDecodeExactly(@ForAll("books") BookCase book) {
        ProtocolSession session = session(true);
        session.subscribe(Topics.BOOK, List.of(book.symbol()));
        assertEquals(List.of(book.expected()), PROBE.decode(session, book.frame()).events());
    }

    @Property(tries = 3_000)
    void generatedBatchesDecodeExactlyInOrder(@ForAll("batches") List<PriceCase> prices) {
        List<MarketEvent> expected = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (PriceCase price : prices) {
            expected.add(price.expected());
            items.add(price.frame().asString());
        }
        FuzzFrame batch = frame("{\"type\":\"batch\"," + AT + "\"sequence\":9,\"messages\":[" + String.join(",", items)
                + "],\"batch_size\":" + items.size() + "}");
        assertEquals(expected, PROBE.decode(session(true), batch).events());
    }

    /** A session, fresh or with both stock topics of {@link #CODES} and the KOSPI market subscribed. */
    private static ProtocolSession session(boolean established) {
        ProtocolSession session = PROTOCOL.openSession(new SessionContext("screener/ws#1",
                PROTOCOL.endpoints().get(0)));
        if (established) {
            session.subscribe(Topics.QUOTES, CODES);
            session.subscribe(Topics.BOOK, CODES);
            session.subscribe(ScreenerCodec.TOPIC_MARKET, List.of("KOSPI"));
            PROBE.decode(session, frame("{\"type\":\"batch\",\"messages\":[{\"type\":\"subscribed\"},"
                    + "{\"type\":\"pong\",\"sequence\":1},{\"type\":\"subscribed\"}]}"));
        }
        return session;
    }

    /** A JSON object for style bits 1 (decimals as strings) and 4 (blanks between tokens). */
    private static JsonObject json(int style) {
        return new JsonObject((style & 1) != 0, (style & 4) != 0);
    }

    private static FuzzFrame frame(String json) {
        return FuzzFrame.text(json);
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Sequence> sequences() {
        return Combinators.combine(mutated(1, 3).list().ofSize(4), Arbitraries.of(true, false)).as(Sequence::new);
    }

    /** Frames for one session, fresh or {@code established}. */
    record Sequence(List<MutatedFrame> frames, boolean established) {
    }

    /** KRX codes are six digits; letters occur in newer ones. */
    private static Arbitrary<String> codes() {
        return Arbitraries.strings().withChars("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ").ofMinLength(1).ofMaxLength(12);
    }

    /** The server's {@code datetime.utcnow().isoformat()}: naive UTC with microseconds, 2000 to 2099. */
    private static Arbitrary<Instant> times() {
        return Combinators.combine(Arbitraries.longs().between(946_684_800L, 4_102_444_799L),
                Arbitraries.integers().between(0, 999_999)).as((second, micros) ->
                Instant.ofEpochSecond(second, micros * 1_000L));
    }

    @Provide
    Arbitrary<PriceCase> prices() {
        return Combinators.combine(codes(), decimals(true).injectNull(0.2).list().ofSize(4), times().injectNull(0.2),
                Arbitraries.integers().between(0, 7)).as(PriceCase::new);
    }

    @Provide
    Arbitrary<BookCase> books() {
        Arbitrary<BookLevel> level = Combinators.combine(decimals(true), decimals(true),
                Arbitraries.integers().between(0, Integer.MAX_VALUE).injectNull(0.3)).as(BookLevel::new);
        return Combinators.combine(codes(), level.list().ofMaxSize(10), level.list().ofMaxSize(10),
                times().injectNull(0.2), Arbitraries.integers().between(0, 3)).as(BookCase::new);
    }

    @Provide
    Arbitrary<List<PriceCase>> batches() {
        return prices().list().ofMaxSize(8);
    }

    /**
     * A {@code price_update} as the server writes it: envelope, then {@code stock_code}, {@code price},
     * {@code change}, {@code change_percent} and {@code volume}. Style bits: 1 decimals as strings, 2 the docs'
     * {@code code} and {@code change_pct}, 4 blanks between tokens.
     */
    record PriceCase(String symbol, List<BigDecimal> values, Instant time, int style) {

        FuzzFrame frame() {
            boolean docs = (style & 2) != 0;
            JsonObject json = json(style).string("type", "price_update")
                    .string("timestamp", time == null ? null : NAIVE.format(time)).raw("sequence", "41")
                    .string(docs ? "code" : "stock_code", symbol).decimal("price", values.get(0))
                    .decimal("change", values.get(1)).decimal(docs ? "change_pct" : "change_percent", values.get(2))
                    .decimal("volume", values.get(3));
            return FuzzFrame.text(json.end());
        }

        Quote expected() {
            return Quote.builder(ScreenerProvider.ID, symbol, RECEIVED_AT).price(values.get(0)).change(values.get(1))
                    .changePercent(values.get(2)).volume(values.get(3)).time(time).build();
        }
    }

    /**
     * An {@code orderbook_update}: levels of {@code price}, {@code quantity}, {@code orders}, best first. Style bits:
     * 1 decimals as strings, 2 levels as {@code [price, quantity, orders]} arrays.
     */
    record BookCase(String symbol, List<BookLevel> bids, List<BookLevel> asks, Instant time, int style) {

        FuzzFrame frame() {
            return FuzzFrame.text(json(style).string("type", "orderbook_update")
                    .string("timestamp", time == null ? null : NAIVE.format(time)).raw("sequence", "42")
                    .string("stock_code", symbol).raw("bids", side(bids)).raw("asks", side(asks)).end());
        }

        private String side(List<BookLevel> levels) {
            List<String> sent = new ArrayList<>();
            for (BookLevel level : levels) {
                String orders = level.orders() == null ? null : level.orders().toString();
                if ((style & 2) != 0) {
                    boolean strings = (style & 1) != 0;
                    sent.add("[" + JsonObject.decimal(level.price(), strings) + ","
                            + JsonObject.decimal(level.size(), strings) + (orders == null ? "" : "," + orders) + "]");
                } else {
                    sent.add(json(style).decimal("price", level.price()).decimal("quantity", level.size())
                            .raw("orders", orders).end());
                }
            }
            return JsonObject.array(sent);
        }

        BookSnapshot expected() {
            return new BookSnapshot(ScreenerProvider.ID, symbol, bids, asks, time, RECEIVED_AT);
        }
    }
}
