package io.marketfeed.testkit;

import static java.util.Objects.requireNonNull;

import io.marketfeed.runtime.testing.VirtualNetwork;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scripted WebSocket server for testing a client against a protocol without the real service: on
 * {@code 127.0.0.1} and a free port ({@link #start()}), or on a {@link VirtualNetwork} ({@link #on}), where it
 * answers the dials to its {@link #uri()} at virtual time and its waits let virtual time pass. It accepts upgrades on any path, sends {@linkplain #onOpen frames on open}, answers
 * client messages by {@linkplain #rule rule}, pushes frames on demand, and applies faults: drop without a close
 * frame, close with a code, stall silently, refuse handshakes with an HTTP status. It records every handshake
 * (path, query, headers) and every client message per connection with its arrival time.
 *
 * {@snippet :
 * try (ScriptedServer server = ScriptedServer.start()) {
 *     server.onOpen("{\"type\":\"connected\"}")
 *           .rule(Rule.matching("\"ping\"", "{\"type\":\"pong\"}"));
 *     // point a client at server.uri() ...
 *     ScriptedConnection connection = server.awaitConnection(1, Duration.ofSeconds(5));
 *     connection.send("{\"type\":\"quote\",\"symbol\":\"2222\"}");
 *     connection.drop();                                   // the client should reconnect:
 *     server.awaitConnection(2, Duration.ofSeconds(5));
 * }
 * }
 *
 * <p>Thread safe: configure, push and observe from any thread, also while clients are connected; a change
 * applies to what happens after it. Rules and open frames run on Jetty threads (on the virtual network: on its
 * scheduler). {@link #close()} is idempotent
 * and stops every thread the server started (they are daemon threads, so a forgotten server cannot keep a JVM
 * alive).
 */
public final class ScriptedServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptedServer.class);
    private static final Duration CLOSE_GRACE = Duration.ofMillis(500);

    /** Where the server listens: a Jetty server, or its address on a virtual network. */
    interface Host {
        URI uri();

        /** Stops listening; open connections were closed already. */
        void stop() throws Exception;
    }

    /** How a refused upgrade is answered. */
    record Refusal(int status, String body) {
    }

    private final Host host;
    private final AtomicLong connectionIds = new AtomicLong();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Handshake> handshakes = new CopyOnWriteArrayList<>();
    private final List<ScriptedConnection> connections = new CopyOnWriteArrayList<>();
    private final List<ReceivedFrame> received = new CopyOnWriteArrayList<>();
    private final List<Throwable> scriptErrors = new CopyOnWriteArrayList<>();
    private volatile Function<Handshake, List<String>> openFrames = handshake -> List.of();
    /** The body of the answer that refuses an upgrade. */
    private volatile String refusalBody = "refused by the scripted server";
    /** 0 while accepting; otherwise the HTTP status every upgrade is refused with. */
    private volatile int refusal;
    private volatile Waiter waiter = Waiter.REAL;
    private boolean closed;

    private ScriptedServer(Function<ScriptedServer, Host> host) {
        this.host = host.apply(this);
    }

    /** Starts a server on {@code 127.0.0.1} and a free port. */
    public static ScriptedServer start() {
        return new ScriptedServer(JettyHost::start);
    }

    /**
     * A server on a virtual network: it answers the dials to {@link #uri()} (any other address is refused, as
     * nothing listens there), and its waits let the network's virtual time pass while nothing else happens.
     */
    public static ScriptedServer on(VirtualNetwork network) {
        ScriptedServer server = new ScriptedServer(scripted -> new VirtualHost(scripted, network));
        server.waiter = new VirtualTime(network.scheduler(), () -> true);
        return server;
    }

    /** How this server's waits pass time. */
    Waiter waiter() {
        return waiter;
    }

    void useWaiter(Waiter waiter) {
        this.waiter = waiter;
    }

    /** The bound port. */
    public int port() {
        return host.uri().getPort();
    }

    /** The base URI, {@code ws://127.0.0.1:PORT}, without a path. */
    public URI uri() {
        return host.uri();
    }

    /** {@code ws://127.0.0.1:PORT} followed by {@code pathAndQuery}, which starts with '/'. */
    public URI uri(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("the path must start with '/', got " + pathAndQuery);
        }
        return URI.create(uri() + pathAndQuery);
    }

    // ---------------------------------------------------------------- scripting

    /** Frames every new connection is sent as soon as it opens, replacing earlier ones. */
    public ScriptedServer onOpen(String... frames) {
        List<String> fixed = List.of(frames);
        return onOpen(handshake -> fixed);
    }

    /** Frames every new connection is sent as soon as it opens, computed from its handshake. */
    public ScriptedServer onOpen(Function<Handshake, List<String>> frames) {
        this.openFrames = requireNonNull(frames, "frames is null");
        return this;
    }

    /** Adds a rule after the existing ones; the first rule that matches a client message answers it. */
    public ScriptedServer rule(Rule rule) {
        rules.add(requireNonNull(rule, "rule is null"));
        return this;
    }

    /** Removes every rule. */
    public ScriptedServer clearRules() {
        rules.clear();
        return this;
    }

    /** Refuses every upgrade from now on with this HTTP status (such as 401, 403, 429 or 503). */
    public ScriptedServer refuseHandshakes(int httpStatus) {
        return refuseHandshakes(httpStatus, "refused by the scripted server");
    }

    /** Refuses every upgrade from now on with this HTTP status, and this text as the body of the answer. */
    public ScriptedServer refuseHandshakes(int httpStatus, String body) {
        if (httpStatus < 300 || httpStatus > 599) {
            throw new IllegalArgumentException("a refusal needs an HTTP status from 300 to 599, got " + httpStatus);
        }
        refusalBody = java.util.Objects.requireNonNull(body, "body is null");
        refusal = httpStatus;
        return this;
    }

    /** Accepts upgrades again after {@link #refuseHandshakes}. */
    public ScriptedServer acceptHandshakes() {
        refusal = 0;
        return this;
    }

    // ---------------------------------------------------------------- acting on every open connection

    /** Sends a text message on every open, unstalled connection; returns how many it was sent on. */
    public int push(String frame) {
        int sent = 0;
        for (ScriptedConnection connection : openConnections()) {
            if (connection.send(frame)) {
                sent++;
            }
        }
        return sent;
    }

    /** Drops every open connection without a close frame. */
    public void dropAll() {
        openConnections().forEach(ScriptedConnection::drop);
    }

    /** Closes every open connection with this code and reason. */
    public void closeAll(int code, String reason) {
        openConnections().forEach(connection -> connection.close(code, reason));
    }

    /** Stalls every open connection; see {@link ScriptedConnection#stall()}. */
    public void stallAll() {
        openConnections().forEach(ScriptedConnection::stall);
    }

    // ---------------------------------------------------------------- observing

    /** Every upgrade request so far, accepted or refused, in arrival order. */
    public List<Handshake> handshakes() {
        return List.copyOf(handshakes);
    }

    /** Every accepted connection so far, open or closed, in order. */
    public List<ScriptedConnection> connections() {
        return List.copyOf(connections);
    }

    /** The connections that are open now. */
    public List<ScriptedConnection> openConnections() {
        List<ScriptedConnection> out = new ArrayList<>();
        for (ScriptedConnection connection : connections) {
            if (connection.isOpen()) {
                out.add(connection);
            }
        }
        return out;
    }

    /** Every client message on every connection, in arrival order. */
    public List<ReceivedFrame> received() {
        return List.copyOf(received);
    }

    /**
     * Exceptions thrown by rules or open-frame functions. They are caught so that a script bug never closes a
     * connection the client would then see fail; a test should check that this stays empty.
     */
    public List<Throwable> scriptErrors() {
        return List.copyOf(scriptErrors);
    }

    /** Waits until the {@code number}th connection (1-based) has opened, and returns it. */
    public ScriptedConnection awaitConnection(int number, Duration timeout) {
        if (number < 1) {
            throw new IllegalArgumentException("connections are numbered from 1, got " + number);
        }
        waiter.until(() -> connections.size() >= number && connections.get(number - 1).hasOpened(), timeout,
                () -> "connection #" + number + " did not open within " + timeout.toMillis() + " ms; handshakes: "
                        + handshakes);
        return connections.get(number - 1);
    }

    /** Waits until at least {@code count} client messages match, and returns all that match. */
    public List<ReceivedFrame> awaitFrames(Predicate<ReceivedFrame> filter, int count, Duration timeout) {
        waiter.until(() -> matching(filter).size() >= count, timeout,
                () -> "fewer than " + count + " matching client messages within " + timeout.toMillis()
                        + " ms; received: " + received);
        return matching(filter);
    }

    /** Waits until {@code condition} holds, failing with "{@code what} …" otherwise. */
    public void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        waiter.until(condition, timeout, () -> what + " did not happen within " + timeout.toMillis()
                + " ms; handshakes: " + handshakes + "; received: " + received);
    }

    private List<ReceivedFrame> matching(Predicate<ReceivedFrame> filter) {
        List<ReceivedFrame> out = new ArrayList<>();
        for (ReceivedFrame frame : received) {
            if (filter.test(frame)) {
                out.add(frame);
            }
        }
        return out;
    }

    /**
     * Stops the server: open connections are closed with 1001 (going away), the clients get half a second to
     * answer, then everything stops. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ScriptedConnection> open = openConnections();
        open.forEach(connection -> connection.close(1001, "scripted server stopping"));
        waiter.holdsWithin(() -> open.stream().noneMatch(ScriptedConnection::isOpen), CLOSE_GRACE);
        try {
            host.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the scripted server failed: " + e, e);
        } finally {
            Await.signal();
        }
    }

    @Override
    public String toString() {
        return "ScriptedServer[" + (closed ? "closed" : uri()) + ", " + connections.size() + " connections]";
    }

    // ---------------------------------------------------------------- what the hosts report

    /** How an upgrade is answered now: empty while accepting. */
    Optional<Refusal> refusal() {
        int status = refusal;
        return status == 0 ? Optional.empty() : Optional.of(new Refusal(status, refusalBody));
    }

    /** Records an upgrade request refused with {@code status}. */
    void refused(Instant at, String path, String query, Map<String, List<String>> headers, int status) {
        handshakes.add(new Handshake(0, at, path, query, Handshake.parameters(query), lowerCase(headers), status));
        Await.signal();
    }

    /** Records an accepted upgrade request: its connection, which opens when the host calls {@link #opened}. */
    ScriptedConnection accepted(Instant at, String path, String query, Map<String, List<String>> headers) {
        Handshake handshake = new Handshake(connectionIds.incrementAndGet(), at, path, query, Handshake.parameters(query),
                lowerCase(headers), Handshake.SWITCHING_PROTOCOLS);
        ScriptedConnection connection = new ScriptedConnection(handshake.connection(), handshake, this);
        handshakes.add(handshake);
        connections.add(connection);
        Await.signal();
        return connection;
    }

    /** The connection opened on {@code wire}: it is sent the frames on open. */
    void opened(ScriptedConnection connection, Wire wire) {
        connection.opened(wire);
        List<String> frames;
        try {
            frames = openFrames.apply(connection.handshake());
        } catch (RuntimeException e) {
            scriptFailed(e, "the frames on open of " + connection);
            return;
        }
        if (frames != null) {
            frames.forEach(connection::send);
        }
    }

    /** A client message: answered by the rules (unless stalled), then recorded. */
    void received(ScriptedConnection connection, String text, boolean binary, Instant at) {
        // Replies are queued before the message is recorded: whoever sees it recorded sees it answered.
        if (!binary && !connection.isStalled()) {
            answer(connection, text);
        }
        connection.record(text, binary, at);
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT),
                key -> new ArrayList<>()).addAll(values));
        return out;
    }

    void recorded(ReceivedFrame frame) {
        received.add(frame);
        Await.signal();
    }

    private void answer(ScriptedConnection connection, String text) {
        for (Rule rule : rules) {
            List<String> replies;
            try {
                if (!rule.matches(text)) {
                    continue;
                }
                replies = rule.replies(text);
            } catch (RuntimeException e) {
                scriptFailed(e, rule + " on " + text);
                return;
            }
            replies.forEach(connection::send);
            return;
        }
    }

    private void scriptFailed(RuntimeException e, String where) {
        LOG.warn("scripted server: a script threw for {}", where, e);
        scriptErrors.add(new IllegalStateException("script failed for " + where + ": " + e, e));
        Await.signal();
    }
}
