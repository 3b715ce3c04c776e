package io.marketfeed.app.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.marketfeed.app.config.ConfigPaths;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.sahmk.Channel;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A simulator server on loopback, started by {@code run} (when {@code marketfeed.simulator.enabled}) or by
 * {@code simulate}, and the settings that point its provider at it. Only the simulator module knows the wire;
 * this class only knows which provider keys to set.
 */
public final class EmbeddedSimulator implements AutoCloseable {

    /** The providers a simulator exists for. */
    public static final List<String> PROVIDERS = List.of(SahmkSimulation.NAME);

    /** Where a simulator listens: loopback only, it serves demo keys. */
    private static final String HOST = "127.0.0.1";

    private final String provider;
    private final SimulatorServer server;

    private EmbeddedSimulator(String provider, SimulatorServer server) {
        this.provider = provider;
        this.server = server;
    }

    /**
     * Starts the simulator of {@code provider}.
     *
     * @param port the port, 0 for a free one
     * @throws IllegalArgumentException when there is no simulator for the provider
     * @throws IllegalStateException when the port cannot be bound
     */
    public static EmbeddedSimulator start(String provider, int port) {
        requireKnown(provider);
        SimulatorServer server = SimulatorServer.builder().host(HOST).port(port).add(new SahmkSimulation()).start();
        return new EmbeddedSimulator(provider, server);
    }

    /** @throws IllegalArgumentException naming the simulators there are */
    public static void requireKnown(String provider) {
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("there is no simulator for provider '" + provider
                    + "'; simulators exist for: " + String.join(", ", PROVIDERS));
        }
    }

    /**
     * The values that point {@code provider} at a simulator on {@code endpoint}, as a configuration layer that
     * wins over the user's: it is what enabling the simulator asks for.
     */
    public static Config settingsLayer(String provider, String endpoint) {
        requireKnown(provider);
        String origin = "the built-in simulator";
        return ConfigFactory.empty()
                .withValue(ConfigPaths.provider(provider, ConfigPaths.PROVIDER_ENDPOINT),
                        ConfigValueFactory.fromAnyRef(endpoint, origin))
                .withValue(ConfigPaths.provider(provider, ConfigPaths.PROVIDER_API_KEY),
                        ConfigValueFactory.fromAnyRef(SahmkSimulation.DEMO_KEY, origin));
    }

    /** {@link #settingsLayer(String, String)} for this simulator. */
    public Config settingsLayer() {
        return settingsLayer(provider, endpoint());
    }

    public String provider() {
        return provider;
    }

    /** The base URL the provider's {@code endpoint} is set to: {@code ws://127.0.0.1:PORT}. */
    public String endpoint() {
        return "ws://" + HOST + ":" + server.port();
    }

    /** The key the simulator accepts on its default (Pro) plan; public, not a secret. */
    public String demoKey() {
        return SahmkSimulation.DEMO_KEY;
    }

    /** Every key the simulator knows, with what it means. */
    public Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(SahmkSimulation.DEMO_KEY, "Pro plan: 60 symbols per connection, 20 per subscribe");
        keys.put(SahmkSimulation.BUSINESS_KEY, "Business plan");
        keys.put(SahmkSimulation.ENTERPRISE_KEY, "Enterprise plan: \"*\" subscribes to the whole market");
        keys.put(SahmkSimulation.INACTIVE_KEY, "an inactive account: closed with 4403");
        return keys;
    }

    /** The full WebSocket URL of each channel, with the demo key: what a client outside Marketfeed connects to. */
    public Map<String, URI> channels() {
        Map<String, URI> channels = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            channels.put(channel.name().toLowerCase(Locale.ROOT),
                    SahmkSimulation.uri(server, channel, SahmkSimulation.DEMO_KEY));
        }
        return channels;
    }

    /** The HTTP fault-injection endpoint: {@code GET status}, {@code POST drop}, {@code stall}, {@code close}, … */
    public URI controlUri() {
        return server.controlUri();
    }

    /** Stops the server; open connections are closed. Idempotent. */
    @Override
    public void close() {
        server.close();
    }
}
