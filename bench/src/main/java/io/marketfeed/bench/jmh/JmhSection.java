package io.marketfeed.bench.jmh;

import io.marketfeed.bench.BenchOptions;
import io.marketfeed.bench.Fmt;
import io.marketfeed.bench.Report;
import io.marketfeed.bench.Report.Verdict;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Section 6: {@link DecodeBenchmark} for every fixture, one forked JVM each, with JMH's GC profiler; frames per
 * second and bytes allocated per frame ({@code gc.alloc.rate.norm}), and per event.
 */
public final class JmhSection {

    public static final String NAME = "decode (JMH)";
    private static final double QUOTE_TARGET = 256;

    private JmhSection() {
    }

    public static void run(BenchOptions options, Report report) throws IOException, RunnerException {
        Map<String, DecodeFixtures.Check> checks = new LinkedHashMap<>();
        for (DecodeFixtures.Fixture fixture : DecodeFixtures.all()) {
            checks.put(fixture.name(), DecodeFixtures.check(fixture));
        }
        Files.createDirectories(options.work());
        Path log = options.work().resolve("jmh.log");
        ChainedOptionsBuilder jmh = new OptionsBuilder()
                .include(DecodeBenchmark.class.getName() + ".decode")
                .param("frame", checks.keySet().toArray(String[]::new))
                .forks(1)
                .threads(1)
                .warmupIterations(options.quick ? 2 : 3)
                .warmupTime(TimeValue.milliseconds(options.quick ? 700 : 1_000))
                .measurementIterations(options.quick ? 3 : 5)
                .measurementTime(TimeValue.milliseconds(options.quick ? 700 : 1_000))
                .jvmArgs("-Xms512m", "-Xmx512m")
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(false);
        System.err.println("decode (JMH): " + checks.size() + " frames, one fork each; JMH's output in " + log);
        Collection<RunResult> results;
        try (PrintStream out = new PrintStream(new FileOutputStream(log.toFile()), true, StandardCharsets.UTF_8)) {
            results = new Runner(jmh.build(), OutputFormatFactory.createFormatInstance(out, VerboseMode.NORMAL)).run();
        }
        Map<String, RunResult> byFrame = new LinkedHashMap<>();
        for (RunResult result : results) {
            byFrame.put(result.getParams().getParam("frame"), result);
        }
        for (DecodeFixtures.Fixture fixture : DecodeFixtures.all()) {
            DecodeFixtures.Check check = checks.get(fixture.name());
            RunResult result = byFrame.get(fixture.name());
            String figure = fixture.description() + " (" + fixture.bytes() + " B, " + check.events() + " event"
                    + (check.events() == 1 ? "" : "s") + ")";
            if (result == null) {
                report.row(NAME, figure, "no result (see " + log + ")", "–", Verdict.NONE);
                continue;
            }
            double framesPerSecond = result.getPrimaryResult().getScore();
            double perFrame = allocatedPerOp(result);
            double perEvent = check.events() == 0 ? Double.NaN : perFrame / check.events();
            String measured = Fmt.rate(framesPerSecond).replace("/s", " frames/s") + "; " + Fmt.bytes(perFrame)
                    + "/frame, " + Fmt.bytes(perEvent) + "/event";
            if (!check.ok()) {
                measured += "; CHECK FAILED: " + check.events() + " events, " + check.problems();
            }
            if (fixture.quoteFrame()) {
                report.row(NAME, figure, measured, "≤ 256 B per quote event",
                        Verdict.of(check.ok() && perEvent <= QUOTE_TARGET));
            } else {
                report.row(NAME, figure, measured, "–", check.ok() ? Verdict.NONE : Verdict.MISSED);
            }
        }
        report.note(NAME, "each provider's ProtocolSession from create(settings).openSession(...), prepared with its "
                + "subscribe calls and the server's greeting, decoding one pre-built frame (shapes captured from the "
                + "simulators) per operation into a Blackhole; InboundFrame built once (its allocation is the "
                + "runtime's, not counted); " + (options.quick ? "2 × 0.7 s warm-up, 3 × 0.7 s" : "3 × 1 s warm-up, 5 × 1 s")
                + " measurement, 1 fork, -Xmx512m, -prof gc (gc.alloc.rate.norm); events per frame counted by one "
                + "checked decode; full JMH output in " + options.root.relativize(log));
    }

    /** {@code gc.alloc.rate.norm}: bytes allocated per operation. */
    @SuppressWarnings("rawtypes") // JMH declares Map<String, Result> with the raw type
    private static double allocatedPerOp(RunResult result) {
        for (var entry : result.getSecondaryResults().entrySet()) {
            if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
                return entry.getValue().getScore();
            }
        }
        return Double.NaN;
    }
}
