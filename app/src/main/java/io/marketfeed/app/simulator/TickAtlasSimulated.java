package io.marketfeed.app.simulator;

import io.marketfeed.simulator.Simulation;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.tickatlas.TickAtlasOptions;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulatorMain;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * TickAtlas (forex M1): the key goes in the first message, every push costs credits against a daily quota. Its
 * simulator's own options ({@code --quota-reset-every}, {@code --quote-interval}, {@code --key}, ...) pass through
 * {@code simulate}.
 */
final class TickAtlasSimulated implements SimulatedProvider {

    /** The options {@link TickAtlasSimulatorMain#option} understands. */
    private static final Set<String> OPTIONS = Set.of("--quote-interval", "--heartbeat", "--auth-deadline",
            "--connections-per-key", "--quota-reset-every", "--flat-quotes", "--seed", "--key");

    /** Five symbols: a Starter key's limit, and what the small-quota key spends in about a minute. */
    static final String FIVE_SYMBOLS = "[\"EURUSD\", \"GBPUSD\", \"USDJPY\", \"XAUUSD\", \"BTCUSD\"]";

    @Override
    public String id() {
        return TickAtlasSimulation.NAME;
    }

    @Override
    public String displayName() {
        return "TickAtlas";
    }

    @Override
    public String credentialKey() {
        return "api-key";
    }

    @Override
    public String credentialVariable() {
        return "TICKATLAS_API_KEY";
    }

    @Override
    public String demoKey() {
        return TickAtlasSimulation.DEMO_KEY;
    }

    @Override
    public Set<String> optionNames() {
        return OPTIONS;
    }

    @Override
    public boolean optionTakesValue(String name) {
        return TickAtlasSimulatorMain.takesValue(name);
    }

    @Override
    public Simulation newSimulation(List<SimulatorOption> options) {
        TickAtlasOptions.Builder builder = TickAtlasOptions.builder();
        for (SimulatorOption option : options) {
            if (!TickAtlasSimulatorMain.option(builder, option.name(), option.value().orElse(null))) {
                throw new IllegalArgumentException("the TickAtlas simulator has no option " + option.name());
            }
        }
        return new TickAtlasSimulation(builder.build());
    }

    @Override
    public String endpoint(SimulatorServer server) {
        return TickAtlasSimulation.baseUrl(server);
    }

    @Override
    public String configLine(SimulatorServer server) {
        return block(server, demoKey(), "pro");
    }

    private String block(SimulatorServer server, String key, String plan) {
        return "marketfeed.providers." + id() + " { enabled = true, endpoint = \"" + endpoint(server) + "\", "
                + credentialKey() + " = \"" + key + "\", plan = " + plan + ", symbols = " + FIVE_SYMBOLS + " }";
    }

    @Override
    public void describe(SimulatorServer server, Simulation simulation, PrintStream out) {
        ((TickAtlasSimulation) simulation).describe(server, out);
        out.println("  Marketfeed config for it (the demo key is on Pro):");
        out.println("    " + configLine(server));
        out.println("  To watch the credit forecast run out: " + TickAtlasSimulation.SMALL_QUOTA_KEY + " (Starter, "
                + TickAtlasSimulation.SMALL_QUOTA + " credits) spends its quota in about a minute on five symbols:");
        out.println("    " + block(server, TickAtlasSimulation.SMALL_QUOTA_KEY, "starter"));
        Duration reset = ((TickAtlasSimulation) simulation).options().quotaResetInterval();
        out.println("  quotas reset at 00:00 UTC" + (reset.isZero() ? "; --quota-reset-every D (such as 2m) also resets "
                + "them that often" : " and every " + reset.toString().substring(2).toLowerCase(Locale.ROOT)));
        out.println("  its other options: --quote-interval D, --key KEY=PLAN[:QUOTA], --connections-per-key N,");
        out.println("    --heartbeat D, --auth-deadline D, --flat-quotes, --seed N  (marketfeed help simulate)");
    }
}
