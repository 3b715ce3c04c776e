package io.marketfeed.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;

/**
 * One simulated provider, hosted by a {@link SimulatorServer} on one or more WebSocket paths. Implementations
 * normally extend {@link AbstractSimulation}, which supplies connection tracking, observation and the generic
 * faults.
 *
 * <p>Lifecycle: the server calls {@link #start} once before accepting connections and {@link #stop} once when it
 * closes. A simulation instance belongs to one server.
 */
public interface Simulation {

    /** Short unique name, e.g. {@code sahmk}; selects the simulation in control requests. */
    String name();

    /**
     * The WebSocket paths served, each starting with {@code /}. A path ending in {@code /} is also served without
     * it ({@code /ws/v1/stocks/} and {@code /ws/v1/stocks}).
     */
    List<String> paths();

    /** Fault injection for this simulation's connections. */
    FaultControl faults();

    /** What this simulation saw and did, for tests. */
    Observation observation();

    /** The JSON this simulation contributes to {@code GET /control/status}. */
    ObjectNode status();

    /**
     * Handles one upgrade request on one of {@link #paths()}, on a Jetty thread (must not block). Returns the Jetty
     * endpoint to upgrade to, or null after having answered the request with an HTTP error through
     * {@code callback}.
     */
    Object upgrade(String path, ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback);

    /** Called by the server before it accepts connections. */
    void start(SimulationHost host);

    /** Called by the server when it closes; stops scheduled work. Idempotent. */
    void stop();

    /**
     * Prints how to reach this simulation on {@code server}: a line naming it, then, indented, its URLs and demo
     * keys. By default the URL of each path.
     */
    default void describe(SimulatorServer server, PrintStream out) {
        out.println(name() + ":");
        paths().forEach(path -> out.println("  " + server.webSocketUri(path)));
    }
}
