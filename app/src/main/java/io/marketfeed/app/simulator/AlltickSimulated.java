package io.marketfeed.app.simulator;

import io.marketfeed.simulator.Simulation;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.alltick.AlltickSimulation;
import java.io.PrintStream;
import java.util.List;

/**
 * AllTick (official {@code cmd_id} protocol): stocks on one endpoint, everything else on the other, the token in
 * the {@code token} query parameter; trades and order books.
 */
final class AlltickSimulated implements SimulatedProvider {

    @Override
    public String id() {
        return AlltickSimulation.NAME;
    }

    @Override
    public String displayName() {
        return "AllTick";
    }

    @Override
    public String credentialKey() {
        return "token";
    }

    @Override
    public String credentialVariable() {
        return "ALLTICK_TOKEN";
    }

    @Override
    public String demoKey() {
        return AlltickSimulation.DEMO_TOKEN;
    }

    @Override
    public Simulation newSimulation(List<SimulatorOption> options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("the AllTick simulator takes no options, got " + options);
        }
        return new AlltickSimulation();
    }

    @Override
    public String configLine(SimulatorServer server) {
        return "marketfeed.providers." + id() + " { enabled = true, endpoint = \"" + endpoint(server) + "\", "
                + credentialKey() + " = \"" + demoKey() + "\", plan = premium, trades.symbols = [\"700.HK\", "
                + "\"EURUSD\"], depth.symbols = [\"700.HK\", \"EURUSD\"] }";
    }

    @Override
    public void describe(SimulatorServer server, Simulation simulation, PrintStream out) {
        simulation.describe(server, out);
        out.println("  Marketfeed config for it (the demo token is on Premium):");
        out.println("    " + configLine(server));
    }

    @Override
    public java.util.List<String> endpointOverrides() {
        return java.util.List.of("endpoints.stock", "endpoints.other");
    }
}
