package io.marketfeed.simulator.tickatlas;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.ConnectionHandler;
import io.marketfeed.simulator.JsonText;
import io.marketfeed.simulator.SimulatedConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The TickAtlas protocol for one connection. It opens unauthenticated: the client must send
 * {@code {"action":"auth","key":"..."}} within the auth deadline, or gets {@code auth_timeout} and a close. A good
 * key gets {@code authenticated} (plan, {@code max_symbols}, {@code credits_per_push}, {@code daily_quota_remaining});
 * an unknown key {@code invalid_key}, a plan without streaming {@code forbidden}, a key already holding its
 * connections {@code connection_limit}, each followed by a close whose reason is the code. Requests before
 * authentication get {@code not_authenticated} and are counted.
 *
 * <p>Authenticated: subscribe / unsubscribe with {@code symbols} (additive, idempotent; unknown symbols get
 * {@code invalid_symbol} naming them while the rest go through; a request that would exceed {@code max_symbols}
 * gets {@code symbol_limit} and subscribes nothing), and {@code ping} → {@code pong}.
 *
 * <p>Threading: Jetty calls {@code onOpen}/{@code onText}/{@code onClose} sequentially; the auth deadline and the
 * publisher run on the scheduler thread, hence the atomic state.
 */
final class TickAtlasSession implements ConnectionHandler {

    private enum State { AWAITING_AUTH, AUTHENTICATED, CLOSED }

    private final TickAtlasSimulation simulation;
    private final AtomicReference<State> state = new AtomicReference<>(State.AWAITING_AUTH);
    private volatile KeyAccount account;
    private volatile int maxSymbols;
    /** The quota period in which this connection was last told {@code quota_exceeded}; -1 for never. */
    private volatile long quotaNoticePeriod = -1;
    private volatile ScheduledFuture<?> deadline;

    TickAtlasSession(TickAtlasSimulation simulation) {
        this.simulation = simulation;
    }

    boolean authenticated() {
        return state.get() == State.AUTHENTICATED;
    }

    KeyAccount account() {
        return account;
    }

    int maxSymbols() {
        return maxSymbols;
    }

    @Override
    public void onOpen(SimulatedConnection connection) {
        deadline = simulation.scheduleAuthDeadline(() -> onAuthDeadline(connection));
    }

    private void onAuthDeadline(SimulatedConnection connection) {
        if (state.compareAndSet(State.AWAITING_AUTH, State.CLOSED)) {
            simulation.authTimeouts.incrementAndGet();
            refuse(connection, "auth_timeout", "No auth message within "
                    + simulation.options().authDeadline().toMillis() / 1000.0 + " s of connecting; send "
                    + "{\"action\":\"auth\",\"key\":\"YOUR_API_KEY\"} first");
        }
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
            connection.send(TickAtlasMessages.error("invalid_message", "Messages must be JSON objects"));
            return;
        }
        String action = message.path("action").asText("");
        if (action.equals("ping")) {
            connection.send(TickAtlasMessages.pong(simulation.now()));
            return;
        }
        switch (state.get()) {
            case AWAITING_AUTH -> beforeAuth(connection, action, message);
            case AUTHENTICATED -> afterAuth(connection, action, message);
            case CLOSED -> { }
        }
    }

    private void beforeAuth(SimulatedConnection connection, String action, JsonNode message) {
        if (!action.equals("auth")) {
            if (action.equals("subscribe") || action.equals("unsubscribe")) {
                simulation.requestsBeforeAuth.incrementAndGet();
            }
            connection.send(TickAtlasMessages.error("not_authenticated",
                    "Authenticate first: {\"action\":\"auth\",\"key\":\"YOUR_API_KEY\"}"));
            return;
        }
        if (!simulation.answeringAuth()) {
            // A server that never answers: only the deadline ends this.
            return;
        }
        JsonNode keyNode = message.get("key");
        KeyAccount candidate = keyNode != null && keyNode.isTextual() ? simulation.account(keyNode.asText()) : null;
        if (candidate == null) {
            if (state.compareAndSet(State.AWAITING_AUTH, State.CLOSED)) {
                simulation.invalidKeys.incrementAndGet();
                refuse(connection, "invalid_key", "Invalid API key");
            }
            return;
        }
        if (!candidate.plan().webSocket()) {
            if (state.compareAndSet(State.AWAITING_AUTH, State.CLOSED)) {
                simulation.forbidden.incrementAndGet();
                refuse(connection, "forbidden", "WebSocket streaming requires the Starter plan or higher (this key "
                        + "is on " + candidate.plan().name() + ")");
            }
            return;
        }
        if (!candidate.attach(connection.id(), simulation.options().connectionsPerKey())) {
            if (state.compareAndSet(State.AWAITING_AUTH, State.CLOSED)) {
                simulation.connectionLimitRefusals.incrementAndGet();
                refuse(connection, "connection_limit", "Maximum " + simulation.options().connectionsPerKey()
                        + " WebSocket connections per API key; close one before opening another");
            }
            return;
        }
        connection.atomically(() -> {
            if (!state.compareAndSet(State.AWAITING_AUTH, State.AUTHENTICATED)) {
                candidate.detach(connection.id());
                return;
            }
            account = candidate;
            maxSymbols = simulation.maxSymbols(candidate.plan());
            connection.plan(candidate.plan().name());
            cancelDeadline();
            simulation.authenticated.incrementAndGet();
            connection.send(TickAtlasMessages.authenticated(candidate.plan(), maxSymbols, candidate.remaining()));
        });
    }

    private void afterAuth(SimulatedConnection connection, String action, JsonNode message) {
        switch (action) {
            case "subscribe" -> subscribe(connection, message);
            case "unsubscribe" -> unsubscribe(connection, message);
            case "auth" -> connection.send(TickAtlasMessages.error("already_authenticated",
                    "This connection is already authenticated"));
            default -> connection.send(TickAtlasMessages.error("invalid_action", "Unknown action: " + action));
        }
    }

    private void subscribe(SimulatedConnection connection, JsonNode message) {
        Optional<List<String>> parsed = symbols(message);
        if (parsed.isEmpty()) {
            connection.send(TickAtlasMessages.error("invalid_message", "symbols must be a non-empty list of strings"));
            return;
        }
        List<String> valid = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String symbol : parsed.get()) {
            if (simulation.market().contains(symbol)) {
                valid.add(symbol);
            } else {
                unknown.add(symbol);
            }
        }
        connection.atomically(() -> {
            if (!unknown.isEmpty()) {
                connection.send(TickAtlasMessages.symbolError("invalid_symbol", (unknown.size() == 1
                        ? "Unknown symbol: " : "Unknown symbols: ") + String.join(", ", unknown), unknown));
            }
            if (valid.isEmpty()) {
                return;
            }
            Set<String> total = new LinkedHashSet<>(connection.subscriptions());
            total.addAll(valid);
            if (total.size() > maxSymbols) {
                connection.send(TickAtlasMessages.symbolLimit(account.plan().name(), maxSymbols, total.size()));
                return;
            }
            connection.subscribe(valid);
            connection.send(TickAtlasMessages.subscribed(connection.subscriptions()));
        });
    }

    private void unsubscribe(SimulatedConnection connection, JsonNode message) {
        Optional<List<String>> parsed = symbols(message);
        if (parsed.isEmpty()) {
            connection.send(TickAtlasMessages.error("invalid_message", "symbols must be a non-empty list of strings"));
            return;
        }
        connection.atomically(() -> {
            List<String> removed = connection.unsubscribe(parsed.get());
            connection.send(TickAtlasMessages.unsubscribed(removed, connection.subscriptions().size()));
        });
    }

    /** Called under the connection's lock by the publisher: sends one push if the key can pay for it. */
    boolean push(SimulatedConnection connection, String text) {
        KeyAccount current = account;
        if (current.charge(current.plan().creditsPerPush())) {
            simulation.pushes.incrementAndGet();
            simulation.creditsCharged.addAndGet(current.plan().creditsPerPush());
            connection.send(text);
            return true;
        }
        simulation.pushesWithheld.incrementAndGet();
        long period = current.period();
        if (quotaNoticePeriod != period) {
            quotaNoticePeriod = period;
            simulation.quotaExceededSent.incrementAndGet();
            connection.send(TickAtlasMessages.error("quota_exceeded", "Daily credit quota exhausted; quotes stop "
                    + "until the quota resets at 00:00 UTC. The connection stays open"));
        }
        return false;
    }

    /** New limits for an open connection, told the way the protocol tells limits: a fresh {@code authenticated}. */
    void announce(SimulatedConnection connection, int newMaxSymbols) {
        connection.atomically(() -> {
            if (authenticated()) {
                maxSymbols = newMaxSymbols;
                connection.send(TickAtlasMessages.authenticated(account.plan(), newMaxSymbols, account.remaining()));
            }
        });
    }

    @Override
    public void onClose(SimulatedConnection connection, int code, String reason) {
        state.set(State.CLOSED);
        cancelDeadline();
        KeyAccount current = account;
        if (current != null) {
            current.detach(connection.id());
        }
    }

    /** Sends the error, then closes with the configured code and the error code as the reason. */
    private void refuse(SimulatedConnection connection, String code, String message) {
        cancelDeadline();
        connection.send(TickAtlasMessages.error(code, message));
        simulation.later(simulation.options().errorCloseDelay(),
                () -> connection.close(simulation.options().errorCloseCode(), code));
    }

    private void cancelDeadline() {
        ScheduledFuture<?> current = deadline;
        if (current != null) {
            current.cancel(false);
        }
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
