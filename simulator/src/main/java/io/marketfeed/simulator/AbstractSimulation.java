package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;

/**
 * The provider-independent half of a simulation: handshake gating (refuse, origin), connection tracking,
 * observation, generic faults and status. A provider adds its protocol by deciding admission
 * ({@link #admit}) and supplying a {@link ConnectionHandler} per connection; optional hooks add ghost data,
 * malformed frames and limit overrides.
 *
 * <p>Thread safe.
 */
public abstract class AbstractSimulation implements Simulation {

    private final String name;
    private final List<String> paths;
    private final Clock clock;
    private final boolean rejectOrigin;
    private final int maxPendingFrames;
    /** Open connections by id; sorted so status and observation list them in connection order. */
    private final Map<Long, SimulatedConnection> connections = new ConcurrentSkipListMap<>();
    private final Observation observation = new Observation(() -> List.copyOf(connections.values()));
    private final FaultControl faults = new FaultControl(this);
    private volatile SimulationHost host;

    /**
     * @param rejectOrigin answer handshakes that carry an {@code Origin} header with HTTP 403
     * @param maxPendingFrames writes one connection may have outstanding before further frames are dropped
     */
    protected AbstractSimulation(String name, List<String> paths, Clock clock, boolean rejectOrigin,
            int maxPendingFrames) {
        this.name = requireNonNull(name, "name is null");
        this.paths = List.copyOf(paths);
        this.clock = requireNonNull(clock, "clock is null");
        this.rejectOrigin = rejectOrigin;
        if (maxPendingFrames < 1) {
            throw new IllegalArgumentException("maxPendingFrames must be at least 1, got " + maxPendingFrames);
        }
        this.maxPendingFrames = maxPendingFrames;
    }

    /**
     * Decides what happens to an upgrade request that passed the generic gates. Runs on a Jetty thread.
     *
     * @param path the matched path as configured (with its trailing slash)
     * @param parameters query parameters, first value of each
     */
    protected abstract Admission admit(String path, Map<String, String> parameters);

    /** Starts the simulation's own scheduled work (market ticks). */
    protected void onStart(ScheduledExecutorService scheduler) {
    }

    protected void onStop() {
    }

    /** Frames for {@link FaultControl#sendMalformed}: broken JSON, unknown types, missing fields. */
    protected List<String> malformedFrames() {
        return List.of(
                "{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":",
                "this is not json",
                "{\"type\":\"mystery_event\",\"payload\":{\"x\":1}}",
                "{\"symbol\":\"2222\",\"data\":{\"price\":27.45}}",
                "[]",
                "");
    }

    /** One frame carrying data for {@code symbol}, as this connection's channel would carry it. */
    protected String ghostFrame(SimulatedConnection connection, String symbol) {
        throw new UnsupportedOperationException(name + " cannot push ghost data");
    }

    /** Overrides the plan limits for new connections; {@code announce} also tells open ones. */
    protected void overrideLimits(OptionalInt perConnection, OptionalInt perCall, boolean announce) {
        throw new UnsupportedOperationException(name + " has no limits to change");
    }

    /** Restores configured limits for new connections. */
    protected void clearLimitOverride() {
    }

    /** Adds provider-specific fields to the status JSON. */
    protected void describe(ObjectNode status) {
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> paths() {
        return paths;
    }

    @Override
    public final FaultControl faults() {
        return faults;
    }

    @Override
    public final Observation observation() {
        return observation;
    }

    /** Open connections in id order (a snapshot). */
    public final List<SimulatedConnection> openConnections() {
        return List.copyOf(connections.values());
    }

    public final Clock clock() {
        return clock;
    }

    public final Instant now() {
        return clock.instant();
    }

    @Override
    public final Object upgrade(String path, ServerUpgradeRequest request, ServerUpgradeResponse response,
            Callback callback) {
        SimulationHost currentHost = requireHost();
        Instant at = now();
        Map<String, String> parameters = queryParameters(request);
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        origin = origin == null ? "" : origin;
        if (faults.refusingNow()) {
            observation.handshake(new HandshakeRecord(at, name, path, parameters, origin, HandshakeOutcome.REFUSED, 0));
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "Simulated outage: not accepting connections");
            return null;
        }
        if (rejectOrigin && !origin.isEmpty()) {
            observation.handshake(
                    new HandshakeRecord(at, name, path, parameters, origin, HandshakeOutcome.ORIGIN_REJECTED, 0));
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "Origin header not allowed");
            return null;
        }
        Admission admission = admit(path, parameters);
        long id = currentHost.connectionIds().getAsLong();
        SimulatedConnection connection =
                new SimulatedConnection(id, this, path, parameters, at, maxPendingFrames);
        connection.plan(admission.plan());
        connection.handler(admission.handler());
        observation.handshake(new HandshakeRecord(at, name, path, parameters, origin, admission.outcome(), id));
        return new ConnectionEndpoint(this, connection);
    }

    @Override
    public final void start(SimulationHost newHost) {
        if (host != null) {
            throw new IllegalStateException("simulation " + name + " is already hosted; use one instance per server");
        }
        host = requireNonNull(newHost, "host is null");
        onStart(newHost.scheduler());
    }

    @Override
    public final void stop() {
        // A reader held by the slow-reading fault must not hold up the server's stop.
        connections.values().forEach(connection -> connection.reading().abort());
        onStop();
    }

    @Override
    public final ObjectNode status() {
        ObjectNode status = JsonText.MAPPER.createObjectNode();
        status.put("name", name);
        paths.forEach(status.putArray("paths")::add);
        status.put("refusing", faults.refusingNow());
        ArrayNode list = status.putArray("connections");
        for (SimulatedConnection connection : connections.values()) {
            ConnectionInfo info = connection.info();
            ObjectNode node = list.addObject();
            node.put("id", info.id());
            node.put("path", info.path());
            node.put("plan", info.plan());
            node.put("opened_at", JsonText.timestamp(info.openedAt()));
            info.subscriptions().forEach(node.putArray("subscriptions")::add);
            node.put("frames_sent", info.framesSent());
            node.put("frames_received", info.framesReceived());
            node.put("stalled", info.stalled());
            node.put("reading_slowly", connection.isReadingSlowly());
            node.put("fragmenting", connection.isFragmenting());
        }
        Counters counters = observation.counters();
        status.putObject("counters")
                .put("handshakes", counters.handshakes())
                .put("accepted", counters.accepted())
                .put("refused", counters.refused())
                .put("auth_failures", counters.authFailures())
                .put("frames_received", counters.framesReceived())
                .put("frames_sent", counters.framesSent())
                .put("frames_suppressed", counters.framesSuppressed())
                .put("frames_dropped", counters.framesDropped())
                .put("malformed_sent", counters.malformedSent())
                .put("ghost_sent", counters.ghostSent())
                .put("duplicate_subscribes", counters.duplicateSubscribes());
        describe(status);
        return status;
    }

    void opened(SimulatedConnection connection) {
        connections.put(connection.id(), connection);
        observation.signal();
    }

    void closed(SimulatedConnection connection, int code, String reason) {
        connections.remove(connection.id());
        observation.closed(new CloseRecord(connection.id(), now(), code, reason, connection.serverClosed()));
    }

    /** The host's scheduler, for faults that pace a connection (slow reading, partial frames). */
    final ScheduledExecutorService scheduler() {
        return requireHost().scheduler();
    }

    private SimulationHost requireHost() {
        SimulationHost current = host;
        if (current == null) {
            throw new IllegalStateException("simulation " + name + " is not started");
        }
        return current;
    }

    private static Map<String, String> queryParameters(Request request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        for (Fields.Field field : fields) {
            parameters.putIfAbsent(field.getName(), field.getValue());
        }
        return parameters;
    }

    /**
     * What to do with an upgrade request.
     *
     * @param outcome recorded in the handshake log; the handler is still used for failed credentials, to close
     *         the upgraded connection with the provider's code
     * @param plan plan label for status and observation
     * @param handler the connection's protocol handler
     */
    public record Admission(HandshakeOutcome outcome, String plan, ConnectionHandler handler) {

        public Admission {
            requireNonNull(outcome, "outcome is null");
            requireNonNull(plan, "plan is null");
            requireNonNull(handler, "handler is null");
        }
    }

    /** Package access for {@link FaultControl}. */
    Collection<SimulatedConnection> connections() {
        return connections.values();
    }
}
