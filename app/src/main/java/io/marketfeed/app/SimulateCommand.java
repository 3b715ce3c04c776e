package io.marketfeed.app;

import io.marketfeed.app.simulator.EmbeddedSimulator;
import io.marketfeed.app.simulator.SimulatedProvider;
import io.marketfeed.app.simulator.SimulatedProviders;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * {@code simulate}: runs simulators on their own, all on one port, until SIGINT or SIGTERM, for trying any client
 * against them. Their fault injection is reachable over HTTP on the same port.
 */
final class SimulateCommand {

    private final Invocation invocation;

    SimulateCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    int execute(Command.Simulate command) {
        EmbeddedSimulator simulator;
        try {
            simulator = EmbeddedSimulator.start(command.providers(), command.port(), command.options());
        } catch (IllegalArgumentException e) {
            // A simulator's own option with a value it cannot use, such as --quota-reset-every soon.
            throw new UsageException(e.getMessage(), CommandLine.SIMULATE_USAGE);
        } catch (IllegalStateException e) {
            throw new UsageException("--port: the simulator could not listen on port " + command.port() + " ("
                    + e.getMessage() + "); use another port, or 0 for a free one", CommandLine.SIMULATE_USAGE);
        }
        try (simulator) {
            describe(simulator, invocation.out());
            String reason = invocation.stopRequest().get();
            invocation.err().println("Stopping the simulator: " + reason);
            return ExitCode.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.OK;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for a stop request failed", e.getCause());
        }
    }

    static void describe(EmbeddedSimulator simulator, PrintStream out) {
        List<SimulatedProvider> providers = simulator.providers();
        out.println("Marketfeed simulator on 127.0.0.1:" + simulator.port() + ": " + SimulatedProviders.names(providers)
                + " (demo data, not real prices). Ctrl-C stops it.");
        simulator.describe(out);
        out.println();
        URI control = simulator.controlUri();
        out.println("Control: " + control + "  (fault injection over HTTP; every action applies to all simulators "
                + "unless simulation=ID names one)");
        out.println("  curl " + control + "status");
        String one = providers.get(providers.size() - 1).id();
        for (String example : List.of("drop", "stall?seconds=30", "close?code=4401&simulation="
                + providers.get(0).id(), "malformed?count=3&simulation=" + one, "refuse?seconds=10", "reset")) {
            out.println("  curl -X POST '" + control + example + "'");
        }
        out.println();
        out.println("To stream from all of them: put the \"Marketfeed config\" lines above in a file and run");
        out.println("  ./marketfeed run -c FILE");
        out.flush();
    }
}
