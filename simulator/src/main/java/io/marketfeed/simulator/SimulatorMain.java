package io.marketfeed.simulator;

import io.marketfeed.simulator.alltick.AlltickOptions;
import io.marketfeed.simulator.sahmk.SahmkOptions;
import io.marketfeed.simulator.screener.ScreenerOptions;
import io.marketfeed.simulator.tickatlas.TickAtlasOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The simulator's command line: runs the simulations of one or more providers on one port until SIGINT/SIGTERM:
 *
 * <pre>
 * java -cp ... io.marketfeed.simulator.SimulatorMain --provider sahmk,tickatlas --port 8765 --quote-interval 1s
 * </pre>
 *
 * Prints each simulation's URLs and demo keys, and the control URL. {@code --help} lists the options: those of
 * every simulation ({@link SimulationOptions.Builder#commandLine()}) and each provider's own. An option after
 * {@code --provider NAME} is that provider's; one before any {@code --provider} applies to every chosen provider
 * that has it. The app's {@code simulate} passes options through {@link #options(String)} the same way.
 */
public final class SimulatorMain {

    /** Each provider's options builder, in the order the usage text lists them. */
    private static final Map<String, Supplier<SimulationOptions.Builder<?, ?, ?, ?>>> PROVIDERS = providers();

    private static final String DEFAULT_PROVIDER = "sahmk";

    private SimulatorMain() {
    }

    private static Map<String, Supplier<SimulationOptions.Builder<?, ?, ?, ?>>> providers() {
        Map<String, Supplier<SimulationOptions.Builder<?, ?, ?, ?>>> providers = new LinkedHashMap<>();
        providers.put("sahmk", SahmkOptions::builder);
        providers.put("tickatlas", TickAtlasOptions::builder);
        providers.put("alltick", AlltickOptions::builder);
        providers.put("screener", ScreenerOptions::builder);
        return providers;
    }

    /** The providers there are simulations for: {@code sahmk, tickatlas, alltick, screener}. */
    public static List<String> providerNames() {
        return List.copyOf(PROVIDERS.keySet());
    }

    /**
     * A new options builder of {@code provider}'s simulation, which reads its command-line options
     * ({@link SimulationOptions.Builder#option}).
     *
     * @throws IllegalArgumentException naming the providers there are
     */
    public static SimulationOptions.Builder<?, ?, ?, ?> options(String provider) {
        Supplier<SimulationOptions.Builder<?, ?, ?, ?>> builder = PROVIDERS.get(provider);
        if (builder == null) {
            throw new IllegalArgumentException("unknown provider " + provider + "; known: "
                    + String.join(", ", PROVIDERS.keySet()));
        }
        return builder.get();
    }

    /** The usage text, generated from every simulation's options. */
    static String usage() {
        StringBuilder usage = new StringBuilder("Usage: SimulatorMain [--provider NAME[,NAME...]] [options]\n");
        usage.append(new CommandLineOption("--provider", "NAMES", "simulations to host on one port, repeatable ("
                + String.join("|", PROVIDERS.keySet()) + ") [" + DEFAULT_PROVIDER + "]").usageLine());
        usage.append(new CommandLineOption("--host", "HOST", "interface to bind [127.0.0.1]").usageLine());
        usage.append(new CommandLineOption("--port", "N", "port, 0 for any free one [8765]").usageLine());
        usage.append(CommandLineOption.flag("--help", "this text").usageLine());
        usage.append("An option after --provider NAME is that simulation's; one before any --provider applies to every\n"
                + "chosen simulation that has it. Every simulation takes:\n");
        List<CommandLineOption> common = SimulationOptions.Builder.commonCommandLine();
        common.forEach(option -> usage.append(option.usageLine()));
        PROVIDERS.forEach((name, builder) -> {
            List<CommandLineOption> own = builder.get().commandLine().stream().filter(o -> !common.contains(o))
                    .toList();
            if (!own.isEmpty()) {
                usage.append(name).append(":\n");
                own.forEach(option -> usage.append(option.usageLine()));
            }
        });
        return usage.toString();
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorServer server;
        try {
            server = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + " (--help lists the options)");
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
        Map<String, SimulationOptions.Builder<?, ?, ?, ?>> chosen = new LinkedHashMap<>();
        List<String[]> options = new ArrayList<>(); // scope (null before any --provider), option, value
        String scope = null;
        String host = "127.0.0.1";
        int port = 8765;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    out.print(usage());
                    return null;
                }
                case "--provider" -> {
                    for (String name : value(args, ++i, option).split(",")) {
                        scope = name.trim();
                        chosen.computeIfAbsent(scope, SimulatorMain::options);
                    }
                }
                case "--host" -> host = value(args, ++i, option);
                case "--port" -> port = CommandLineOption.integer(value(args, ++i, option), option);
                default -> {
                    options.add(new String[] {scope, option, takesValue(option) ? value(args, ++i, option) : null});
                }
            }
        }
        if (chosen.isEmpty()) {
            chosen.put(DEFAULT_PROVIDER, options(DEFAULT_PROVIDER));
        }
        for (String[] option : options) { // in order, so that a provider's own option wins over one for all
            boolean applied = false;
            for (Map.Entry<String, SimulationOptions.Builder<?, ?, ?, ?>> provider : chosen.entrySet()) {
                if (option[0] == null || option[0].equals(provider.getKey())) {
                    applied |= provider.getValue().option(option[1], option[2]);
                }
            }
            if (!applied) {
                throw new IllegalArgumentException(option[1] + " is not an option of the "
                        + (option[0] == null ? String.join(", ", chosen.keySet()) : option[0]) + " simulator"
                        + (option[0] == null ? "; name the provider whose it is with --provider" : ""));
            }
        }
        SimulatorServer.Builder builder = SimulatorServer.builder().host(host).port(port);
        chosen.values().forEach(provider -> builder.add(provider.newSimulation()));
        SimulatorServer server = builder.start();
        out.println("Marketfeed simulator listening on " + server.host() + ":" + server.port());
        server.simulations().forEach(simulation -> simulation.describe(server, out));
        out.println("Control: " + server.controlUri().resolve("status")
                + "  (POST drop, stall, resume, close, malformed, ghost, refuse, accept, limits, reset)");
        out.println("Press Ctrl+C to stop.");
        out.flush();
        return server;
    }

    /** Whether some simulation has {@code option} and it takes a value; unknown options fail here. */
    private static boolean takesValue(String option) {
        return PROVIDERS.values().stream().flatMap(builder -> builder.get().commandLine().stream())
                .filter(known -> known.name().equals(option)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown option " + option))
                .takesValue();
    }

    private static String value(String[] args, int index, String option) {
        return CommandLineOption.required(index < args.length ? args[index] : null, option);
    }
}
