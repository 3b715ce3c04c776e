package io.marketfeed.app.simulator;

import io.marketfeed.simulator.CommandLineOption;
import io.marketfeed.simulator.Simulation;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.tickatlas.TickAtlasOptions;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TickAtlas (forex M1): the key goes in the first message, every push costs credits against a daily quota. Its
 * simulator's command-line options ({@code --quota-reset-every}, {@code --quote-interval}, {@code --key}, ...: those
 * of {@link io.marketfeed.simulator.SimulatorMain}) pass through {@code simulate}.
 */
final class TickAtlasSimulated implements SimulatedProvider {

    /** The simulator's command-line options for TickAtlas. */
    private static final List<CommandLineOption> OPTIONS = TickAtlasOptions.builder().commandLine();

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
        return OPTIONS.stream().map(CommandLineOption::name).collect(Collectors.toSet());
    }

    @Override
    public boolean optionTakesValue(String name) {
        return OPTIONS.stream().anyMatch(option -> option.name().equals(name) && option.takesValue());
    }

    @Override
    public Simulation newSimulation(List<SimulatorOption> options) {
        TickAtlasOptions.Builder builder = TickAtlasOptions.builder();
        for (SimulatorOption option : options) {
            if (!builder.option(option.name(), option.value().orElse(null))) {
                throw new IllegalArgumentException("the TickAtlas simulator has no option " + option.name());
            }
        }
        return builder.newSimulation();
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
        out.println("  its other options (marketfeed help simulate):");
        out.println("   " + OPTIONS.stream().filter(option -> !option.name().equals("--quota-reset-every"))
                .map(option -> " " + option.name() + (option.takesValue() ? " " + option.argument() : ""))
                .collect(Collectors.joining(",")));
    }
}
