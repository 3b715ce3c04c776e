package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * AllTick's model: the cap per connection counts each topic's list on its own (quotes and trades lists of up to N
 * each), so a symbol on a second topic is not free, and shrinking the cap moves single subscriptions, not symbols.
 */
class PerTopicPlanningTest {

    private static final String WS = "ws";
    private Limits limits = limits(3, 2, true);

    private final SubscriptionPlanner planner = new SubscriptionPlanner(new SubscriptionPlanner.Topology() {
        @Override public String endpointOf(Subscription subscription) { return WS; }
        @Override public SubscribeStyle.Mode modeOf(String endpoint) { return SubscribeStyle.Mode.ADDITIVE; }
        @Override public Limits limits(String endpoint) { return limits; }
    });

    private static Limits limits(int perConnection, int connections, boolean perTopic) {
        return new Limits(perConnection, 50, connections, Duration.ZERO, Duration.ZERO, Duration.ZERO)
                .withPerTopic(perTopic);
    }

    private static Subscription q(String symbol) {
        return new Subscription("quotes", symbol);
    }

    private static Subscription t(String symbol) {
        return new Subscription("trades", symbol);
    }

    private SubscriptionPlanner.Slot owner(Subscription subscription) {
        for (SubscriptionPlanner.Slot slot : planner.slots()) {
            if (slot.ledger.wants(subscription)) {
                return slot;
            }
        }
        return null;
    }

    private Set<Subscription> carried(SubscriptionPlanner.Slot slot) {
        return new TreeSet<>(slot.ledger.desired());
    }

    @Test
    void shrinkingAPerTopicCapMovesTheLastOfEachOverfullListToAnotherConnection() {
        planner.add(List.of(q("A"), q("B"), q("C"), t("D"), t("E"), t("F")));
        assertEquals(1, planner.slots().size(), "three of each topic fit one connection");
        SubscriptionPlanner.Slot first = planner.slots().get(0);

        limits = limits(2, 2, true);
        SubscriptionPlanner.Changes changes = planner.rebalance(WS);

        assertEquals(2, planner.slots().size());
        SubscriptionPlanner.Slot second = planner.slots().get(1);
        assertEquals(Set.of(q("A"), q("B"), t("D"), t("E")), carried(first));
        assertEquals(Set.of(q("C"), t("F")), carried(second));
        assertEquals(Set.of(first, second), changes.touched);
        assertEquals(Set.of(second), changes.created);
        assertTrue(changes.newlyUnassigned.isEmpty());
        assertEquals(2, first.maxLoad(true));
        assertEquals(1, second.maxLoad(true));
    }

    @Test
    void perTopicASymbolMovesOnlyOnTheOverfullTopic() {
        planner.add(List.of(q("A"), q("B"), t("B")));
        SubscriptionPlanner.Slot first = planner.slots().get(0);
        limits = limits(1, 2, true);
        planner.rebalance(WS);
        assertEquals(Set.of(q("A"), t("B")), carried(first), "trades/B stays: the trades list was within its cap");
        assertEquals(Set.of(q("B")), carried(owner(q("B"))));
        assertNotSame(first, owner(q("B")));
    }

    @Test
    void countingDistinctSymbolsASymbolMovesWithAllItsTopics() {
        limits = limits(2, 2, false);
        planner.add(List.of(q("A"), t("A"), q("B"), t("B")));
        SubscriptionPlanner.Slot first = planner.slots().get(0);
        limits = limits(1, 2, false);
        planner.rebalance(WS);
        assertEquals(Set.of(q("A"), t("A")), carried(first));
        assertSame(owner(q("B")), owner(t("B")), "B's quotes and trades move together");
        assertEquals(1, owner(q("B")).symbolCount());
    }

    @Test
    void perTopicASymbolOnAnotherTopicIsNotFree() {
        limits = limits(1, 2, true);
        planner.add(List.of(q("A"), t("B")));
        SubscriptionPlanner.Slot first = planner.slots().get(0);
        assertSame(first, owner(t("B")), "an empty trades list has room");
        planner.add(List.of(q("B")));
        assertNotSame(first, owner(q("B")), "the quotes list is full although the connection carries B");
        for (SubscriptionPlanner.Slot slot : planner.slots()) {
            assertTrue(slot.maxLoad(true) <= 1, slot + " over its per-topic cap");
        }
        assertEquals(1, first.load("quotes", true));
        assertEquals(2, first.load("quotes", false), "two distinct symbols");
    }

    @Test
    void countingDistinctSymbolsASymbolJoinsTheConnectionCarryingItEvenWhenAnEarlierOneHasRoom() {
        limits = limits(2, 2, false);
        planner.add(List.of(q("A"), q("B"), q("C")));
        SubscriptionPlanner.Slot first = owner(q("A"));
        SubscriptionPlanner.Slot second = owner(q("C"));
        assertNotSame(first, second);
        planner.remove(List.of(q("B")));
        planner.add(List.of(t("C")));
        assertSame(second, owner(t("C")), "C costs nothing more where it is already carried");
        assertEquals(1, first.symbolCount());
        assertEquals("ws#2", second.toString());
    }

    @Test
    void whatNoLongerFitsAnywhereWaitsAndIsReportedOnce() {
        planner.add(List.of(q("A"), q("B"), q("C")));
        limits = limits(1, 2, true);
        SubscriptionPlanner.Changes changes = planner.rebalance(WS);
        assertEquals(Set.of(q("C")), carried(planner.slots().get(1)), "C moved to a second connection");
        assertEquals(List.of(q("B")), changes.newlyUnassigned, "B fits neither connection's quotes list");
        assertEquals(Set.of(q("B")), planner.unassigned());
        assertTrue(planner.rebalance(WS).newlyUnassigned.isEmpty(), "already waiting: not reported again");
        limits = limits(2, 2, true);
        SubscriptionPlanner.Changes grown = planner.rebalance(WS);
        assertTrue(planner.unassigned().isEmpty(), "room again: " + planner.unassigned());
        assertTrue(grown.newlyUnassigned.isEmpty());
    }
}
