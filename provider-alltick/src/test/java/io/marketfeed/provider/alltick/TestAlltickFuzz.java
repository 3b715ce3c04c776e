package io.marketfeed.provider.alltick;

import static io.marketfeed.testkit.fuzz.DecodeProbe.RECEIVED_AT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.Endpoint;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * AllTick's decoder fuzzed (issue 14): the recorded frames and the responses the simulator writes, mutated, must
 * neither break nor slow down nor bloat a session, and pushes generated as AllTick writes them must decode to exactly
 * what was generated.
 */
class TestAlltickFuzz extends DecoderFuzzProperties {

    /**
     * The recorded frames, and responses to the requests an established {@link #session} has outstanding (seq_id 3,
     * a trade list adding a code, and 4, a heartbeat), as the simulator's {@code AlltickMessages.response} writes
     * them but without a trace, which they are then matched without.
     */
    private static final List<FuzzFrame> FRAMES = Stream.concat(
            FuzzFrame.resources(TestAlltickFuzz.class, "/alltick/frames").stream(), Stream.of(
                    response(600, "code invalid", 22005, 3, "{\"symbol_list\":[{\"code\":\"NEW.US\"}]}"),
                    response(600, "code invalid", 22005, 3, "{}"),
                    response(603, "token level not enough", 22005, 3, "{}"),
                    response(604, "code unauthorized", 22005, 3, "{\"code\":\"NEW.US\"}"),
                    response(605, "too many requests", 22005, 3, "{}"),
                    response(606, "too many requests and connection will be closed", 22005, 3, "{}"),
                    response(200, "ok", 22005, 3, "{}"),
                    response(200, "ok", 22001, 4, "{}"),
                    response(400, "request data param invalid", 22001, 4, "{}")))
            .toList();
    private static final FeedProtocol PROTOCOL = new AlltickProvider().create(ProviderDefaults.with(
            AlltickProvider.ID, Map.of(AlltickConfigKeys.ENABLED, true, AlltickConfigKeys.TOKEN, "fuzz-token")));
    private static final DecodeProbe PROBE = new DecodeProbe(AlltickProvider.ID).credential("fuzz-token")
            .swallowed(message -> message.startsWith("could not translate"));
    private static final FuzzFrame TRADE = FuzzFrame.text("{\"cmd_id\":22998,\"data\":{\"code\":\"1288.HK\","
            + "\"seq\":\"1605509068000001\",\"tick_time\":\"1677831545217\",\"price\":\"651.12\",\"volume\":\"300\","
            + "\"turnover\":\"12345.6\",\"trade_direction\":1}}");

    @Override
    protected List<FuzzFrame> frames() {
        return FRAMES;
    }

    /** 25,000 sessions of four mutated frames each: 100,000 frames, and what one leaves behind for the next. */
    @Property(tries = 25_000)
    void mutatedFramesNeitherThrowNorHangNorBloat(@ForAll("sequences") Sequence sequence) {
        ProtocolSession session = session(sequence.channel(), sequence.established());
        for (MutatedFrame frame : sequence.frames()) {
            PROBE.decode(session, frame.of(FRAMES));
        }
        Trade next = new Trade(AlltickProvider.ID, "1288.HK", new BigDecimal("651.12"), new BigDecimal("300"),
                new BigDecimal("12345.6"), Side.BUY, "1605509068000001", Instant.ofEpochMilli(1677831545217L),
                RECEIVED_AT);
        assertEquals(List.of(next), PROBE.decode(session, TRADE).events(), "the next frame");
    }

    @Property(tries = 60)
    void longFramesCostInProportionToTheirLength(@ForAll("long") MutatedFrame frame, @ForAll("spots") int at,
            @ForAll("kib") int kib, @ForAll AlltickChannel channel) {
        PROBE.decode(session(channel, true), frame.repeated(FRAMES, at, kib));
    }

    @Property(tries = 5_000)
    void generatedTradesDecodeExactly(@ForAll("trades") TradeCase trade) {
        assertEquals(List.of(trade.expected()), PROBE.decode(session(AlltickChannel.STOCK, true), trade.frame())
                .events());
    }

    @Property(tries = 5_000)
    void generatedBooksDecodeExactly(@ForAll("books") BookCase book) {
        assertEquals(List.of(book.expected()), PROBE.decode(session(AlltickChannel.OTHER, true), book.frame())
                .events());
    }

    /**
     * A session of the channel, fresh or with its trade list (seq_id 1) and order-book list (2) acknowledged, and a
     * longer trade list (3) and a heartbeat (4) outstanding.
     */
    private static ProtocolSession session(AlltickChannel channel, boolean established) {
        Endpoint endpoint = PROTOCOL.endpoints().stream().filter(e -> e.id().equals(channel.endpointId()))
                .findFirst().orElseThrow();
        ProtocolSession session = PROTOCOL.openSession(new SessionContext("alltick/" + endpoint.id() + "#1",
                endpoint));
        if (established) {
            session.subscribe(Topics.TRADES, List.of("AAPL.US", "700.HK"));
            session.subscribe(Topics.BOOK, List.of("700.HK"));
            PROBE.decode(session, response(200, "ok", 22005, 1, "{}"));
            PROBE.decode(session, response(200, "ok", 22003, 2, "{}"));
            session.subscribe(Topics.TRADES, List.of("AAPL.US", "700.HK", "NEW.US"));
            session.heartbeat();
        }
        return session;
    }

    private static FuzzFrame response(int ret, String msg, int cmdId, long seqId, String data) {
        return FuzzFrame.text(new JsonObject(false, false).raw("ret", Integer.toString(ret)).string("msg", msg)
                .raw("cmd_id", Integer.toString(cmdId)).raw("seq_id", Long.toString(seqId)).raw("data", data).end());
    }

    // ------------------------------------------------------------------ generators

    /** Frames for one session of the channel, fresh or {@code established}. */
    record Sequence(List<MutatedFrame> frames, AlltickChannel channel, boolean established) {
    }

    @Provide
    Arbitrary<Sequence> sequences() {
        return Combinators.combine(mutated(1, 3).list().ofSize(4), Arbitraries.of(AlltickChannel.class),
                Arbitraries.of(true, false)).as(Sequence::new);
    }

    /** Product codes: {@code AAPL.US}, {@code 700.HK}, {@code EURUSD}. */
    private static Arbitrary<String> codes() {
        return Combinators.combine(Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                .ofMinLength(1).ofMaxLength(10), Arbitraries.of("", ".US", ".HK", ".SH", ".SZ")).as(String::concat);
    }

    /** Times of 2000 to 2099 to the millisecond. */
    private static Arbitrary<Instant> times() {
        return Arbitraries.longs().between(946_684_800_000L, 4_102_444_799_999L).map(Instant::ofEpochMilli);
    }

    @Provide
    Arbitrary<TradeCase> trades() {
        return Combinators.combine(codes(), decimals(false).list().ofSize(2), decimals(false).injectNull(0.3),
                Arbitraries.of(0, 1, 2).injectNull(0.2),
                Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.2), times().injectNull(0.2),
                Arbitraries.integers().between(0, 31)).as(TradeCase::new);
    }

    @Provide
    Arbitrary<BookCase> books() {
        Arbitrary<Level> level = Combinators.combine(decimals(false), decimals(false).injectNull(0.2)).as(Level::new);
        return Combinators.combine(codes(), level.list().ofMaxSize(10), level.list().ofMaxSize(10),
                times().injectNull(0.2), Arbitraries.integers().between(0, 31)).as(BookCase::new);
    }

    /** How a time is sent: milliseconds (style bit 16 clear) or whole seconds. */
    private static String tickTime(Instant time, int style) {
        return Long.toString((style & 16) == 0 ? time.toEpochMilli() : time.getEpochSecond());
    }

    private static Instant sentTime(Instant time, int style) {
        return time == null ? null : (style & 16) == 0 ? time : Instant.ofEpochSecond(time.getEpochSecond());
    }

    /**
     * A {@code 22998} trade push as the simulator writes it. Style bits: 1 {@code seq} and {@code tick_time} as
     * numbers (the GitHub table) rather than strings, 2 decimals as numbers rather than strings, 4
     * {@code trade_direction} as a string, 8 the GitBook's {@code volumn}, 16 {@code tick_time} in seconds.
     */
    record TradeCase(String code, List<BigDecimal> priceAndVolume, BigDecimal turnover, Integer direction, Long seq,
            Instant time, int style) {

        FuzzFrame frame() {
            boolean numbers = (style & 1) != 0;
            JsonObject data = new JsonObject((style & 2) == 0, false).string("code", code)
                    .raw("seq", seq == null ? null : numbers ? seq.toString() : ScriptJson.quote(seq.toString()))
                    .raw("tick_time", time == null ? null : numbers ? tickTime(time, style)
                            : ScriptJson.quote(tickTime(time, style)))
                    .decimal("price", priceAndVolume.get(0))
                    .decimal((style & 8) == 0 ? "volume" : "volumn", priceAndVolume.get(1))
                    .decimal("turnover", turnover)
                    .raw("trade_direction", direction == null ? null : (style & 4) != 0
                            ? ScriptJson.quote(direction.toString()) : direction.toString());
            return FuzzFrame.text("{\"cmd_id\":22998,\"data\":" + data.end() + "}");
        }

        Trade expected() {
            Side side = direction == null ? Side.UNKNOWN : direction == 1 ? Side.BUY : direction == 2 ? Side.SELL
                    : Side.UNKNOWN;
            return new Trade(AlltickProvider.ID, code, priceAndVolume.get(0), priceAndVolume.get(1), turnover, side,
                    seq == null ? null : seq.toString(), sentTime(time, style), RECEIVED_AT);
        }
    }

    /** A book level as sent: a volume of null is left out (forex, metals and CFDs send none). */
    record Level(BigDecimal price, BigDecimal volume) {
    }

    /**
     * A {@code 22999} order-book push as the simulator writes it. Style bits: 1 {@code tick_time} as a number, 2
     * decimals as numbers rather than strings, 16 {@code tick_time} in seconds.
     */
    record BookCase(String code, List<Level> bids, List<Level> asks, Instant time, int style) {

        FuzzFrame frame() {
            JsonObject data = new JsonObject(false, false).string("code", code).string("seq", "30686349")
                    .raw("tick_time", time == null ? null : (style & 1) != 0 ? tickTime(time, style)
                            : ScriptJson.quote(tickTime(time, style)))
                    .raw("bids", side(bids)).raw("asks", side(asks));
            return FuzzFrame.text("{\"cmd_id\":22999,\"data\":" + data.end() + "}");
        }

        private String side(List<Level> levels) {
            List<String> sent = new ArrayList<>();
            for (Level level : levels) {
                sent.add(new JsonObject((style & 2) == 0, false).decimal("price", level.price())
                        .decimal("volume", level.volume()).end());
            }
            return JsonObject.array(sent);
        }

        BookSnapshot expected() {
            return new BookSnapshot(AlltickProvider.ID, code, levels(bids), levels(asks), sentTime(time, style),
                    RECEIVED_AT);
        }

        private static List<BookLevel> levels(List<Level> sent) {
            return sent.stream().map(level -> new BookLevel(level.price(),
                    level.volume() == null ? BigDecimal.ZERO : level.volume(), null)).toList();
        }
    }
}
