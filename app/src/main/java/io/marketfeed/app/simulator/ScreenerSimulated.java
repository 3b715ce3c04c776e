package io.marketfeed.app.simulator;

import io.marketfeed.simulator.Simulation;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.screener.ScreenerOptions;
import io.marketfeed.simulator.screener.ScreenerSimulation;
import java.io.PrintStream;
import java.util.List;

/**
 * The Stock Screening Platform (Korean market): anonymous connections are allowed, so the demo needs no token;
 * one endpoint carries stock, market, sector and watchlist subscriptions.
 */
final class ScreenerSimulated implements SimulatedProvider {

    @Override
    public String id() {
        return ScreenerSimulation.NAME;
    }

    @Override
    public String displayName() {
        return "Screener";
    }

    @Override
    public String credentialKey() {
        return "token";
    }

    @Override
    public String credentialVariable() {
        return "SCREENER_TOKEN";
    }

    /** Anonymous: the simulator, like the real server, serves public market data without a token. */
    @Override
    public String demoKey() {
        return "";
    }

    @Override
    public boolean needsCredential() {
        return false;
    }

    /** Market status every 2 s (every fourth 500 ms update), so a short demo shows it. */
    @Override
    public Simulation newSimulation(List<SimulatorOption> options) {
        return ScreenerOptions.builder().marketStatusEvery(4).newSimulation();
    }

    @Override
    public String endpoint(SimulatorServer server) {
        return ScreenerSimulation.baseUrl(server);
    }

    @Override
    public String configLine(SimulatorServer server) {
        return "marketfeed.providers." + id() + " { enabled = true, endpoint = \"" + endpoint(server)
                + "\", symbols = [\"005930\", \"000660\"], markets = [\"KOSPI\"] }";
    }

    @Override
    public void describe(SimulatorServer server, Simulation simulation, PrintStream out) {
        simulation.describe(server, out);
        out.println("  Marketfeed config for it:");
        out.println("    " + configLine(server));
    }
}
