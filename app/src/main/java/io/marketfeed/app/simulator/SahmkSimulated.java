package io.marketfeed.app.simulator;

import io.marketfeed.simulator.Simulation;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.sahmk.Channel;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import java.io.PrintStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** SAHMK (Tadawul): three channels, the key in the {@code api_key} query parameter. */
final class SahmkSimulated implements SimulatedProvider {

    @Override
    public String id() {
        return SahmkSimulation.NAME;
    }

    @Override
    public String displayName() {
        return "SAHMK";
    }

    @Override
    public String credentialKey() {
        return "api-key";
    }

    @Override
    public String credentialVariable() {
        return "SAHMK_API_KEY";
    }

    @Override
    public String demoKey() {
        return SahmkSimulation.DEMO_KEY;
    }

    @Override
    public Simulation newSimulation(List<SimulatorOption> options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("the SAHMK simulator takes no options, got " + options);
        }
        return new SahmkSimulation();
    }

    /** Every key the simulator knows, with what it means. */
    static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(SahmkSimulation.DEMO_KEY, "Pro plan: 60 symbols per connection, 20 per subscribe");
        keys.put(SahmkSimulation.BUSINESS_KEY, "Business plan");
        keys.put(SahmkSimulation.ENTERPRISE_KEY, "Enterprise plan: \"*\" subscribes to the whole market");
        keys.put(SahmkSimulation.INACTIVE_KEY, "an inactive account: closed with 4403");
        return keys;
    }

    /** The full WebSocket URL of each channel, with the demo key: what a client outside Marketfeed connects to. */
    static Map<String, URI> channels(SimulatorServer server) {
        Map<String, URI> channels = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            channels.put(channel.name().toLowerCase(Locale.ROOT),
                    SahmkSimulation.uri(server, channel, SahmkSimulation.DEMO_KEY));
        }
        return channels;
    }

    @Override
    public String configLine(SimulatorServer server) {
        return "marketfeed.providers." + id() + " { endpoint = \"" + endpoint(server) + "\", " + credentialKey()
                + " = \"" + demoKey() + "\", symbols = [\"2222\", \"1120\", \"7010\"] }";
    }

    @Override
    public void describe(SimulatorServer server, Simulation simulation, PrintStream out) {
        out.println("SAHMK (Tadawul; the key goes in the api_key query parameter):");
        channels(server).forEach((channel, uri) -> out.printf("  %-9s%s%n", channel + ":", uri));
        out.println("  keys:");
        keys().forEach((key, meaning) -> out.printf("    %-22s%s%n", key, meaning));
        out.println("  Marketfeed config for it:");
        out.println("    " + configLine(server));
    }

    @Override
    public java.util.List<String> endpointOverrides() {
        return java.util.List.of("endpoints.quotes", "endpoints.depth", "endpoints.trades");
    }
}
