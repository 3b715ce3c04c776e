package io.marketfeed.simulator;

import io.marketfeed.simulator.sahmk.Channel;
import io.marketfeed.simulator.sahmk.Plan;
import io.marketfeed.simulator.sahmk.SahmkOptions;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs simulators from the command line until SIGINT/SIGTERM:
 *
 * <pre>
 * java -cp ... io.marketfeed.simulator.SimulatorMain --provider sahmk --port 8765
 * </pre>
 *
 * Prints the WebSocket URLs with a demo key and the control URL. {@code --help} lists the options.
 */
public final class SimulatorMain {

    static final String USAGE = """
            Usage: SimulatorMain [options]
              --provider NAME      simulation to run (repeatable; known: sahmk) [sahmk]
              --host HOST          interface to bind [127.0.0.1]
              --port N             port, 0 for any free one [8765]
              --rate R             updates per second per symbol, 0 for none [2]
              --seed N             market generator seed [42]
              --universe N         number of symbols (real Tadawul codes first) [68]
              --key KEY=PLAN       accept KEY on PLAN (pro|business|enterprise|inactive); repeatable
              --bad-key-close N    close code for unknown keys, 4401 or 4001 [4401]
              --error-before-close send {"type":"error"} before closing a rejected key
              --reject-origin      answer handshakes carrying an Origin header with HTTP 403
              --help               this text
            """;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorServer server;
        try {
            server = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (server == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        stopped.await();
    }

    /** Parses {@code args}, starts the server and prints how to reach it; null after {@code --help}. */
    static SimulatorServer start(String[] args, PrintStream out) {
        List<String> providers = new ArrayList<>();
        SahmkOptions.Builder sahmk = SahmkOptions.builder();
        String host = "127.0.0.1";
        int port = 8765;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return null;
                }
                case "--provider" -> providers.add(value(args, ++i, option));
                case "--host" -> host = value(args, ++i, option);
                case "--port" -> port = integer(args, ++i, option);
                case "--rate" -> sahmk.updatesPerSecond(number(args, ++i, option));
                case "--seed" -> sahmk.seed(integer(args, ++i, option));
                case "--universe" -> sahmk.universeSize(integer(args, ++i, option));
                case "--key" -> key(sahmk, value(args, ++i, option));
                case "--bad-key-close" -> sahmk.badKeyCloseCode(integer(args, ++i, option));
                case "--error-before-close" -> sahmk.errorBeforeAuthClose(true);
                case "--reject-origin" -> sahmk.rejectOrigin(true);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (providers.isEmpty()) {
            providers.add(SahmkSimulation.NAME);
        }
        SimulatorServer.Builder builder = SimulatorServer.builder().host(host).port(port);
        for (String provider : providers) {
            if (!provider.equals(SahmkSimulation.NAME)) {
                throw new IllegalArgumentException("unknown provider " + provider + "; known: sahmk");
            }
            builder.add(new SahmkSimulation(sahmk.build()));
        }
        SimulatorServer server = builder.start();
        describe(server, out);
        return server;
    }

    private static void describe(SimulatorServer server, PrintStream out) {
        out.println("Marketfeed simulator listening on " + server.host() + ":" + server.port());
        for (Simulation simulation : server.simulations()) {
            if (simulation instanceof SahmkSimulation sahmk) {
                out.println("SAHMK (demo key " + SahmkSimulation.DEMO_KEY + ", plan pro):");
                for (Channel channel : Channel.values()) {
                    out.printf("  %-7s %s%n", channel.name().toLowerCase(Locale.ROOT) + ":",
                            SahmkSimulation.uri(server, channel, SahmkSimulation.DEMO_KEY));
                }
                out.println("  keys:   " + sahmk.options().keys().entrySet().stream().sorted(Map.Entry
                        .comparingByKey()).map(entry -> entry.getKey() + " (" + entry.getValue().wireName() + ")")
                        .toList());
            }
        }
        out.println("Control: " + server.controlUri().resolve("status")
                + "  (POST drop, stall, resume, close, malformed, ghost, refuse, accept, limits, reset)");
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }

    private static void key(SahmkOptions.Builder sahmk, String spec) {
        int separator = spec.lastIndexOf('=');
        if (separator <= 0 || separator == spec.length() - 1) {
            throw new IllegalArgumentException("--key needs KEY=PLAN, got " + spec);
        }
        sahmk.key(spec.substring(0, separator), Plan.fromWireName(spec.substring(separator + 1)));
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int integer(String[] args, int index, String option) {
        String value = value(args, index, option);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs an integer, got " + value);
        }
    }

    private static double number(String[] args, int index, String option) {
        String value = value(args, index, option);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got " + value);
        }
    }
}
