package io.marketfeed.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Sharding without a cluster: whole connection groups per task, and never more connections per key than allowed. */
class ShardPlannerTest {

    /** TickAtlas Starter: 5 symbols per connection, 2 connections per key. */
    private static final Limits TICKATLAS = limits(5, 2);

    private static Limits limits(int perConnection, int connections) {
        return new Limits(perConnection, Limits.UNLIMITED, connections, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    private static List<String> symbols(int count) {
        return IntStream.range(0, count).mapToObj(i -> "S" + i).toList();
    }

    private static ShardPlanner.Plan plan(int symbols, Limits limits, int keys, int maxTasks) {
        return ShardPlanner.plan(Map.of("quotes", symbols(symbols)), Map.of("quotes", limits), keys, maxTasks);
    }

    @Test
    void oneKeyNeverCarriesMoreThanItsTwoConnectionsHoweverManyTasks() {
        ShardPlanner.Plan plan = plan(10, TICKATLAS, 1, 8);
        assertEquals(2, plan.shards().size(), "two groups of 5: two tasks of one connection each");
        assertEquals(2, plan.shards().stream().mapToInt(ShardPlanner.Shard::connections).sum());
        assertEquals(List.of("S0", "S1", "S2", "S3", "S4"), plan.shards().get(0).symbols());
        assertTrue(plan.note().orElseThrow().contains("tasks.max is 8 but 2 task(s) run"), plan.note().toString());
    }

    @Test
    void moreSymbolsThanTheKeysCanCarryIsAnErrorOnCredentials() {
        ShardPlanner.PlanException e = assertThrows(ShardPlanner.PlanException.class,
                () -> plan(11, TICKATLAS, 1, 8));
        assertEquals("credentials", e.setting());
        assertTrue(e.getMessage().contains("3 connections of at most 5 symbols")
                && e.getMessage().contains("1 credential(s) x 2 connection(s) each allow 2"), e.getMessage());
    }

    @Test
    void groupsAreSpreadOverKeys() {
        ShardPlanner.Plan plan = plan(20, TICKATLAS, 2, 4);
        assertEquals(4, plan.shards().size());
        assertEquals(List.of(0, 0, 1, 1), plan.shards().stream().map(ShardPlanner.Shard::credential).toList());
        assertTrue(plan.note().isEmpty());
        ShardPlanner.Plan two = plan(20, TICKATLAS, 2, 2);
        assertEquals(List.of(2, 2), two.shards().stream().map(ShardPlanner.Shard::connections).toList(),
                "one task per key, each with both of its key's connections");
    }

    @Test
    void tooFewTasksForTheKeysIsAnErrorOnTasksMax() {
        ShardPlanner.PlanException e = assertThrows(ShardPlanner.PlanException.class,
                () -> plan(20, TICKATLAS, 2, 1));
        assertEquals("tasks.max", e.setting());
        assertTrue(e.getMessage().contains("set tasks.max to at least 2"), e.getMessage());
    }

    @Test
    void eachEndpointHasItsOwnConnectionsPerKey() {
        Map<String, List<String>> symbols = new LinkedHashMap<>();
        symbols.put("stock", List.of("AAPL.US", "700.HK", "TSLA.US"));
        symbols.put("other", List.of("EURUSD", "BTCUSDT"));
        ShardPlanner.Plan plan = ShardPlanner.plan(symbols, Map.of("stock", limits(1, 3), "other", limits(1, 2)), 1,
                10);
        assertEquals(5, plan.shards().size());
        assertTrue(plan.shards().stream().allMatch(shard -> shard.connections() == 1 && shard.symbols().size() == 1));
    }

    /** Random inputs: every symbol exactly once, within tasks.max, and no key over its connections. */
    @Test
    void invariantsHoldForRandomInputs() {
        Random random = new Random(15);
        for (int round = 0; round < 2_000; round++) {
            int perConnection = 1 + random.nextInt(6);
            int connections = 1 + random.nextInt(3);
            int keys = 1 + random.nextInt(4);
            int maxTasks = 1 + random.nextInt(10);
            int count = 1 + random.nextInt(40);
            ShardPlanner.Plan plan;
            try {
                plan = plan(count, limits(perConnection, connections), keys, maxTasks);
            } catch (ShardPlanner.PlanException e) {
                int groups = (count + perConnection - 1) / perConnection;
                assertTrue(groups > Math.min(keys, maxTasks) * connections, "refused although it fits: " + e);
                continue;
            }
            List<String> all = new ArrayList<>();
            Map<Integer, Integer> perKey = new HashMap<>();
            for (ShardPlanner.Shard shard : plan.shards()) {
                all.addAll(shard.symbols());
                perKey.merge(shard.credential(), shard.connections(), Integer::sum);
                assertTrue(shard.symbols().size() <= shard.connections() * perConnection, shard.toString());
            }
            assertEquals(symbols(count), all.stream().sorted((a, b) -> Integer.compare(Integer.parseInt(a.substring(1)),
                    Integer.parseInt(b.substring(1)))).toList());
            assertTrue(plan.shards().size() <= maxTasks);
            assertTrue(perKey.values().stream().allMatch(used -> used <= connections), perKey.toString());
            assertEquals(plan.shards().size() < maxTasks, plan.note().isPresent());
        }
    }
}
