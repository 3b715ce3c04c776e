package io.marketfeed.simulator.screener;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.ConnectionHandler;
import io.marketfeed.simulator.JsonText;
import io.marketfeed.simulator.SimulatedConnection;
import io.marketfeed.simulator.screener.ScreenerMessages.Message;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One connection, as {@code ConnectionManager} and {@code websocket_endpoint} handle it: nothing is sent on
 * connect; acks, pongs, {@code reconnected}, {@code token_refreshed} and market data are queued and flushed by
 * the batcher; errors and notifications go out at once. Thread safe (Jetty threads and the scheduler).
 */
final class ScreenerConnection implements ConnectionHandler {

    static final Set<String> TYPES = Set.of("stock", "market", "sector", "watchlist");
    static final int MAX_MESSAGE_SIZE = 65_536;

    private final ScreenerSimulation simulation;
    private final String connectionId = UUID.randomUUID().toString();
    private final String userId;
    private final String ip;
    private final String restoreId;
    /** subscription type → targets; guarded by this. */
    private final Map<String, LinkedHashSet<String>> subscriptions = new LinkedHashMap<>();
    private final List<Message> queue = new ArrayList<>();
    private final Deque<Long> sentAtNanos = new ArrayDeque<>();
    private volatile SimulatedConnection connection;
    private long rateErrorAtNanos;
    private long dropped;

    ScreenerConnection(ScreenerSimulation simulation, String userId, String ip, String restoreId) {
        this.simulation = simulation;
        this.userId = userId;
        this.ip = ip;
        this.restoreId = restoreId;
    }

    String connectionId() {
        return connectionId;
    }

    String userId() {
        return userId;
    }

    SimulatedConnection connection() {
        return connection;
    }

    synchronized Map<String, List<String>> subscriptions() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        subscriptions.forEach((type, targets) -> copy.put(type, List.copyOf(targets)));
        return copy;
    }

    synchronized boolean subscribed(String type, String target) {
        Set<String> targets = subscriptions.get(type);
        return targets != null && targets.contains(target);
    }

    synchronized long dropped() {
        return dropped;
    }

    @Override
    public void onOpen(SimulatedConnection opened) {
        connection = opened;
        simulation.opened(this);
        if (simulation.options().announceSessionId()) {
            opened.send(ScreenerMessages.connected(simulation.now(), connectionId).full());
        }
        if (restoreId != null) {
            ScreenerSessions.SavedSession saved = simulation.takeSession(restoreId, userId);
            if (saved == null) {
                sendError("SESSION_RESTORATION_FAILED", "Failed to restore session " + restoreId, Map.of());
            } else {
                synchronized (this) {
                    saved.subscriptions().forEach((type, targets) ->
                            subscriptions.computeIfAbsent(type, k -> new LinkedHashSet<>()).addAll(targets));
                }
                mirror();
                long missed = simulation.sequenceNow() - saved.lastSequence();
                enqueue(ScreenerMessages.reconnected(simulation.now(), simulation.nextSequence(), restoreId,
                        saved.subscriptions(), Math.max(0, missed)));
            }
        }
    }

    @Override
    public void onText(SimulatedConnection ignored, String text) {
        if (text.length() > MAX_MESSAGE_SIZE) {
            sendError("MESSAGE_TOO_LARGE", "Message too large (max " + MAX_MESSAGE_SIZE + " characters)", Map.of());
            return;
        }
        JsonNode message;
        try {
            message = JsonText.parse(text);
        } catch (IOException e) {
            sendError("INVALID_JSON", "Invalid JSON format", Map.of("error", String.valueOf(e.getMessage())));
            return;
        }
        if (message == null || !message.isObject() || !message.has("type")) {
            sendError("MISSING_TYPE", "Message type is required", Map.of());
            return;
        }
        String type = message.path("type").asText();
        switch (type) {
            case "subscribe": onSubscribe(message); break;
            case "unsubscribe": onUnsubscribe(message); break;
            case "ping": enqueue(ScreenerMessages.pong(simulation.now(), simulation.nextSequence())); break;
            case "refresh_token": onRefresh(message); break;
            case "reconnect":
                sendError("RECONNECT_NOT_SUPPORTED_HERE", "Use the session_id query parameter to reconnect", Map.of());
                break;
            default: sendError("UNKNOWN_MESSAGE_TYPE", "Unknown message type: " + type, Map.of());
        }
    }

    @Override
    public void onClose(SimulatedConnection ignored, int code, String reason) {
        simulation.closed(this, subscriptions());
    }

    private void onSubscribe(JsonNode message) {
        String type = message.path("subscription_type").asText("");
        List<String> targets = targets(message);
        if (!TYPES.contains(type) || targets == null) {
            sendError("SUBSCRIBE_ERROR", "Invalid subscription request", Map.of());
            return;
        }
        ScreenerOptions options = simulation.options();
        if (targets.size() > options.maxTargetsPerRequest()) {
            sendError("TOO_MANY_TARGETS", "Too many targets (max: " + options.maxTargetsPerRequest() + ")",
                    Map.of("max_targets", options.maxTargetsPerRequest()));
            return;
        }
        synchronized (this) {
            int current = subscriptions.values().stream().mapToInt(Set::size).sum();
            if (current + targets.size() > options.maxSubscriptionsPerConnection()) {
                sendError("SUBSCRIPTION_LIMIT_EXCEEDED", "Subscription limit exceeded (max: "
                        + options.maxSubscriptionsPerConnection() + ")",
                        Map.of("max_subscriptions", options.maxSubscriptionsPerConnection(), "current", current));
                return;
            }
            subscriptions.computeIfAbsent(type, k -> new LinkedHashSet<>()).addAll(targets);
        }
        // Observation: "type:target" per subscription; a repeat is recorded as a duplicate subscribe.
        connection.subscribe(targets.stream().map(target -> type + ":" + target).toList());
        enqueue(ScreenerMessages.ack("subscribed", simulation.now(), simulation.nextSequence(), type, targets));
    }

    private void onUnsubscribe(JsonNode message) {
        String type = message.path("subscription_type").asText("");
        List<String> targets = targets(message);
        if (!TYPES.contains(type) || targets == null) {
            sendError("UNSUBSCRIBE_ERROR", "Invalid unsubscription request", Map.of());
            return;
        }
        synchronized (this) {
            Set<String> current = subscriptions.get(type);
            if (current != null) {
                targets.forEach(current::remove);
            }
        }
        connection.unsubscribe(targets.stream().map(target -> type + ":" + target).toList());
        enqueue(ScreenerMessages.ack("unsubscribed", simulation.now(), simulation.nextSequence(), type, targets));
    }

    private void onRefresh(JsonNode message) {
        String token = message.path("refresh_token").asText(null);
        if (token == null || token.isEmpty()) {
            sendError("INVALID_REFRESH_TOKEN", "Refresh token is required", Map.of());
            return;
        }
        Jwt.Claims claims = Jwt.verify(simulation.options().secret(), token, simulation.now()).orElse(null);
        if (claims == null) {
            sendError("INVALID_TOKEN", "Invalid or expired refresh token", Map.of());
            return;
        }
        if (!claims.type().equals("refresh")) {
            sendError("INVALID_TOKEN_TYPE", "Invalid token type", Map.of());
            return;
        }
        long ttl = simulation.options().accessTokenTtl().toSeconds();
        String access = simulation.issueAccessToken(claims.subject(), simulation.options().accessTokenTtl());
        simulation.countRefresh();
        enqueue(ScreenerMessages.tokenRefreshed(simulation.now(), simulation.nextSequence(), access, ttl));
    }

    private static List<String> targets(JsonNode message) {
        JsonNode node = message.get("targets");
        if (node == null || !node.isArray() || node.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return null;
            }
            out.add(item.asText());
        }
        return out;
    }

    /** Keeps the observation's subscription set in step after a restoration. */
    private void mirror() {
        List<String> all = new ArrayList<>();
        subscriptions().forEach((type, targets) -> targets.forEach(target -> all.add(type + ":" + target)));
        connection.replaceSubscriptions(all);
    }

    /**
     * {@code send_error}: anonymous connections get the code; authenticated ones (with
     * {@code genericErrorsForUsers}) get {@code "code":"ERROR"} without details, on every connection of the user.
     */
    void sendError(String code, String text, Map<String, Object> details) {
        Instant now = simulation.now();
        if (userId != null && simulation.options().genericErrorsForUsers()) {
            simulation.sendToUser(userId, ScreenerMessages.error(now, simulation.nextSequence(), "ERROR", text, null));
        } else {
            sendNow(ScreenerMessages.error(now, simulation.nextSequence(), code, text, details));
        }
    }

    void sendNow(Message message) {
        SimulatedConnection current = connection;
        if (current != null) {
            current.send(message.full());
        }
    }

    /**
     * Queues a batched message, or drops it over the outbound rate limit (sending RATE_LIMIT_EXCEEDED at most once
     * per window).
     */
    void enqueue(Message message) {
        int limit = simulation.options().rateLimit();
        boolean report = false;
        synchronized (this) {
            if (limit > 0) {
                long now = System.nanoTime();
                while (!sentAtNanos.isEmpty() && now - sentAtNanos.peekFirst() > 1_000_000_000L) {
                    sentAtNanos.pollFirst();
                }
                if (sentAtNanos.size() >= limit) {
                    dropped++;
                    if (now - rateErrorAtNanos > 1_000_000_000L || rateErrorAtNanos == 0) {
                        rateErrorAtNanos = now;
                        report = true;
                    }
                } else {
                    sentAtNanos.addLast(now);
                    queue.add(message);
                }
            } else {
                queue.add(message);
            }
        }
        if (report) {
            sendError("RATE_LIMIT_EXCEEDED", "Rate limit exceeded (" + limit + " messages/second)",
                    Map.of("rate_limit", limit));
        }
        if (simulation.options().batchInterval().isZero()) {
            flush();
        }
    }

    /** The batcher: one queued message is sent bare, several as a batch with its own sequence. */
    void flush() {
        List<Message> items;
        synchronized (this) {
            if (queue.isEmpty()) {
                return;
            }
            items = List.copyOf(queue);
            queue.clear();
        }
        SimulatedConnection current = connection;
        if (current == null) {
            return;
        }
        if (items.size() == 1) {
            current.send(items.get(0).full());
        } else {
            current.send(ScreenerMessages.batch(items, simulation.options().stripBatchedFields(), simulation.now(),
                    simulation.nextSequence()).full());
        }
    }

    String ip() {
        return ip;
    }
}
