package io.marketfeed.bench;

import io.marketfeed.bench.jmh.JmhSection;
import io.marketfeed.bench.latency.LatencySection;
import io.marketfeed.bench.recovery.RecoverySection;
import io.marketfeed.bench.scale.ScaleSection;
import io.marketfeed.bench.sinks.SinksSection;
import io.marketfeed.bench.throughput.ThroughputSection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code bench/run}: runs the sections asked for, one after the other, and prints one Markdown table (also written to
 * {@code bench/results/latest.md}). Progress goes to stderr, the table to stdout. A section that fails is reported in
 * the table with what went wrong; the others still run.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.HelpRequested e) {
            System.out.print(BenchOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        long start = System.nanoTime();
        CpuShare runStart = CpuShare.now();
        Report report = new Report();
        boolean failed = false;
        for (String section : options.sections) {
            System.err.println("== " + section);
            CpuShare sectionStart = CpuShare.now();
            try {
                switch (section) {
                    case "throughput" -> ThroughputSection.run(options, report);
                    case "latency" -> LatencySection.run(options, report);
                    case "scale" -> ScaleSection.run(options, report);
                    case "recovery" -> RecoverySection.run(options, report);
                    case "jmh" -> JmhSection.run(options, report);
                    case "sinks" -> SinksSection.run(options, report);
                    default -> throw new IllegalStateException("unknown section " + section);
                }
            } catch (Exception | LinkageError e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                System.err.println(trace);
                report.row(section, "section failed", e.toString(), "–", Report.Verdict.MISSED);
                failed = true;
            }
            String cpu = CpuShare.since(sectionStart);
            if (!cpu.isEmpty()) {
                report.note(sectionNote(section), cpu);
            }
            System.gc();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String markdown = header(options, took, CpuShare.since(runStart)) + "\n" + report.markdown();
        System.out.println();
        System.out.print(markdown);
        Files.createDirectories(options.output.getParent());
        Files.writeString(options.output, markdown, StandardCharsets.UTF_8);
        System.err.println("\nwritten to " + options.output + " (" + format(took) + ")");
        // Exit explicitly: lingering daemon threads of the clients (Jetty's, the JDK's) must not keep the JVM alive.
        // 1 when a section could not run at all; a missed target is a result, not a failure.
        System.exit(failed ? 1 : 0);
    }

    /** The notes heading of a section: the name its rows use. */
    private static String sectionNote(String section) {
        return section.equals("jmh") ? JmhSection.NAME : section;
    }

    private static String header(BenchOptions options, Duration took, String cpu) {
        return "# Marketfeed bench\n\n"
                + "| | |\n|---|---|\n"
                + "| date | " + Machine.date() + " |\n"
                + "| machine | " + Machine.cores() + ", " + Machine.cpuModel() + ", " + Machine.memory() + ", "
                + Machine.os() + " |\n"
                + "| JDK | " + Machine.jdk() + " |\n"
                + "| harness JVM options | " + Machine.jvmOptions() + " |\n"
                + "| code | " + Machine.gitState(options.root) + " |\n"
                + "| command | `" + options.command + "` (" + (options.quick ? "quick" : "full") + " run, "
                + format(took) + ") |\n"
                + (cpu.isEmpty() ? "" : "| load | " + cpu + "; load average at the end " + loadAverage() + " |\n");
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 ? String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60)
                : seconds + " s";
    }
}
