package io.marketfeed.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketfeed.simulator.CloseRecord;
import io.marketfeed.simulator.Observation;
import io.marketfeed.simulator.ReceivedMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the TickAtlas simulator saw, as intervals: when each connection held each symbol (from its subscribe request
 * to its unsubscribe or close), and which key each connection authenticated with. Answers "was a symbol ever
 * subscribed on two connections at once" and "how many connections did a key hold at once", from the server's side.
 *
 * <p>Immutable snapshot; any thread.
 */
final class SubscriptionHistory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant OPEN = Instant.MAX;

    record Held(long connection, String symbol, Instant from, Instant to) {
        boolean overlaps(Held other) {
            return from.isBefore(other.to) && other.from.isBefore(to);
        }
    }

    private final List<Held> held = new ArrayList<>();
    private final Map<Long, String> keys = new HashMap<>();
    private final Map<Long, Instant[]> lifetimes = new HashMap<>();

    SubscriptionHistory(Observation observation) {
        Map<Long, Instant> closed = new HashMap<>();
        for (CloseRecord close : observation.closes()) {
            closed.merge(close.connectionId(), close.at(), (a, b) -> a.isBefore(b) ? a : b);
        }
        Map<String, Instant> since = new HashMap<>();
        for (ReceivedMessage message : observation.received()) {
            JsonNode json = parse(message.text());
            String action = json.path("action").asText();
            long connection = message.connectionId();
            Instant end = closed.getOrDefault(connection, OPEN);
            if (action.equals("auth")) {
                keys.put(connection, json.path("key").asText());
                lifetimes.put(connection, new Instant[] {message.at(), end});
            }
            for (JsonNode symbol : json.path("symbols")) {
                String id = connection + "/" + symbol.asText();
                if (action.equals("subscribe")) {
                    since.putIfAbsent(id, message.at());
                } else if (action.equals("unsubscribe") && since.containsKey(id)) {
                    held.add(new Held(connection, symbol.asText(), since.remove(id), message.at()));
                }
            }
        }
        since.forEach((id, from) -> {
            long connection = Long.parseLong(id.substring(0, id.indexOf('/')));
            held.add(new Held(connection, id.substring(id.indexOf('/') + 1), from,
                    closed.getOrDefault(connection, OPEN)));
        });
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pairs of different connections that held one symbol at the same time. */
    List<String> doubleSubscriptions() {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            for (int j = i + 1; j < held.size(); j++) {
                Held a = held.get(i);
                Held b = held.get(j);
                if (a.symbol().equals(b.symbol()) && a.connection() != b.connection() && a.overlaps(b)) {
                    found.add(a + " and " + b);
                }
            }
        }
        return found;
    }

    /** The most connections each key held at once. */
    Map<String, Integer> mostConnectionsPerKey() {
        Map<String, Integer> most = new HashMap<>();
        lifetimes.forEach((connection, life) -> {
            int overlapping = 0;
            for (Map.Entry<Long, Instant[]> other : lifetimes.entrySet()) {
                Instant[] span = other.getValue();
                boolean sameKey = keys.get(other.getKey()).equals(keys.get(connection));
                // Counted at the moment this connection authenticated.
                if (sameKey && !span[0].isAfter(life[0]) && span[1].isAfter(life[0])) {
                    overlapping++;
                }
            }
            most.merge(keys.get(connection), overlapping, Math::max);
        });
        return most;
    }

    /** How many connections authenticated. */
    int connections() {
        return lifetimes.size();
    }
}
