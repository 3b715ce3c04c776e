package io.marketfeed.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What one simulation saw and did, for tests to assert on. Every accessor returns an immutable snapshot; all
 * methods are thread safe and may be called from any thread, including while the simulation runs.
 *
 * <p>Logs are bounded ({@value #MAX_ENTRIES} entries each, oldest dropped) so a long-running command-line
 * simulator cannot grow without limit.
 *
 * <p>Waiting: {@link #await(BooleanSupplier, Duration)} re-checks its condition whenever the simulation records
 * something and at least every {@value #POLL_MILLIS} ms, so conditions may also look at client-side state.
 */
public final class Observation {

    static final int MAX_ENTRIES = 100_000;
    static final long POLL_MILLIS = 20;

    private final Supplier<Collection<SimulatedConnection>> connections;

    /** Guards the logs and {@link #version}. Never held while taking a connection's lock. */
    private final Object monitor = new Object();
    private final Deque<HandshakeRecord> handshakes = new ArrayDeque<>();
    private final Deque<ReceivedMessage> received = new ArrayDeque<>();
    private final Deque<CloseRecord> closes = new ArrayDeque<>();
    private final Deque<DuplicateSubscribe> duplicates = new ArrayDeque<>();
    private long version;

    private final AtomicLong handshakeCount = new AtomicLong();
    private final AtomicLong acceptedCount = new AtomicLong();
    private final AtomicLong refusedCount = new AtomicLong();
    private final AtomicLong authFailureCount = new AtomicLong();
    private final AtomicLong receivedCount = new AtomicLong();
    final AtomicLong sentCount = new AtomicLong();
    final AtomicLong suppressedCount = new AtomicLong();
    final AtomicLong droppedCount = new AtomicLong();
    final AtomicLong malformedCount = new AtomicLong();
    final AtomicLong ghostCount = new AtomicLong();
    private final AtomicLong duplicateCount = new AtomicLong();

    Observation(Supplier<Collection<SimulatedConnection>> connections) {
        this.connections = connections;
    }

    /** Connections currently open (authenticated or about to be closed for a bad credential). */
    public int openConnections() {
        return connections.get().size();
    }

    public List<ConnectionInfo> connections() {
        return connections.get().stream().map(SimulatedConnection::info).toList();
    }

    public Optional<ConnectionInfo> connection(long id) {
        return connections.get().stream().filter(c -> c.id() == id).findFirst().map(SimulatedConnection::info);
    }

    /** Current subscriptions of an open connection; empty when it is unknown or closed. */
    public Set<String> subscriptions(long connectionId) {
        return connection(connectionId).map(ConnectionInfo::subscriptions).orElse(Set.of());
    }

    public List<HandshakeRecord> handshakes() {
        return snapshot(handshakes);
    }

    public List<ReceivedMessage> received() {
        return snapshot(received);
    }

    public List<ReceivedMessage> received(long connectionId) {
        return received().stream().filter(m -> m.connectionId() == connectionId).toList();
    }

    public List<CloseRecord> closes() {
        return snapshot(closes);
    }

    public List<DuplicateSubscribe> duplicateSubscribes() {
        return snapshot(duplicates);
    }

    public long duplicateSubscribeCount() {
        return duplicateCount.get();
    }

    public Counters counters() {
        return new Counters(handshakeCount.get(), acceptedCount.get(), refusedCount.get(), authFailureCount.get(),
                receivedCount.get(), sentCount.get(), suppressedCount.get(), droppedCount.get(),
                malformedCount.get(), ghostCount.get(), duplicateCount.get());
    }

    /**
     * Waits until {@code condition} holds or {@code timeout} passes. The condition runs on the calling thread,
     * outside any simulator lock, so it may call anything. Returns whether it held; returns false at once if the
     * thread is interrupted (the interrupt flag stays set).
     */
    public boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (monitor) {
                seen = version;
            }
            if (condition.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            synchronized (monitor) {
                if (version == seen) {
                    try {
                        monitor.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), POLL_MILLIS)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
        }
    }

    /** Forgets the logs and zeroes the counters; open connections and their subscriptions are untouched. */
    public void clear() {
        synchronized (monitor) {
            handshakes.clear();
            received.clear();
            closes.clear();
            duplicates.clear();
            for (AtomicLong counter : List.of(handshakeCount, acceptedCount, refusedCount, authFailureCount,
                    receivedCount, sentCount, suppressedCount, droppedCount, malformedCount, ghostCount,
                    duplicateCount)) {
                counter.set(0);
            }
            changed();
        }
    }

    void handshake(HandshakeRecord record) {
        handshakeCount.incrementAndGet();
        switch (record.outcome()) {
            case ACCEPTED -> acceptedCount.incrementAndGet();
            case AUTH_FAILED, FORBIDDEN -> authFailureCount.incrementAndGet();
            case REFUSED, ORIGIN_REJECTED -> refusedCount.incrementAndGet();
        }
        append(handshakes, record);
    }

    void received(ReceivedMessage message) {
        receivedCount.incrementAndGet();
        append(received, message);
    }

    void closed(CloseRecord record) {
        append(closes, record);
    }

    void duplicate(DuplicateSubscribe duplicate) {
        duplicateCount.incrementAndGet();
        append(duplicates, duplicate);
    }

    /** Wakes waiters after a state change that has no log entry (open, subscriptions). */
    void signal() {
        synchronized (monitor) {
            changed();
        }
    }

    private <T> void append(Deque<T> log, T entry) {
        synchronized (monitor) {
            if (log.size() == MAX_ENTRIES) {
                log.removeFirst();
            }
            log.addLast(entry);
            changed();
        }
    }

    private void changed() {
        version++;
        monitor.notifyAll();
    }

    private <T> List<T> snapshot(Deque<T> log) {
        synchronized (monitor) {
            return List.copyOf(log);
        }
    }
}
