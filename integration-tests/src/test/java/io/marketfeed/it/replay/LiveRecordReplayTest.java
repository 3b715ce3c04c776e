package io.marketfeed.it.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.MarketDataEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.simulator.Simulation;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.alltick.AlltickOptions;
import io.marketfeed.simulator.alltick.AlltickSimulation;
import io.marketfeed.simulator.sahmk.SahmkOptions;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import io.marketfeed.simulator.screener.ScreenerSimulation;
import io.marketfeed.simulator.tickatlas.TickAtlasOptions;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live session with each provider's simulator, recorded with {@link MarketFeed.Builder#record}, replays through a
 * fresh protocol into the events the live feed delivered: per symbol the same events in the same order, to the
 * nanosecond of their receive time (events of different connections interleave as their read threads ran).
 */
class LiveRecordReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int ENOUGH = 12;

    @TempDir
    Path directory;

    private final List<MarketEvent> live = new CopyOnWriteArrayList<>();
    private SimulatorServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sahmk() {
        start(new SahmkSimulation(SahmkOptions.builder().updatesPerSecond(10).build()));
        recordAndReplay("sahmk", Map.of("api-key", SahmkSimulation.DEMO_KEY, "endpoint", "ws://127.0.0.1:" + server.port(),
                "symbols", List.of("2222", "1120")));
    }

    @Test
    void tickatlas() {
        start(new TickAtlasSimulation(TickAtlasOptions.builder().updateInterval(Duration.ofMillis(100)).build()));
        recordAndReplay("tickatlas", Map.of("api-key", TickAtlasSimulation.DEMO_KEY, "endpoint",
                TickAtlasSimulation.baseUrl(server), "plan", "pro", "symbols", List.of("EURUSD", "XAUUSD"),
                "candles", true));
    }

    @Test
    void alltick() {
        start(new AlltickSimulation(AlltickOptions.builder().updatesPerSecond(10).build()));
        recordAndReplay("alltick", Map.of("token", AlltickSimulation.DEMO_TOKEN, "endpoint",
                "ws://127.0.0.1:" + server.port(), "plan", "premium", "depth.symbols", List.of("700.HK", "EURUSD")));
    }

    /** Whether a Screener book is emitted depends on the requests its session was asked for: they are recorded. */
    @Test
    void screener() {
        start(new ScreenerSimulation());
        List<MarketEvent> replayed = recordAndReplay("screener", Map.of("endpoint", ScreenerSimulation.baseUrl(server),
                "symbols", List.of("005930", "000660"), "markets", List.of("KOSPI")));
        assertTrue(replayed.stream().anyMatch(BookSnapshot.class::isInstance), replayed.toString());
    }

    private void start(Simulation simulation) {
        server = SimulatorServer.builder().port(0).add(simulation).start();
    }

    /** Streams until enough events came, stops, replays the recording and compares; returns the replayed events. */
    private List<MarketEvent> recordAndReplay(String id, Map<String, Object> settings) {
        MarketFeedProvider provider = Replayed.provider(id);
        Map<String, Object> values = new HashMap<>(settings);
        try (MarketFeed feed = MarketFeed.builder().provider(provider, ProviderDefaults.with(id, values))
                .listener("live", live::add).record(directory).stopTimeout(Duration.ofSeconds(3)).build()) {
            feed.start();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (decoded(live).size() < ENOUGH) {
                if (System.nanoTime() > deadline) {
                    fail("fewer than " + ENOUGH + " events from " + id + " within " + WAIT + ": " + live);
                }
                sleepBriefly();
            }
        }
        List<MarketEvent> delivered = decoded(live);

        Replayed replayed = Replayed.of(id, values, directory);

        assertEquals(bySymbol(delivered), bySymbol(replayed.events()));
        assertEquals(delivered.size(), replayed.events().size());
        assertEquals(Map.of(), replayed.summary().problems(), replayed.notices().toString());
        return replayed.events();
    }

    private static List<MarketEvent> decoded(List<MarketEvent> events) {
        return events.stream().filter(Replayed::decoded).toList();
    }

    /** Each symbol's (or market's) events in order. */
    private static Map<String, List<MarketEvent>> bySymbol(List<MarketEvent> events) {
        Function<MarketEvent, String> key = event -> event.type() + " " + (event instanceof MarketDataEvent
                ? ((MarketDataEvent) event).symbol() : event instanceof MarketStatus ? ((MarketStatus) event).market()
                : "");
        Map<String, List<MarketEvent>> grouped = new LinkedHashMap<>();
        for (MarketEvent event : events) {
            grouped.computeIfAbsent(key.apply(event), k -> new java.util.ArrayList<>()).add(event);
        }
        return grouped;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }
}
