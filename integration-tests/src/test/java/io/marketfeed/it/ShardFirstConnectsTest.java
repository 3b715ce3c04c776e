package io.marketfeed.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.simulator.sahmk.Plan;
import io.marketfeed.simulator.sahmk.PlanLimits;
import io.marketfeed.simulator.sahmk.SahmkOptions;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The minimum reconnect gap spaces reconnects, not the first connections of a sharded subscription: SAHMK with its
 * default gap of 1 s opens ten shards at once (it used to take one second per shard, 1,000 s for 1,000 shards).
 */
class ShardFirstConnectsTest extends SahmkSimulatorFixture {

    @Test
    void tenShardsOpenTogetherDespiteTheOneSecondReconnectGap() {
        // One symbol per connection, as the server announces it, so ten symbols need ten connections.
        startSimulator(SahmkOptions.builder().planLimits(Plan.PRO, new PlanLimits(1, 1, false)).updatesPerSecond(1)
                .build());
        List<String> symbols = new ArrayList<>(simulation.options().universe().keySet()).subList(0, 10);
        // The provider's default limits: 1 s between attempts, at most 10 connections.
        startFeed(SahmkSimulation.DEMO_KEY, symbols, Map.of("limits.max-symbols-per-connection", 1));

        Waits.until(() -> connectedShards().size() == 10, WAIT,
                () -> "not every shard connected: " + connectedShards() + "; events " + events.tail());
        List<Instant> attempts = events.all(ConnectionEvent.class, event -> event.state() == ConnectionState.CONNECTING)
                .stream().map(ConnectionEvent::receivedAt).sorted().toList();
        assertEquals(10, attempts.size(), "one attempt per shard, none refused: " + attempts);
        Duration spread = Duration.between(attempts.get(0), attempts.get(attempts.size() - 1));
        assertTrue(spread.compareTo(Duration.ofSeconds(1)) < 0, "the ten first connects took " + spread.toMillis()
                + " ms; with the gap between them they took 9 s");
    }

    private TreeSet<String> connectedShards() {
        TreeSet<String> shards = new TreeSet<>();
        events.all(ConnectionEvent.class, event -> event.state() == ConnectionState.CONNECTED)
                .forEach(event -> shards.add(event.connection()));
        return shards;
    }
}
