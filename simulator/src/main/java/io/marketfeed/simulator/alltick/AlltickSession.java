package io.marketfeed.simulator.alltick;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.ConnectionHandler;
import io.marketfeed.simulator.JsonText;
import io.marketfeed.simulator.SimulatedConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AllTick's protocol for one connection with a valid token. AllTick does not talk first: the connection waits for
 * requests. Each {@code 22004} (trades) or {@code 22002} (order books) replaces that list of the connection,
 * {@code 22006} cancels by {@code cancel_type}, {@code 22000} is answered and keeps the connection alive.
 *
 * <p>Every request is checked in this order: a readable envelope ({@code 400}), pacing (too early: the configured
 * {@code ret}, 606 closing the connection, and the request is not applied), a fault injected by a test, readable
 * data ({@code 400}), codes that exist on this endpoint ({@code 600}), codes the plan may access ({@code 604}) and,
 * when so configured, the list length ({@code 603}). A list longer than the plan allows is otherwise accepted and
 * only its first codes are served.
 *
 * <p>Threading: Jetty calls {@code onOpen}/{@code onText} sequentially; the publisher and the heartbeat check read
 * the volatile fields from the scheduler thread. List changes and their acknowledgement happen under the
 * connection's lock, as does publishing, so no data for a new list precedes its acknowledgement.
 */
final class AlltickSession implements ConnectionHandler {

    private final AlltickSimulation simulation;
    private final AlltickEndpoint endpoint;
    private final String token;
    private final Plan plan;
    private volatile int codesPerList;
    private volatile boolean admitted;
    private volatile boolean closing;
    private volatile long lastHeartbeatNanos = System.nanoTime();
    /** The trade list as last replaced, in request order. */
    private volatile List<String> trades = List.of();
    /** The order-book list as last replaced, code → levels asked for, in request order. */
    private volatile Map<String, Integer> depth = Map.of();
    /** Traces seen on this connection (Jetty thread only). */
    private final Set<String> traces = new HashSet<>();

    AlltickSession(AlltickSimulation simulation, AlltickEndpoint endpoint, String token, Plan plan, int codesPerList) {
        this.simulation = simulation;
        this.endpoint = endpoint;
        this.token = token;
        this.plan = plan;
        this.codesPerList = codesPerList;
    }

    AlltickEndpoint endpoint() {
        return endpoint;
    }

    String token() {
        return token;
    }

    Plan plan() {
        return plan;
    }

    boolean admitted() {
        return admitted;
    }

    List<String> trades() {
        return trades;
    }

    Map<String, Integer> depth() {
        return depth;
    }

    /** The trade codes actually served: the first {@code codesPerList} of the list. */
    List<String> servedTrades() {
        List<String> list = trades;
        return list.subList(0, Math.min(codesPerList, list.size()));
    }

    /** The order-book codes actually served, with their levels. */
    Map<String, Integer> servedDepth() {
        Map<String, Integer> served = new LinkedHashMap<>();
        int limit = codesPerList;
        for (Map.Entry<String, Integer> entry : depth.entrySet()) {
            if (served.size() == limit) {
                break;
            }
            served.put(entry.getKey(), entry.getValue());
        }
        return served;
    }

    void codesPerList(int limit) {
        codesPerList = limit;
    }

    /** Nanoseconds since the last heartbeat (or since the connection opened). */
    long silentNanos(long now) {
        return now - lastHeartbeatNanos;
    }

    /** Marks the connection as being closed by the server, so it is closed once. */
    boolean startClosing() {
        if (closing) {
            return false;
        }
        closing = true;
        return true;
    }

    @Override
    public void onOpen(SimulatedConnection connection) {
        Optional<Refusal.Kind> refused = simulation.ledger().connect(token, endpoint, connection.id(),
                plan.connections(), simulation.options().connectGap(), System.nanoTime());
        if (refused.isPresent()) {
            String detail = refused.get() == Refusal.Kind.CONNECTION_LIMIT
                    ? "the " + plan.wireName() + " plan allows " + plan.connections() + " connection"
                            + (plan.connections() == 1 ? "" : "s") + " per token on " + endpoint.path()
                    : "a connection attempt less than " + simulation.options().connectGap().toMillis()
                            + " ms after the previous one of the token";
            simulation.refused(connection, refused.get(), 0, 606, detail);
            startClosing();
            connection.send(AlltickMessages.unsolicited(606, AlltickMessages.text(606)));
            connection.close(1008, "too many connections");
            return;
        }
        lastHeartbeatNanos = System.nanoTime();
        admitted = true;
    }

    @Override
    public void onClose(SimulatedConnection connection, int code, String reason) {
        if (admitted) {
            simulation.ledger().closed(token, connection.id());
        }
    }

    @Override
    public void onText(SimulatedConnection connection, String text) {
        if (!admitted || closing) {
            return;
        }
        long now = System.nanoTime();
        Envelope request = Envelope.parse(text);
        if (request == null) {
            simulation.refused(connection, Refusal.Kind.MALFORMED, 0, 400, "unreadable envelope: " + shorten(text));
            connection.send(AlltickMessages.unsolicited(400, "request header param invalid"));
            return;
        }
        if (!request.trace().isEmpty() && !traces.add(request.trace())) {
            simulation.duplicateTrace(connection, request.trace());
        }
        switch (request.cmdId()) {
            case AlltickMessages.HEARTBEAT -> heartbeat(connection, request, now);
            case AlltickMessages.SUBSCRIBE_TRADES, AlltickMessages.SUBSCRIBE_DEPTH, AlltickMessages.CANCEL -> {
                if (paced(connection, request, now)) {
                    control(connection, request);
                }
            }
            default -> {
                simulation.refused(connection, Refusal.Kind.MALFORMED, request.cmdId(), 400,
                        "unknown cmd_id " + request.cmdId());
                connection.send(AlltickMessages.response(400, "request header param invalid", request.cmdId(),
                        request.seqId(), request.trace()));
            }
        }
    }

    private void heartbeat(SimulatedConnection connection, Envelope request, long now) {
        lastHeartbeatNanos = now;
        if (simulation.options().heartbeatsPaced() && !paced(connection, request, now)) {
            return;
        }
        connection.send(AlltickMessages.response(200, request.cmdId(), request.seqId(), request.trace()));
    }

    /** Whether the request respects the gaps; if not it is answered with the configured ret and not applied. */
    private boolean paced(SimulatedConnection connection, Envelope request, long now) {
        AlltickOptions options = simulation.options();
        Optional<TokenLedger.TooEarly> early = simulation.ledger().request(token, connection.id(), now,
                options.requestGap(), options.crossConnectionGap());
        if (early.isEmpty()) {
            return true;
        }
        int ret = options.pacingViolationRet();
        refuse(connection, request, early.get().kind(), ret, early.get().detail());
        return false;
    }

    private void control(SimulatedConnection connection, Envelope request) {
        int injected = simulation.takeInjectedRet();
        if (injected != 0) {
            refuse(connection, request, Refusal.Kind.INJECTED, injected, "injected by a test");
            return;
        }
        if (request.cmdId() == AlltickMessages.CANCEL) {
            cancel(connection, request);
        } else {
            replace(connection, request);
        }
    }

    private void replace(SimulatedConnection connection, Envelope request) {
        boolean isDepth = request.cmdId() == AlltickMessages.SUBSCRIBE_DEPTH;
        Map<String, Integer> list = symbolList(request.data(), isDepth);
        if (list == null) {
            refuse(connection, request, Refusal.Kind.MALFORMED, 400, "data.symbol_list is not a list of {code}");
            return;
        }
        List<String> invalid = new ArrayList<>();
        List<String> restricted = new ArrayList<>();
        for (String code : list.keySet()) {
            Instrument instrument = simulation.instrument(code);
            if (instrument == null || instrument.endpoint() != endpoint) {
                invalid.add(code);
            } else if (plan != Plan.PROFESSIONAL && simulation.options().restrictedCodes().contains(code)) {
                restricted.add(code);
            }
        }
        if (!invalid.isEmpty()) {
            refuse(connection, request, Refusal.Kind.CODE_INVALID, 600, "unknown here: " + invalid);
            return;
        }
        if (!restricted.isEmpty()) {
            refuse(connection, request, Refusal.Kind.CODE_UNAUTHORIZED, 604, "not on the " + plan.wireName()
                    + " plan: " + restricted);
            return;
        }
        if (simulation.options().refuseOverLimit() && list.size() > codesPerList) {
            refuse(connection, request, Refusal.Kind.LIST_TOO_LONG, 603, list.size() + " codes, the "
                    + plan.wireName() + " plan allows " + codesPerList);
            return;
        }
        connection.atomically(() -> {
            if (isDepth) {
                depth = Collections.unmodifiableMap(list);
            } else {
                trades = List.copyOf(list.keySet());
            }
            publishLists(connection);
            connection.send(AlltickMessages.response(200, request.cmdId(), request.seqId(), request.trace()));
        });
    }

    private void cancel(SimulatedConnection connection, Envelope request) {
        JsonNode type = request.data().get("cancel_type");
        if (type == null || !type.isIntegralNumber() || type.asInt() < 0 || type.asInt() > 3) {
            refuse(connection, request, Refusal.Kind.MALFORMED, 400, "cancel_type must be 0, 1, 2 or 3");
            return;
        }
        int cancelType = type.asInt();
        connection.atomically(() -> {
            if (cancelType == 0 || cancelType == 1) {
                depth = Map.of();
            }
            if (cancelType == 0 || cancelType == 2) {
                trades = List.of();
            }
            publishLists(connection);
            connection.send(AlltickMessages.response(200, request.cmdId(), request.seqId(), request.trace()));
        });
    }

    /** Answers with {@code ret}, records why, and closes the connection for 606. */
    private void refuse(SimulatedConnection connection, Envelope request, Refusal.Kind kind, int ret, String detail) {
        simulation.refused(connection, kind, request.cmdId(), ret, detail);
        connection.send(AlltickMessages.response(ret, request.cmdId(), request.seqId(), request.trace()));
        if (ret == 606 && startClosing()) {
            connection.close(1008, "too many requests");
        }
    }

    /** Shows both lists in the connection's subscriptions: {@code trade:AAPL.US}, {@code depth:700.HK}. */
    private void publishLists(SimulatedConnection connection) {
        Set<String> all = new LinkedHashSet<>();
        trades.forEach(code -> all.add("trade:" + code));
        depth.keySet().forEach(code -> all.add("depth:" + code));
        connection.replaceSubscriptions(all);
    }

    /**
     * {@code [{"code":"A"}, …]} as code → levels (0 for trades), in order and without repeats; null when malformed.
     * A depth code without {@code depth_level} asks for as many levels as the market has.
     */
    private static Map<String, Integer> symbolList(JsonNode data, boolean isDepth) {
        JsonNode list = data.get("symbol_list");
        if (list == null || !list.isArray()) {
            return null;
        }
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (JsonNode item : list) {
            JsonNode code = item.get("code");
            if (!item.isObject() || code == null || !code.isTextual() || code.asText().isBlank()) {
                return null;
            }
            int levels = 0;
            if (isDepth) {
                JsonNode depthLevel = item.get("depth_level");
                if (depthLevel != null && (!depthLevel.isIntegralNumber() || depthLevel.asInt() < 1)) {
                    return null;
                }
                levels = depthLevel == null ? Integer.MAX_VALUE : depthLevel.asInt();
            }
            codes.putIfAbsent(code.asText(), levels);
        }
        return codes;
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    /** A request's envelope; null from {@link #parse} when any required field is missing or of the wrong type. */
    record Envelope(int cmdId, long seqId, String trace, JsonNode data) {

        static Envelope parse(String text) {
            JsonNode message;
            try {
                message = JsonText.parse(text);
            } catch (IOException e) {
                return null;
            }
            if (message == null || !message.isObject()) {
                return null;
            }
            JsonNode cmdId = message.get("cmd_id");
            JsonNode seqId = message.get("seq_id");
            JsonNode trace = message.get("trace");
            JsonNode data = message.get("data");
            if (cmdId == null || !cmdId.canConvertToInt() || !cmdId.isIntegralNumber()
                    || seqId == null || !seqId.isIntegralNumber() || seqId.asLong() < 0
                    || trace == null || !trace.isTextual() || trace.asText().length() > 64
                    || data == null || !data.isObject()) {
                return null;
            }
            return new Envelope(cmdId.asInt(), seqId.asLong(), trace.asText(), data);
        }
    }
}
