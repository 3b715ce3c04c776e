package io.marketfeed.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line of {@code bench/run}. */
public final class BenchOptions {

    public static final List<String> SECTIONS = List.of("throughput", "latency", "scale", "recovery", "jmh",
            "sinks");

    static final String USAGE = """
            usage: bench/run [--quick] [--only SECTION[,SECTION...]] [options]

            Measures Marketfeed end to end on loopback and prints one Markdown table, also written to
            bench/results/latest.md. Sections: throughput, latency, scale, recovery, jmh, sinks (all by
            default).

              --quick               shorter runs (about 2 minutes instead of about 5, on 2 cores
                                    with the code of 2026-12; a slower runtime takes longer)
              --only S1,S2          run only these sections
              --frames N            quote frames per client in the throughput section
                                    [2,000,000; quick 500,000]
              --rate N              paced frames per second in the latency section [50,000]
              --latency-seconds N   length of the paced run [10; quick 5]
              --connections N       connections in the scale section [1,000]
              --recovery-trials N   repetitions of each fault [3; quick 1]
              --runner-java-opts S  MARKETFEED_JAVA_OPTS for the runner's JVM in client (d)
                                    [the harness's own -Xmx/-Xms/-XX options]
              --output FILE         where the table goes [bench/results/latest.md]
            """;

    public final Path root;
    public final boolean quick;
    public final Set<String> sections;
    public final long frames;
    public final int rate;
    public final int latencySeconds;
    public final int connections;
    public final int recoveryTrials;
    public final String runnerJavaOptions;
    public final Path output;
    public final String command;

    private BenchOptions(Path root, boolean quick, Set<String> sections, long frames, int rate, int latencySeconds,
            int connections, int recoveryTrials, String runnerJavaOptions, Path output, String command) {
        this.root = root;
        this.quick = quick;
        this.sections = sections;
        this.frames = frames;
        this.rate = rate;
        this.latencySeconds = latencySeconds;
        this.connections = connections;
        this.recoveryTrials = recoveryTrials;
        this.runnerJavaOptions = runnerJavaOptions;
        this.output = output;
        this.command = command;
    }

    /** @throws IllegalArgumentException with a message for the user */
    static BenchOptions parse(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        boolean quick = false;
        Set<String> sections = new LinkedHashSet<>(SECTIONS);
        Long frames = null;
        int rate = 50_000;
        Integer latencySeconds = null;
        int connections = 1_000;
        Integer recoveryTrials = null;
        String runnerJavaOptions = null;
        Path output = null;
        StringBuilder command = new StringBuilder("bench/run");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--root")) {
                root = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                continue;
            }
            command.append(' ').append(arg.contains(" ") ? "'" + arg + "'" : arg);
            switch (arg) {
                case "--quick" -> quick = true;
                case "--only" -> {
                    String list = value(args, ++i, arg);
                    command.append(' ').append(list);
                    sections = new LinkedHashSet<>();
                    for (String section : list.split(",")) {
                        String name = section.trim();
                        if (!SECTIONS.contains(name)) {
                            throw new IllegalArgumentException("unknown section '" + name + "'; use one of "
                                    + String.join(", ", SECTIONS));
                        }
                        sections.add(name);
                    }
                }
                case "--frames" -> frames = number(args, ++i, arg, command);
                case "--rate" -> rate = (int) number(args, ++i, arg, command);
                case "--latency-seconds" -> latencySeconds = (int) number(args, ++i, arg, command);
                case "--connections" -> connections = (int) number(args, ++i, arg, command);
                case "--recovery-trials" -> recoveryTrials = (int) number(args, ++i, arg, command);
                case "--runner-java-opts" -> {
                    runnerJavaOptions = value(args, ++i, arg);
                    command.append(" '").append(runnerJavaOptions).append('\'');
                }
                case "--output" -> {
                    output = Path.of(value(args, ++i, arg)).toAbsolutePath();
                    command.append(' ').append(args[i]);
                }
                case "-h", "--help" -> throw new HelpRequested();
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (runnerJavaOptions == null) {
            runnerJavaOptions = String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean()
                    .getInputArguments().stream()
                    .filter(option -> option.startsWith("-Xm") || option.startsWith("-XX:+Use"))
                    .toList());
        }
        return new BenchOptions(root, quick, sections,
                frames != null ? frames : quick ? 500_000 : 2_000_000,
                rate,
                latencySeconds != null ? latencySeconds : quick ? 5 : 10,
                connections,
                recoveryTrials != null ? recoveryTrials : quick ? 1 : 3,
                runnerJavaOptions,
                output != null ? output : root.resolve("bench/results/latest.md"),
                command.toString());
    }

    /** Scratch files: generated configuration, logs. */
    public Path work() {
        return root.resolve("bench/target/bench-work");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String[] args, int i, String option, StringBuilder command) {
        String text = value(args, i, option);
        command.append(' ').append(text);
        try {
            long value = Long.parseLong(text.replace(",", "").replace("_", ""));
            if (value < 1) {
                throw new IllegalArgumentException(option + " must be at least 1, got " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + text + "'");
        }
    }

    /** --help. */
    static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
