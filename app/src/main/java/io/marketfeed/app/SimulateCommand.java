package io.marketfeed.app;

import io.marketfeed.app.run.EmbeddedSimulator;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * {@code simulate}: runs a simulator on its own until SIGINT or SIGTERM, for trying any client against it. Its
 * fault injection is reachable over HTTP on the same port.
 */
final class SimulateCommand {

    private final Invocation invocation;

    SimulateCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    int execute(Command.Simulate command) {
        try {
            EmbeddedSimulator.requireKnown(command.provider());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--provider: " + e.getMessage(), CommandLine.SIMULATE_USAGE);
        }
        EmbeddedSimulator simulator;
        try {
            simulator = EmbeddedSimulator.start(command.provider(), command.port());
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

    private static void describe(EmbeddedSimulator simulator, PrintStream out) {
        out.println(simulator.provider().toUpperCase(Locale.ROOT)
                + " simulator running (demo data, not real prices). Ctrl-C stops it.");
        out.println();
        for (Map.Entry<String, URI> channel : simulator.channels().entrySet()) {
            out.printf("  %-9s%s%n", channel.getKey() + ":", channel.getValue());
        }
        out.println();
        out.println("  keys:");
        simulator.keys().forEach((key, meaning) -> out.printf("    %-22s%s%n", key, meaning));
        out.println();
        URI control = simulator.controlUri();
        out.println("  control: " + control + "  (fault injection over HTTP)");
        out.println("    curl " + control + "status");
        for (String example : List.of("drop", "stall?seconds=30", "close?code=4401", "malformed?count=3",
                "refuse?seconds=10", "reset")) {
            out.println("    curl -X POST '" + control + example + "'");
        }
        out.println();
        out.println("  Marketfeed config for it:");
        out.println("    marketfeed.providers." + simulator.provider() + " { endpoint = \"" + simulator.endpoint()
                + "\", api-key = \"" + simulator.demoKey() + "\" }");
        out.flush();
    }
}
