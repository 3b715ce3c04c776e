package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SubscriptionPlannerTest {

    private static final String QUOTES = "quotes";
    private static final String TRADES = "trades";
    private static final String WS = "ws";

    /** One endpoint by default; topics named in {@link #endpointByTopic} go to their own endpoint. */
    private final Map<String, Limits> limits = new HashMap<>();
    private final Map<String, SubscribeStyle.Mode> modes = new HashMap<>();
    private final Map<String, String> endpointByTopic = new HashMap<>();
    private final SubscriptionPlanner planner = new SubscriptionPlanner(new SubscriptionPlanner.Topology() {
        @Override
        public String endpointOf(Subscription subscription) {
            return endpointByTopic.getOrDefault(subscription.topic(), WS);
        }

        @Override
        public SubscribeStyle.Mode modeOf(String endpoint) {
            return modes.getOrDefault(endpoint, SubscribeStyle.Mode.ADDITIVE);
        }

        @Override
        public Limits limits(String endpoint) {
            return limits.get(endpoint);
        }
    });

    private static Limits limits(int perConnection, int perFrame, int connections) {
        return new Limits(perConnection, perFrame, connections, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    private void setLimits(int perConnection, int connections) {
        limits.put(WS, limits(perConnection, 50, connections));
    }

    private static Subscription q(String symbol) {
        return new Subscription(QUOTES, symbol);
    }

    private static Subscription t(String symbol) {
        return new Subscription(TRADES, symbol);
    }

    private static List<Subscription> quotes(String... symbols) {
        List<Subscription> out = new ArrayList<>();
        for (String symbol : symbols) {
            out.add(q(symbol));
        }
        return out;
    }

    private static List<Subscription> numbered(String topic, int from, int count) {
        List<Subscription> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(new Subscription(topic, String.format("S%03d", i)));
        }
        return out;
    }

    private SubscriptionPlanner.Slot owner(Subscription subscription) {
        SubscriptionPlanner.Slot found = null;
        for (SubscriptionPlanner.Slot slot : planner.slots()) {
            if (slot.ledger.wants(subscription)) {
                assertTrue(found == null, subscription + " is carried by " + found + " and " + slot);
                found = slot;
            }
        }
        return found;
    }

    private static List<WireRequest> drain(SubscriptionPlanner.Slot slot, int maxPerFrame) {
        List<WireRequest> out = new ArrayList<>();
        for (Optional<WireRequest> next = slot.ledger.next(maxPerFrame); next.isPresent();
                next = slot.ledger.next(maxPerFrame)) {
            out.add(next.get());
        }
        return out;
    }

    /** Every slot's distinct symbols within the limit, and the planner's count matching the ledger. */
    private void assertSlotsWithin(int perConnection) {
        for (SubscriptionPlanner.Slot slot : planner.slots()) {
            assertTrue(slot.ledger.symbols().size() <= perConnection,
                    slot + " carries " + slot.ledger.symbols().size() + " symbols, limit " + perConnection);
            assertEquals(slot.ledger.symbols().size(), slot.symbolCount(), slot + ": planner's symbol count");
        }
    }

    @Test
    void shardsByDistinctSymbolsIntoAsFewSlotsAsNeeded() {
        setLimits(100, 5);
        SubscriptionPlanner.Changes changes = planner.add(numbered(QUOTES, 0, 260));

        List<SubscriptionPlanner.Slot> slots = planner.slots();
        assertEquals(3, slots.size());
        assertEquals(Set.copyOf(slots), changes.created);
        assertEquals(Set.copyOf(slots), changes.touched);
        assertTrue(changes.emptied.isEmpty());
        assertTrue(changes.newlyUnassigned.isEmpty());
        assertEquals(List.of(100, 100, 60), slots.stream().map(slot -> slot.ledger.desired().size()).toList());
        assertEquals(List.of(1, 2, 3), slots.stream().map(slot -> slot.number).toList());
        assertSlotsWithin(100);
        assertTrue(planner.unassigned().isEmpty());

        Set<Subscription> carried = new TreeSet<>();
        slots.forEach(slot -> carried.addAll(slot.ledger.desired()));
        assertEquals(new TreeSet<>(planner.wanted()), carried);
    }

    @Test
    void aSecondTopicOfACarriedSymbolCostsNoCapacity() {
        setLimits(100, 5);
        planner.add(numbered(QUOTES, 0, 100));
        planner.add(numbered(TRADES, 0, 100));

        assertEquals(1, planner.slots().size(), "100 distinct symbols over two topics fit one connection");
        assertEquals(200, planner.slots().get(0).ledger.desired().size());
        assertEquals(100, planner.slots().get(0).symbolCount());
    }

    @Test
    void chunkingToTheFrameLimitIsTheLedgersJob() {
        setLimits(100, 5);
        planner.add(numbered(QUOTES, 0, 260));
        SubscriptionPlanner.Slot first = planner.slots().get(0);
        SubscriptionPlanner.Slot third = planner.slots().get(2);

        List<WireRequest> firstRequests = drain(first, 30);
        assertEquals(List.of(30, 30, 30, 10), firstRequests.stream().map(r -> r.symbols().size()).toList());
        assertTrue(firstRequests.stream().allMatch(r -> r.kind() == WireRequest.Kind.SUBSCRIBE));
        assertEquals(List.of(50, 10), drain(third, 50).stream().map(r -> r.symbols().size()).toList());
    }

    @Test
    void eachEndpointHasItsOwnSlotsAndMode() {
        limits.put(WS, limits(2, 10, 5));
        limits.put("replace", limits(2, 10, 5));
        endpointByTopic.put(TRADES, "replace");
        modes.put("replace", SubscribeStyle.Mode.REPLACE_ALL);

        planner.add(List.of(q("A"), q("B"), t("A"), t("B"), t("C")));

        Map<String, List<SubscriptionPlanner.Slot>> byEndpoint = planner.slotsByEndpoint();
        assertEquals(1, byEndpoint.get(WS).size());
        assertEquals(2, byEndpoint.get("replace").size());
        assertEquals(SubscribeStyle.Mode.ADDITIVE, byEndpoint.get(WS).get(0).ledger.mode());
        assertEquals(SubscribeStyle.Mode.REPLACE_ALL, byEndpoint.get("replace").get(0).ledger.mode());
        assertEquals("replace", owner(t("C")).endpoint);
    }

    @Test
    void overCapacityIsReportedOnceAndAssignedWhenRemovalsMakeRoom() {
        setLimits(2, 2);
        SubscriptionPlanner.Changes first = planner.add(quotes("A", "B", "C", "D", "E", "F"));
        assertEquals(2, planner.slots().size());
        assertEquals(quotes("E", "F"), first.newlyUnassigned);
        assertEquals(Set.of(q("E"), q("F")), planner.unassigned());
        assertTrue(planner.isWanted(q("E")), "unassigned is still wanted");
        planner.slots().forEach(slot -> drain(slot, 50));

        SubscriptionPlanner.Changes again = planner.add(quotes("G"));
        assertEquals(quotes("G"), again.newlyUnassigned, "only the new one is reported");
        assertTrue(again.touched.isEmpty());

        SubscriptionPlanner.Changes unrelated = planner.remove(quotes("G"));
        assertTrue(unrelated.newlyUnassigned.isEmpty(), "still waiting is not reported again");
        assertTrue(unrelated.isEmpty());

        SubscriptionPlanner.Changes room = planner.remove(quotes("A"));
        SubscriptionPlanner.Slot slotOfA = planner.slots().get(0);
        assertTrue(room.newlyUnassigned.isEmpty(), "nothing newly unassigned: " + room.newlyUnassigned);
        assertEquals(Set.of(q("F")), planner.unassigned());
        assertSame(slotOfA, owner(q("E")), "E takes the freed place");
        assertEquals(Set.of(slotOfA), room.touched);
        assertTrue(room.emptied.isEmpty());
        assertTrue(room.created.isEmpty());
        assertEquals(List.of(new WireRequest(WireRequest.Kind.UNSUBSCRIBE, QUOTES, List.of("A"))),
                drain(slotOfA, 50).subList(0, 1), "the freed place is unsubscribed first");
        assertEquals(List.of(), drain(planner.slots().get(1), 50));
        assertSlotsWithin(2);
    }

    @Test
    void overCapacityIsAssignedWhenLimitsGrow() {
        setLimits(2, 1);
        planner.add(quotes("A", "B", "C", "D"));
        assertEquals(Set.of(q("C"), q("D")), planner.unassigned());

        setLimits(3, 1);
        SubscriptionPlanner.Changes grown = planner.rebalance(WS);
        assertEquals(Set.of(q("D")), planner.unassigned());
        assertEquals(1, planner.slots().size());
        assertTrue(grown.newlyUnassigned.isEmpty(), "D was reported already: " + grown.newlyUnassigned);

        setLimits(3, 2);
        SubscriptionPlanner.Changes more = planner.rebalance(WS);
        assertTrue(planner.unassigned().isEmpty());
        assertEquals(2, planner.slots().size());
        assertEquals(1, more.created.size());
        assertSame(more.created.iterator().next(), owner(q("D")));
        assertSlotsWithin(3);
    }

    @Test
    void removingAnUnassignedSubscriptionForgetsIt() {
        setLimits(1, 1);
        planner.add(quotes("A", "B"));
        assertEquals(Set.of(q("B")), planner.unassigned());
        planner.remove(quotes("B"));
        assertTrue(planner.unassigned().isEmpty());
        assertFalse(planner.isWanted(q("B")));
        planner.remove(quotes("A"));
        assertTrue(planner.wanted().isEmpty());
    }

    @Test
    void assignmentIsSticky() {
        setLimits(3, 3);
        planner.add(quotes("A", "B", "C", "D", "E"));
        SubscriptionPlanner.Slot one = owner(q("A"));
        SubscriptionPlanner.Slot two = owner(q("D"));
        assertSame(one, owner(q("C")));
        assertSame(two, owner(q("E")));

        planner.remove(quotes("B"));
        SubscriptionPlanner.Changes added = planner.add(quotes("F", "G"));
        assertSame(one, owner(q("F")), "F fills the hole on the first slot");
        assertSame(two, owner(q("G")));
        assertEquals(Set.of(one, two), added.touched);
        assertTrue(added.created.isEmpty());
        for (String symbol : List.of("A", "C", "D", "E")) {
            SubscriptionPlanner.Slot expected = symbol.compareTo("C") <= 0 ? one : two;
            assertSame(expected, owner(q(symbol)), symbol + " never moves on unrelated changes");
        }

        SubscriptionPlanner.Changes otherTopic = planner.add(List.of(t("E")));
        assertSame(two, owner(t("E")), "a new topic of a carried symbol joins the slot that carries it");
        assertEquals(Set.of(two), otherTopic.touched);
    }

    @Test
    void emptiedSlotIsReportedAndCanBeRetired() {
        setLimits(2, 3);
        planner.add(quotes("A", "B", "C"));
        SubscriptionPlanner.Slot second = owner(q("C"));

        SubscriptionPlanner.Changes changes = planner.remove(quotes("C"));
        assertEquals(Set.of(second), changes.emptied);
        assertTrue(second.ledger.isEmpty());
        planner.retire(second);
        assertEquals(1, planner.slots().size());

        SubscriptionPlanner.Changes again = planner.add(quotes("D", "E"));
        assertEquals(1, again.created.size());
        SubscriptionPlanner.Slot fresh = again.created.iterator().next();
        assertEquals(3, fresh.number, "slot numbers are not reused");
        assertSame(fresh, owner(q("D")));
    }

    @Test
    void retireKeepsANonEmptySlot() {
        setLimits(2, 3);
        planner.add(quotes("A"));
        SubscriptionPlanner.Slot slot = owner(q("A"));
        planner.retire(slot);
        assertEquals(List.of(slot), planner.slots());
    }

    @Test
    void rebalanceAfterAShrinkMovesTheExcess() {
        setLimits(4, 3);
        planner.add(quotes("A", "B", "C", "D"));
        planner.add(List.of(t("D"), t("A")));
        SubscriptionPlanner.Slot one = owner(q("A"));
        drain(one, 50);

        setLimits(2, 3);
        SubscriptionPlanner.Changes changes = planner.rebalance(WS);

        assertEquals(1, changes.created.size());
        SubscriptionPlanner.Slot two = changes.created.iterator().next();
        assertEquals(Set.of(one, two), changes.touched);
        assertTrue(changes.newlyUnassigned.isEmpty());
        assertEquals(List.of(q("A"), q("B"), t("A")), one.ledger.desired(), "the first symbols stay");
        assertEquals(List.of(q("C"), q("D"), t("D")), two.ledger.desired(),
                "the excess moves, every topic of a symbol together");
        assertSlotsWithin(2);
        assertEquals(List.of(
                new WireRequest(WireRequest.Kind.UNSUBSCRIBE, QUOTES, List.of("C", "D")),
                new WireRequest(WireRequest.Kind.UNSUBSCRIBE, TRADES, List.of("D"))), drain(one, 50));
    }

    @Test
    void rebalanceWithNoRoomLeftReportsWhatBecameUnassigned() {
        setLimits(4, 1);
        planner.add(quotes("A", "B", "C", "D"));
        SubscriptionPlanner.Slot one = owner(q("A"));

        setLimits(2, 1);
        SubscriptionPlanner.Changes changes = planner.rebalance(WS);

        assertEquals(Set.of(q("C"), q("D")), planner.unassigned());
        assertEquals(List.of(q("A"), q("B")), one.ledger.desired());
        assertEquals(Set.of(one), changes.touched);
        assertEquals(Set.of(q("C"), q("D")), Set.copyOf(changes.newlyUnassigned),
                "C and D no longer fit: the caller must report them");
        assertEquals(2, changes.newlyUnassigned.size(), "each reported once");
    }

    @Test
    void rebalanceWithUnchangedLimitsChangesNothing() {
        setLimits(2, 3);
        planner.add(quotes("A", "B", "C"));
        assertTrue(planner.rebalance(WS).isEmpty());
    }

    @Test
    void rejectedLeavesWantedAndIsRecordedWithItsReason() {
        setLimits(5, 1);
        planner.add(quotes("A", "B"));
        SubscriptionPlanner.Slot slot = owner(q("A"));
        drain(slot, 50);

        SubscriptionPlanner.Changes changes = planner.reject(slot, QUOTES, List.of("A"), "unknown symbol");

        assertFalse(planner.isWanted(q("A")));
        assertEquals(Map.of(q("A"), "unknown symbol"), planner.rejected());
        assertEquals(List.of(q("B")), slot.ledger.desired());
        assertEquals(Set.of(slot), changes.touched);
        assertTrue(changes.emptied.isEmpty());
        assertEquals(List.of(), drain(slot, 50), "nothing to send for a refused subscription");

        planner.add(quotes("A"));
        assertTrue(planner.rejected().isEmpty(), "subscribing again clears the rejection");
        assertTrue(planner.isWanted(q("A")));
    }

    @Test
    void rejectionFreesTheSymbolsPlaceOnTheSlot() {
        setLimits(2, 1);
        planner.add(quotes("A", "B"));
        SubscriptionPlanner.Slot slot = owner(q("A"));

        planner.reject(slot, QUOTES, List.of("A"), "unknown symbol");
        assertEquals(1, slot.symbolCount(), "only B is left on " + slot);

        SubscriptionPlanner.Changes changes = planner.add(quotes("C"));
        assertTrue(changes.newlyUnassigned.isEmpty(), "there is room for C: " + changes.newlyUnassigned);
        assertSame(slot, owner(q("C")));
    }

    @Test
    void rejectionOfTheLastSubscriptionEmptiesTheSlotAndFillsFromUnassigned() {
        setLimits(1, 1);
        planner.add(quotes("A", "B"));
        SubscriptionPlanner.Slot slot = owner(q("A"));
        assertEquals(Set.of(q("B")), planner.unassigned());

        SubscriptionPlanner.Changes changes = planner.reject(slot, QUOTES, List.of("A"), "refused");

        assertTrue(planner.unassigned().isEmpty(), "B takes A's place");
        assertSame(slot, owner(q("B")));
        assertTrue(changes.emptied.isEmpty(), "the slot was refilled, do not close it");
        assertEquals(1, slot.symbolCount());
    }

    /**
     * A rejection followed by a limit shrink: the rebalance must return (it runs on the control thread, so a
     * hang there freezes every connection of the feed).
     */
    @Test
    void rebalanceAfterARejectionReturns() throws InterruptedException {
        setLimits(3, 1);
        planner.add(quotes("A", "B", "Z"));
        SubscriptionPlanner.Slot slot = owner(q("A"));
        planner.reject(slot, QUOTES, List.of("Z"), "unknown symbol");

        setLimits(2, 1);
        SubscriptionPlanner.Changes changes = withinSeconds(2, () -> planner.rebalance(WS));

        assertTrue(changes.isEmpty(), "A and B fit the new limit: nothing moves");
        assertEquals(List.of(q("A"), q("B")), slot.ledger.desired());
        assertTrue(planner.unassigned().isEmpty());
    }

    /** Runs {@code action} on a daemon thread, failing if it does not return in time (it may spin forever). */
    private static <T> T withinSeconds(int seconds, Supplier<T> action)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(action.get());
            } catch (Throwable e) {
                result.set(e);
            }
            done.countDown();
        }, "planner-under-test");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        if (!done.await(seconds, TimeUnit.SECONDS)) {
            StringBuilder trace = new StringBuilder();
            for (StackTraceElement element : thread.getStackTrace()) {
                trace.append("\n    at ").append(element);
            }
            throw new AssertionError("did not return within " + seconds + " s; still running:" + trace);
        }
        if (result.get() instanceof Throwable failure) {
            throw new AssertionError(failure);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result.get();
        return value;
    }

    @Test
    void substituteReplacesAWildcardByAnExplicitList() {
        setLimits(10, 2);
        planner.add(quotes("*"));
        SubscriptionPlanner.Slot slot = owner(q("*"));
        assertEquals(List.of(new WireRequest(WireRequest.Kind.SUBSCRIBE, QUOTES, List.of("*"))), drain(slot, 50));

        SubscriptionPlanner.Changes changes = planner.substitute(slot, QUOTES, "*", List.of("B", "A", "C"),
                "wildcard not allowed");

        assertFalse(planner.isWanted(q("*")));
        assertEquals(Map.of(q("*"), "wildcard not allowed"), planner.rejected());
        assertEquals(Set.of(q("A"), q("B"), q("C")), planner.wanted());
        assertSame(slot, owner(q("A")));
        assertEquals(List.of(q("A"), q("B"), q("C")), slot.ledger.desired());
        assertTrue(changes.emptied.isEmpty(), "the slot carries the replacements: do not close it");
        assertTrue(changes.touched.contains(slot));
        assertTrue(changes.created.isEmpty());
        assertEquals(List.of(new WireRequest(WireRequest.Kind.SUBSCRIBE, QUOTES, List.of("A", "B", "C"))),
                drain(slot, 50), "no unsubscribe for the refused wildcard, then the explicit list");
    }

    @Test
    void substituteOverflowingTheSlotIsReported() {
        setLimits(2, 1);
        planner.add(quotes("*"));
        SubscriptionPlanner.Slot slot = owner(q("*"));

        SubscriptionPlanner.Changes changes = planner.substitute(slot, QUOTES, "*", List.of("A", "B", "C"), "no");

        assertEquals(quotes("C"), changes.newlyUnassigned);
        assertEquals(Set.of(q("C")), planner.unassigned());
        assertEquals(List.of(q("A"), q("B")), slot.ledger.desired());
    }

    @Test
    void perTopicCapsCountEachTopicsListOnItsOwn() {
        limits.put(WS, limits(2, 50, 1).withPerTopic(true));
        SubscriptionPlanner.Changes changes = planner.add(List.of(q("A"), q("B"), t("C"), t("D")));
        assertEquals(1, changes.created.size(), "two quotes and two trades fit one connection with a cap of 2 each");
        assertTrue(changes.newlyUnassigned.isEmpty(), changes.newlyUnassigned.toString());

        SubscriptionPlanner.Changes over = planner.add(List.of(t("E")));
        assertEquals(List.of(t("E")), over.newlyUnassigned, "a third trade exceeds the trades list's cap");

        limits.put(WS, limits(1, 50, 1).withPerTopic(true));
        SubscriptionPlanner.Changes shrunk = planner.rebalance(WS);
        SubscriptionPlanner.Slot slot = planner.slots().get(0);
        assertEquals(1, slot.load(QUOTES, true));
        assertEquals(1, slot.load(TRADES, true));
        assertEquals(3, planner.unassigned().size(), "what no longer fits waits: " + planner.unassigned());
        assertTrue(shrunk.touched.contains(slot));
    }

    @Test
    void distinctSymbolCapsCountASymbolOnTwoTopicsOnce() {
        limits.put(WS, limits(2, 50, 1));
        planner.add(List.of(q("A"), t("A"), q("B"), t("B")));
        assertTrue(planner.unassigned().isEmpty(), "A and B on two topics are two distinct symbols");
        planner.add(List.of(t("C")));
        assertEquals(List.of(t("C")), List.copyOf(planner.unassigned()));
    }
}
