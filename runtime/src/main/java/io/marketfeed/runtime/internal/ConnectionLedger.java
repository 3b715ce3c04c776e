package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one connection should carry (desired) against what was put on its wire (sent, and confirmed by the
 * server). The wire always converges to the desired state: {@link #next} yields the one request that brings
 * it closer, computed lazily when pacing allows a frame, so bursts of changes coalesce.
 *
 * <p>Invariants the property test checks: within one connection session a subscription is never subscribed
 * twice without an unsubscribe in between; with replace-all semantics every request carries the whole list;
 * after every reconnect ({@link #reset}) everything desired is sent again.
 *
 * <p>Not thread safe: owned by the control thread.
 */
final class ConnectionLedger {

    private final SubscribeStyle.Mode mode;
    private final Map<String, TreeSet<String>> desired = new TreeMap<>();
    /** Additive mode: subscriptions sent in this session; true once acknowledged. */
    private final Map<Subscription, Boolean> wire = new HashMap<>();
    /** Additive mode: subscribe batches sent and not yet acknowledged, oldest first. */
    private final Deque<WireRequest> pending = new ArrayDeque<>();
    /** Replace mode: the list last sent per topic, and the list the server confirmed. */
    private final Map<String, List<String>> sentLists = new HashMap<>();
    private final Map<String, List<String>> confirmedLists = new HashMap<>();
    /** Additive mode: the last subscribe request sent per topic, for a refusal that names no symbols. */
    private final Map<String, List<String>> lastSubscribed = new HashMap<>();
    /** Unwanted subscriptions seen delivering data: unsubscribe them again. */
    private final Set<Subscription> ghosts = new LinkedHashSet<>();

    ConnectionLedger(SubscribeStyle.Mode mode) {
        this.mode = mode;
    }

    SubscribeStyle.Mode mode() {
        return mode;
    }

    void want(Subscription subscription) {
        desired.computeIfAbsent(subscription.topic(), topic -> new TreeSet<>()).add(subscription.symbol());
        ghosts.remove(subscription);
    }

    void unwant(Subscription subscription) {
        TreeSet<String> symbols = desired.get(subscription.topic());
        if (symbols != null) {
            symbols.remove(subscription.symbol());
            if (symbols.isEmpty()) {
                desired.remove(subscription.topic());
            }
        }
    }

    boolean wants(Subscription subscription) {
        TreeSet<String> symbols = desired.get(subscription.topic());
        return symbols != null && symbols.contains(subscription.symbol());
    }

    /** Every desired subscription, ordered. */
    List<Subscription> desired() {
        List<Subscription> out = new ArrayList<>();
        desired.forEach((topic, symbols) -> symbols.forEach(symbol -> out.add(new Subscription(topic, symbol))));
        return out;
    }

    /** Distinct symbols across topics: what per-connection symbol caps count. */
    Set<String> symbols() {
        Set<String> out = new TreeSet<>();
        desired.values().forEach(out::addAll);
        return out;
    }

    boolean isEmpty() {
        return desired.isEmpty();
    }

    /** The connection was lost: the server forgot everything. */
    void reset() {
        wire.clear();
        pending.clear();
        sentLists.clear();
        confirmedLists.clear();
        ghosts.clear();
        lastSubscribed.clear();
    }

    /** Data arrived for a subscription this connection does not want: unsubscribe it (again). */
    void ghost(Subscription subscription) {
        if (!wants(subscription)) {
            ghosts.add(subscription);
        }
    }

    /** Subscriptions on the wire: sent in this session (confirmed or not) and still wanted. */
    Set<Subscription> onWire() {
        Set<Subscription> out = new TreeSet<>();
        if (mode == SubscribeStyle.Mode.ADDITIVE) {
            out.addAll(wire.keySet());
        } else {
            sentLists.forEach((topic, symbols) -> symbols.forEach(symbol -> out.add(new Subscription(topic, symbol))));
        }
        return out;
    }

    int confirmedCount() {
        if (mode == SubscribeStyle.Mode.ADDITIVE) {
            return (int) wire.values().stream().filter(Boolean::booleanValue).count();
        }
        return confirmedLists.values().stream().mapToInt(List::size).sum();
    }

    /** Whether the wire matches the desired state and the server confirmed all of it. */
    boolean settled() {
        return !peekNeeded() && pending.isEmpty()
                && (mode == SubscribeStyle.Mode.ADDITIVE || confirmedLists.equals(sentLists));
    }

    /**
     * The next request that brings the wire closer to the desired state, marking it as sent; empty when the
     * wire already matches. Additive mode removes before it adds, so a connection at its symbol cap frees
     * room first.
     */
    Optional<WireRequest> next(int maxSymbolsPerFrame) {
        return mode == SubscribeStyle.Mode.ADDITIVE ? nextAdditive(maxSymbolsPerFrame) : nextReplace();
    }

    private boolean peekNeeded() {
        if (mode == SubscribeStyle.Mode.ADDITIVE) {
            if (!ghosts.isEmpty()) {
                return true;
            }
            for (Subscription sent : wire.keySet()) {
                if (!wants(sent)) {
                    return true;
                }
            }
            for (Map.Entry<String, TreeSet<String>> entry : desired.entrySet()) {
                for (String symbol : entry.getValue()) {
                    if (!wire.containsKey(new Subscription(entry.getKey(), symbol))) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (!ghosts.isEmpty()) {
            return true;
        }
        Set<String> topics = new HashSet<>(desired.keySet());
        topics.addAll(sentLists.keySet());
        for (String topic : topics) {
            if (!listFor(topic).equals(sentLists.getOrDefault(topic, List.of()))) {
                return true;
            }
        }
        return false;
    }

    private Optional<WireRequest> nextAdditive(int maxSymbolsPerFrame) {
        Map<String, List<String>> removals = new TreeMap<>();
        for (Subscription sent : new TreeSet<>(wire.keySet())) {
            if (!wants(sent)) {
                removals.computeIfAbsent(sent.topic(), topic -> new ArrayList<>()).add(sent.symbol());
            }
        }
        for (Subscription ghost : ghosts) {
            if (!wire.containsKey(ghost)) {
                removals.computeIfAbsent(ghost.topic(), topic -> new ArrayList<>()).add(ghost.symbol());
            }
        }
        if (!removals.isEmpty()) {
            Map.Entry<String, List<String>> first = removals.entrySet().iterator().next();
            List<String> chunk = first.getValue().subList(0, Math.min(maxSymbolsPerFrame, first.getValue().size()));
            for (String symbol : chunk) {
                Subscription subscription = new Subscription(first.getKey(), symbol);
                wire.remove(subscription);
                ghosts.remove(subscription);
            }
            dropFromPending(first.getKey(), chunk);
            return Optional.of(new WireRequest(WireRequest.Kind.UNSUBSCRIBE, first.getKey(), chunk));
        }
        for (Map.Entry<String, TreeSet<String>> entry : desired.entrySet()) {
            List<String> chunk = new ArrayList<>();
            for (String symbol : entry.getValue()) {
                if (!wire.containsKey(new Subscription(entry.getKey(), symbol))) {
                    chunk.add(symbol);
                    if (chunk.size() == maxSymbolsPerFrame) {
                        break;
                    }
                }
            }
            if (!chunk.isEmpty()) {
                chunk.forEach(symbol -> wire.put(new Subscription(entry.getKey(), symbol), Boolean.FALSE));
                WireRequest request = new WireRequest(WireRequest.Kind.SUBSCRIBE, entry.getKey(), chunk);
                pending.addLast(request);
                lastSubscribed.put(entry.getKey(), List.copyOf(chunk));
                return Optional.of(request);
            }
        }
        return Optional.empty();
    }

    private Optional<WireRequest> nextReplace() {
        Set<String> topics = new TreeSet<>(desired.keySet());
        topics.addAll(sentLists.keySet());
        ghosts.forEach(ghost -> topics.add(ghost.topic()));
        for (String topic : topics) {
            List<String> wanted = listFor(topic);
            List<String> sent = sentLists.getOrDefault(topic, List.of());
            boolean ghosted = ghostsOn(topic);
            if (wanted.equals(sent) && !ghosted) {
                continue;
            }
            if (wanted.isEmpty()) {
                TreeSet<String> previous = new TreeSet<>(sent);
                previous.addAll(ghostSymbols(topic));
                sentLists.remove(topic);
                confirmedLists.remove(topic);
                ghosts.removeIf(ghost -> ghost.topic().equals(topic));
                if (previous.isEmpty()) {
                    continue;
                }
                return Optional.of(new WireRequest(WireRequest.Kind.UNSUBSCRIBE, topic, List.copyOf(previous)));
            }
            if (ghosted) {
                confirmedLists.remove(topic);
            }
            sentLists.put(topic, wanted);
            ghosts.removeIf(ghost -> ghost.topic().equals(topic));
            return Optional.of(new WireRequest(WireRequest.Kind.REPLACE, topic, wanted));
        }
        return Optional.empty();
    }

    private boolean ghostsOn(String topic) {
        return ghosts.stream().anyMatch(ghost -> ghost.topic().equals(topic));
    }

    private List<String> ghostSymbols(String topic) {
        List<String> out = new ArrayList<>();
        ghosts.stream().filter(ghost -> ghost.topic().equals(topic)).forEach(ghost -> out.add(ghost.symbol()));
        return out;
    }

    private List<String> listFor(String topic) {
        TreeSet<String> symbols = desired.get(topic);
        return symbols == null ? List.of() : List.copyOf(symbols);
    }

    /**
     * The server confirmed a subscription. Symbols not named (an acknowledgement without a list) confirm the
     * oldest pending batch of the topic.
     */
    void acknowledged(String topic, Collection<String> symbols) {
        if (mode == SubscribeStyle.Mode.REPLACE_ALL) {
            List<String> sent = sentLists.get(topic);
            if (sent != null) {
                confirmedLists.put(topic, sent);
            }
            return;
        }
        Collection<String> confirmed = symbols;
        if (confirmed.isEmpty()) {
            WireRequest oldest = oldestPending(topic);
            confirmed = oldest == null ? List.of() : oldest.symbols();
        }
        for (String symbol : confirmed) {
            wire.computeIfPresent(new Subscription(topic, symbol), (key, value) -> Boolean.TRUE);
        }
        dropFromPending(topic, confirmed);
    }

    /**
     * The server restored these from an earlier session: they are on the wire and confirmed without a request.
     * Any the connection does not want are unsubscribed by the next requests.
     */
    void restored(String topic, Collection<String> symbols) {
        if (mode == SubscribeStyle.Mode.ADDITIVE) {
            for (String symbol : symbols) {
                wire.put(new Subscription(topic, symbol), Boolean.TRUE);
            }
            dropFromPending(topic, symbols);
            return;
        }
        List<String> list = List.copyOf(new TreeSet<>(symbols));
        sentLists.put(topic, list);
        confirmedLists.put(topic, list);
    }

    /** The server did not apply a request for these: they are sent again by the next requests. */
    void notApplied(String topic, Collection<String> symbols) {
        if (mode == SubscribeStyle.Mode.ADDITIVE) {
            for (String symbol : symbols) {
                wire.remove(new Subscription(topic, symbol));
            }
            dropFromPending(topic, symbols);
            return;
        }
        sentLists.remove(topic);
        confirmedLists.remove(topic);
    }

    /** No acknowledgement came in time: count what was sent as on the wire so nothing waits forever. */
    void assumeAcknowledged() {
        wire.replaceAll((key, value) -> Boolean.TRUE);
        pending.clear();
        confirmedLists.putAll(sentLists);
    }

    /** Whether subscribe requests still wait for their acknowledgement. */
    boolean awaitingAcknowledgement() {
        return !pending.isEmpty() || (mode == SubscribeStyle.Mode.REPLACE_ALL && !confirmedLists.equals(sentLists));
    }

    /** The server refused these: they leave both the desired state and the wire. */
    void rejected(String topic, Collection<String> symbols) {
        for (String symbol : symbols) {
            Subscription subscription = new Subscription(topic, symbol);
            unwant(subscription);
            wire.remove(subscription);
        }
        if (mode == SubscribeStyle.Mode.REPLACE_ALL && sentLists.containsKey(topic)) {
            List<String> kept = new ArrayList<>(sentLists.get(topic));
            kept.removeAll(symbols);
            sentLists.put(topic, List.copyOf(kept));
            confirmedLists.put(topic, List.copyOf(kept));
        }
        dropFromPending(topic, symbols);
    }

    /**
     * What a refusal that names no symbols refuses ("too many symbols"): the oldest request of the topic still
     * awaiting its acknowledgement; when none waits (a protocol without acknowledgements), the last subscribe
     * request sent on it; with replace-all semantics, the list last sent. Only symbols still wanted count.
     */
    List<String> unnamedRefusal(String topic) {
        List<String> refused;
        if (mode == SubscribeStyle.Mode.REPLACE_ALL) {
            refused = sentLists.getOrDefault(topic, List.of());
        } else {
            WireRequest oldest = oldestPending(topic);
            refused = oldest != null ? oldest.symbols() : lastSubscribed.getOrDefault(topic, List.of());
        }
        List<String> wanted = new ArrayList<>();
        for (String symbol : refused) {
            if (wants(new Subscription(topic, symbol))) {
                wanted.add(symbol);
            }
        }
        return wanted;
    }

    private WireRequest oldestPending(String topic) {
        for (WireRequest request : pending) {
            if (request.topic().equals(topic)) {
                return request;
            }
        }
        return null;
    }

    private void dropFromPending(String topic, Collection<String> symbols) {
        List<WireRequest> rebuilt = new ArrayList<>();
        for (Iterator<WireRequest> it = pending.iterator(); it.hasNext();) {
            WireRequest request = it.next();
            it.remove();
            if (!request.topic().equals(topic)) {
                rebuilt.add(request);
                continue;
            }
            List<String> left = new ArrayList<>(request.symbols());
            left.removeAll(symbols);
            if (!left.isEmpty()) {
                rebuilt.add(new WireRequest(request.kind(), topic, left));
            }
        }
        pending.addAll(rebuilt);
    }
}
