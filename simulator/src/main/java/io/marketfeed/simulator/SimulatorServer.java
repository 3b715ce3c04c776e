package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * One Jetty server on one port hosting one or more {@link Simulation}s by path, plus the HTTP control endpoint
 * {@code /control/*}.
 *
 * <pre>{@code
 * try (SimulatorServer server = SimulatorServer.builder().add(new SahmkSimulation()).start()) {
 *     URI quotes = server.webSocketUri("/ws/v1/stocks/?api_key=" + SahmkSimulation.DEMO_KEY);
 *     ...
 * }
 * }</pre>
 *
 * <p>All threads it starts are daemon threads and {@link #close()} stops all of them. Thread safe.
 */
public final class SimulatorServer implements AutoCloseable {

    private final String host;
    private final int requestedPort;
    private final List<Simulation> simulations;
    private final Server server;
    private final ServerConnector connector;
    private final AtomicLong connectionIds = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private boolean started;
    private boolean closed;

    private SimulatorServer(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.simulations = List.copyOf(builder.simulations);
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("simulator-jetty");
        // Daemon threads: a test that forgets close() must not keep the JVM alive.
        threads.setDaemon(true);
        this.server = new Server(threads);
        this.connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(requestedPort);
        server.addConnector(connector);
        WebSocketUpgradeHandler webSockets = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(builder.idleTimeout);
            for (Simulation simulation : simulations) {
                for (String path : simulation.paths()) {
                    container.addMapping(new ServletPathSpec(path),
                            (request, response, callback) -> simulation.upgrade(path, request, response, callback));
                    if (path.length() > 1 && path.endsWith("/")) {
                        String bare = path.substring(0, path.length() - 1);
                        container.addMapping(new ServletPathSpec(bare),
                                (request, response, callback) -> simulation.upgrade(path, request, response,
                                        callback));
                    }
                }
            }
        });
        // Requests that are not upgrades on a simulation path fall through to the control endpoint.
        webSockets.setHandler(new ControlHandler(simulations));
        server.setHandler(webSockets);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the simulations and the server. Fails with {@link IllegalStateException} (after stopping whatever
     * did start) if the port cannot be bound.
     */
    public synchronized SimulatorServer start() {
        if (started) {
            throw new IllegalStateException("simulator server already started");
        }
        started = true;
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "simulator-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        try {
            SimulationHost simulationHost = new SimulationHost(scheduler, connectionIds::incrementAndGet);
            simulations.forEach(simulation -> simulation.start(simulationHost));
            server.start();
        } catch (Exception e) {
            IllegalStateException failure = new IllegalStateException(
                    "could not start the simulator on " + host + ":" + requestedPort + ": " + e.getMessage(), e);
            try {
                close();
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        return this;
    }

    /** The bound port (the real one when the builder asked for port 0). */
    public int port() {
        int port = connector.getLocalPort();
        if (port <= 0) {
            throw new IllegalStateException("simulator server is not running");
        }
        return port;
    }

    public String host() {
        return host;
    }

    /** {@code http://host:port/}. */
    public URI uri() {
        return URI.create("http://" + authority() + "/");
    }

    /** {@code ws://host:port} followed by {@code pathAndQuery}, e.g. {@code /ws/v1/stocks/?api_key=k}. */
    public URI webSocketUri(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', got " + pathAndQuery);
        }
        return URI.create("ws://" + authority() + pathAndQuery);
    }

    /** {@code http://host:port/control/}; append an action such as {@code status}. */
    public URI controlUri() {
        return URI.create("http://" + authority() + ControlHandler.PREFIX);
    }

    public List<Simulation> simulations() {
        return simulations;
    }

    public Simulation simulation(String name) {
        return simulations.stream().filter(simulation -> simulation.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no simulation named " + name));
    }

    public <T extends Simulation> T simulation(Class<T> type) {
        return simulations.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no simulation of type " + type.getSimpleName()));
    }

    /**
     * Stops the simulations, the server (open WebSockets are closed by Jetty, normally with 1001) and the
     * scheduler. Idempotent; safe from any thread.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (Simulation simulation : simulations) {
            try {
                simulation.stop();
            } catch (RuntimeException e) {
                failure = accumulate(failure, e);
            }
        }
        try {
            server.stop();
        } catch (Exception e) {
            failure = accumulate(failure, new IllegalStateException("stopping the simulator server failed", e));
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private String authority() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return hostPart + ":" + port();
    }

    private static RuntimeException accumulate(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** Configures a {@link SimulatorServer}. Not thread safe. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private Duration idleTimeout = Duration.ofMinutes(30);
        private final List<Simulation> simulations = new ArrayList<>();

        private Builder() {
        }

        /** Interface to bind; default {@code 127.0.0.1} (loopback only). */
        public Builder host(String host) {
            this.host = requireNonNull(host, "host is null");
            return this;
        }

        /** Port to bind; 0 (the default) picks a free one, see {@link SimulatorServer#port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * How long a WebSocket may see no traffic in either direction before Jetty closes it; default 30 minutes,
         * long enough for a stall fault to outlast any client heartbeat timeout.
         */
        public Builder idleTimeout(Duration idleTimeout) {
            requireNonNull(idleTimeout, "idleTimeout is null");
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** Adds a simulation; names and paths must not clash with those already added. */
        public Builder add(Simulation simulation) {
            requireNonNull(simulation, "simulation is null");
            Set<String> names = new HashSet<>();
            Set<String> paths = new HashSet<>();
            for (Simulation existing : simulations) {
                names.add(existing.name());
                existing.paths().forEach(path -> paths.add(normalize(path)));
            }
            if (!names.add(simulation.name())) {
                throw new IllegalArgumentException("a simulation named " + simulation.name() + " is already added");
            }
            for (String path : simulation.paths()) {
                if (!path.startsWith("/") || path.startsWith(ControlHandler.PREFIX)) {
                    throw new IllegalArgumentException("simulation path must start with '/' and not be under "
                            + ControlHandler.PREFIX + ": " + path);
                }
                if (!paths.add(normalize(path))) {
                    throw new IllegalArgumentException("path " + path + " is already served by another simulation");
                }
            }
            simulations.add(simulation);
            return this;
        }

        public SimulatorServer build() {
            if (simulations.isEmpty()) {
                throw new IllegalStateException("add at least one simulation");
            }
            return new SimulatorServer(this);
        }

        /** Builds and starts. */
        public SimulatorServer start() {
            return build().start();
        }

        private static String normalize(String path) {
            return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }
    }
}
