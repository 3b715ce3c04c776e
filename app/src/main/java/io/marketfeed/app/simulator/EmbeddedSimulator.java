package io.marketfeed.app.simulator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.marketfeed.app.config.ConfigPaths;
import io.marketfeed.simulator.Simulation;
import io.marketfeed.simulator.SimulatorServer;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One simulator server on loopback hosting the simulations of several providers (each on its own paths), started
 * by {@code run} (when {@code marketfeed.simulator.enabled}) or by {@code simulate}; and the settings that point
 * those providers at it. Only the simulator module knows the wire; this class only knows which provider keys to
 * set.
 */
public final class EmbeddedSimulator implements AutoCloseable {

    /** Where a simulator listens: loopback only, it serves demo keys. */
    private static final String HOST = "127.0.0.1";

    /** The origin of the values that point a provider at the simulator, as {@code config} prints it. */
    public static final String ORIGIN = "the built-in simulator";

    private final Map<SimulatedProvider, Simulation> simulations;
    private final SimulatorServer server;

    private EmbeddedSimulator(Map<SimulatedProvider, Simulation> simulations, SimulatorServer server) {
        this.simulations = simulations;
        this.server = server;
    }

    /**
     * Starts one server with the simulation of each of {@code providers}, with default options.
     *
     * @param port the port, 0 for a free one
     * @throws IllegalArgumentException when there is no simulator for one of the providers, or none is given
     * @throws IllegalStateException when the port cannot be bound
     */
    public static EmbeddedSimulator start(List<String> providers, int port) {
        return start(providers, port, List.of());
    }

    /**
     * Starts one server with the simulation of each of {@code providers}.
     *
     * @param options options of particular simulators; each must belong to one of {@code providers}
     * @throws IllegalArgumentException when there is no simulator for one of the providers, none is given, or an
     *     option is not valid
     * @throws IllegalStateException when the port cannot be bound
     */
    public static EmbeddedSimulator start(List<String> providers, int port, List<SimulatorOption> options) {
        List<SimulatedProvider> resolved = resolve(providers);
        for (SimulatorOption option : options) {
            if (resolved.stream().noneMatch(provider -> provider.id().equals(option.provider()))) {
                throw new IllegalArgumentException(option.name() + " is an option of the " + option.provider()
                        + " simulator, which is not started");
            }
        }
        Map<SimulatedProvider, Simulation> simulations = new LinkedHashMap<>();
        SimulatorServer.Builder builder = SimulatorServer.builder().host(HOST).port(port);
        for (SimulatedProvider provider : resolved) {
            Simulation simulation = provider.newSimulation(options.stream()
                    .filter(option -> option.provider().equals(provider.id())).toList());
            simulations.put(provider, simulation);
            builder.add(simulation);
        }
        return new EmbeddedSimulator(simulations, builder.start());
    }

    /** Each id's simulator, in the order given, without repeats. */
    private static List<SimulatedProvider> resolve(List<String> providers) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("name at least one provider; simulators exist for: "
                    + String.join(", ", SimulatedProviders.ids()));
        }
        List<SimulatedProvider> resolved = new ArrayList<>();
        for (String id : new LinkedHashSet<>(providers)) {
            resolved.add(SimulatedProviders.require(id));
        }
        return resolved;
    }

    /**
     * The values that point each of {@code providers} at a simulator on {@code endpoint} (its {@code endpoint} and
     * its credential, the demo key), as a configuration layer that wins over the user's: it is what enabling the
     * simulator asks for. Ids without a simulator are skipped (validation reports them).
     */
    public static Config settingsLayer(List<String> providers, String endpoint) {
        Config layer = ConfigFactory.empty();
        for (String id : new LinkedHashSet<>(providers)) {
            SimulatedProvider provider = SimulatedProviders.find(id).orElse(null);
            if (provider != null) {
                layer = pointAt(layer, provider, endpoint);
            }
        }
        return layer;
    }

    /**
     * Sets the provider's endpoint and demo credential, and clears any per-endpoint URLs of the user's (they would
     * win over {@code endpoint} and lead away from the simulator).
     */
    private static Config pointAt(Config layer, SimulatedProvider provider, String endpoint) {
        String id = provider.id();
        Config pointed = layer.withValue(ConfigPaths.provider(id, ConfigPaths.PROVIDER_ENDPOINT),
                ConfigValueFactory.fromAnyRef(endpoint, ORIGIN));
        for (String path : provider.endpointOverrides()) {
            pointed = pointed.withValue(ConfigPaths.provider(id, path), ConfigValueFactory.fromAnyRef(null, ORIGIN));
        }
        if (provider.needsCredential()) {
            pointed = pointed.withValue(ConfigPaths.provider(id, provider.credentialKey()),
                    ConfigValueFactory.fromAnyRef(provider.demoKey(), ORIGIN));
        }
        return pointed;
    }

    /** {@link #settingsLayer(List, String)} for this simulator's providers. */
    public Config settingsLayer() {
        Config layer = ConfigFactory.empty();
        for (SimulatedProvider provider : simulations.keySet()) {
            layer = pointAt(layer, provider, provider.endpoint(server));
        }
        return layer;
    }

    /** The simulated providers, in the order given. */
    public List<SimulatedProvider> providers() {
        return List.copyOf(simulations.keySet());
    }

    /** The simulation of {@code type}, for tests and fault injection in-process. */
    public <T extends Simulation> T simulation(Class<T> type) {
        return server.simulation(type);
    }

    /** The server's base URL, which every provider's {@code endpoint} is set to: {@code ws://127.0.0.1:PORT}. */
    public String endpoint() {
        return "ws://" + HOST + ":" + server.port();
    }

    public int port() {
        return server.port();
    }

    /** The provider's {@code endpoint} on this server. */
    public String endpoint(String provider) {
        return SimulatedProviders.require(provider).endpoint(server);
    }

    /** The HTTP fault-injection endpoint: {@code GET status}, {@code POST drop}, {@code stall}, {@code close}, … */
    public URI controlUri() {
        return server.controlUri();
    }

    /** Prints each simulation's URLs, keys and Marketfeed configuration, separated by empty lines. */
    public void describe(PrintStream out) {
        simulations.forEach((provider, simulation) -> {
            out.println();
            provider.describe(server, simulation, out);
        });
    }

    /** Stops the server; open connections are closed. Idempotent. */
    @Override
    public void close() {
        server.close();
    }
}
