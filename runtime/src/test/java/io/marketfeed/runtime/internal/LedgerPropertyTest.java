package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random operation sequences over a {@link SubscriptionPlanner} with two endpoints (one additive, one
 * replace-all), small limits, and a fake server per slot that applies what the ledgers send. Invariants are
 * checked after every step and convergence at the end; a failure names the seed and the last operations, so
 * it can be replayed with {@link #replay}.
 */
class LedgerPropertyTest {

    private static final int SEEDS = 300;
    private static final int STEPS = 200;

    private static final String ADDITIVE = "additive";
    private static final String REPLACE = "replace";
    private static final List<String> TOPICS = List.of("quotes", "trades");
    private static final List<String> SYMBOLS = new ArrayList<>();
    private static final List<Subscription> UNIVERSE = new ArrayList<>();
    /** Symbols alternate between the endpoints, so each endpoint sees both topics of its symbols. */
    private static final Map<String, String> ENDPOINT_OF_SYMBOL = new HashMap<>();
    private static final int FRAME_LIMIT = 2;
    private static final int MAX_CONNECTIONS = 3;
    private static final int INITIAL_SYMBOLS_PER_CONNECTION = 5;

    static {
        for (int i = 0; i < 15; i++) {
            SYMBOLS.add(String.format("S%02d", i));
            ENDPOINT_OF_SYMBOL.put(SYMBOLS.get(i), i % 2 == 0 ? ADDITIVE : REPLACE);
        }
        for (String topic : TOPICS) {
            for (String symbol : SYMBOLS) {
                UNIVERSE.add(new Subscription(topic, symbol));
            }
        }
    }

    /** Which operations a run draws from. */
    record Ops(boolean rejects, boolean limitChanges, boolean ghosts) {
        static final Ops ALL_BUT_GHOSTS = new Ops(true, true, false);
        static final Ops ALL = new Ops(true, true, true);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void randomOperationsKeepTheWireConsistentAndConverge() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            new Run(seed, Ops.ALL_BUT_GHOSTS).execute();
        }
    }

    /** The same, plus data arriving for subscriptions a connection does not want (ghosts). */
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void randomOperationsWithGhostsConverge() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            new Run(seed, Ops.ALL).execute();
        }
    }

    /** Subscribe, unsubscribe, reconnect, drain, acknowledge only: the planner's simplest paths. */
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void randomSubscribesUnsubscribesAndReconnectsConverge() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            new Run(seed, new Ops(false, false, false)).execute();
        }
    }

    /** Replays one seed, for debugging a failure. */
    static void replay(long seed, Ops ops) {
        new Run(seed, ops).execute();
    }

    // ------------------------------------------------------------------ the fake server

    /** What the server of one slot's current session holds, and the requests it still has to acknowledge. */
    static final class FakeServer {
        final SubscriptionPlanner.Slot slot;
        final Map<String, TreeSet<String>> subscribed = new TreeMap<>();
        /** Subscribe and replace requests applied and not yet acknowledged, oldest first. */
        final Deque<WireRequest> unacknowledged = new ArrayDeque<>();
        /** Subscriptions reported as ghosts in this session: an unsubscribe for them is allowed anytime. */
        final Set<Subscription> ghosted = new HashSet<>();

        FakeServer(SubscriptionPlanner.Slot slot) {
            this.slot = slot;
        }

        boolean has(Subscription subscription) {
            TreeSet<String> symbols = subscribed.get(subscription.topic());
            return symbols != null && symbols.contains(subscription.symbol());
        }

        Set<Subscription> all() {
            Set<Subscription> out = new TreeSet<>();
            subscribed.forEach((topic, symbols) -> symbols.forEach(symbol -> out.add(new Subscription(topic, symbol))));
            return out;
        }

        Set<String> symbols() {
            Set<String> out = new TreeSet<>();
            subscribed.values().forEach(out::addAll);
            return out;
        }

        void remove(Subscription subscription) {
            TreeSet<String> symbols = subscribed.get(subscription.topic());
            if (symbols != null) {
                symbols.remove(subscription.symbol());
                if (symbols.isEmpty()) {
                    subscribed.remove(subscription.topic());
                }
            }
        }

        /** The connection dropped: a new session starts with nothing. */
        void clear() {
            subscribed.clear();
            unacknowledged.clear();
            ghosted.clear();
        }
    }

    // ------------------------------------------------------------------ one run

    static final class Run {
        private final long seed;
        private final Ops ops;
        private final Random random;
        private final Map<String, Limits> limits = new HashMap<>();
        private final SubscriptionPlanner planner;
        private final Map<SubscriptionPlanner.Slot, FakeServer> servers = new IdentityHashMap<>();
        /** Unassigned subscriptions reported through {@code newlyUnassigned} and still unassigned. */
        private final Set<Subscription> reportedWaiting = new HashSet<>();
        private final Deque<String> history = new ArrayDeque<>();
        private int step;

        Run(long seed, Ops ops) {
            this.seed = seed;
            this.ops = ops;
            this.random = new Random(seed);
            limits.put(ADDITIVE, limitsWith(INITIAL_SYMBOLS_PER_CONNECTION));
            limits.put(REPLACE, limitsWith(INITIAL_SYMBOLS_PER_CONNECTION));
            this.planner = new SubscriptionPlanner(new SubscriptionPlanner.Topology() {
                @Override
                public String endpointOf(Subscription subscription) {
                    return Run.endpointOf(subscription);
                }

                @Override
                public SubscribeStyle.Mode modeOf(String endpoint) {
                    return endpoint.equals(ADDITIVE) ? SubscribeStyle.Mode.ADDITIVE : SubscribeStyle.Mode.REPLACE_ALL;
                }

                @Override
                public Limits limits(String endpoint) {
                    return limits.get(endpoint);
                }
            });
        }

        static String endpointOf(Subscription subscription) {
            return ENDPOINT_OF_SYMBOL.get(subscription.symbol());
        }

        private static Limits limitsWith(int symbolsPerConnection) {
            return new Limits(symbolsPerConnection, FRAME_LIMIT, MAX_CONNECTIONS, Duration.ZERO, Duration.ZERO,
                    Duration.ZERO);
        }

        void execute() {
            try {
                for (step = 1; step <= STEPS; step++) {
                    randomStep();
                    checkInvariants();
                }
                step = STEPS + 1;
                record("converge");
                converge();
            } catch (AssertionError | RuntimeException e) {
                if (e instanceof AssertionError && e.getMessage() != null && e.getMessage().startsWith("seed ")) {
                    throw e;
                }
                throw new AssertionError(context(String.valueOf(e)), e);
            }
        }

        private String context(String message) {
            return "seed " + seed + " (" + ops + "), step " + step + ": " + message + "\n  last operations:\n    "
                    + String.join("\n    ", history) + "\n  state:\n" + describe();
        }

        private void check(boolean condition, java.util.function.Supplier<String> message) {
            if (!condition) {
                throw new AssertionError(context(message.get()));
            }
        }

        private void record(String operation) {
            history.addLast("#" + step + " " + operation);
            while (history.size() > 25) {
                history.removeFirst();
            }
        }

        private String describe() {
            StringBuilder out = new StringBuilder();
            out.append("    limits: additive ").append(limits.get(ADDITIVE).maxSymbolsPerConnection())
                    .append(", replace ").append(limits.get(REPLACE).maxSymbolsPerConnection()).append('\n');
            for (SubscriptionPlanner.Slot slot : planner.slots()) {
                FakeServer server = servers.get(slot);
                out.append("    ").append(slot).append(" desired ").append(slot.ledger.desired())
                        .append(" server ").append(server == null ? "-" : server.all()).append('\n');
            }
            out.append("    unassigned ").append(planner.unassigned());
            return out.toString();
        }

        // -------------------------------------------------------------- operations

        private void randomStep() {
            int roll = random.nextInt(100);
            if (roll < 20) {
                subscribe();
            } else if (roll < 32) {
                unsubscribe();
            } else if (roll < 37) {
                reconnect();
            } else if (roll < 72) {
                drainSome();
            } else if (roll < 84) {
                acknowledge();
            } else if (roll < 89) {
                if (ops.rejects()) {
                    reject();
                } else {
                    drainSome();
                }
            } else if (roll < 94) {
                if (ops.limitChanges()) {
                    changeLimits();
                } else {
                    subscribe();
                }
            } else {
                if (ops.ghosts()) {
                    ghost();
                } else {
                    drainSome();
                }
            }
        }

        private List<Subscription> randomSubset(Collection<Subscription> from, int max) {
            List<Subscription> pool = new ArrayList<>(from);
            List<Subscription> out = new ArrayList<>();
            int count = 1 + random.nextInt(max);
            for (int i = 0; i < count && !pool.isEmpty(); i++) {
                out.add(pool.remove(random.nextInt(pool.size())));
            }
            return out;
        }

        private SubscriptionPlanner.Slot randomSlot() {
            List<SubscriptionPlanner.Slot> slots = planner.slots();
            return slots.isEmpty() ? null : slots.get(random.nextInt(slots.size()));
        }

        private void subscribe() {
            List<Subscription> subscriptions = randomSubset(UNIVERSE, 6);
            record("subscribe " + subscriptions);
            apply(planner.add(subscriptions));
        }

        private void unsubscribe() {
            // Mostly wanted ones, sometimes anything (unsubscribing what is not wanted must be harmless).
            Collection<Subscription> from = random.nextInt(4) == 0 || planner.wanted().isEmpty()
                    ? UNIVERSE : new ArrayList<>(planner.wanted());
            List<Subscription> subscriptions = randomSubset(from, 6);
            record("unsubscribe " + subscriptions);
            apply(planner.remove(subscriptions));
        }

        private void reconnect() {
            SubscriptionPlanner.Slot slot = randomSlot();
            if (slot == null) {
                return;
            }
            record("reconnect " + slot);
            servers.get(slot).clear();
            slot.ledger.reset();
        }

        private void drainSome() {
            SubscriptionPlanner.Slot slot = randomSlot();
            if (slot == null) {
                return;
            }
            int frames = 1 + random.nextInt(4);
            for (int i = 0; i < frames; i++) {
                if (!sendOne(slot)) {
                    return;
                }
            }
        }

        private void acknowledge() {
            List<FakeServer> waiting = new ArrayList<>();
            servers.values().forEach(server -> {
                if (!server.unacknowledged.isEmpty()) {
                    waiting.add(server);
                }
            });
            if (waiting.isEmpty()) {
                return;
            }
            waiting.sort((a, b) -> a.slot.toString().compareTo(b.slot.toString()));
            FakeServer server = waiting.get(random.nextInt(waiting.size()));
            List<WireRequest> batches = new ArrayList<>(server.unacknowledged);
            WireRequest batch = batches.get(random.nextInt(batches.size()));
            if (server.slot.ledger.mode() == SubscribeStyle.Mode.ADDITIVE && random.nextBoolean()) {
                // An acknowledgement without a list confirms the oldest batch of its topic.
                WireRequest oldest = null;
                for (WireRequest request : server.unacknowledged) {
                    if (request.topic().equals(batch.topic())) {
                        oldest = request;
                        break;
                    }
                }
                server.unacknowledged.remove(oldest);
                record("ack " + server.slot + " " + batch.topic() + " (no list, oldest " + oldest.symbols() + ")");
                server.slot.ledger.acknowledged(batch.topic(), List.of());
            } else {
                server.unacknowledged.remove(batch);
                record("ack " + server.slot + " " + batch.topic() + " " + batch.symbols());
                server.slot.ledger.acknowledged(batch.topic(), batch.symbols());
            }
        }

        private void reject() {
            SubscriptionPlanner.Slot slot = randomSlot();
            if (slot == null) {
                return;
            }
            FakeServer server = servers.get(slot);
            List<Subscription> candidates = new ArrayList<>();
            for (Subscription subscription : slot.ledger.desired()) {
                if (server.has(subscription)) {
                    candidates.add(subscription);
                }
            }
            if (candidates.isEmpty()) {
                return;
            }
            Subscription refused = candidates.get(random.nextInt(candidates.size()));
            record("server of " + slot + " rejects " + refused);
            server.remove(refused);
            apply(planner.reject(slot, refused.topic(), List.of(refused.symbol()), "refused by the fake server"));
            check(!planner.isWanted(refused), () -> refused + " is still wanted after its rejection");
            check(planner.rejected().containsKey(refused), () -> refused + " is not listed as rejected");
        }

        private void changeLimits() {
            String endpoint = random.nextBoolean() ? ADDITIVE : REPLACE;
            int value = 1 + random.nextInt(6);
            record("limits of " + endpoint + ": " + value + " symbols per connection");
            limits.put(endpoint, limitsWith(value));
            apply(planner.rebalance(endpoint));
        }

        private void ghost() {
            SubscriptionPlanner.Slot slot = randomSlot();
            if (slot == null) {
                return;
            }
            FakeServer server = servers.get(slot);
            List<Subscription> stray = new ArrayList<>();
            for (Subscription subscription : server.all()) {
                if (!slot.ledger.wants(subscription)) {
                    stray.add(subscription);
                }
            }
            Subscription ghost;
            if (!stray.isEmpty() && random.nextInt(4) != 0) {
                // Data for something the server still streams, but the connection no longer wants.
                ghost = stray.get(random.nextInt(stray.size()));
            } else {
                // A stray frame for something this connection never had on its wire.
                ghost = UNIVERSE.get(random.nextInt(UNIVERSE.size()));
                if (!endpointOf(ghost).equals(slot.endpoint) || slot.ledger.wants(ghost)) {
                    return;
                }
            }
            record("ghost " + ghost + " on " + slot + (server.has(ghost) ? " (server has it)" : ""));
            server.ghosted.add(ghost);
            slot.ledger.ghost(ghost);
        }

        // -------------------------------------------------------------- wire

        /** Sends the slot's next request to its server; false when the ledger had nothing to send. */
        private boolean sendOne(SubscriptionPlanner.Slot slot) {
            FakeServer server = servers.get(slot);
            int frameLimit = limits.get(slot.endpoint).maxSymbolsPerFrame();
            Optional<WireRequest> next = slot.ledger.next(frameLimit);
            if (next.isEmpty()) {
                return false;
            }
            WireRequest request = next.get();
            record(slot + " -> " + request.kind() + " " + request.topic() + " " + request.symbols());
            check(!request.symbols().isEmpty(), () -> "empty request " + request + " on " + slot);
            check(new HashSet<>(request.symbols()).size() == request.symbols().size(), () ->
                    "request names a symbol twice: " + request);
            List<String> desiredOfTopic = new ArrayList<>();
            for (Subscription subscription : slot.ledger.desired()) {
                if (subscription.topic().equals(request.topic())) {
                    desiredOfTopic.add(subscription.symbol());
                }
            }
            if (slot.ledger.mode() == SubscribeStyle.Mode.ADDITIVE) {
                check(request.kind() != WireRequest.Kind.REPLACE, () -> "REPLACE on additive " + slot);
                check(request.symbols().size() <= frameLimit, () ->
                        request + " on " + slot + " exceeds the frame limit " + frameLimit);
                if (request.kind() == WireRequest.Kind.SUBSCRIBE) {
                    for (String symbol : request.symbols()) {
                        Subscription subscription = new Subscription(request.topic(), symbol);
                        check(!server.has(subscription), () -> "duplicate on the wire: " + request + " on " + slot
                                + " names " + subscription + ", which its server already has in this session");
                        check(slot.ledger.wants(subscription), () ->
                                "subscribe of " + subscription + ", which " + slot + " does not want");
                    }
                    request.symbols().forEach(symbol ->
                            server.subscribed.computeIfAbsent(request.topic(), t -> new TreeSet<>()).add(symbol));
                    server.unacknowledged.addLast(request);
                } else {
                    unsubscribe(slot, server, request);
                }
            } else {
                check(request.kind() != WireRequest.Kind.SUBSCRIBE, () -> "additive SUBSCRIBE on replace-all " + slot);
                if (request.kind() == WireRequest.Kind.REPLACE) {
                    check(request.symbols().equals(desiredOfTopic), () -> "replace request " + request + " on " + slot
                            + " is not the full sorted desired list " + desiredOfTopic);
                    server.subscribed.put(request.topic(), new TreeSet<>(request.symbols()));
                    server.unacknowledged.addLast(request);
                    for (String symbol : request.symbols()) {
                        server.ghosted.remove(new Subscription(request.topic(), symbol));
                    }
                } else {
                    check(desiredOfTopic.isEmpty(), () -> "replace-all UNSUBSCRIBE " + request + " on " + slot
                            + " while the topic still wants " + desiredOfTopic);
                    unsubscribe(slot, server, request);
                    check(!server.subscribed.containsKey(request.topic()), () -> "replace-all UNSUBSCRIBE " + request
                            + " on " + slot + " left " + server.subscribed.get(request.topic())
                            + " on the server: it must name the whole previous list");
                }
            }
            return true;
        }

        private void unsubscribe(SubscriptionPlanner.Slot slot, FakeServer server, WireRequest request) {
            for (String symbol : request.symbols()) {
                Subscription subscription = new Subscription(request.topic(), symbol);
                check(!slot.ledger.wants(subscription), () ->
                        "unsubscribe of " + subscription + ", which " + slot + " still wants");
                check(server.has(subscription) || server.ghosted.contains(subscription), () ->
                        "unsubscribe of " + subscription + " on " + slot
                                + ", which its server does not have (and was never reported as a ghost)");
                server.remove(subscription);
                server.ghosted.remove(subscription);
            }
        }

        // -------------------------------------------------------------- planner changes

        private void apply(SubscriptionPlanner.Changes changes) {
            for (Subscription subscription : changes.newlyUnassigned) {
                check(planner.unassigned().contains(subscription), () ->
                        subscription + " reported as newly unassigned, but it is not unassigned");
                check(reportedWaiting.add(subscription), () ->
                        subscription + " reported as newly unassigned twice while it waited all along");
            }
            for (SubscriptionPlanner.Slot slot : changes.created) {
                check(!servers.containsKey(slot), () -> slot + " created twice");
                check(changes.touched.contains(slot), () -> slot + " created but not touched");
                servers.put(slot, new FakeServer(slot));
            }
            for (SubscriptionPlanner.Slot slot : changes.emptied) {
                check(slot.ledger.isEmpty(), () -> slot + " reported emptied but wants " + slot.ledger.desired());
                planner.retire(slot);
                check(!planner.slots().contains(slot), () -> slot + " still listed after retire");
                check(servers.remove(slot) != null, () -> slot + " emptied, but it was never created");
                record("retired " + slot);
            }
            for (SubscriptionPlanner.Slot slot : changes.touched) {
                check(changes.emptied.contains(slot) || servers.containsKey(slot), () ->
                        slot + " touched but unknown (never created, or retired)");
            }
            reportedWaiting.retainAll(planner.unassigned());
        }

        // -------------------------------------------------------------- invariants

        private void checkInvariants() {
            List<SubscriptionPlanner.Slot> slots = planner.slots();
            Set<SubscriptionPlanner.Slot> known = Collections.newSetFromMap(new IdentityHashMap<>());
            known.addAll(slots);
            check(known.equals(servers.keySet()), () -> "planner slots " + slots + " and servers " + servers.keySet()
                    + " differ: a slot was created or emptied without being reported");

            Map<Subscription, SubscriptionPlanner.Slot> carriedBy = new HashMap<>();
            Map<String, List<SubscriptionPlanner.Slot>> byEndpoint = new HashMap<>();
            Map<SubscriptionPlanner.Slot, Set<String>> symbolsOf = new IdentityHashMap<>();
            for (SubscriptionPlanner.Slot slot : slots) {
                byEndpoint.computeIfAbsent(slot.endpoint, e -> new ArrayList<>()).add(slot);
                int limit = limits.get(slot.endpoint).maxSymbolsPerConnection();
                Set<String> symbols = slot.ledger.symbols();
                symbolsOf.put(slot, symbols);
                check(!symbols.isEmpty(), () -> slot + " is empty but was never reported emptied");
                check(slot.symbolCount() == symbols.size(), () -> slot + " counts " + slot.symbolCount()
                        + " symbols, but its ledger wants " + symbols.size() + ": " + symbols);
                check(symbols.size() <= limit, () ->
                        slot + " wants " + symbols.size() + " symbols, over the limit " + limit);
                for (Subscription subscription : slot.ledger.desired()) {
                    check(endpointOf(subscription).equals(slot.endpoint), () ->
                            subscription + " is on " + slot + " of the wrong endpoint");
                    SubscriptionPlanner.Slot other = carriedBy.put(subscription, slot);
                    check(other == null, () -> subscription + " is assigned to two slots: " + other + " and " + slot);
                }
            }
            byEndpoint.forEach((endpoint, list) -> check(list.size() <= MAX_CONNECTIONS, () ->
                    endpoint + " has " + list.size() + " slots, over " + MAX_CONNECTIONS));

            Set<Subscription> unassigned = planner.unassigned();
            check(planner.wanted().containsAll(unassigned), () -> "unassigned but not wanted: " + unassigned);
            check(carriedBy.size() + unassigned.size() == planner.wanted().size()
                    && planner.wanted().containsAll(carriedBy.keySet()), () -> "assigned "
                    + new TreeSet<>(carriedBy.keySet()) + " is not wanted " + planner.wanted() + " minus unassigned "
                    + unassigned);
            for (Subscription rejected : planner.rejected().keySet()) {
                check(!planner.isWanted(rejected), () -> rejected + " is both rejected and wanted");
            }

            check(reportedWaiting.containsAll(unassigned), () -> "unassigned " + unassigned
                    + " but only " + reportedWaiting + " were ever reported as newly unassigned");

            // Nothing waits while there is room for it.
            for (Subscription waiting : unassigned) {
                String endpoint = endpointOf(waiting);
                Limits current = limits.get(endpoint);
                List<SubscriptionPlanner.Slot> list = byEndpoint.getOrDefault(endpoint, List.of());
                check(list.size() == current.maxConnections(), () -> waiting + " is unassigned although " + endpoint
                        + " has only " + list.size() + " of " + current.maxConnections() + " connections");
                for (SubscriptionPlanner.Slot slot : list) {
                    Set<String> symbols = symbolsOf.get(slot);
                    check(symbols.size() >= current.maxSymbolsPerConnection(), () -> waiting
                            + " is unassigned although " + slot + " has room (" + symbols.size() + " of "
                            + current.maxSymbolsPerConnection() + ")");
                    check(!symbols.contains(waiting.symbol()), () -> waiting + " is unassigned although "
                            + slot + " carries its symbol");
                }
            }
        }

        // -------------------------------------------------------------- convergence

        private void converge() {
            for (int round = 0; ; round++) {
                check(round < 100, () -> "the ledgers never stop sending");
                boolean sent = false;
                for (SubscriptionPlanner.Slot slot : planner.slots()) {
                    while (sendOne(slot)) {
                        sent = true;
                    }
                }
                for (FakeServer server : servers.values()) {
                    for (Iterator<WireRequest> it = server.unacknowledged.iterator(); it.hasNext();) {
                        WireRequest request = it.next();
                        it.remove();
                        server.slot.ledger.acknowledged(request.topic(), request.symbols());
                    }
                }
                checkInvariants();
                if (!sent) {
                    break;
                }
            }

            Map<Subscription, SubscriptionPlanner.Slot> onServers = new HashMap<>();
            for (SubscriptionPlanner.Slot slot : planner.slots()) {
                FakeServer server = servers.get(slot);
                check(slot.ledger.settled(), () -> slot + " is not settled after everything was sent and acknowledged");
                check(!slot.ledger.awaitingAcknowledgement(), () -> slot + " still awaits an acknowledgement");
                check(server.all().equals(new TreeSet<>(slot.ledger.desired())), () -> "the server of " + slot
                        + " holds " + server.all() + " but the slot wants " + slot.ledger.desired());
                check(slot.ledger.onWire().equals(server.all()), () -> slot + " believes " + slot.ledger.onWire()
                        + " is on the wire, the server holds " + server.all());
                check(slot.ledger.confirmedCount() == server.all().size(), () -> slot + " confirmed "
                        + slot.ledger.confirmedCount() + " but the server holds " + server.all().size());
                int limit = limits.get(slot.endpoint).maxSymbolsPerConnection();
                check(server.symbols().size() <= limit, () -> "the server of " + slot + " holds "
                        + server.symbols().size() + " distinct symbols, over the final limit " + limit);
                for (Subscription subscription : server.all()) {
                    SubscriptionPlanner.Slot other = onServers.put(subscription, slot);
                    check(other == null, () -> subscription + " is on the servers of " + other + " and " + slot);
                }
            }
            Set<Subscription> expected = new TreeSet<>(planner.wanted());
            expected.removeAll(planner.unassigned());
            check(new TreeSet<>(onServers.keySet()).equals(expected), () -> "the servers hold "
                    + new TreeSet<>(onServers.keySet()) + " but wanted minus unassigned is " + expected);
        }
    }
}
