package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client connection of a simulation: its Jetty session, subscriptions, stall state and counters.
 *
 * <p>Thread safety: all methods may be called from any thread. Sends are asynchronous and never block; they are
 * queued by Jetty in call order. A protocol that must keep an acknowledgement ahead of the data it enables (SAHMK:
 * {@code subscribed} before the first {@code quote}) changes subscriptions and sends inside
 * {@link #atomically(Runnable)}, and the data publisher sends inside it too.
 */
public final class SimulatedConnection {

    private final long id;
    private final AbstractSimulation simulation;
    private final String path;
    private final Map<String, String> parameters;
    private final Instant openedAt;
    private final int maxPendingFrames;
    private volatile ConnectionHandler handler;
    private volatile Session session;
    /** Set when the WebSocket opens; the slow-reading and partial-frames faults. */
    private volatile ReadGate reading;
    private volatile FragmentingSender writing;
    private volatile String plan = "";

    private final Object lock = new Object();
    /** Immutable, insertion-ordered; replaced under {@link #lock} so the publisher can read it without locking. */
    private volatile Set<String> subscriptions = Set.of();

    /** Non-null while a stall fault silences this connection; cleared by resume. */
    private volatile Deadline stall;
    private volatile boolean serverClosed;
    private final AtomicInteger pendingFrames = new AtomicInteger();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong framesReceived = new AtomicLong();

    SimulatedConnection(long id, AbstractSimulation simulation, String path, Map<String, String> parameters,
            Instant openedAt, int maxPendingFrames) {
        this.id = id;
        this.simulation = simulation;
        this.path = path;
        this.parameters = Map.copyOf(parameters);
        this.openedAt = openedAt;
        this.maxPendingFrames = maxPendingFrames;
    }

    public long id() {
        return id;
    }

    public String path() {
        return path;
    }

    /** Query parameters of the handshake (first value of each). */
    public Map<String, String> parameters() {
        return parameters;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public String plan() {
        return plan;
    }

    /** Sets the plan label shown in status and observation. */
    public void plan(String plan) {
        this.plan = requireNonNull(plan, "plan is null");
    }

    /** The protocol handler serving this connection. */
    public ConnectionHandler handler() {
        return handler;
    }

    public boolean isOpen() {
        Session current = session;
        return current != null && current.isOpen();
    }

    /**
     * Sends one text frame asynchronously. Returns false, and sends nothing, when the connection is closed, stalled,
     * or has {@code maxPendingFrames} writes outstanding (a client that stopped reading; the frame is counted as
     * dropped rather than buffered without bound).
     */
    public boolean send(String text) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return false;
        }
        if (isStalled()) {
            simulation.observation().suppressedCount.incrementAndGet();
            return false;
        }
        if (pendingFrames.incrementAndGet() > maxPendingFrames) {
            pendingFrames.decrementAndGet();
            simulation.observation().droppedCount.incrementAndGet();
            return false;
        }
        writing.send(current, new FragmentingSender.Outgoing(text, this::sent, pendingFrames::decrementAndGet));
        return true;
    }

    /** Starts a close handshake with this code and reason. */
    public void close(int code, String reason) {
        Session current = session;
        if (current != null) {
            serverClosed = true;
            reading.abort();
            current.close(code, reason, org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
    }

    /** Closes the TCP connection without a close frame, as a crashed server or a broken network would. */
    public void disconnect() {
        Session current = session;
        if (current != null) {
            serverClosed = true;
            reading.abort();
            current.disconnect();
        }
    }

    /** Runs {@code action} while holding this connection's lock; sends made inside keep their relative order. */
    public void atomically(Runnable action) {
        synchronized (lock) {
            action.run();
        }
    }

    public Set<String> subscriptions() {
        return subscriptions;
    }

    /**
     * Adds subscriptions (additive protocols) and returns the ones that were new, in call order. Symbols already
     * subscribed, or repeated within the call, are recorded as {@linkplain DuplicateSubscribe duplicates}.
     */
    public List<String> subscribe(Collection<String> symbols) {
        List<String> added = new ArrayList<>();
        synchronized (lock) {
            LinkedHashSet<String> next = new LinkedHashSet<>(subscriptions);
            for (String symbol : symbols) {
                if (next.add(symbol)) {
                    added.add(symbol);
                } else {
                    simulation.observation().duplicate(new DuplicateSubscribe(id, simulation.now(), symbol));
                }
            }
            subscriptions = Collections.unmodifiableSet(next);
        }
        simulation.observation().signal();
        return added;
    }

    /** Removes subscriptions and returns the ones that were present. */
    public List<String> unsubscribe(Collection<String> symbols) {
        List<String> removed = new ArrayList<>();
        synchronized (lock) {
            LinkedHashSet<String> next = new LinkedHashSet<>(subscriptions);
            for (String symbol : symbols) {
                if (next.remove(symbol)) {
                    removed.add(symbol);
                }
            }
            subscriptions = Collections.unmodifiableSet(next);
        }
        simulation.observation().signal();
        return removed;
    }

    /** Replaces all subscriptions (for protocols whose subscribe replaces the previous list). */
    public void replaceSubscriptions(Collection<String> symbols) {
        synchronized (lock) {
            subscriptions = Collections.unmodifiableSet(new LinkedHashSet<>(symbols));
        }
        simulation.observation().signal();
    }

    public boolean isStalled() {
        Deadline current = stall;
        return current != null && current.active();
    }

    public ConnectionInfo info() {
        return new ConnectionInfo(id, simulation.name(), path, plan, openedAt, subscriptions, framesSent.get(),
                framesReceived.get(), isStalled());
    }

    @Override
    public String toString() {
        return simulation.name() + "#" + id + path;
    }

    /** Whether the slow-reading fault holds back what the client sends. */
    public boolean isReadingSlowly() {
        ReadGate current = reading;
        return current != null && current.inForce();
    }

    /** Whether the partial-frames fault writes messages in pieces. */
    public boolean isFragmenting() {
        FragmentingSender current = writing;
        return current != null && current.inForce();
    }

    void stall(Deadline newStall) {
        stall = newStall;
    }

    void resume() {
        stall = null;
    }

    void handler(ConnectionHandler newHandler) {
        handler = newHandler;
    }

    /** The WebSocket opened. */
    void attach(Session newSession) {
        writing = new FragmentingSender(this, simulation.scheduler());
        reading = new ReadGate();
        session = newSession;
    }

    ReadGate reading() {
        return reading;
    }

    FragmentingSender writing() {
        return writing;
    }

    Session session() {
        return session;
    }

    boolean serverClosed() {
        return serverClosed;
    }

    void frameReceived() {
        framesReceived.incrementAndGet();
    }

    private void sent() {
        pendingFrames.decrementAndGet();
        framesSent.incrementAndGet();
        simulation.observation().sentCount.incrementAndGet();
    }
}
