package io.marketfeed.provider.tickatlas;

import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.Topics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one connection needs to read TickAtlas's replies, which carry no request id:
 * <ul>
 * <li>which topics want each symbol, and which symbols are subscribed on the wire. One wire subscription serves
 * both topics (every push carries the quote and the M1 bar). A symbol is subscribed on the wire once per
 * connection, for whichever topic asks first; the other topic's request for it sends only a {@code ping} (the
 * runtime needs a frame for every request), and is acknowledged by the first frame after it once the symbol's own
 * subscribe is answered. A symbol is unsubscribed on the wire only when no topic wants it any more;</li>
 * <li>the subscribe and unsubscribe requests not yet answered, oldest first (the server answers in order), to
 * acknowledge the right topic and to reconcile the server's {@code total_subscribed} with what was sent;</li>
 * <li>the symbols already reported as refused, so that a server repeating itself is not news.</li>
 * </ul>
 *
 * <p>Not thread safe: owned by one {@link TickAtlasSession}, which the runtime calls serially.
 */
final class TickAtlasRequests {

    private static final List<String> TOPICS = List.of(Topics.QUOTES, Topics.CANDLES);

    /**
     * One request awaiting its answer; its lists shrink when some are refused.
     *
     * @param symbols what the runtime asked for
     * @param sent the symbols the request put on the wire (the others were there already)
     */
    private record Pending(String topic, List<String> symbols, List<String> sent) {
    }

    /** Symbol → the topics that want it on this connection, in subscription order. */
    private final Map<String, Set<String>> topicsBySymbol = new LinkedHashMap<>();
    /** Symbols subscribed on the wire on this connection (sent, and not refused or unsubscribed since). */
    private final Set<String> wire = new HashSet<>();
    private final Deque<Pending> pendingSubscribes = new ArrayDeque<>();
    /** Requests for symbols already on the wire (sent as a ping), waiting to be acknowledged. */
    private final Deque<Pending> pendingShared = new ArrayDeque<>();
    private final Deque<Pending> pendingUnsubscribes = new ArrayDeque<>();
    /** Symbols already reported as refused. */
    private final Set<String> refused = new HashSet<>();

    /**
     * Subscribes on the wire only the symbols not yet there; when all are (the other topic asked for them), sends
     * a {@code ping} instead, so that no subscription goes on the wire twice.
     */
    OutboundFrame subscribe(String topic, List<String> symbols) {
        List<String> fresh = new ArrayList<>();
        for (String symbol : symbols) {
            topicsBySymbol.computeIfAbsent(symbol, ignored -> new LinkedHashSet<>()).add(topic);
            refused.remove(symbol);
            if (wire.add(symbol)) {
                fresh.add(symbol);
            }
        }
        if (fresh.isEmpty()) {
            pendingShared.addLast(new Pending(topic, new ArrayList<>(symbols), new ArrayList<>()));
            return TickAtlasCodec.PING;
        }
        pendingSubscribes.addLast(new Pending(topic, new ArrayList<>(symbols), fresh));
        return TickAtlasCodec.subscribe(fresh);
    }

    /**
     * Unsubscribes on the wire only the symbols no other topic still wants; empty when every one of them is still
     * wanted by the other topic (the pushes go on, and only the unwanted event is no longer emitted).
     */
    Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
        List<String> leaving = new ArrayList<>();
        for (String symbol : symbols) {
            Set<String> topics = topicsBySymbol.get(symbol);
            if (topics != null) {
                topics.remove(topic);
            }
            if (topics == null || topics.isEmpty()) {
                topicsBySymbol.remove(symbol);
                wire.remove(symbol);
                leaving.add(symbol);
            }
        }
        // The request was sent and will be answered: keep its (maybe now empty) place in the queue.
        removeFromPending(topic, symbols, false);
        if (leaving.isEmpty()) {
            return Optional.empty();
        }
        pendingUnsubscribes.addLast(new Pending(topic, leaving, leaving));
        return Optional.of(TickAtlasCodec.unsubscribe(leaving));
    }

    /** The topics that want {@code symbol} on this connection; null when it carries no such symbol. */
    Set<String> topicsOf(String symbol) {
        return topicsBySymbol.get(symbol);
    }

    /**
     * Acknowledges the requests for symbols that were on the wire already once no subscribe that put one of them
     * there still waits for its answer: whatever the server sends after that, those symbols are subscribed. Called
     * for every frame, so the {@code pong} to their ping normally does it.
     */
    void acknowledgeShared(DecodeOutput out) {
        if (pendingShared.isEmpty()) {
            return; // the usual case, every push: no iterator made
        }
        for (Iterator<Pending> it = pendingShared.iterator(); it.hasNext();) {
            Pending shared = it.next();
            if (shared.symbols().isEmpty()) {
                it.remove();
                continue;
            }
            boolean waiting = pendingSubscribes.stream()
                    .anyMatch(pending -> !Collections.disjoint(pending.sent(), shared.symbols()));
            if (!waiting) {
                it.remove();
                out.acknowledged(shared.topic(), List.copyOf(shared.symbols()));
            }
        }
    }

    /**
     * The answer to the oldest subscribe request; the server lists every symbol now active (or, some servers, the
     * ones the request added). Symbols of the request that were on the wire already are confirmed with it.
     */
    void subscribed(List<String> listed, DecodeOutput out) {
        Pending batch = pendingSubscribes.pollFirst();
        if (batch != null) {
            List<String> confirmed = new ArrayList<>(batch.symbols());
            if (!listed.isEmpty()) {
                confirmed.removeIf(symbol -> batch.sent().contains(symbol) && !listed.contains(symbol));
            }
            if (!confirmed.isEmpty()) {
                // Never an empty list: the runtime would take it for "the oldest pending request of the topic".
                out.acknowledged(batch.topic(), confirmed);
            }
        } else if (!listed.isEmpty()) {
            // Unprompted: confirm whatever it names, per topic.
            for (String topic : TOPICS) {
                List<String> mine = listed.stream()
                        .filter(symbol -> topicsBySymbol.getOrDefault(symbol, Set.of()).contains(topic)).toList();
                if (!mine.isEmpty()) {
                    out.acknowledged(topic, mine);
                }
            }
        }
    }

    /** The answer to the oldest unsubscribe request: the symbols it lists, else the ones the request sent. */
    void unsubscribed(List<String> listed, DecodeOutput out) {
        Pending batch = pendingUnsubscribes.pollFirst();
        String topic = batch == null ? Topics.QUOTES : batch.topic();
        out.unsubscribed(topic, listed.isEmpty() && batch != null ? batch.symbols() : listed);
    }

    /**
     * Compares the server's {@code total_subscribed} with the symbols sent on this connection, once every request
     * was answered. Fewer on the server means symbols that get no data (and, with the credit ledger, that the
     * forecast counts pushes that never come); more is not reported, since the count may be per key.
     *
     * @param listed the symbols the answer listed, to name the missing ones when it lists as many as it counts
     */
    void reconcile(OptionalLong total, List<String> listed, String connectionId, DecodeOutput out) {
        if (total.isEmpty() || !pendingSubscribes.isEmpty() || !pendingUnsubscribes.isEmpty()
                || total.getAsLong() >= topicsBySymbol.size()) {
            return;
        }
        String missing = "";
        if (listed.size() == total.getAsLong()) {
            Set<String> absent = new TreeSet<>(topicsBySymbol.keySet());
            absent.removeAll(listed);
            missing = ": missing " + String.join(", ", absent);
        }
        out.problem(Disposition.warn("TickAtlas counts " + total.getAsLong() + " subscribed symbols on "
                + connectionId + " but marketfeed subscribed " + topicsBySymbol.size() + missing
                + "; those get no data"));
    }

    /**
     * Reports the symbols an error names as refused, per topic that wants them or asked for them; false when none
     * of them is carried here. A refused symbol leaves the wire and the requests waiting for an answer.
     */
    boolean reject(List<String> named, String described, DecodeOutput out) {
        Map<String, List<String>> byTopic = new LinkedHashMap<>();
        for (String symbol : named) {
            Set<String> topics = new LinkedHashSet<>(topicsBySymbol.getOrDefault(symbol, Set.of()));
            for (Pending pending : pendingSubscribes) {
                if (pending.symbols().contains(symbol)) {
                    topics.add(pending.topic());
                }
            }
            topics.forEach(topic -> byTopic.computeIfAbsent(topic, ignored -> new ArrayList<>()).add(symbol));
        }
        if (byTopic.isEmpty()) {
            return false;
        }
        byTopic.forEach((topic, symbols) -> {
            removeFromPending(topic, symbols, true);
            out.rejected(topic, symbols, "TickAtlas refused the subscription: " + described);
        });
        named.forEach(topicsBySymbol::remove);
        named.forEach(wire::remove);
        refused.addAll(named);
        return true;
    }

    /** Whether every one of these symbols was reported as refused already (an error repeating itself). */
    boolean allRefused(List<String> symbols) {
        return refused.containsAll(symbols);
    }

    /**
     * @param dropEmpty whether a request left without symbols is forgotten: a request the server refused entirely
     *     gets no {@code subscribed}, so it must leave the queue to keep it aligned with the answers
     */
    private void removeFromPending(String topic, List<String> symbols, boolean dropEmpty) {
        remove(pendingSubscribes, topic, symbols, dropEmpty);
        // No answer is counted on for these (a pong answers pings, not requests): emptied ones just go.
        remove(pendingShared, topic, symbols, true);
    }

    private static void remove(Deque<Pending> queue, String topic, List<String> symbols, boolean dropEmpty) {
        for (Pending pending : queue) {
            if (pending.topic().equals(topic)) {
                pending.symbols().removeAll(symbols);
            }
        }
        if (dropEmpty) {
            queue.removeIf(pending -> pending.topic().equals(topic) && pending.symbols().isEmpty());
        }
    }
}
