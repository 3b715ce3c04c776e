package io.marketfeed.provider.sahmk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Trade;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.simulator.HandshakeRecord;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.sahmk.SahmkOptions;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import io.marketfeed.testkit.EventRecorder;
import io.marketfeed.testkit.LoopbackFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: SAHMK's URLs written as SAHMK documents them (protocols.md §1.2: {@code wss://app.sahmk.sa/ws/v1/stocks/}
 * on the docs page, the SDK's {@code WS_URL}, {@code DEPTH_WS_URL}, {@code TRADES_WS_URL}), here with the host and
 * port of a SAHMK simulator on loopback, connect every channel to its documented path and deliver data. Everything
 * the test starts stops after it.
 */
class TestSahmkFeed {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Set<String> CHANNEL_PATHS = Set.of("/ws/v1/stocks/", "/ws/v1/market/depth/",
            "/ws/v1/market/trades/");

    private final List<AutoCloseable> open = new ArrayList<>();
    private final EventRecorder events = new EventRecorder();
    private SahmkSimulation simulation;
    private SimulatorServer server;

    @BeforeEach
    void startSimulator() {
        simulation = new SahmkSimulation(SahmkOptions.builder().updatesPerSecond(10).build());
        server = SimulatorServer.builder().port(0).add(simulation).start();
        open.add(server);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** The docs page's quotes URL in {@code endpoint}; the depth and trades channels are derived from it. */
    @Test
    void theDocumentedQuotesUrlServesEveryChannel() {
        startFeed(Map.of("endpoint", host() + "/ws/v1/stocks/"));
        awaitDataOnEveryChannel();
    }

    /** Each channel's documented URL in its own key; the base URL in {@code endpoint} is then not used at all. */
    @Test
    void eachChannelsDocumentedUrlInEndpoints() {
        startFeed(Map.of("endpoint", "wss://api.sahmk.sa",
                "endpoints.quotes", host() + "/ws/v1/stocks/",
                "endpoints.depth", host() + "/ws/v1/market/depth/",
                "endpoints.trades", host() + "/ws/v1/market/trades/"));
        awaitDataOnEveryChannel();
    }

    private String host() {
        return "ws://127.0.0.1:" + server.port();
    }

    private void awaitDataOnEveryChannel() {
        events.await(Quote.class, quote -> quote.symbol().equals("2222"), WAIT);
        events.await(BookSnapshot.class, book -> book.symbol().equals("2222"), WAIT);
        events.await(Trade.class, trade -> trade.symbol().equals("1120"), WAIT);
        Set<String> paths = new TreeSet<>();
        for (HandshakeRecord handshake : simulation.observation().handshakes()) {
            paths.add(handshake.path());
            assertEquals(SahmkSimulation.DEMO_KEY, handshake.parameters().get("api_key"),
                    "the key is added as the api_key parameter");
        }
        assertEquals(CHANNEL_PATHS, paths);
    }

    private void startFeed(Map<String, Object> endpoints) {
        Map<String, Object> values = new HashMap<>();
        values.put("enabled", true);
        values.put("api-key", SahmkSimulation.DEMO_KEY);
        values.put("symbols", List.of("2222"));
        values.put("depth.enabled", true);
        values.put("depth.symbols", List.of("2222"));
        values.put("trades.enabled", true);
        values.put("trades.symbols", List.of("1120"));
        values.putAll(endpoints);
        MarketFeed feed = LoopbackFeed.start(new SahmkProvider(),
                ProviderDefaults.with(SahmkProvider.ID, values), events);
        open.add(feed);
    }
}
