package io.marketfeed.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * What a {@link ScriptedServer} saw, in arrival order: every upgrade request (accepted or refused), every accepted
 * connection, every client message; and the waits for them, on real time or on a virtual network's time
 * ({@link Waiter}). Every record signals {@link Await}.
 *
 * <p>Thread safe: recorded on the host's threads, read and waited on from any thread.
 */
final class ServerLog {

    private final AtomicLong connectionIds = new AtomicLong();
    private final List<Handshake> handshakes = new CopyOnWriteArrayList<>();
    private final List<ScriptedConnection> connections = new CopyOnWriteArrayList<>();
    private final List<ReceivedFrame> received = new CopyOnWriteArrayList<>();
    private volatile Waiter waiter = Waiter.REAL;

    /** How the waits pass time. */
    Waiter waiter() {
        return waiter;
    }

    void useWaiter(Waiter waiter) {
        this.waiter = waiter;
    }

    /** Records an upgrade request refused with {@code status}. */
    void refused(Instant at, String path, String query, Map<String, List<String>> headers, int status) {
        handshakes.add(new Handshake(0, at, path, query, Handshake.parameters(query), lowerCase(headers), status));
        Await.signal();
    }

    /** Records an accepted upgrade request and its connection, which opens when its wire is ready. */
    ScriptedConnection accepted(Instant at, String path, String query, Map<String, List<String>> headers) {
        Handshake handshake = new Handshake(connectionIds.incrementAndGet(), at, path, query,
                Handshake.parameters(query), lowerCase(headers), Handshake.SWITCHING_PROTOCOLS);
        ScriptedConnection connection = new ScriptedConnection(handshake.connection(), handshake, this);
        handshakes.add(handshake);
        connections.add(connection);
        Await.signal();
        return connection;
    }

    /** Records a client message, which its connection recorded already. */
    void recorded(ReceivedFrame frame) {
        received.add(frame);
        Await.signal();
    }

    List<Handshake> handshakes() {
        return List.copyOf(handshakes);
    }

    List<ScriptedConnection> connections() {
        return List.copyOf(connections);
    }

    /** The connections that are open now. */
    List<ScriptedConnection> open() {
        List<ScriptedConnection> out = new ArrayList<>();
        for (ScriptedConnection connection : connections) {
            if (connection.isOpen()) {
                out.add(connection);
            }
        }
        return out;
    }

    List<ReceivedFrame> received() {
        return List.copyOf(received);
    }

    /** How many connections were accepted. */
    int size() {
        return connections.size();
    }

    /** Waits until the {@code number}th connection (1-based) has opened, and returns it. */
    ScriptedConnection awaitConnection(int number, Duration timeout) {
        if (number < 1) {
            throw new IllegalArgumentException("connections are numbered from 1, got " + number);
        }
        waiter.until(() -> connections.size() >= number && connections.get(number - 1).hasOpened(), timeout,
                () -> "connection #" + number + " did not open within " + timeout.toMillis() + " ms; handshakes: "
                        + handshakes);
        return connections.get(number - 1);
    }

    /** Waits until at least {@code count} client messages match, and returns all that match. */
    List<ReceivedFrame> awaitFrames(Predicate<ReceivedFrame> filter, int count, Duration timeout) {
        waiter.until(() -> matching(filter).size() >= count, timeout,
                () -> "fewer than " + count + " matching client messages within " + timeout.toMillis()
                        + " ms; received: " + received);
        return matching(filter);
    }

    /** Waits until {@code condition} holds, failing with "{@code what} …" otherwise. */
    void await(String what, Duration timeout, BooleanSupplier condition) {
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

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.computeIfAbsent(name.toLowerCase(Locale.ROOT),
                key -> new ArrayList<>()).addAll(values));
        return out;
    }
}
