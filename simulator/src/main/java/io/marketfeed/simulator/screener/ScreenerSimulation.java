package io.marketfeed.simulator.screener;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketfeed.simulator.AbstractSimulation;
import io.marketfeed.simulator.FaultControl;
import io.marketfeed.simulator.HandshakeOutcome;
import io.marketfeed.simulator.Observation;
import io.marketfeed.simulator.SimulatedConnection;
import io.marketfeed.simulator.Simulation;
import io.marketfeed.simulator.SimulationHost;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.TickSizeTable;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Stock Screening Platform server ({@code kcenon/screener_system}) on {@code /v1/ws}, behaving as its code
 * does (protocols.md §2): optional JWT {@code token} (invalid means anonymous), no first message, batching,
 * unsolicited {@code pong} heartbeats with {@code "sequence":null}, one server-wide sequence, the per-request,
 * per-connection and per-IP limits (the last as HTTP 403 before the upgrade), the outbound rate limit, error codes
 * (generic {@code ERROR} for authenticated users), sessions saved on disconnect for {@code sessionTtl} and restored
 * with {@code ?session_id=}, and {@code refresh_token}. See {@link ScreenerOptions} for the switches.
 *
 * <p>Market data: every {@code updateInterval} each subscribed stock takes one step of a seeded KRX-like random
 * walk and its subscribers get {@code price_update} and {@code orderbook_update}; market subscribers get
 * {@code market_status} every {@code marketStatusEvery} updates. Thread safe. {@link ScreenerSessions} keeps the
 * per-IP counts and saved sessions, {@link ScreenerMarketData} the market data, {@link ScreenerConnection} each
 * connection's protocol.
 */
public final class ScreenerSimulation implements Simulation {

    public static final String NAME = "screener";
    public static final String PATH = "/v1/ws";
    /** KRX price bands (won): below 2,000 → 1; 5,000 → 5; 20,000 → 10; 50,000 → 50; 200,000 → 100; 500,000 → 500. */
    public static final TickSizeTable KRX = TickSizeTable.of(Map.of("0", "1", "2000", "5", "5000", "10",
            "20000", "50", "50000", "100", "200000", "500", "500000", "1000"));

    private static final Logger LOG = LoggerFactory.getLogger(ScreenerSimulation.class);
    private static final ThreadLocal<String> HANDSHAKE_IP = new ThreadLocal<>();

    private final ScreenerOptions options;
    private final Core core;
    private final ScreenerSessions sessions;
    private final ScreenerMarketData marketData;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, ScreenerConnection> live = new ConcurrentHashMap<>();
    private final AtomicLong refreshes = new AtomicLong();
    private final AtomicLong notificationIds = new AtomicLong();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    public ScreenerSimulation() {
        this(ScreenerOptions.defaults());
    }

    public ScreenerSimulation(ScreenerOptions options) {
        this.options = options;
        this.core = new Core();
        this.sessions = new ScreenerSessions(options.maxConnectionsPerIp(), options.sessionTtl());
        this.marketData = new ScreenerMarketData(this, options);
    }

    public ScreenerOptions options() {
        return options;
    }

    /** {@code ws://host:port} of {@code server}: the provider's endpoint setting. */
    public static String baseUrl(SimulatorServer server) {
        URI uri = server.webSocketUri("/");
        return "ws://" + uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public void describe(SimulatorServer server, PrintStream out) {
        out.println("Screener (anonymous; a JWT token is optional):");
        out.println("  stream:  " + baseUrl(server) + PATH);
        out.println("  subscribe with {\"type\":\"subscribe\",\"subscription_type\":\"stock\",\"targets\":[\"005930\"]};"
                + " market, sector and watchlist work alike");
    }

    @Override public String name() { return NAME; }
    @Override public List<String> paths() { return core.paths(); }
    @Override public FaultControl faults() { return core.faults(); }
    @Override public Observation observation() { return core.observation(); }
    @Override public ObjectNode status() { return core.status(); }

    @Override
    public Object upgrade(String path, ServerUpgradeRequest request, ServerUpgradeResponse response,
            Callback callback) {
        String ip = ip(request.getConnectionMetaData().getRemoteSocketAddress());
        String sessionId = firstParameter(request.getHttpURI().getQuery(), "session_id");
        boolean restoring = sessionId != null && sessions.restorable(sessionId, now());
        if (!restoring && !core.faults().refusingNow()) {
            // connect(websocket, user_id, ip): over the cap it closes before accept(), which ASGI makes a 403.
            if (!sessions.admit(ip)) {
                Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403,
                        "Too many connections from this IP (max: " + options.maxConnectionsPerIp() + ")");
                return null;
            }
        }
        HANDSHAKE_IP.set(restoring ? null : ip);
        try {
            return core.upgrade(path, request, response, callback);
        } finally {
            HANDSHAKE_IP.remove();
        }
    }

    @Override
    public void start(SimulationHost host) {
        core.start(host);
    }

    @Override
    public void stop() {
        core.stop();
    }

    /** Handshakes refused with 403 over the per-IP cap. */
    public long refusedOverCap() {
        return sessions.refusedOverCap();
    }

    /** Successful session restorations. */
    public long restorations() {
        return sessions.restorations();
    }

    /** Tokens issued by refresh_token. */
    public long refreshes() {
        return refreshes.get();
    }

    /** Sessions saved and not yet restored or expired. */
    public int savedSessions() {
        return sessions.saved(now());
    }

    /** Open connections' subscriptions: connection id (simulator's) → type → targets. */
    public Map<Long, Map<String, List<String>>> subscriptions() {
        Map<Long, Map<String, List<String>>> out = new LinkedHashMap<>();
        for (ScreenerConnection connection : live.values()) {
            SimulatedConnection socket = connection.connection();
            if (socket != null && socket.isOpen()) {
                out.put(socket.id(), connection.subscriptions());
            }
        }
        return out;
    }

    /** The server's own id of each open connection (what {@code GET /v1/ws/connections} lists), by simulator id. */
    public Map<Long, String> connectionIds() {
        Map<Long, String> out = new LinkedHashMap<>();
        for (ScreenerConnection connection : live.values()) {
            if (connection.connection() != null) {
                out.put(connection.connection().id(), connection.connectionId());
            }
        }
        return out;
    }

    /** Messages dropped by the outbound rate limit, over all open connections. */
    public long rateLimited() {
        return live.values().stream().mapToLong(ScreenerConnection::dropped).sum();
    }

    public String issueAccessToken(String userId, Duration ttl) {
        return Jwt.sign(options.secret(), userId, "access", now().plus(ttl));
    }

    public String issueRefreshToken(String userId, Duration ttl) {
        return Jwt.sign(options.secret(), userId, "refresh", now().plus(ttl));
    }

    /** One market-data step of every subscribed stock, and market status when due. */
    public void tick() {
        marketData.tick(live.values());
    }

    /** One step of {@code code}: price_update and orderbook_update to its subscribers. */
    public void publishStock(String code) {
        marketData.publishStock(code, live.values());
    }

    /** market_status to the market's subscribers; later periodic messages repeat {@code status}. */
    public void publishMarketStatus(String name, String status) {
        marketData.publishMarketStatus(name, status, live.values());
    }

    /** A notification to every connection of {@code userId}, sent at once (never batched). */
    public void notify(String userId, String title, String text, String type, String priority) {
        sendToUser(userId, ScreenerMessages.notification(now(), nextSequence(), notificationIds.incrementAndGet(),
                title, text, type, priority));
    }

    /** Sends an error frame with this code to every open connection, as a test of the client's handling. */
    public void sendError(String code, String text) {
        for (ScreenerConnection connection : live.values()) {
            connection.sendError(code, text, Map.of());
        }
    }

    Instant now() {
        return options.clock().instant();
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    long sequenceNow() {
        return sequence.get();
    }

    void countRefresh() {
        refreshes.incrementAndGet();
    }

    void opened(ScreenerConnection connection) {
        live.put(connection.connectionId(), connection);
    }

    /** {@code disconnect} + {@code save_session}: subscriptions kept under the old id for the TTL. */
    void closed(ScreenerConnection connection, Map<String, List<String>> subscriptions) {
        live.remove(connection.connectionId());
        if (connection.ip() != null) {
            sessions.release(connection.ip());
        }
        sessions.save(connection.connectionId(), subscriptions, connection.userId(), sequence.get(), now());
    }

    /** {@code restore_session}: the saved session if known, unexpired and (with a valid token) the same user. */
    ScreenerSessions.SavedSession takeSession(String id, String userId) {
        return sessions.take(id, userId, now());
    }

    void sendToUser(String userId, ScreenerMessages.Message message) {
        for (ScreenerConnection connection : live.values()) {
            if (userId.equals(connection.userId())) {
                connection.sendNow(message);
            }
        }
    }

    private void flushAll() {
        for (ScreenerConnection connection : live.values()) {
            connection.flush();
        }
    }

    private void heartbeat() {
        for (ScreenerConnection connection : live.values()) {
            connection.sendNow(ScreenerMessages.pong(now(), null));
        }
    }

    private static String ip(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    private static String firstParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("Screener {} failed", what, e);
            }
        };
    }

    /** The generic half: connection tracking, observation, faults. */
    private final class Core extends AbstractSimulation {

        Core() {
            super(NAME, List.of(PATH), options.clock(), false, options.maxPendingFrames());
        }

        @Override
        protected Admission admit(String path, Map<String, String> parameters) {
            String userId = Jwt.verify(options.secret(), parameters.get("token"), now())
                    .filter(claims -> !claims.type().equals("refresh")).map(Jwt.Claims::subject).orElse(null);
            ScreenerConnection handler = new ScreenerConnection(ScreenerSimulation.this, userId, HANDSHAKE_IP.get(),
                    parameters.get("session_id"));
            return new Admission(HandshakeOutcome.ACCEPTED, userId == null ? "anonymous" : "user", handler);
        }

        @Override
        protected void onStart(ScheduledExecutorService scheduler) {
            if (!options.batchInterval().isZero()) {
                long batch = options.batchInterval().toNanos();
                timers.add(scheduler.scheduleAtFixedRate(guarded("batch flush", ScreenerSimulation.this::flushAll),
                        batch, batch, TimeUnit.NANOSECONDS));
            }
            long beat = options.heartbeatInterval().toNanos();
            timers.add(scheduler.scheduleAtFixedRate(guarded("heartbeat", ScreenerSimulation.this::heartbeat), beat,
                    beat, TimeUnit.NANOSECONDS));
            if (!options.updateInterval().isZero()) {
                long update = options.updateInterval().toNanos();
                timers.add(scheduler.scheduleAtFixedRate(guarded("market update", ScreenerSimulation.this::tick),
                        update, update, TimeUnit.NANOSECONDS));
            }
        }

        @Override
        protected void onStop() {
            timers.forEach(timer -> timer.cancel(false));
        }

        @Override
        protected List<String> malformedFrames() {
            return List.of("{\"type\":\"price_update\",\"stock_code\":\"005930\",\"price\":",
                    "this is not json",
                    "{\"type\":\"mystery_event\",\"payload\":{\"x\":1}}",
                    "{\"stock_code\":\"005930\",\"price\":73000}",
                    "{\"type\":\"price_update\",\"timestamp\":\"2025-11-10T12:00:00.123456\",\"sequence\":5}",
                    "[]",
                    "");
        }

        @Override
        protected String ghostFrame(SimulatedConnection connection, String symbol) {
            return marketData.ghost(symbol);
        }

        @Override
        protected void describe(ObjectNode status) {
            status.put("sequence", sequence.get());
            status.put("saved_sessions", savedSessions());
            status.put("refused_over_ip_cap", sessions.refusedOverCap());
            status.put("restorations", sessions.restorations());
            status.put("max_connections_per_ip", options.maxConnectionsPerIp());
            status.put("batch_interval_ms", options.batchInterval().toMillis());
        }
    }
}
