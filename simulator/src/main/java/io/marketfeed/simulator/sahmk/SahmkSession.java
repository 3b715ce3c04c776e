package io.marketfeed.simulator.sahmk;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.ConnectionHandler;
import io.marketfeed.simulator.JsonText;
import io.marketfeed.simulator.SimulatedConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SAHMK protocol for one authenticated connection: {@code connected} on open, then subscribe / unsubscribe /
 * ping. Subscriptions are additive and validated per call (per-call cap, {@code *} entitlement, unknown symbols,
 * per-connection cap) with the error codes of the brief; a rejected call subscribes nothing, except that unknown
 * symbols are reported and the valid rest of the call still goes through.
 *
 * <p>Threading: Jetty calls {@code onOpen}/{@code onText} sequentially; the publisher reads {@link #limits()} and
 * {@link #depthLevels(String)} from the scheduler thread, hence the volatile and concurrent fields.
 */
final class SahmkSession implements ConnectionHandler {

    static final int DEFAULT_DEPTH_LEVELS = 5;
    static final int MAX_DEPTH_LEVELS = 20;

    private final SahmkSimulation simulation;
    private final Channel channel;
    private final Plan plan;
    private volatile PlanLimits limits;
    private volatile boolean ready;
    /** Depth channel: levels each symbol was subscribed with (a later subscribe of the symbol replaces it). */
    private final Map<String, Integer> depthLevels = new ConcurrentHashMap<>();

    SahmkSession(SahmkSimulation simulation, Channel channel, Plan plan, PlanLimits limits) {
        this.simulation = simulation;
        this.channel = channel;
        this.plan = plan;
        this.limits = limits;
    }

    Channel channel() {
        return channel;
    }

    PlanLimits limits() {
        return limits;
    }

    /** True once {@code connected} went out; the publisher sends nothing before. */
    boolean ready() {
        return ready;
    }

    int depthLevels(String symbol) {
        Integer levels = depthLevels.get(symbol);
        if (levels == null) {
            levels = depthLevels.getOrDefault("*", DEFAULT_DEPTH_LEVELS);
        }
        return levels;
    }

    @Override
    public void onOpen(SimulatedConnection connection) {
        connection.send(SahmkMessages.connected(plan, limits, channel, simulation.now()));
        ready = true;
    }

    /** Adopts new limits and tells the client with a fresh {@code connected}, its documented source of truth. */
    void announce(SimulatedConnection connection, PlanLimits newLimits) {
        limits = newLimits;
        connection.send(SahmkMessages.connected(plan, newLimits, channel, simulation.now()));
    }

    @Override
    public void onText(SimulatedConnection connection, String text) {
        JsonNode message;
        try {
            message = JsonText.parse(text);
        } catch (IOException e) {
            message = null;
        }
        if (message == null || !message.isObject()) {
            connection.send(SahmkMessages.error("Invalid JSON"));
            return;
        }
        JsonNode action = message.get("action");
        if (action == null || action.isNull()) {
            connection.send(SahmkMessages.error("Missing action"));
            return;
        }
        switch (action.asText()) {
            case "subscribe" -> subscribe(connection, message);
            case "unsubscribe" -> unsubscribe(connection, message);
            case "ping" -> connection.send(SahmkMessages.pong(simulation.now()));
            default -> connection.send(SahmkMessages.error("Unknown action: " + action.asText()));
        }
    }

    private void subscribe(SimulatedConnection connection, JsonNode message) {
        Optional<List<String>> parsed = symbols(message);
        if (parsed.isEmpty()) {
            connection.send(SahmkMessages.error("symbols must be a non-empty list of strings"));
            return;
        }
        List<String> requested = parsed.get();
        PlanLimits current = limits;
        if (requested.size() > current.maxSymbolsPerCall()) {
            connection.send(SahmkMessages.error("TOO_MANY_SYMBOLS", "Too many symbols in one call: "
                    + requested.size() + " > " + current.maxSymbolsPerCall()));
            return;
        }
        if (requested.contains("*") && !current.subscribeAll()) {
            connection.send(SahmkMessages.error("PLAN_LIMIT",
                    "Subscribing to all symbols (*) requires an Enterprise plan"));
            return;
        }
        List<String> valid = new ArrayList<>();
        Set<String> invalid = new LinkedHashSet<>();
        for (String symbol : requested) {
            if (symbol.equals("*") || simulation.market().contains(symbol)) {
                valid.add(symbol);
            } else {
                invalid.add(symbol);
            }
        }
        int levels = requestedLevels(message);
        connection.atomically(() -> {
            if (!invalid.isEmpty()) {
                connection.send(SahmkMessages.error("INVALID_SYMBOL", (invalid.size() == 1 ? "Invalid symbol: "
                        : "Invalid symbols: ") + String.join(", ", invalid)));
            }
            if (!valid.isEmpty()) {
                accept(connection, valid, current, levels);
            }
        });
    }

    /** Called under the connection's lock, so the ack precedes any data the publisher sends for the batch. */
    private void accept(SimulatedConnection connection, List<String> valid, PlanLimits current, int levels) {
        Set<String> total = new LinkedHashSet<>(connection.subscriptions());
        total.addAll(valid);
        if (total.size() > current.maxSymbolsPerConnection()) {
            connection.send(SahmkMessages.error("SYMBOL_LIMIT", "Symbol limit per connection exceeded: "
                    + total.size() + " > " + current.maxSymbolsPerConnection()));
            return;
        }
        connection.subscribe(valid);
        List<String> batch = List.copyOf(new LinkedHashSet<>(valid));
        if (channel == Channel.DEPTH) {
            batch.forEach(symbol -> depthLevels.put(symbol, levels));
            if (simulation.options().depthSnapshotBeforeAck()) {
                sendDepthSnapshots(connection, batch);
            }
        }
        connection.send(SahmkMessages.subscribed(batch, total.size(), current.maxSymbolsPerConnection()));
        if (channel == Channel.DEPTH && !simulation.options().depthSnapshotBeforeAck()) {
            sendDepthSnapshots(connection, batch);
        }
        if (channel == Channel.TRADES) {
            for (String symbol : batch) {
                if (!symbol.equals("*")) {
                    connection.send(SahmkMessages.tradesSnapshot(symbol, simulation.market().recentTrades(symbol,
                            simulation.options().tradesSnapshotSize())));
                }
            }
        }
    }

    private void sendDepthSnapshots(SimulatedConnection connection, List<String> batch) {
        for (String symbol : batch) {
            if (!symbol.equals("*")) {
                int levels = depthLevels(symbol);
                connection.send(SahmkMessages.depthSnapshot(simulation.market().book(symbol, levels), levels));
            }
        }
    }

    private void unsubscribe(SimulatedConnection connection, JsonNode message) {
        Optional<List<String>> parsed = symbols(message);
        if (parsed.isEmpty()) {
            connection.send(SahmkMessages.error("symbols must be a non-empty list of strings"));
            return;
        }
        List<String> batch = List.copyOf(new LinkedHashSet<>(parsed.get()));
        connection.atomically(() -> {
            connection.unsubscribe(batch);
            batch.forEach(depthLevels::remove);
            connection.send(SahmkMessages.unsubscribed(batch, connection.subscriptions().size()));
        });
    }

    /** Depth {@code levels}: default 5, clamped to 1-20 and to the configured entitlement cap. */
    private int requestedLevels(JsonNode message) {
        JsonNode levels = message.get("levels");
        int requested = levels != null && levels.canConvertToInt() && levels.isIntegralNumber()
                ? levels.asInt() : DEFAULT_DEPTH_LEVELS;
        return Math.max(1, Math.min(requested, simulation.options().maxDepthLevels()));
    }

    private static Optional<List<String>> symbols(JsonNode message) {
        JsonNode symbols = message.get("symbols");
        if (symbols == null || !symbols.isArray() || symbols.isEmpty()) {
            return Optional.empty();
        }
        List<String> result = new ArrayList<>();
        for (JsonNode symbol : symbols) {
            if (!symbol.isTextual() || symbol.asText().isBlank()) {
                return Optional.empty();
            }
            result.add(symbol.asText().trim());
        }
        return Optional.of(result);
    }
}
