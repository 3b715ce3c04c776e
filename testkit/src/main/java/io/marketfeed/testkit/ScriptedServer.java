package io.marketfeed.testkit;

import io.marketfeed.runtime.testing.VirtualNetwork;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A scripted WebSocket server for testing a client against a protocol without the real service: on
 * {@code 127.0.0.1} and a free port ({@link #start()}), or on a {@link VirtualNetwork} ({@link #on}), where it
 * answers the dials to its {@link #uri()} at virtual time and its waits let virtual time pass. It accepts upgrades
 * on any path, sends {@linkplain #onOpen frames on open}, answers client messages by {@linkplain #rule rule},
 * pushes frames on demand, and applies faults: drop without a close frame, close with a code, stall silently,
 * refuse handshakes with an HTTP status. It records every handshake
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
 * scheduler). {@link #close()} is idempotent and stops every thread the server started (they are daemon threads,
 * so a forgotten server cannot keep a JVM alive).
 *
 * <p>Built of a {@code ServerScript} (how it answers), a {@code ServerLog} (what it saw), and a host that listens
 * and hands what arrives to both ({@code Arrivals}).
 */
public final class ScriptedServer implements AutoCloseable {

    private static final Duration CLOSE_GRACE = Duration.ofMillis(500);

    /** Where the server listens: a Jetty server, or its address on a virtual network. */
    interface Host {
        URI uri();

        /** Stops listening; open connections were closed already. */
        void stop() throws Exception;
    }

    private final ServerScript script = new ServerScript();
    private final ServerLog log = new ServerLog();
    private final Host host;
    private boolean closed;

    private ScriptedServer(Function<Arrivals, Host> host) {
        this.host = host.apply(new Arrivals(script, log));
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
        ScriptedServer server = new ScriptedServer(arrivals -> new VirtualHost(arrivals, network));
        server.useWaiter(new VirtualTime(network.scheduler(), () -> true));
        return server;
    }

    /** From now on the server's waits pass time with {@code waiter}. */
    void useWaiter(Waiter waiter) {
        log.useWaiter(waiter);
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

    /** Frames every new connection is sent as soon as it opens, replacing earlier ones. */
    public ScriptedServer onOpen(String... frames) {
        List<String> fixed = List.of(frames);
        return onOpen(handshake -> fixed);
    }

    /** Frames every new connection is sent as soon as it opens, computed from its handshake. */
    public ScriptedServer onOpen(Function<Handshake, List<String>> frames) {
        script.onOpen(frames);
        return this;
    }

    /** Adds a rule after the existing ones; the first rule that matches a client message answers it. */
    public ScriptedServer rule(Rule rule) {
        script.add(rule);
        return this;
    }

    /** Removes every rule. */
    public ScriptedServer clearRules() {
        script.clearRules();
        return this;
    }

    /** Refuses every upgrade from now on with this HTTP status (such as 401, 403, 429 or 503). */
    public ScriptedServer refuseHandshakes(int httpStatus) {
        return refuseHandshakes(httpStatus, "refused by the scripted server");
    }

    /** Refuses every upgrade from now on with this HTTP status, and this text as the body of the answer. */
    public ScriptedServer refuseHandshakes(int httpStatus, String body) {
        script.refuse(httpStatus, body);
        return this;
    }

    /** Accepts upgrades again after {@link #refuseHandshakes}. */
    public ScriptedServer acceptHandshakes() {
        script.accept();
        return this;
    }

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

    /** Every upgrade request so far, accepted or refused, in arrival order. */
    public List<Handshake> handshakes() {
        return log.handshakes();
    }

    /** Every accepted connection so far, open or closed, in order. */
    public List<ScriptedConnection> connections() {
        return log.connections();
    }

    /** The connections that are open now. */
    public List<ScriptedConnection> openConnections() {
        return log.open();
    }

    /** Every client message on every connection, in arrival order. */
    public List<ReceivedFrame> received() {
        return log.received();
    }

    /**
     * Exceptions thrown by rules or open-frame functions. They are caught so that a script bug never closes a
     * connection the client would then see fail; a test should check that this stays empty.
     */
    public List<Throwable> scriptErrors() {
        return script.errors();
    }

    /** Waits until the {@code number}th connection (1-based) has opened, and returns it. */
    public ScriptedConnection awaitConnection(int number, Duration timeout) {
        return log.awaitConnection(number, timeout);
    }

    /** Waits until at least {@code count} client messages match, and returns all that match. */
    public List<ReceivedFrame> awaitFrames(Predicate<ReceivedFrame> filter, int count, Duration timeout) {
        return log.awaitFrames(filter, count, timeout);
    }

    /** Waits until {@code condition} holds, failing with "{@code what} …" otherwise. */
    public void await(String what, Duration timeout, BooleanSupplier condition) {
        log.await(what, timeout, condition);
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
        log.waiter().holdsWithin(() -> open.stream().noneMatch(ScriptedConnection::isOpen), CLOSE_GRACE);
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
        return "ScriptedServer[" + (closed ? "closed" : uri()) + ", " + log.size() + " connections]";
    }
}
