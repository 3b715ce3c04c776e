package io.marketfeed.it.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The chaos soak: {@link ChaosTest}'s rig, schedule and invariants for hours, a summary line every minute, and the
 * heap and thread comparison at the end. Not a test (the default suite runs {@link ChaosTest}); run it with
 *
 * <pre>
 * mvn -q -o -pl integration-tests test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.marketfeed.it.chaos.Soak -Dexec.args="--duration 4h [--seed N]"
 * </pre>
 *
 * It ends normally when every invariant held; a violation (naming seed, fault and invariant) ends it with the
 * error, and Maven with exit code 1; bad arguments print the usage and exit 2. Per-fault lines go to
 * {@code soak-faults.log} in the working directory; stdout gets a summary line every minute.
 */
public final class Soak {

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        Duration duration = null;
        long seed = System.nanoTime();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--duration" -> duration = parse(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (duration == null) {
                throw new IllegalArgumentException("--duration is required, such as --duration 4h");
            }
        } catch (RuntimeException e) {
            System.err.println("soak: " + e.getMessage() + "; usage: Soak --duration 30m|4h|90s [--seed N]");
            System.exit(2);
            return;
        }
        System.out.println("soak seed " + seed + " for " + duration + " (replay with --seed " + seed + ")");
        quietLogs();
        try (PrintStream faults = new PrintStream(new java.io.FileOutputStream("soak-faults.log", true), true);
                ChaosRig rig = ChaosRig.start(seed)) {
            rig.setups().values().forEach(setup -> System.out.println("soak bound " + setup.describeBound(
                    ChaosRig.RECONNECT, ChaosRig.CONNECT_TIMEOUT)));
            ChaosRun run = new ChaosRun(rig, new FaultSchedule(seed), faults);
            run.warmUp();
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            boolean marked = false;
            while (System.nanoTime() < end) {
                if (!marked && System.nanoTime() - start >= duration.toNanos() / 2) {
                    run.markMidpoint();
                    marked = true;
                }
                run.schedule(Duration.ofMinutes(1));
                if (marked) {
                    run.sample();
                }
                System.out.println(Instant.now() + " " + run.figures().summary());
            }
            ChaosFigures figures = run.figures();
            run.checkFlat(figures);
            System.out.println("soak passed: " + figures.summary());
        } catch (AssertionError e) {
            System.err.println("soak failed: " + e.getMessage());
            throw e;
        }
    }

    /**
     * The test class path's logback-test.xml logs the runtime at DEBUG and keeps every line in memory for the
     * suite's log assertions: for hours, INFO to stderr only.
     */
    private static void quietLogs() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender("CAPTURE");
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.marketfeed"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
    }

    /** {@code 90s}, {@code 30m}, {@code 4h}. */
    static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (!value.matches("\\d+[smh]")) {
            throw new IllegalArgumentException("duration '" + text + "' must be a number with s, m or h");
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        Duration parsed = switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (parsed.isZero()) {
            throw new IllegalArgumentException("duration must be positive, got " + text);
        }
        return parsed;
    }
}
