package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The provider-wide ledger: which subscriptions are wanted, and which connection slot carries each one.
 * Sharding follows the endpoint's limits: a slot holds at most {@code maxSymbolsPerConnection} distinct
 * symbols, an endpoint has at most {@code maxConnections} slots, and what does not fit stays unassigned (and
 * is reported) until room appears. Assignment is sticky: a subscription moves only when a limit shrinks.
 *
 * <p>Pure and not thread safe: owned by the control thread; the I/O side reacts to the returned
 * {@link Changes}.
 */
final class SubscriptionPlanner {

    /** What the planner needs to know about endpoints. */
    interface Topology {
        String endpointOf(Subscription subscription);

        SubscribeStyle.Mode modeOf(String endpoint);

        Limits limits(String endpoint);
    }

    /** One connection's worth of subscriptions. */
    static final class Slot {
        final String endpoint;
        final int number;
        final ConnectionLedger ledger;
        private final Map<String, Integer> symbolRefs = new HashMap<>();
        private final Map<String, Integer> topicCounts = new HashMap<>();

        Slot(String endpoint, int number, SubscribeStyle.Mode mode) {
            this.endpoint = endpoint;
            this.number = number;
            this.ledger = new ConnectionLedger(mode);
        }

        int symbolCount() {
            return symbolRefs.size();
        }

        /** What the cap per connection counts for a subscription on {@code topic}. */
        int load(String topic, boolean perTopic) {
            return perTopic ? topicCounts.getOrDefault(topic, 0) : symbolRefs.size();
        }

        /** The largest count the cap applies to. */
        int maxLoad(boolean perTopic) {
            return perTopic ? topicCounts.values().stream().mapToInt(Integer::intValue).max().orElse(0)
                    : symbolRefs.size();
        }

        boolean carriesSymbol(String symbol) {
            return symbolRefs.containsKey(symbol);
        }

        void add(Subscription subscription) {
            if (!ledger.wants(subscription)) {
                ledger.want(subscription);
                symbolRefs.merge(subscription.symbol(), 1, Integer::sum);
                topicCounts.merge(subscription.topic(), 1, Integer::sum);
            }
        }

        void remove(Subscription subscription) {
            if (ledger.wants(subscription)) {
                ledger.unwant(subscription);
                symbolRefs.computeIfPresent(subscription.symbol(), (symbol, count) -> count == 1 ? null : count - 1);
                topicCounts.computeIfPresent(subscription.topic(), (topic, count) -> count == 1 ? null : count - 1);
            }
        }

        @Override
        public String toString() {
            return endpoint + "#" + number;
        }
    }

    /** What changed: slots to open, slots whose wire must catch up, slots left empty. */
    static final class Changes {
        final Set<Slot> created = new LinkedHashSet<>();
        final Set<Slot> touched = new LinkedHashSet<>();
        final Set<Slot> emptied = new LinkedHashSet<>();
        final List<Subscription> newlyUnassigned = new ArrayList<>();

        boolean isEmpty() {
            return created.isEmpty() && touched.isEmpty() && emptied.isEmpty() && newlyUnassigned.isEmpty();
        }
    }

    private final Topology topology;
    private final Set<Subscription> wanted = new LinkedHashSet<>();
    private final Map<Subscription, String> rejected = new TreeMap<>();
    private final Map<Subscription, Slot> assignment = new HashMap<>();
    private final Set<Subscription> unassigned = new LinkedHashSet<>();
    private final Map<String, List<Slot>> slots = new TreeMap<>();
    private final Map<String, Integer> lastNumber = new HashMap<>();

    SubscriptionPlanner(Topology topology) {
        this.topology = topology;
    }

    Changes add(Collection<Subscription> subscriptions) {
        Changes changes = new Changes();
        for (Subscription subscription : subscriptions) {
            rejected.remove(subscription);
            if (wanted.add(subscription)) {
                assign(subscription, changes);
            }
        }
        return changes;
    }

    Changes remove(Collection<Subscription> subscriptions) {
        Changes changes = new Changes();
        for (Subscription subscription : subscriptions) {
            if (wanted.remove(subscription)) {
                release(subscription, changes);
            }
        }
        fillFromUnassigned(changes);
        return changes;
    }

    /** The server refused these on {@code slot}: never retried, reported by the caller. */
    Changes reject(Slot slot, String topic, Collection<String> symbols, String reason) {
        Changes changes = new Changes();
        for (String symbol : symbols) {
            Subscription subscription = new Subscription(topic, symbol);
            if (wanted.remove(subscription)) {
                rejected.put(subscription, reason);
                release(subscription, changes);
            }
        }
        // After release: the slot's symbol count is kept by Slot.remove, which checks the ledger first.
        slot.ledger.rejected(topic, symbols);
        fillFromUnassigned(changes);
        return changes;
    }

    /** Replaces a refused subscription by others (a wildcard by an explicit list). */
    Changes substitute(Slot slot, String topic, String symbol, List<String> replacements, String reason) {
        Changes changes = reject(slot, topic, List.of(symbol), reason);
        List<Subscription> added = new ArrayList<>();
        for (String replacement : replacements) {
            added.add(new Subscription(topic, replacement));
        }
        Changes more = add(added);
        changes.created.addAll(more.created);
        changes.touched.addAll(more.touched);
        changes.emptied.removeAll(more.touched);
        changes.newlyUnassigned.addAll(more.newlyUnassigned);
        return changes;
    }

    /** Limits of {@code endpoint} changed: move what no longer fits, then fill any new room. */
    Changes rebalance(String endpoint) {
        Changes changes = new Changes();
        Set<Subscription> waitingBefore = new HashSet<>(unassigned);
        Limits limits = topology.limits(endpoint);
        for (Slot slot : List.copyOf(slots.getOrDefault(endpoint, List.of()))) {
            while (slot.maxLoad(limits.perTopic()) > limits.maxSymbolsPerConnection()) {
                Subscription last = overflowing(slot, limits);
                for (Subscription subscription : slot.ledger.desired()) {
                    boolean moves = limits.perTopic() ? subscription.equals(last)
                            : subscription.symbol().equals(last.symbol());
                    if (moves) {
                        slot.remove(subscription);
                        assignment.remove(subscription);
                        changes.touched.add(slot);
                        assignAvoiding(subscription, slot, changes);
                    }
                }
            }
        }
        fillFromUnassigned(changes, waitingBefore);
        return changes;
    }

    /** The subscription to move off an over-full slot: the last symbol (of the fullest topic, per topic). */
    private static Subscription overflowing(Slot slot, Limits limits) {
        List<Subscription> desired = slot.ledger.desired();
        if (!limits.perTopic()) {
            String symbol = new TreeSet<>(slot.symbolRefs.keySet()).last();
            return desired.stream().filter(subscription -> subscription.symbol().equals(symbol)).findFirst()
                    .orElseThrow();
        }
        String fullest = slot.topicCounts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Subscription last = null;
        for (Subscription subscription : desired) {
            if (subscription.topic().equals(fullest)) {
                last = subscription;
            }
        }
        return last;
    }

    /** Forgets an empty slot whose connection was closed. */
    void retire(Slot slot) {
        if (slot.ledger.isEmpty()) {
            List<Slot> list = slots.get(slot.endpoint);
            if (list != null) {
                list.remove(slot);
            }
        }
    }

    boolean isWanted(Subscription subscription) {
        return wanted.contains(subscription);
    }

    Set<Subscription> wanted() {
        return Collections.unmodifiableSet(wanted);
    }

    Map<Subscription, String> rejected() {
        return Collections.unmodifiableMap(rejected);
    }

    Set<Subscription> unassigned() {
        return Collections.unmodifiableSet(unassigned);
    }

    List<Slot> slots() {
        List<Slot> all = new ArrayList<>();
        slots.values().forEach(all::addAll);
        return all;
    }

    Map<String, List<Slot>> slotsByEndpoint() {
        Map<String, List<Slot>> copy = new LinkedHashMap<>();
        slots.forEach((endpoint, list) -> copy.put(endpoint, List.copyOf(list)));
        return copy;
    }

    private void assign(Subscription subscription, Changes changes) {
        assignAvoiding(subscription, null, changes);
    }

    private void assignAvoiding(Subscription subscription, Slot avoid, Changes changes) {
        String endpoint = topology.endpointOf(subscription);
        Limits limits = topology.limits(endpoint);
        List<Slot> list = slots.computeIfAbsent(endpoint, key -> new ArrayList<>());
        Slot chosen = null;
        boolean perTopic = limits.perTopic();
        for (Slot slot : list) {
            // Counting distinct symbols, a symbol the slot already carries on another topic costs nothing.
            if (!perTopic && slot != avoid && slot.carriesSymbol(subscription.symbol())) {
                chosen = slot;
                break;
            }
        }
        if (chosen == null) {
            for (Slot slot : list) {
                if (slot != avoid && slot.load(subscription.topic(), perTopic) < limits.maxSymbolsPerConnection()) {
                    chosen = slot;
                    break;
                }
            }
        }
        if (chosen == null && list.size() < limits.maxConnections()) {
            int number = lastNumber.merge(endpoint, 1, Integer::sum);
            chosen = new Slot(endpoint, number, topology.modeOf(endpoint));
            list.add(chosen);
            changes.created.add(chosen);
        }
        if (chosen == null) {
            if (unassigned.add(subscription)) {
                changes.newlyUnassigned.add(subscription);
            }
            return;
        }
        unassigned.remove(subscription);
        chosen.add(subscription);
        assignment.put(subscription, chosen);
        changes.touched.add(chosen);
        changes.emptied.remove(chosen);
    }

    private void release(Subscription subscription, Changes changes) {
        unassigned.remove(subscription);
        Slot owner = assignment.remove(subscription);
        if (owner != null) {
            owner.remove(subscription);
            changes.touched.add(owner);
            if (owner.ledger.isEmpty()) {
                changes.emptied.add(owner);
            }
        }
    }

    private void fillFromUnassigned(Changes changes) {
        fillFromUnassigned(changes, new HashSet<>(unassigned));
    }

    private void fillFromUnassigned(Changes changes, Set<Subscription> waitingBefore) {
        List<Subscription> waiting = List.copyOf(unassigned);
        for (Subscription subscription : waiting) {
            unassigned.remove(subscription);
            assign(subscription, changes);
        }
        // Only report what became unassigned now, not what was waiting already.
        changes.newlyUnassigned.removeIf(subscription -> !unassigned.contains(subscription)
                || waitingBefore.contains(subscription));
        List<Subscription> distinct = List.copyOf(new LinkedHashSet<>(changes.newlyUnassigned));
        changes.newlyUnassigned.clear();
        changes.newlyUnassigned.addAll(distinct);
    }
}
