package io.marketfeed.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.provider.tickatlas.TickAtlasProvider;
import io.marketfeed.runtime.CreditSnapshot;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.runtime.ReconnectPolicy;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.tickatlas.TickAtlasOptions;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The small-quota scenario of TickAtlas: the runtime's forecast warns before the quota is spent, then the
 * server's quota_exceeded pauses the connection. That the pause lasts without reconnect attempts is shown over an
 * hour of virtual time by {@code io.marketfeed.it.virtual.TickAtlasOnVirtualTimeTest}.
 */
class TickAtlasCreditsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<String> SYMBOLS = List.of("EURUSD", "GBPUSD", "USDJPY", "XAUUSD", "AUDUSD");

    private final EventRecorder events = new EventRecorder();
    private SimulatorServer server;
    private MarketFeed feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private TickAtlasSimulation startSimulator() {
        TickAtlasSimulation simulation = new TickAtlasSimulation(TickAtlasOptions.builder()
                .updateInterval(Duration.ofMillis(50)).heartbeatInterval(Duration.ofMillis(100)).build());
        server = SimulatorServer.builder().port(0).add(simulation).start();
        return simulation;
    }

    private Map<String, Object> settings(Map<String, Object> extra) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of(
                "enabled", true,
                "api-key", TickAtlasSimulation.SMALL_QUOTA_KEY,
                "endpoint", TickAtlasSimulation.baseUrl(server),
                "plan", "starter",
                "symbols", SYMBOLS,
                "heartbeat.interval", "100ms",
                "heartbeat.timeout", "1s"));
        values.putAll(extra);
        return values;
    }

    @Test
    void trimKeepsOnlyThePrioritySymbolsWhenTheForecastRunsOut() {
        TickAtlasSimulation simulation = startSimulator();
        feed = MarketFeed.builder()
                .provider(new TickAtlasProvider(), ProviderDefaults.with("tickatlas", settings(Map.of(
                        "credits.on-forecast-exhaustion", "trim", "credits.priority", List.of("EURUSD")))))
                .listener("recorder", events, DeliveryPolicy.dropOldest(100_000))
                .creditSampleInterval(Duration.ofMillis(100))
                .build();
        feed.start();

        StatusEvent trim = events.await(StatusEvent.class, status -> status.kind().equals("credits-trim"), WAIT);
        assertTrue(trim.details().get("dropped").contains("GBPUSD"), trim.toString());
        Waits.until(() -> simulation.observation().connections().stream()
                .allMatch(connection -> connection.subscriptions().equals(java.util.Set.of("EURUSD"))), WAIT,
                () -> "the server still serves more than the priority list: " + simulation.observation().connections());
        assertEquals(2, feed.snapshot().providers().get(0).wanted(), "only EURUSD quotes and candles are wanted");
    }

    @Test
    void warnsBeforeTheQuotaRunsOutThenPauses() {
        TickAtlasSimulation simulation = startSimulator();
        feed = MarketFeed.builder()
                .provider(new TickAtlasProvider(), ProviderDefaults.with("tickatlas", settings(Map.of())))
                .listener("recorder", events, DeliveryPolicy.dropOldest(100_000))
                .reconnect(ReconnectPolicy.defaults().withDelays(Duration.ofMillis(50), Duration.ofMillis(400)))
                .creditSampleInterval(Duration.ofMillis(100))
                .build();
        feed.start();

        events.await(Quote.class, quote -> quote.symbol().equals("EURUSD"), WAIT);
        events.await(Candle.class, candle -> candle.symbol().equals("EURUSD"), WAIT);
        StatusEvent warning = events.await(StatusEvent.class, status -> status.kind().equals("credits-forecast"), WAIT);
        ConnectionEvent paused = events.await(ConnectionEvent.class,
                event -> event.state() == ConnectionState.PAUSED, WAIT);

        List<MarketEvent> all = events.events();
        assertTrue(all.indexOf(warning) < all.indexOf(paused), "the warning comes before the pause: " + events.tail());
        assertTrue(warning.details().containsKey("exhaustsAt"), warning.toString());
        // That the pause holds with no reconnect attempt, for an hour, is TickAtlasOnVirtualTimeTest's.
        assertEquals(1, simulation.observation().handshakes().size(), "paused, not reconnected: " + events.tail());
        assertTrue(events.states(ConnectionState.RECONNECTING).isEmpty(), events.tail());
        assertEquals(ConnectionState.PAUSED, events.all(ConnectionEvent.class).get(
                events.all(ConnectionEvent.class).size() - 1).state());

        CreditSnapshot credits = feed.snapshot().providers().get(0).credits().orElseThrow();
        assertEquals(0, credits.remaining().orElseThrow(), "the server said the quota is spent: " + credits);
        assertTrue(credits.used() > 0, credits.toString());
    }
}
