package io.marketfeed.simulator.tickatlas;

import io.marketfeed.simulator.SimulatorServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the TickAtlas simulation alone from the command line until SIGINT/SIGTERM:
 *
 * <pre>
 * java -cp ... io.marketfeed.simulator.tickatlas.TickAtlasSimulatorMain --port 8766 --quote-interval 1s
 * </pre>
 *
 * Prints the URL, the demo keys and the control URL. {@code --help} lists the options; {@link #options} can also be
 * used by another launcher to read the same options.
 */
public final class TickAtlasSimulatorMain {

    static final String USAGE = """
            Usage: TickAtlasSimulatorMain [options]
              --host HOST              interface to bind [127.0.0.1]
              --port N                 port, 0 for any free one [8766]
              --quote-interval D       a quote per symbol every D (500ms, 1s, 60s; 0 for none) [1s]
              --heartbeat D            server heartbeat every D [30s]
              --auth-deadline D        close unauthenticated connections after D [10s]
              --connections-per-key N  connection limit per key [2]
              --quota-reset-every D    also reset every quota every D (00:00 UTC always resets) [never]
              --flat-quotes            use the flat quote shape of the older reference page
              --seed N                 market seed [42]
              --key KEY=PLAN[:QUOTA]   accept KEY on PLAN (starter|pro|enterprise|free|payg); repeatable
              --help                   this text
            """;

    private TickAtlasSimulatorMain() {
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
        TickAtlasOptions.Builder options = TickAtlasOptions.builder();
        String host = "127.0.0.1";
        int port = 8766;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return null;
                }
                case "--host" -> host = value(args, ++i, option);
                case "--port" -> port = integer(value(args, ++i, option), option);
                default -> {
                    if (!option(options, option, i + 1 < args.length ? args[i + 1] : null)) {
                        throw new IllegalArgumentException("unknown option " + option);
                    }
                    if (takesValue(option)) {
                        i++;
                    }
                }
            }
        }
        TickAtlasSimulation simulation = new TickAtlasSimulation(options.build());
        SimulatorServer server = SimulatorServer.builder().host(host).port(port).add(simulation).start();
        out.println("Marketfeed simulator listening on " + server.host() + ":" + server.port());
        simulation.describe(server, out);
        out.println("Control: " + server.controlUri().resolve("status")
                + "  (POST drop, stall, resume, close, malformed, ghost, refuse, accept, limits, reset)");
        out.println("Press Ctrl+C to stop.");
        out.flush();
        return server;
    }

    /**
     * Applies one TickAtlas option to {@code options}; false when {@code option} is not one. For launchers that
     * host several simulations and pass TickAtlas's options through.
     *
     * @param value the option's value (the next argument), null when there is none
     */
    public static boolean option(TickAtlasOptions.Builder options, String option, String value) {
        switch (option) {
            case "--quote-interval" -> options.quoteInterval(duration(required(value, option), option));
            case "--heartbeat" -> options.heartbeatInterval(duration(required(value, option), option));
            case "--auth-deadline" -> options.authDeadline(duration(required(value, option), option));
            case "--connections-per-key" -> options.connectionsPerKey(integer(required(value, option), option));
            case "--quota-reset-every" -> options.quotaResetInterval(duration(required(value, option), option));
            case "--flat-quotes" -> options.flatQuotes(true);
            case "--seed" -> options.seed(integer(required(value, option), option));
            case "--key" -> key(options, required(value, option));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Whether a TickAtlas option consumes the next argument. */
    public static boolean takesValue(String option) {
        return !option.equals("--flat-quotes");
    }

    private static void key(TickAtlasOptions.Builder options, String spec) {
        int separator = spec.lastIndexOf('=');
        if (separator <= 0 || separator == spec.length() - 1) {
            throw new IllegalArgumentException("--key needs KEY=PLAN or KEY=PLAN:QUOTA, got " + spec);
        }
        String planSpec = spec.substring(separator + 1);
        int colon = planSpec.indexOf(':');
        TickAtlasPlan plan = TickAtlasPlan.named(colon < 0 ? planSpec : planSpec.substring(0, colon));
        if (colon >= 0) {
            plan = plan.withDailyQuota(integer(planSpec.substring(colon + 1), "--key quota"));
        }
        options.key(spec.substring(0, separator), plan);
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, {@code 0}. */
    static Duration duration(String text, String option) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.equals("0")) {
                return Duration.ZERO;
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a duration such as 500ms, 2s or 1m, got " + text);
    }

    private static String required(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static String value(String[] args, int index, String option) {
        return required(index < args.length ? args[index] : null, option);
    }

    private static int integer(String value, String option) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs an integer, got " + value);
        }
    }
}
