package io.marketfeed.app;

import io.marketfeed.app.config.Suggestions;
import io.marketfeed.app.output.OutputFormat;
import io.marketfeed.app.simulator.SimulatedProvider;
import io.marketfeed.app.simulator.SimulatedProviders;
import io.marketfeed.app.simulator.SimulatorOption;
import io.marketfeed.runtime.record.RecordOptions;
import io.marketfeed.runtime.record.ReplaySpeed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the command line by hand: few options, and every mistake gets a precise message and the command's
 * usage line. Options take their value as the next argument or after '=' ({@code --duration=15s}).
 */
public final class CommandLine {

    public static final String RUN_USAGE = "marketfeed run [-c FILE] [--duration D] [--format table|jsonl|none] "
            + "[--record DIR] [-Dpath=value ...]";
    public static final String REPLAY_USAGE =
            "marketfeed replay DIR [--speed max|1x|Nx] [-c FILE] [--format table|jsonl|none] [-Dpath=value ...]";
    public static final String CONFIG_USAGE = "marketfeed config [-c FILE] [-Dmarketfeed.path=value ...]";
    public static final String PROVIDERS_USAGE = "marketfeed providers [-c FILE] [-Dmarketfeed.path=value ...]";
    public static final String SIMULATE_USAGE = "marketfeed simulate [--provider all|"
            + String.join("|", SimulatedProviders.ids()) + "[,...]] [--port N] [simulator options]";
    public static final String OVERVIEW_USAGE =
            "marketfeed <run|replay|config|providers|simulate|help> [options]  (marketfeed --help explains them)";

    /** The simulator's port when none is given: fixed, so a client can keep the same URL between runs. */
    public static final int DEFAULT_SIMULATOR_PORT = 8765;

    private static final List<String> COMMANDS = List.of("run", "replay", "config", "providers", "simulate", "help");

    private final Deque<String> arguments;
    private final String usage;

    private CommandLine(List<String> arguments, String usage) {
        this.arguments = new ArrayDeque<>(arguments);
        this.usage = usage;
    }

    /** @throws UsageException for anything that is not a valid command line */
    public static Command parse(List<String> arguments) {
        if (arguments.isEmpty()) {
            throw new UsageException("no command given", OVERVIEW_USAGE);
        }
        String first = arguments.get(0);
        List<String> rest = arguments.subList(1, arguments.size());
        if (first.equals("--help") || first.equals("-h")) {
            return new Command.Help(Optional.empty());
        }
        if (first.equals("--version") || first.equals("-V") || first.equals("version")) {
            return new Command.Version();
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            return new Command.Help(Optional.of(first).filter(COMMANDS::contains));
        }
        switch (first) {
            case "run":
                return new CommandLine(rest, RUN_USAGE).run();
            case "replay":
                return new CommandLine(rest, REPLAY_USAGE).replay();
            case "config":
                return new CommandLine(rest, CONFIG_USAGE).showConfig();
            case "providers":
                return new CommandLine(rest, PROVIDERS_USAGE).providers();
            case "simulate":
                return new CommandLine(rest, SIMULATE_USAGE).simulate();
            case "help":
                return help(rest);
            default:
                String hint = Suggestions.closest(first, COMMANDS).map(s -> "; did you mean '" + s + "'?").orElse("");
                throw new UsageException((first.startsWith("-") ? "unknown option '" : "unknown command '") + first
                        + "'" + hint, OVERVIEW_USAGE);
        }
    }

    private static Command help(List<String> rest) {
        if (rest.size() > 1 || (rest.size() == 1 && !COMMANDS.contains(rest.get(0)))) {
            throw new UsageException("help takes one command name: " + String.join(", ", COMMANDS), OVERVIEW_USAGE);
        }
        return new Command.Help(rest.stream().findFirst());
    }

    private Command run() {
        OutputOptions shared = new OutputOptions();
        Optional<Duration> duration = Optional.empty();
        Optional<Path> record = Optional.empty();
        while (!arguments.isEmpty()) {
            String option = arguments.removeFirst();
            if (shared.take(option)) {
                continue;
            }
            switch (name(option)) {
                case "--duration":
                    duration = once(duration, option, duration(value(option)));
                    break;
                case "--record":
                    record = once(record, option, recordFolder(value(option)));
                    break;
                default:
                    throw unknown(option, List.of("-c", "--config", "--duration", "--format", "--record", "-D"));
            }
        }
        return new Command.Run(shared.file, duration, shared.format, shared.overrides, record);
    }

    /** {@code replay DIR}, with the options of {@code run} that shape the output, and {@code --speed}. */
    private Command replay() {
        OutputOptions shared = new OutputOptions();
        Optional<Path> directory = Optional.empty();
        Optional<ReplaySpeed> speed = Optional.empty();
        while (!arguments.isEmpty()) {
            String option = arguments.removeFirst();
            if (shared.take(option)) {
                continue;
            }
            if (!isOption(option) && directory.isEmpty()) {
                directory = Optional.of(Path.of(option));
            } else if (name(option).equals("--speed")) {
                speed = once(speed, option, speed(value(option)));
            } else {
                throw unknown(option, List.of("-c", "--config", "--format", "--speed", "-D"));
            }
        }
        if (directory.isEmpty()) {
            throw new UsageException("replay needs the folder of a recording (made with run --record DIR)", usage);
        }
        return new Command.Replay(directory.get(), speed.orElse(ReplaySpeed.MAX), shared.file, shared.format,
                shared.overrides);
    }

    /** The options {@code run} and {@code replay} share: the configuration, its overrides and the output format. */
    private final class OutputOptions {
        Optional<Path> file = Optional.empty();
        Optional<OutputFormat> format = Optional.empty();
        final Map<String, String> overrides = new LinkedHashMap<>();

        /** Takes {@code option} (and its value) when it is one of these; false when it is not. */
        boolean take(String option) {
            if (override(option, overrides)) {
                return true;
            }
            switch (name(option)) {
                case "-c":
                case "--config":
                    file = once(file, option, Path.of(value(option)));
                    return true;
                case "--format":
                    format = once(format, option, format(value(option)));
                    return true;
                default:
                    return false;
            }
        }
    }

    private Command showConfig() {
        Optional<Path> file = Optional.empty();
        Map<String, String> overrides = new LinkedHashMap<>();
        while (!arguments.isEmpty()) {
            String option = arguments.removeFirst();
            if (override(option, overrides)) {
                continue;
            }
            switch (name(option)) {
                case "-c":
                case "--config":
                    file = once(file, option, Path.of(value(option)));
                    break;
                default:
                    throw unknown(option, List.of("-c", "--config", "-D"));
            }
        }
        return new Command.ShowConfig(file, overrides);
    }

    private Command providers() {
        Command.ShowConfig parsed = (Command.ShowConfig) showConfig();
        return new Command.Providers(parsed.configFile(), parsed.overrides());
    }

    private Command simulate() {
        Optional<List<String>> providers = Optional.empty();
        Optional<Integer> port = Optional.empty();
        List<SimulatorOption> options = new ArrayList<>();
        while (!arguments.isEmpty()) {
            String option = arguments.removeFirst();
            switch (name(option)) {
                case "--provider":
                    providers = once(providers, option, simulated(value(option)));
                    break;
                case "--port":
                    port = once(port, option, port(value(option)));
                    break;
                default:
                    options.add(simulatorOption(option));
            }
        }
        List<String> chosen = providers.orElse(SimulatedProviders.ids());
        for (SimulatorOption option : options) {
            if (!chosen.contains(option.provider())) {
                throw new UsageException(option.name() + " is an option of the " + option.provider()
                        + " simulator; add " + option.provider() + " to --provider (or use --provider all)", usage);
            }
        }
        return new Command.Simulate(chosen, port.orElse(DEFAULT_SIMULATOR_PORT), options);
    }

    /** {@code all}, or ids separated by commas, each one a simulator exists for; in order, without repeats. */
    private List<String> simulated(String text) {
        List<String> ids = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String id = part.trim().toLowerCase(Locale.ROOT);
            if (id.equals(SimulatedProviders.EVERY)) {
                ids.addAll(SimulatedProviders.ids());
            } else if (SimulatedProviders.find(id).isPresent()) {
                ids.add(id);
            } else {
                throw new UsageException("--provider: " + SimulatedProviders.unknown(id) + "; or "
                        + SimulatedProviders.EVERY + " for every one", usage);
            }
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    /** An option of one particular simulator, such as TickAtlas's {@code --quota-reset-every 2m}. */
    private SimulatorOption simulatorOption(String option) {
        String name = name(option);
        Optional<SimulatedProvider> owner = SimulatedProviders.owningOption(name);
        if (owner.isEmpty()) {
            List<String> known = new ArrayList<>(List.of("--provider", "--port"));
            known.addAll(SimulatedProviders.optionNames());
            throw unknown(option, known);
        }
        if (owner.get().optionTakesValue(name)) {
            return new SimulatorOption(owner.get().id(), name, Optional.of(value(option)));
        }
        if (!name.equals(option)) {
            throw new UsageException("option " + name + " takes no value", usage);
        }
        return new SimulatorOption(owner.get().id(), name, Optional.empty());
    }

    /** {@code -Dpath=value} or {@code -D path=value}; only configuration under {@code marketfeed}. */
    private boolean override(String option, Map<String, String> overrides) {
        if (!option.startsWith("-D")) {
            return false;
        }
        String assignment = option.length() > 2 ? option.substring(2) : next(option);
        int equals = assignment.indexOf('=');
        if (equals <= 0) {
            throw new UsageException("-D needs path=value, such as -Dmarketfeed.stop-timeout=10s, got '" + option
                    + "'", usage);
        }
        String path = assignment.substring(0, equals).trim();
        if (!path.startsWith("marketfeed.")) {
            throw new UsageException("-D" + path + ": -D sets configuration under marketfeed.*; pass JVM options "
                    + "in MARKETFEED_JAVA_OPTS", usage);
        }
        overrides.put(path, assignment.substring(equals + 1));
        return true;
    }

    private static String name(String option) {
        int equals = option.indexOf('=');
        return option.startsWith("--") && equals > 0 ? option.substring(0, equals) : option;
    }

    private String value(String option) {
        int equals = option.indexOf('=');
        if (option.startsWith("--") && equals > 0) {
            return option.substring(equals + 1);
        }
        return next(option);
    }

    private String next(String option) {
        if (arguments.isEmpty() || isOption(arguments.peekFirst())) {
            throw new UsageException("option " + option + " needs a value", usage);
        }
        return arguments.removeFirst();
    }

    /** An option, not a value: no option starts with a digit, so {@code -5s} is a (negative) value. */
    private static boolean isOption(String argument) {
        return argument.startsWith("-") && argument.length() > 1 && !Character.isDigit(argument.charAt(1));
    }

    private <T> Optional<T> once(Optional<T> earlier, String option, T value) {
        if (earlier.isPresent()) {
            throw new UsageException("option " + name(option) + " is given twice", usage);
        }
        return Optional.of(value);
    }

    private UsageException unknown(String option, List<String> known) {
        if (!option.startsWith("-")) {
            return new UsageException("unexpected argument '" + option + "'", usage);
        }
        String hint = Suggestions.closest(name(option), known).map(s -> "; did you mean '" + s + "'?").orElse("");
        return new UsageException("unknown option '" + name(option) + "'" + hint, usage);
    }

    private Duration duration(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--duration: " + e.getMessage(), usage);
        }
    }

    /** A folder that can be recorded into: it exists and can be written, or can be created. */
    private Path recordFolder(String text) {
        Path folder = Path.of(text);
        RecordOptions.problem(folder).ifPresent(problem -> {
            throw new UsageException("--record: " + problem, usage);
        });
        return folder;
    }

    private ReplaySpeed speed(String text) {
        try {
            return ReplaySpeed.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--speed: " + e.getMessage(), usage);
        }
    }

    private OutputFormat format(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "table":
                return OutputFormat.TABLE;
            case "jsonl":
                return OutputFormat.JSONL;
            case "auto":
                return OutputFormat.AUTO;
            case "none":
                return OutputFormat.NONE;
            default:
                throw new UsageException("--format: unknown format '" + text + "'; use table, jsonl or none", usage);
        }
    }

    private int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--port: '" + text + "' is not a port number (0 to 65535; 0 picks a free port)",
                usage);
    }
}
