package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.Subscription;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one connection wants, as the read thread needs it: the symbols by topic (data for anything else is
 * dropped as unwanted), and each wanted symbol's last event time ({@link SymbolClocks}) for quiet-symbol reports.
 *
 * <p>Threading: {@link #refresh} runs on the control thread and publishes immutable sets through volatile fields;
 * {@link #wants} and {@link #seen} run on the connection's read thread and allocate nothing.
 */
final class WantedSymbols {

    private final SymbolClocks clocks = new SymbolClocks();
    private volatile Map<String, Set<String>> byTopic = Map.of();
    private volatile Set<String> wildcardTopics = Set.of();

    /** Publishes the wanted set for the read thread. Control thread. */
    void refresh(Collection<Subscription> desired, long nowNanos) {
        Map<String, Set<String>> wanted = new HashMap<>();
        Set<String> wildcards = new HashSet<>();
        for (Subscription subscription : desired) {
            if (subscription.symbol().equals("*")) {
                wildcards.add(subscription.topic());
            }
            wanted.computeIfAbsent(subscription.topic(), topic -> new HashSet<>()).add(subscription.symbol());
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        wanted.forEach((topic, symbols) -> frozen.put(topic, Set.copyOf(symbols)));
        byTopic = Map.copyOf(frozen);
        wildcardTopics = Set.copyOf(wildcards);
        clocks.rebuild(desired, nowNanos);
    }

    /** Whether data for this subscription is wanted here. Read thread; allocates nothing. */
    boolean wants(String topic, String symbol) {
        if (wildcardTopics.contains(topic)) {
            return true;
        }
        Set<String> symbols = byTopic.get(topic);
        return symbols != null && symbols.contains(symbol);
    }

    /** A wanted market-data event for {@code symbol} arrived. Read thread; allocates nothing. */
    void seen(String symbol, long nanos, Instant at) {
        clocks.seen(symbol, nanos, at);
    }

    /** Each symbol's last event, for the quiet-symbol check and snapshots. */
    SymbolClocks clocks() {
        return clocks;
    }
}
