package io.marketfeed.app.simulator;

import io.marketfeed.simulator.Simulation;
import io.marketfeed.simulator.SimulatorServer;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * What the runner knows about one provider's simulator: which provider keys point the provider at it (its
 * {@code endpoint} and its credential), its demo key, how to create the simulation and how to describe it to a
 * person. Only the simulator module knows the wire.
 *
 * <p>Implementations are stateless and thread safe.
 */
public interface SimulatedProvider {

    /** The provider id, which is also the simulation's name in control requests: {@code sahmk}. */
    String id();

    /** How people write it: {@code SAHMK}, {@code TickAtlas}. */
    String displayName();

    /** The provider key the credential goes in, relative to its block: {@code api-key} or {@code token}. */
    String credentialKey();

    /** The environment variable the provider's {@code reference.conf} reads its credential from. */
    String credentialVariable();

    /** The credential the simulation accepts on its default plan; public, not a secret. */
    String demoKey();

    /** Whether the simulator needs a credential; an anonymous one gets none set. */
    default boolean needsCredential() {
        return true;
    }

    /**
     * The options this simulator understands beyond {@code --provider} and {@code --port}, such as
     * {@code --quota-reset-every}; empty when it has none.
     */
    default Set<String> optionNames() {
        return Set.of();
    }

    /** Whether option {@code name} (one of {@link #optionNames()}) takes a value. */
    default boolean optionTakesValue(String name) {
        return true;
    }

    /**
     * A new simulation with the given options (all of them this simulator's own).
     *
     * @throws IllegalArgumentException naming the option, when a value is not valid
     */
    Simulation newSimulation(List<SimulatorOption> options);

    /** The base URL the provider's {@code endpoint} is set to on {@code server}: {@code ws://127.0.0.1:PORT}. */
    default String endpoint(SimulatorServer server) {
        return "ws://" + server.host() + ":" + server.port();
    }

    /**
     * Prints, indented, how to reach {@code simulation} on {@code server}: URLs, demo keys, and the Marketfeed
     * configuration that streams from it. Starts with a line naming the provider.
     */
    void describe(SimulatorServer server, Simulation simulation, PrintStream out);

    /** The provider block that streams from this simulator, on one line: what {@code describe} prints. */
    default String configLine(SimulatorServer server) {
        return "marketfeed.providers." + id() + " { endpoint = \"" + endpoint(server) + "\", " + credentialKey()
                + " = \"" + demoKey() + "\" }";
    }

    /** Keys of per-endpoint URLs that would win over {@code endpoint}: cleared when the simulator is used. */
    default java.util.List<String> endpointOverrides() {
        return java.util.List.of();
    }
}
