package io.marketfeed.runtime.testing;

import io.marketfeed.runtime.internal.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * An in-memory WebSocket network on virtual time, for tests: the runtime's {@link Transport} without sockets. Every
 * dial becomes a {@link VirtualConnection}, the server's handle of it; the test (or a server it scripts, such as the
 * testkit's) answers the handshake, sends, closes and drops, and sees what the client sent. Everything happens as
 * tasks on the network's {@link ManualScheduler}, the same one the feed's timers run on, so the whole conversation
 * follows virtual time and nothing waits for a socket.
 *
 * {@snippet :
 * VirtualNetwork network = new VirtualNetwork(ManualScheduler.withDriver());
 * network.onDial(dial -> dial.accept());
 * try (MarketFeed feed = MarketFeed.builder().provider(provider, settings).virtualNetwork(network).build()) {
 *     feed.start();
 *     network.scheduler().advance(Duration.ofSeconds(30));   // thirty seconds of heartbeats, at once
 * }
 * }
 *
 * <p>As Jetty does, a message over the client's limit is never handed over: the client is told
 * ({@code onMessageTooLarge}) and the connection closes with 1009. A dial nobody answers waits for good: the test
 * times it out with {@link VirtualConnection#fail} when it wants one.
 *
 * <p>Thread safe.
 */
public final class VirtualNetwork implements Transport {

    private final ManualScheduler scheduler;
    private final List<VirtualConnection> connections = new ArrayList<>();
    private volatile Consumer<VirtualConnection> server;

    public VirtualNetwork(ManualScheduler scheduler) {
        this.scheduler = java.util.Objects.requireNonNull(scheduler, "scheduler is null");
    }

    /** The scheduler the network's deliveries, and a feed's timers, run on. */
    public ManualScheduler scheduler() {
        return scheduler;
    }

    /**
     * Who answers dials from now on, told of each one on the scheduler; by default nobody, and a dial waits for the
     * test to {@linkplain VirtualConnection#accept() accept}, {@linkplain VirtualConnection#refuse refuse} or
     * {@linkplain VirtualConnection#fail fail} it.
     */
    public VirtualNetwork onDial(Consumer<VirtualConnection> answer) {
        this.server = answer;
        return this;
    }

    /** Every dial so far, oldest first. */
    public synchronized List<VirtualConnection> connections() {
        return List.copyOf(connections);
    }

    /** The dials to URIs with this path, oldest first. */
    public List<VirtualConnection> connections(String path) {
        return connections().stream().filter(connection -> connection.uri().getPath().equals(path)).toList();
    }

    /** The latest dial to a URI with this path. */
    public VirtualConnection last(String path) {
        List<VirtualConnection> matching = connections(path);
        if (matching.isEmpty()) {
            throw new AssertionError("nothing dialled " + path + "; dials: " + connections());
        }
        return matching.get(matching.size() - 1);
    }

    /** Forgets the dials that ended, so that a test of what the runtime keeps does not keep them itself. */
    public synchronized void forgetEnded() {
        connections.removeIf(connection -> !connection.isOpen() && !connection.isDialling());
    }

    @Override
    public CompletableFuture<TransportSession> connect(URI uri, Map<String, String> headers, boolean compression,
            Duration timeout, Duration idleTimeout, long maxMessageSize, TransportHandler handler) {
        VirtualConnection connection = new VirtualConnection(this, uri, headers, maxMessageSize, scheduler.nanoTime(),
                handler);
        synchronized (this) {
            connections.add(connection);
        }
        Consumer<VirtualConnection> answer = server;
        if (answer != null) {
            post(() -> answer.accept(connection));
        }
        return connection.future();
    }

    /** Runs a delivery on the scheduler; dropped once it is shut down, as frames of a stopped network are. */
    void post(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException stopped) {
            // Stopped: nothing is delivered any more.
        }
    }

    /** Nothing to release: the connections live as long as the test holds them. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "VirtualNetwork[" + connections().size() + " dials, at " + scheduler.elapsed() + "]";
    }
}
