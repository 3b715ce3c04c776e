package io.marketfeed.bench.jmh;

import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.provider.alltick.AlltickProvider;
import io.marketfeed.provider.sahmk.SahmkProvider;
import io.marketfeed.provider.screener.ScreenerProvider;
import io.marketfeed.provider.tickatlas.TickAtlasProvider;
import io.marketfeed.runtime.ProviderDefaults;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The hot frames of every provider, as the simulators send them (captured from {@code ./marketfeed simulate} and
 * kept verbatim, but for {@code volume}-like fields that no longer matter), each with a {@link ProtocolSession}
 * opened through the public SPI ({@code create(settings).openSession(...)}) and prepared the way the runtime would
 * prepare it (the session's subscribe calls, the server's greeting decoded), so that decoding takes the data path.
 */
public final class DecodeFixtures {

    /**
     * @param name the JMH parameter
     * @param description for the table
     * @param quoteFrame whether its events are quotes (the 256 B per quote event target applies)
     * @param frame the frame's JSON
     * @param session a fresh session, ready for data
     */
    public record Fixture(String name, String description, boolean quoteFrame, String frame,
            Supplier<ProtocolSession> session) {

        public InboundFrame inbound() {
            byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
            return new InboundFrame(bytes, 0, bytes.length, true, RECEIVED_AT);
        }

        public int bytes() {
            return frame.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    static final Instant RECEIVED_AT = Instant.parse("2026-12-04T10:28:01.500Z");

    static final String SAHMK_QUOTE = "{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":27.50,"
            + "\"change\":0.05,\"change_percent\":0.18,\"volume\":523317,\"bid\":27.45,\"ask\":27.50,\"open\":27.40,"
            + "\"high\":27.60,\"low\":27.05,\"previous_close\":27.45,\"updated_at\":\"2026-12-04T10:28:01.931Z\"},"
            + "\"timestamp\":\"2026-12-04T10:28:01.931Z\"}";
    static final String SAHMK_TRADE = "{\"type\":\"trade\",\"symbol\":\"2222\",\"price\":27.50,\"quantity\":602,"
            + "\"value\":16555.00,\"side\":\"buy\",\"timestamp\":\"2026-12-04T10:28:01.930Z\"}";
    static final String TICKATLAS_QUOTE = "{\"type\":\"quote\",\"data\":{\"symbol\":\"EURUSD\","
            + "\"time\":\"2026-12-04T10:28:00.000Z\",\"open\":1.08417,\"high\":1.08427,\"low\":1.08417,"
            + "\"close\":1.08421,\"volume\":98,\"bid\":1.08421,\"ask\":1.08433,\"spread\":0.00012}}";
    static final String ALLTICK_TRADE = "{\"cmd_id\":22998,\"data\":{\"code\":\"700.HK\",\"seq\":\"1605509068000003\","
            + "\"tick_time\":\"1796380081447\",\"price\":\"368.40\",\"volume\":\"200\",\"turnover\":\"73680.00\","
            + "\"trade_direction\":1}}";
    static final String ALLTICK_DEPTH = "{\"cmd_id\":22999,\"data\":{\"code\":\"700.HK\",\"seq\":\"1605509068000001\","
            + "\"tick_time\":\"1796380081447\",\"bids\":[{\"price\":\"368.22\",\"volume\":\"28100.00\"},"
            + "{\"price\":\"368.21\",\"volume\":\"21100.00\"},{\"price\":\"368.20\",\"volume\":\"36700.00\"},"
            + "{\"price\":\"368.19\",\"volume\":\"31600.00\"},{\"price\":\"368.18\",\"volume\":\"48100.00\"}],"
            + "\"asks\":[{\"price\":\"368.23\",\"volume\":\"17600.00\"},{\"price\":\"368.24\",\"volume\":\"38100.00\"},"
            + "{\"price\":\"368.25\",\"volume\":\"28100.00\"},{\"price\":\"368.26\",\"volume\":\"10700.00\"},"
            + "{\"price\":\"368.27\",\"volume\":\"37900.00\"}]}}";
    static final String SCREENER_QUOTE = screenerPrice(3, "000270", "98.00", "1.00", "1.03", 80942);
    /** Ten price updates in one batch, as the server's batcher sends them (items keep their fields). */
    static final String SCREENER_BATCH;

    static final List<String> SCREENER_CODES = List.of("000270", "000660", "005380", "005930", "006400", "035420",
            "035720", "051910", "068270", "207940");

    static {
        StringBuilder batch = new StringBuilder("{\"type\":\"batch\",\"timestamp\":\"2026-12-04T10:28:01.462695\","
                + "\"sequence\":23,\"messages\":[");
        for (int i = 0; i < SCREENER_CODES.size(); i++) {
            if (i > 0) {
                batch.append(',');
            }
            batch.append(screenerPrice(3 + i, SCREENER_CODES.get(i), (98 + i) + ".00", "1.00", "1.03", 80942 + i));
        }
        SCREENER_BATCH = batch.append("],\"batch_size\":").append(SCREENER_CODES.size()).append('}').toString();
    }

    private static final Map<String, Fixture> FIXTURES = new LinkedHashMap<>();

    static {
        add(new Fixture("sahmk-quote", "SAHMK quote", true, SAHMK_QUOTE,
                () -> sahmk(Topics.QUOTES, "{\"type\":\"connected\",\"plan\":\"pro\",\"limits\":{"
                        + "\"max_symbols_per_connection\":60,\"max_symbols_per_call\":20,\"stream_modes\":[\"quotes\"]},"
                        + "\"message\":\"Connected to SAHMK real-time stock stream\","
                        + "\"timestamp\":\"2026-12-04T10:28:01.096Z\"}")));
        add(new Fixture("sahmk-trade", "SAHMK trade", false, SAHMK_TRADE,
                () -> sahmk(Topics.TRADES, "{\"type\":\"connected\",\"channel\":\"trades\",\"plan\":\"pro\","
                        + "\"limits\":{\"max_symbols_per_connection\":60,\"max_symbols_per_call\":20,"
                        + "\"stream_modes\":[\"trades\"]},\"message\":\"Connected to SAHMK real-time trades stream\","
                        + "\"timestamp\":\"2026-12-04T10:28:01.656Z\"}")));
        add(new Fixture("tickatlas-quote", "TickAtlas quote push (quote + M1 candle)", true, TICKATLAS_QUOTE,
                DecodeFixtures::tickatlas));
        add(new Fixture("alltick-trade", "AllTick trade tick (22998)", false, ALLTICK_TRADE,
                () -> alltick(Topics.TRADES)));
        add(new Fixture("alltick-depth", "AllTick depth, 5 levels (22999)", false, ALLTICK_DEPTH,
                () -> alltick(Topics.BOOK)));
        add(new Fixture("screener-quote", "Screener price_update", true, SCREENER_QUOTE, DecodeFixtures::screener));
        add(new Fixture("screener-batch", "Screener batch of 10 price_update", true, SCREENER_BATCH,
                DecodeFixtures::screener));
    }

    private DecodeFixtures() {
    }

    public static List<Fixture> all() {
        return List.copyOf(FIXTURES.values());
    }

    public static Fixture get(String name) {
        Fixture fixture = FIXTURES.get(name);
        if (fixture == null) {
            throw new IllegalArgumentException("no decode fixture '" + name + "'; known: " + FIXTURES.keySet());
        }
        return fixture;
    }

    private static void add(Fixture fixture) {
        FIXTURES.put(fixture.name(), fixture);
    }

    private static String screenerPrice(long sequence, String code, String price, String change, String percent,
            long volume) {
        return "{\"type\":\"price_update\",\"timestamp\":\"2026-12-04T10:28:01.457215\",\"sequence\":" + sequence
                + ",\"stock_code\":\"" + code + "\",\"price\":" + price + ",\"change\":" + change
                + ",\"change_percent\":" + percent + ",\"volume\":" + volume + "}";
    }

    // ------------------------------------------------------------------ sessions through the public SPI

    private static ProtocolSession sahmk(String topic, String greeting) {
        ProtocolSession session = open(new SahmkProvider(), Map.of(
                "api-key", "shmk_test_bench",
                "symbols", List.of("2222"),
                "trades.enabled", true,
                "trades.symbols", List.of("2222")), topic, "2222");
        decodeAll(session, greeting);
        session.subscribe(topic, List.of("2222"));
        decodeAll(session, "{\"type\":\"subscribed\",\"symbols\":[\"2222\"],\"total\":1,\"limit\":60}");
        return session;
    }

    private static ProtocolSession tickatlas() {
        ProtocolSession session = open(new TickAtlasProvider(), Map.of(
                "enabled", true,
                "api-key", "ta_demo_key",
                "plan", "pro",
                "symbols", List.of("EURUSD")), Topics.QUOTES, "EURUSD");
        decodeAll(session, "{\"type\":\"authenticated\",\"plan\":\"pro\",\"max_symbols\":20,\"credits_per_push\":4,"
                + "\"daily_quota_remaining\":10000000}");
        session.subscribe(Topics.QUOTES, List.of("EURUSD"));
        session.subscribe(Topics.CANDLES, List.of("EURUSD"));
        decodeAll(session, "{\"type\":\"subscribed\",\"symbols\":[\"EURUSD\"],\"total_subscribed\":1}");
        decodeAll(session, "{\"type\":\"subscribed\",\"symbols\":[\"EURUSD\"],\"total_subscribed\":1}");
        return session;
    }

    private static ProtocolSession alltick(String topic) {
        ProtocolSession session = open(new AlltickProvider(), Map.of(
                "enabled", true,
                "token", "alltick_demo_token",
                "plan", "premium",
                "trades.symbols", List.of("700.HK"),
                "depth.symbols", List.of("700.HK")), topic, "700.HK");
        session.subscribe(topic, List.of("700.HK"));
        int command = topic.equals(Topics.TRADES) ? 22005 : 22003;
        decodeAll(session, "{\"ret\":200,\"msg\":\"ok\",\"cmd_id\":" + command + ",\"seq_id\":1,\"trace\":\"\","
                + "\"data\":{}}");
        return session;
    }

    private static ProtocolSession screener() {
        ProtocolSession session = open(new ScreenerProvider(), Map.of(
                "enabled", true,
                "symbols", SCREENER_CODES,
                "book", false), Topics.QUOTES, SCREENER_CODES.get(0));
        decodeAll(session, "{\"type\":\"connected\",\"timestamp\":\"2026-12-04T10:28:01.200000\",\"sequence\":null,"
                + "\"session_id\":\"s1\",\"connection_id\":\"s1\"}");
        session.subscribe(Topics.QUOTES, SCREENER_CODES);
        decodeAll(session, "{\"type\":\"subscribed\",\"timestamp\":\"2026-12-04T10:28:01.286058\",\"sequence\":1,"
                + "\"subscription_type\":\"stock\",\"targets\":" + SCREENER_CODES.stream()
                .map(code -> "\"" + code + "\"").toList() + "}");
        return session;
    }

    private static ProtocolSession open(MarketFeedProvider provider, Map<String, ?> settings, String topic,
            String symbol) {
        FeedProtocol protocol = provider.create(ProviderDefaults.with(provider.id(), settings));
        return protocol.openSession(new SessionContext(provider.id() + "/bench#1",
                protocol.endpointFor(new Subscription(topic, symbol))));
    }

    private static void decodeAll(ProtocolSession session, String frame) {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        session.decode(new InboundFrame(bytes, 0, bytes.length, true, RECEIVED_AT), new Recorder());
    }

    // ------------------------------------------------------------------ checking a fixture

    /** What one decode of the fixture's frame produced. */
    public record Check(int events, int quotes, List<String> problems) {
        public boolean ok() {
            return events > 0 && problems.isEmpty();
        }
    }

    /** Decodes the fixture's frame once on a fresh session and reports what came out. */
    public static Check check(Fixture fixture) {
        Recorder recorder = new Recorder();
        fixture.session().get().decode(fixture.inbound(), recorder);
        return new Check(recorder.events.size(), (int) recorder.events.stream().filter(Quote.class::isInstance)
                .count(), recorder.problems);
    }

    /** A DecodeOutput that keeps what it is given. */
    static final class Recorder implements DecodeOutput {
        final List<MarketEvent> events = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        @Override
        public void emit(MarketEvent event) {
            events.add(event);
        }

        @Override
        public void ready() {
        }

        @Override
        public void limits(LimitsUpdate update) {
        }

        @Override
        public void acknowledged(String topic, List<String> symbols) {
        }

        @Override
        public void unsubscribed(String topic, List<String> symbols) {
        }

        @Override
        public void rejected(String topic, List<String> symbols, String reason) {
            problems.add("rejected " + symbols + ": " + reason);
        }

        @Override
        public void substitute(String topic, String symbol, List<String> replacements, String reason) {
            problems.add("substitute " + symbol + ": " + reason);
        }

        @Override
        public void heartbeat() {
        }

        @Override
        public void problem(Disposition disposition) {
            problems.add(String.valueOf(disposition));
        }

        @Override
        public void credits(CreditUpdate update) {
        }

        @Override
        public void lost(Instant from, String reason) {
            problems.add("lost: " + reason);
        }
    }
}
