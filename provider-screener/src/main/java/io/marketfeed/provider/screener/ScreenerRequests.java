package io.marketfeed.provider.screener;

import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.toolkit.TextFields;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One connection's request tracking. Replies carry no request id, so this keeps:
 * <ul>
 * <li>what is on the wire per {@code subscription_type}: one {@code stock} subscription serves both the
 * {@code quotes} and {@code book} topics of a code, so the second topic's request for codes already on the wire
 * is sent as a {@code ping} whose (batched, in-order) {@code pong} acknowledges it: no target is ever sent
 * twice (the server counts duplicates against its 100-per-connection limit);</li>
 * <li>the requests not yet answered, oldest first. Acks and solicited pongs are batched and answered in order;
 * errors are sent at once, which is why {@code limits.min-control-gap} defaults to 100 ms (a flush is 30 ms).</li>
 * </ul>
 * Owned by its {@link ScreenerSession} (called serially); not thread safe.
 */
final class ScreenerRequests {

    enum Kind { SUBSCRIBE, UNSUBSCRIBE, PING, REFRESH }

    /**
     * One request awaiting its answer.
     *
     * @param topic the runtime topic (null for a heartbeat ping or a refresh)
     * @param symbols what the runtime asked for
     * @param type the wire subscription type
     * @param wire the targets actually sent (a subset of symbols; empty for a ping)
     */
    record Pending(Kind kind, String topic, List<String> symbols, String type, List<String> wire) {
    }

    /** Stock code → the topics (quotes, book) that want it on this connection. */
    private final Map<String, Set<String>> topicsByStock = new LinkedHashMap<>();
    /** Subscription type → targets sent on this connection (and not refused or unsubscribed). */
    private final Map<String, Set<String>> wire = new LinkedHashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();

    /** What is on the wire, copied without the requests: what a restore on the next attempt brings back. */
    ScreenerRequests carried() {
        ScreenerRequests copy = new ScreenerRequests();
        wire.forEach((type, targets) -> copy.wire.put(type, new LinkedHashSet<>(targets)));
        topicsByStock.forEach((code, topics) -> copy.topicsByStock.put(code, new LinkedHashSet<>(topics)));
        return copy;
    }

    OutboundFrame subscribe(String topic, List<String> symbols) {
        String type = ScreenerCodec.subscriptionType(topic);
        if (type.equals(ScreenerCodec.TYPE_STOCK)) {
            symbols.forEach(symbol -> topicsByStock.computeIfAbsent(symbol, k -> new LinkedHashSet<>()).add(topic));
        }
        Set<String> onWire = wire.computeIfAbsent(type, k -> new LinkedHashSet<>());
        List<String> fresh = symbols.stream().filter(symbol -> !onWire.contains(symbol)).toList();
        if (fresh.isEmpty()) {
            pending.addLast(new Pending(Kind.PING, topic, List.copyOf(symbols), type, List.of()));
            return ScreenerCodec.PING;
        }
        onWire.addAll(fresh);
        pending.addLast(new Pending(Kind.SUBSCRIBE, topic, List.copyOf(symbols), type, fresh));
        return ScreenerCodec.request("subscribe", type, fresh);
    }

    /** Unsubscribes on the wire only targets no other topic still wants. */
    Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
        String type = ScreenerCodec.subscriptionType(topic);
        Set<String> onWire = wire.computeIfAbsent(type, k -> new LinkedHashSet<>());
        List<String> leaving = new ArrayList<>();
        for (String symbol : symbols) {
            if (type.equals(ScreenerCodec.TYPE_STOCK)) {
                Set<String> topics = topicsByStock.get(symbol);
                if (topics != null) {
                    topics.remove(topic);
                    if (!topics.isEmpty()) {
                        continue;
                    }
                    topicsByStock.remove(symbol);
                }
            }
            if (onWire.remove(symbol)) {
                leaving.add(symbol);
            }
        }
        if (leaving.isEmpty()) {
            return Optional.empty();
        }
        pending.addLast(new Pending(Kind.UNSUBSCRIBE, topic, List.copyOf(symbols), type, List.copyOf(leaving)));
        return Optional.of(ScreenerCodec.request("unsubscribe", type, leaving));
    }

    /** A heartbeat {@code ping} or a {@code refresh_token} request was sent. */
    void sent(Kind kind) {
        pending.addLast(new Pending(kind, null, List.of(), "", List.of()));
    }

    /**
     * Whether to emit data of this topic: when the code's topics here want it, or when the code is unknown here
     * (then the runtime sees unwanted data and unsubscribes it).
     */
    boolean wanted(String symbol, String topic) {
        Set<String> topics = topicsByStock.get(symbol);
        return topics == null ? Topics.QUOTES.equals(topic) : topics.contains(topic);
    }

    /** How many targets this connection carries. */
    int targetCount() {
        return wire.values().stream().mapToInt(Set::size).sum();
    }

    void onSubscribed(ScreenerMessage message, DecodeOutput out) {
        Pending request = take(Kind.SUBSCRIBE);
        if (request != null) {
            out.acknowledged(request.topic(), request.symbols());
            return;
        }
        // Unprompted (or not ours to match): confirm what it names of what this connection wants, if anything.
        String type = message.top.trimmed(ScreenerField.SUBSCRIPTION_TYPE);
        if (type != null && message.targets != null) {
            byTopic(type, message.targets, topicsByStock, Set.of()).forEach(out::acknowledged);
        }
    }

    void onUnsubscribed(DecodeOutput out) {
        Pending request = take(Kind.UNSUBSCRIBE);
        if (request != null) {
            out.unsubscribed(request.topic(), request.symbols());
        }
    }

    /**
     * Any pong proves liveness. A pong with a sequence answers our oldest ping (the server's own heartbeat has
     * {@code "sequence": null}); a ping that stood for a subscribe of codes already on the wire acknowledges it.
     */
    void onPong(ScreenerMessage message, DecodeOutput out) {
        out.heartbeat();
        TextFields<ScreenerField> top = message.top;
        boolean solicited = top.has(ScreenerField.SEQUENCE) && !top.is(ScreenerField.SEQUENCE, "")
                || !top.isNull(ScreenerField.SEQUENCE) && pending.stream().anyMatch(next -> next.kind() == Kind.PING);
        if (!solicited) {
            return;
        }
        Pending ping = take(Kind.PING);
        if (ping != null && ping.topic() != null) {
            out.acknowledged(ping.topic(), ping.symbols());
        }
    }

    /**
     * The server restored an old session's subscriptions onto this connection: they count as subscribed. Without
     * {@code restored_subscriptions} (dropped inside a batch) what the previous attempt had stands in; a restored
     * code serves the topics it served there (quotes when unknown).
     */
    void onRestored(Map<String, List<String>> restored, ScreenerRequests previous, DecodeOutput out) {
        Map<String, ? extends Collection<String>> targetsByType = restored != null ? restored
                : previous != null ? previous.wire : Map.of();
        Map<String, Set<String>> before = previous == null ? Map.of() : previous.topicsByStock;
        targetsByType.forEach((type, targets) -> {
            wire.computeIfAbsent(type, k -> new LinkedHashSet<>()).addAll(targets);
            byTopic(type, targets, before, Set.of(Topics.QUOTES)).forEach((topic, codes) -> {
                if (type.equals(ScreenerCodec.TYPE_STOCK)) {
                    codes.forEach(code -> topicsByStock.computeIfAbsent(code, k -> new LinkedHashSet<>()).add(topic));
                }
                out.restored(topic, codes);
            });
        });
    }

    /**
     * The targets of a {@code subscription_type} by the topic they serve: a non-stock type's targets its own topic;
     * stock codes each the topics {@code known} says (quotes, book), or {@code otherwise} when it knows none of them.
     * Empty lists are left out.
     */
    private static Map<String, List<String>> byTopic(String type, Collection<String> targets,
            Map<String, Set<String>> known, Set<String> otherwise) {
        Map<String, List<String>> byTopic = new LinkedHashMap<>();
        if (!type.equals(ScreenerCodec.TYPE_STOCK)) {
            if (ScreenerCodec.topicOf(type) != null && !targets.isEmpty()) {
                byTopic.put(ScreenerCodec.topicOf(type), List.copyOf(targets));
            }
            return byTopic;
        }
        for (String target : targets) {
            Set<String> topics = known.getOrDefault(target, Set.of());
            for (String topic : topics.isEmpty() ? otherwise : topics) {
                byTopic.computeIfAbsent(topic, k -> new ArrayList<>()).add(target);
            }
        }
        return byTopic;
    }

    /** The oldest unanswered request of this kind, no longer pending; null when there is none. */
    Pending take(Kind kind) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext();) {
            Pending next = it.next();
            if (next.kind() == kind) {
                it.remove();
                return next;
            }
        }
        return null;
    }

    /** The oldest unanswered subscribe, refused: its targets are no longer on the wire. Null when there is none. */
    Pending refused() {
        Pending request = take(Kind.SUBSCRIBE);
        if (request != null) {
            Set<String> onWire = wire.get(request.type());
            if (onWire != null) {
                request.wire().forEach(onWire::remove);
            }
        }
        return request;
    }
}
