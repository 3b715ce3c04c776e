package io.marketfeed.provider.sahmk;

import static io.marketfeed.testkit.fuzz.DecodeProbe.RECEIVED_AT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.testkit.fuzz.DecodeProbe;
import io.marketfeed.testkit.fuzz.DecoderFuzzProperties;
import io.marketfeed.testkit.fuzz.FuzzFrame;
import io.marketfeed.testkit.fuzz.JsonObject;
import io.marketfeed.testkit.fuzz.MutatedFrame;
import io.marketfeed.testkit.fuzz.Mutator;
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
 * SAHMK's decoder fuzzed (issue 14): the recorded frames mutated must neither break nor slow down nor bloat a
 * session, and frames generated as SAHMK writes them must decode to exactly what was generated.
 */
class TestSahmkFuzz extends DecoderFuzzProperties {

    /**
     * The key, which no problem may show. Not one of the key-like strings {@link Mutator#ODD_STRING} writes: those
     * land in symbols too, which are the server's data and shown as they are.
     */
    private static final String KEY = "shmk_test_FAKE_fuzz";
    private static final List<FuzzFrame> FRAMES = FuzzFrame.resources(TestSahmkFuzz.class, "/sahmk/frames");
    private static final FeedProtocol PROTOCOL = new SahmkProvider().create(ProviderDefaults.with(SahmkProvider.ID,
            Map.of(SahmkConfigKeys.API_KEY, KEY, SahmkConfigKeys.SYMBOLS, List.of("2222"),
                    SahmkConfigKeys.FALLBACK_SYMBOLS, List.of("2222", "1120"), SahmkConfigKeys.DEPTH_ENABLED, true,
                    SahmkConfigKeys.TRADES_ENABLED, true)));
    private static final DecodeProbe PROBE = new DecodeProbe(SahmkProvider.ID).credential(KEY)
            .swallowed(message -> message.startsWith("could not translate"));
    private static final List<String> SYMBOLS = List.of("2222", "1120");
    private static final FuzzFrame QUOTE = FuzzFrame.text("{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":"
            + "{\"price\":27.45},\"timestamp\":\"2026-02-10T12:19:22Z\"}");
    private static final String[] WIRE_NAMES = {"price", "change", "change_percent", "volume", "bid", "ask", "open",
        "high", "low", "previous_close"};

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
        Quote next = Quote.builder(SahmkProvider.ID, "2222", RECEIVED_AT).price(new BigDecimal("27.45"))
                .time(Instant.parse("2026-02-10T12:19:22Z")).build();
        assertEquals(List.of(next), PROBE.decode(session, QUOTE).events(), "the next frame");
    }

    @Property(tries = 60)
    void longFramesCostInProportionToTheirLength(@ForAll("long") MutatedFrame frame, @ForAll("spots") int at,
            @ForAll("kib") int kib, @ForAll SahmkChannel channel) {
        PROBE.decode(session(channel, true), frame.repeated(FRAMES, at, kib));
    }

    @Property(tries = 4_000)
    void generatedQuotesDecodeExactly(@ForAll("quotes") QuoteCase quote) {
        assertEquals(List.of(quote.expected()), PROBE.decode(session(SahmkChannel.QUOTES, true), quote.frame())
                .events());
    }

    @Property(tries = 3_000)
    void generatedTradesDecodeExactly(@ForAll("trades") TradeCase trade) {
        assertEquals(List.of(trade.expected()), PROBE.decode(session(SahmkChannel.TRADES, true), trade.frame())
                .events());
    }

    @Property(tries = 3_000)
    void generatedBooksDecodeExactly(@ForAll("books") BookCase book) {
        assertEquals(List.of(book.expected()), PROBE.decode(session(SahmkChannel.DEPTH, true), book.frame())
                .events());
    }

    /** A JSON object for style bits 1 (decimals as strings) and 8 (blanks between tokens). */
    private static JsonObject json(int style) {
        return new JsonObject((style & 1) != 0, (style & 8) != 0);
    }

    /** A session of the channel, fresh or past {@code connected} and subscribed to {@link #SYMBOLS}. */
    private static ProtocolSession session(SahmkChannel channel, boolean established) {
        Endpoint endpoint = PROTOCOL.endpoints().stream().filter(e -> e.id().equals(channel.endpointId()))
                .findFirst().orElseThrow();
        ProtocolSession session = PROTOCOL.openSession(new SessionContext("sahmk/" + endpoint.id() + "#1", endpoint));
        if (established) {
            PROBE.decode(session, FuzzFrame.text("{\"type\":\"connected\",\"plan\":\"pro\",\"limits\":"
                    + "{\"max_symbols_per_connection\":60,\"max_symbols_per_call\":20}}"));
            session.subscribe(channel.topic(), SYMBOLS);
            PROBE.decode(session, FuzzFrame.text("{\"type\":\"subscribed\",\"symbols\":[\"2222\",\"1120\"]}"));
        }
        return session;
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Sequence> sequences() {
        return Combinators.combine(mutated(1, 3).list().ofSize(4), Arbitraries.of(SahmkChannel.class),
                Arbitraries.of(true, false)).as(Sequence::new);
    }

    /** SAHMK's symbol rule: 1 to 12 of 0-9, A-Z, a-z, '.', '_', '-'. */
    private static Arbitrary<String> symbols() {
        return Arbitraries.strings().withChars("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._-")
                .ofMinLength(1).ofMaxLength(12);
    }

    /** Instants of 2000 to 2099 to the second, millisecond, microsecond or nanosecond, at one of a few offsets. */
    private static Arbitrary<Stamp> stamps() {
        return Combinators.combine(Arbitraries.longs().between(946_684_800L, 4_102_444_799L),
                Arbitraries.integers().between(0, 999_999_999), Arbitraries.of(0, 3, 6, 9),
                Arbitraries.of("Z", "+03:00", "-05:30", "+00:00")).as(Stamp::of);
    }

    @Provide
    Arbitrary<QuoteCase> quotes() {
        return Combinators.combine(symbols(), decimals(true).injectNull(0.3).list().ofSize(WIRE_NAMES.length),
                stamps().injectNull(0.2), Arbitraries.integers().between(0, 15)).as(QuoteCase::new);
    }

    @Provide
    Arbitrary<TradeCase> trades() {
        return Combinators.combine(symbols(), decimals(true).list().ofSize(2), decimals(true).injectNull(0.3),
                Arbitraries.of("buy", "sell", "BUY", "Sell", "cross").injectNull(0.3),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20).injectNull(0.3),
                stamps().injectNull(0.3), stamps().injectNull(0.3), Arbitraries.integers().between(0, 3))
                .as(TradeCase::new);
    }

    @Provide
    Arbitrary<BookCase> books() {
        Arbitrary<BookLevel> level = Combinators.combine(decimals(true), decimals(true),
                Arbitraries.integers().between(0, 100_000).injectNull(0.3)).as(BookLevel::new);
        return Combinators.combine(symbols(), level.list().ofMaxSize(10), level.list().ofMaxSize(10),
                stamps().injectNull(0.3), Arbitraries.integers().between(0, 7)).as(BookCase::new);
    }

    /** Frames for one session of the channel, fresh or {@code established}. */
    record Sequence(List<MutatedFrame> frames, SahmkChannel channel, boolean established) {
    }

    /** A time and how it was written. */
    record Stamp(Instant instant, String text) {

        static Stamp of(long second, int nanos, int digits, String offset) {
            int kept = nanos / (int) Math.pow(10, 9 - digits) * (int) Math.pow(10, 9 - digits);
            Instant instant = Instant.ofEpochSecond(second, kept);
            String pattern = "uuuu-MM-dd'T'HH:mm:ss" + (digits == 0 ? "" : "." + "S".repeat(digits)) + "XXX";
            return new Stamp(instant, DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.of(offset.equals("Z")
                    ? "+00:00" : offset)).format(instant));
        }
    }

    /**
     * A {@code quote} as the simulator writes it. Style bits: 1 numbers as strings, 2 the symbol inside
     * {@code data}, 4 the time as {@code data.updated_at} rather than {@code timestamp}, 8 blanks between tokens.
     */
    record QuoteCase(String symbol, List<BigDecimal> values, Stamp time, int style) {

        FuzzFrame frame() {
            JsonObject data = json(style);
            if ((style & 2) != 0) {
                data.string("symbol", symbol);
            }
            for (int i = 0; i < WIRE_NAMES.length; i++) {
                data.decimal(WIRE_NAMES[i], values.get(i));
            }
            if (time != null && (style & 4) != 0) {
                data.string("updated_at", time.text());
            }
            JsonObject quote = json(style).string("type", "quote");
            if ((style & 2) == 0) {
                quote.string("symbol", symbol);
            }
            quote.raw("data", data.end());
            if (time != null && (style & 4) == 0) {
                quote.string("timestamp", time.text());
            }
            return FuzzFrame.text(quote.end());
        }

        Quote expected() {
            Quote.Builder quote = Quote.builder(SahmkProvider.ID, symbol, RECEIVED_AT);
            for (int i = 0; i < WIRE_NAMES.length; i++) {
                quote.set(Quote.Field.values()[i], values.get(i));
            }
            return quote.time(time == null ? null : time.instant()).build();
        }
    }

    /** A live {@code trade}, flat. Style bits: 1 numbers as strings, 2 blanks between tokens. */
    record TradeCase(String symbol, List<BigDecimal> priceAndQuantity, BigDecimal value, String side, String tradeId,
            Stamp eventTime, Stamp timestamp, int style) {

        FuzzFrame frame() {
            return FuzzFrame.text(json((style & 1) | (style & 2) << 2).string("type", "trade").string("symbol", symbol)
                    .decimal("price", priceAndQuantity.get(0)).decimal("quantity", priceAndQuantity.get(1))
                    .decimal("value", value).string("side", side).string("trade_id", tradeId)
                    .string("event_time", eventTime == null ? null : eventTime.text())
                    .string("timestamp", timestamp == null ? null : timestamp.text()).end());
        }

        Trade expected() {
            Side parsed = side == null ? Side.UNKNOWN : side.equalsIgnoreCase("buy") ? Side.BUY
                    : side.equalsIgnoreCase("sell") ? Side.SELL : Side.UNKNOWN;
            Stamp time = eventTime != null ? eventTime : timestamp;
            return new Trade(SahmkProvider.ID, symbol, priceAndQuantity.get(0), priceAndQuantity.get(1), value, parsed,
                    tradeId, time == null ? null : time.instant(), RECEIVED_AT);
        }
    }

    /**
     * A {@code depth_snapshot}: levels numbered from 1, best first. Style bits: 1 numbers as strings, 2 levels sent
     * in reverse (the decoder orders them by number), 4 blanks between tokens.
     */
    record BookCase(String symbol, List<BookLevel> bids, List<BookLevel> asks, Stamp time, int style) {

        FuzzFrame frame() {
            int bits = (style & 1) | (style & 4) << 1;
            return FuzzFrame.text(json(bits).string("type", "depth_snapshot").raw("available", "true")
                    .string("symbol", symbol).raw("levels", Integer.toString(Math.max(bids.size(), asks.size())))
                    .string("updated_at", time == null ? null : time.text()).raw("bids", side(bids, bits))
                    .raw("asks", side(asks, bits)).end());
        }

        private String side(List<BookLevel> levels, int bits) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < levels.size(); i++) {
                BookLevel level = levels.get(i);
                sent.add(json(bits).raw("level", Integer.toString(i + 1)).decimal("price", level.price())
                        .decimal("quantity", level.size())
                        .raw("order_count", level.orders() == null ? null : level.orders().toString()).end());
            }
            if ((style & 2) != 0) {
                java.util.Collections.reverse(sent);
            }
            return JsonObject.array(sent);
        }

        BookSnapshot expected() {
            return new BookSnapshot(SahmkProvider.ID, symbol, bids, asks, time == null ? null : time.instant(),
                    RECEIVED_AT);
        }
    }
}
