package io.marketfeed.it.chaos;

import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.runtime.ReconnectPolicy;
import io.marketfeed.simulator.Simulation;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.alltick.AlltickOptions;
import io.marketfeed.simulator.alltick.AlltickSimulation;
import io.marketfeed.simulator.alltick.Plan;
import io.marketfeed.simulator.sahmk.SahmkOptions;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import io.marketfeed.simulator.screener.ScreenerOptions;
import io.marketfeed.simulator.screener.ScreenerSimulation;
import io.marketfeed.simulator.tickatlas.TickAtlasOptions;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The system under chaos: the four providers' simulations on one loopback simulator server, and one
 * {@link MarketFeed} subscribed to several symbols of each, sharded over several connections per provider by small
 * {@code limits.max-symbols-per-connection}. Every duration the recovery bounds are computed from is configured here.
 *
 * <p>Deliberate differences from the vendors' real limits, so that a bound is seconds, not minutes: the
 * simulations accept more concurrent connections per key than the real services (a replaced connection may
 * overlap its successor for a moment, and TickAtlas' and the Screener's answer to that is a 60 s backoff that their
 * own tests cover), and AllTick's request pacing is 100 ms instead of 1 s / 3 s (the pacing itself is tested in
 * the provider's module).
 *
 * <p>Owned by the thread that runs the chaos; {@link #close()} stops the feed and the server.
 */
final class ChaosRig implements AutoCloseable {

    static final ReconnectPolicy RECONNECT = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(500), 2.0,
            0.2, Duration.ofSeconds(1));
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final int PER_CONNECTION = 2;
    private static final String ALLTICK_TOKEN = "alltick_test_FAKE_chaos_token";
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration STALE = Duration.ofSeconds(3);
    private static final Duration RECONNECT_GAP = Duration.ofMillis(100);
    private static final Duration DATA_PERIOD = Duration.ofMillis(200);
    private static final Duration ALLTICK_PACING = Duration.ofMillis(100);
    /** AllTick's provider adds its {@code pacing-margin} (100 ms by default) to each gap. */
    private static final Duration ALLTICK_PACING_WITH_MARGIN = ALLTICK_PACING.plusMillis(100);

    private final SimulatorServer server;
    private final MarketFeed feed;
    private final ChaosRecorder recorder;
    private final Map<String, ProviderSetup> setups;

    private ChaosRig(SimulatorServer server, Map<String, ProviderSetup> setups, ChaosRecorder recorder,
            MarketFeed feed) {
        this.server = server;
        this.setups = setups;
        this.recorder = recorder;
        this.feed = feed;
    }

    /** Starts the simulations and the feed (not yet waiting for data). */
    static ChaosRig start(long seed) {
        SimulatorServer server = SimulatorServer.builder().port(0)
                .add(new SahmkSimulation(SahmkOptions.builder().updatesPerSecond(rate()).seed(seed).build()))
                .add(new TickAtlasSimulation(TickAtlasOptions.builder().updateInterval(DATA_PERIOD)
                        .heartbeatInterval(HEARTBEAT).connectionsPerKey(16).seed(seed).build()))
                .add(new AlltickSimulation(AlltickOptions.builder().key(ALLTICK_TOKEN, Plan.PROFESSIONAL)
                        .updatesPerSecond(rate()).pacing(ALLTICK_PACING, ALLTICK_PACING)
                        .heartbeatTimeout(Duration.ofSeconds(15)).seed(seed).build()))
                .add(new ScreenerSimulation(ScreenerOptions.builder().updateInterval(DATA_PERIOD)
                        .heartbeatInterval(HEARTBEAT).maxConnectionsPerIp(64).sessionTtl(Duration.ofSeconds(10))
                        .seed(seed).build()))
                .start();
        try {
            fillHistories(server);
            Map<String, ProviderSetup> setups = setups(server);
            ChaosRecorder recorder = new ChaosRecorder(setups);
            MarketFeed.Builder builder = MarketFeed.builder().reconnect(RECONNECT).connectTimeout(CONNECT_TIMEOUT)
                    .stopTimeout(Duration.ofSeconds(3)).listener("chaos", recorder);
            for (ProviderSetup setup : setups.values()) {
                builder.provider(provider(setup.id()), ProviderDefaults.with(setup.id(), setup.settings()));
            }
            MarketFeed feed = builder.build();
            feed.start();
            return new ChaosRig(server, setups, recorder, feed);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /**
     * Steps the markets until the simulations' bounded histories (TickAtlas keeps 1,000 ticks per symbol, the
     * generators 50 trades) are full, before any client connects: their filling would otherwise look like the feed's
     * heap growing.
     */
    private static void fillHistories(SimulatorServer server) {
        for (int i = 0; i < 1_000; i++) {
            server.simulation(TickAtlasSimulation.class).tick();
        }
        for (int i = 0; i < 50; i++) {
            server.simulation(SahmkSimulation.class).tick();
            server.simulation(AlltickSimulation.class).tick();
        }
    }

    private static double rate() {
        return 1000.0 / DATA_PERIOD.toMillis();
    }

    private static Map<String, ProviderSetup> setups(SimulatorServer server) {
        String base = "ws://127.0.0.1:" + server.port();
        Map<String, ProviderSetup> setups = new LinkedHashMap<>();
        List<String> sahmk = List.of("2222", "1120", "2010", "7010", "1180", "2380");
        setups.put("sahmk", new ProviderSetup("sahmk", sahmk, 3, 1, STALE, RECONNECT_GAP, Duration.ZERO, DATA_PERIOD,
                common(Map.of("api-key", SahmkSimulation.DEMO_KEY, "endpoint", base, "symbols", sahmk))));
        List<String> tickatlas = List.of("EURUSD", "GBPUSD", "USDJPY", "XAUUSD", "AUDUSD", "USDCHF");
        setups.put("tickatlas", new ProviderSetup("tickatlas", tickatlas, 3, 1, STALE, RECONNECT_GAP, Duration.ZERO,
                DATA_PERIOD, common(Map.of("api-key", TickAtlasSimulation.DEMO_KEY, "endpoint",
                        TickAtlasSimulation.baseUrl(server), "plan", "pro", "symbols", tickatlas,
                        "limits.max-connections", 4))));
        List<String> trades = List.of("AAPL.US", "MSFT.US", "700.HK", "9988.HK");
        List<String> depth = List.of("EURUSD", "GBPUSD", "USDJPY", "AUDUSD");
        Map<String, Object> alltick = common(Map.of("token", ALLTICK_TOKEN, "endpoint", base, "plan", "professional",
                "trades.symbols", trades, "depth.symbols", depth));
        alltick.put("limits.min-control-gap", ALLTICK_PACING.toMillis() + "ms");
        alltick.put("limits.min-global-control-gap", ALLTICK_PACING.toMillis() + "ms");
        List<String> alltickSymbols = new java.util.ArrayList<>(trades);
        alltickSymbols.addAll(depth);
        setups.put("alltick", new ProviderSetup("alltick", alltickSymbols, 4, 1, STALE, RECONNECT_GAP,
                ALLTICK_PACING_WITH_MARGIN, DATA_PERIOD, alltick));
        List<String> screener = List.of("005930", "000660", "035720", "035420", "051910", "005380");
        setups.put("screener", new ProviderSetup("screener", screener, 3, 1, STALE, RECONNECT_GAP, Duration.ZERO,
                DATA_PERIOD, common(Map.of("endpoint", ScreenerSimulation.baseUrl(server), "symbols", screener))));
        return setups;
    }

    /** What every provider gets: the small shards, fast heartbeats and reconnect gaps. */
    private static Map<String, Object> common(Map<String, Object> specific) {
        Map<String, Object> settings = new LinkedHashMap<>(specific);
        settings.put("limits.max-symbols-per-connection", PER_CONNECTION);
        settings.put("limits.min-reconnect-gap", RECONNECT_GAP.toMillis() + "ms");
        settings.put("heartbeat.interval", HEARTBEAT.toMillis() + "ms");
        settings.put("heartbeat.timeout", STALE.toMillis() + "ms");
        return settings;
    }

    private static MarketFeedProvider provider(String id) {
        for (MarketFeedProvider provider : ServiceLoader.load(MarketFeedProvider.class)) {
            if (provider.id().equals(id)) {
                return provider;
            }
        }
        throw new IllegalStateException("no provider '" + id + "' on the class path");
    }

    SimulatorServer server() {
        return server;
    }

    Simulation simulation(String id) {
        return server.simulation(id);
    }

    MarketFeed feed() {
        return feed;
    }

    ChaosRecorder recorder() {
        return recorder;
    }

    Map<String, ProviderSetup> setups() {
        return setups;
    }

    Duration bound(String provider) {
        return setups.get(provider).recoveryBound(RECONNECT, CONNECT_TIMEOUT);
    }

    /**
     * Forgets what the simulations observed (bounded logs of every message received, up to 100,000 entries each),
     * so the heap measured is the feed's; their counters restart too.
     */
    void forgetObservations() {
        setups.keySet().forEach(provider -> simulation(provider).observation().clear());
    }

    /** The longest bound of all providers. */
    Duration longestBound() {
        return setups.keySet().stream().map(this::bound).max(Duration::compareTo).orElseThrow();
    }

    @Override
    public void close() {
        try {
            feed.close();
        } finally {
            server.close();
        }
    }
}
