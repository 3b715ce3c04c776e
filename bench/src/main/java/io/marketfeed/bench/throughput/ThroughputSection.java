package io.marketfeed.bench.throughput;

import io.marketfeed.bench.BenchOptions;
import io.marketfeed.bench.Fmt;
import io.marketfeed.bench.Progress;
import io.marketfeed.bench.Report;
import io.marketfeed.bench.Report.Verdict;
import io.marketfeed.bench.Serials;
import io.marketfeed.bench.server.BlastServer;
import io.marketfeed.bench.server.QuoteBlock;
import io.marketfeed.simulator.sahmk.TadawulUniverse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Section 1: the same blast server and the same frames, one client after the other in this run: (a) the ceiling,
 * (b) a hand-written JDK client, (c) the runtime, (d) the runner. Clients (a) to (c) run in this JVM, each after a
 * warm-up connection of max(N/2, 1,000,000) frames (the JIT and the collector's sizing take millions of frames to
 * settle), then in 3 passes (1 with --quick) of which the median counts; (d) is a fresh process, so its figure
 * includes its JVM's warm-up.
 */
public final class ThroughputSection {

    public static final String NAME = "throughput";
    private static final int SYMBOLS = 20;

    private ThroughputSection() {
    }

    /** The first 20 symbols of the simulator's Tadawul universe, with their previous closes. */
    public static QuoteBlock quoteBlock() {
        Map<String, BigDecimal> universe = new LinkedHashMap<>();
        for (Map.Entry<String, BigDecimal> entry : TadawulUniverse.defaults().entrySet()) {
            if (universe.size() == SYMBOLS) {
                break;
            }
            universe.put(entry.getKey(), entry.getValue());
        }
        return QuoteBlock.build(universe, QuoteBlock.DEFAULT_FRAMES, 7);
    }

    public static void run(BenchOptions options, Report report) throws IOException {
        long frames = options.frames;
        long warmup = Math.max(1_000_000, frames / 2);
        int passes = options.quick ? 1 : 3;
        QuoteBlock block = quoteBlock();
        Progress.Limits inProcess = new Progress.Limits(Duration.ofSeconds(20), Duration.ofSeconds(5),
                Duration.ofSeconds(60 + frames / 20_000));
        Progress.Limits runner = new Progress.Limits(Duration.ofSeconds(90), Duration.ofSeconds(5),
                Duration.ofSeconds(120 + frames / 20_000));
        Measured a;
        Measured b;
        Measured c;
        Measured d;
        try (BlastServer server = BlastServer.start(block, BlastServer.Plan.blast(warmup))) {
            List<String> symbols = server.symbols();
            String subscribe = server.subscribeMessage();
            System.err.printf("throughput: blast server on %s, %s frames per client, %d symbols, %.0f B per frame%n",
                    server.baseUrl(), Fmt.count(frames), symbols.size(), block.averageWire());

            log("warm-up (a)");
            JettyCoreClient.run(server.quotesUri(), subscribe, warmup, inProcess);
            server.plan(BlastServer.Plan.blast(frames));
            a = measured(passes, () -> JettyCoreClient.run(server.quotesUri(), subscribe, frames, inProcess));

            server.plan(BlastServer.Plan.blast(warmup));
            log("warm-up (b)");
            JdkClient.run(server.quotesUri(), subscribe, warmup, inProcess);
            server.plan(BlastServer.Plan.blast(frames));
            b = measured(passes, () -> JdkClient.run(server.quotesUri(), subscribe, frames, inProcess));

            server.plan(BlastServer.Plan.blast(warmup));
            log("warm-up (c)");
            RuntimeClient.run(server.baseUrl(), symbols, warmup, inProcess);
            server.plan(BlastServer.Plan.blast(frames));
            c = measured(passes, () -> RuntimeClient.run(server.baseUrl(), symbols, frames, inProcess));

            d = measured(1, () -> RunnerClient.run(options.root, options.work(), server.baseUrl(), symbols, frames,
                    runner, options.runnerJavaOptions));
        }

        String section = NAME;
        for (Measured measured : List.of(a, b, c, d)) {
            ClientResult result = measured.median();
            Serials.Snapshot s = result.serials();
            String counts = Fmt.count(s.received()) + " received, lost " + Fmt.count(s.lost()) + ", dup "
                    + Fmt.count(s.duplicates()) + (s.outOfRange() > 0 ? ", stray " + Fmt.count(s.outOfRange()) : "");
            String figure = Fmt.rate(result.rate()) + (measured.all().size() > 1 ? " (median of "
                    + measured.all().size() + ")" : "") + "; " + counts;
            String target = measured == d ? "≥ 800,000/s, ≥ 2× (b); lost = dup = 0"
                    : measured == c ? "≥ 0.7× (a); lost = dup = 0" : "lost = dup = 0";
            boolean met = measured.clean();
            if (measured == c) {
                met &= c.rate() >= 0.7 * a.rate();
            } else if (measured == d) {
                met &= d.rate() >= 800_000 && d.rate() >= 2 * b.rate();
            }
            report.row(section, result.client(), figure, target, Verdict.of(met));
            for (ClientResult pass : measured.all()) {
                Serials.Snapshot p = pass.serials();
                StringBuilder note = new StringBuilder(pass.client().substring(0, 3)).append(' ')
                        .append(Fmt.rate(pass.rate())).append(": ")
                        .append(Fmt.count(p.received())).append(" quotes in ").append(Fmt.seconds(p.seconds()))
                        .append(" (first to last), lost ").append(Fmt.count(p.lost())).append(", dup ")
                        .append(Fmt.count(p.duplicates())).append("; after the first 20 %: ")
                        .append(Fmt.rate(p.steadyRate()));
                if (pass.stopped() != null) {
                    note.append("; ").append(pass.stopped());
                }
                if (pass.note() != null) {
                    note.append("; ").append(pass.note());
                }
                report.note(section, note.toString());
            }
        }
        double allocated = c.median().bytesPerQuote();
        if (!Double.isNaN(allocated)) {
            report.row(section, "(c) bytes allocated per quote on the runtime's read and control threads",
                    Fmt.decimal(allocated, 0) + " B (Jetty's frame objects included)", "≤ 256 B per quote event",
                    Verdict.of(allocated <= 256));
        }
        report.row(section, "ratio c/a (runtime / ceiling)", Fmt.ratio(c.rate() / a.rate()), "≥ 0.70×",
                Verdict.of(c.rate() >= 0.7 * a.rate()));
        report.row(section, "ratio c/b (runtime / by hand)", Fmt.ratio(c.rate() / b.rate()));
        report.row(section, "ratio d/a (runner / ceiling)", Fmt.ratio(d.rate() / a.rate()));
        report.row(section, "ratio d/b (runner / by hand)", Fmt.ratio(d.rate() / b.rate()), "≥ 2.00×",
                Verdict.of(d.rate() >= 2 * b.rate()));
        report.note(section, "blast server: " + Fmt.count(frames) + " SAHMK quote frames per client ("
                + SYMBOLS + " symbols round-robin, " + Fmt.decimal(block.averagePayload(), 0) + " B of JSON, "
                + Fmt.decimal(block.averageWire(), 0) + " B on the wire on average), written as fast as the socket "
                + "takes them; (a)–(c) measured after a warm-up connection of " + Fmt.count(warmup)
                + " frames, " + (passes == 1 ? "one pass each" : "then " + passes + " passes each, the median shown")
                + "; (d) cold, one pass; rate = quotes received ÷ time from the first to the last");
        report.note(section, "(d) configuration (bench/target/bench-work/runner.conf): SAHMK only, the built-in "
                + "simulator and every other provider off, no plugins, the runner's defaults otherwise; "
                + "MARKETFEED_JAVA_OPTS="
                + (options.runnerJavaOptions.isBlank() ? "(unset)" : options.runnerJavaOptions));
    }

    private interface Run {
        ClientResult run();
    }

    /** The passes of one client; the figures are those of the pass with the median rate. */
    private record Measured(ClientResult median, List<ClientResult> all) {
        double rate() {
            return median.rate();
        }

        /** No pass lost, repeated or got stray serials. */
        boolean clean() {
            return all.stream().map(ClientResult::serials)
                    .allMatch(s -> s.lost() == 0 && s.duplicates() == 0 && s.outOfRange() == 0);
        }
    }

    private static Measured measured(int passes, Run run) {
        List<ClientResult> all = new ArrayList<>();
        for (int i = 0; i < passes; i++) {
            System.gc();
            Progress.sleep(300);
            ClientResult result = run.run();
            Serials.Snapshot s = result.serials();
            log(result.client().substring(0, 3) + " " + Fmt.rate(result.rate()) + ", lost " + Fmt.count(s.lost())
                    + ", dup " + Fmt.count(s.duplicates()) + (result.stopped() == null ? "" : " (" + result.stopped() + ")"));
            all.add(result);
        }
        List<ClientResult> byRate = new ArrayList<>(all);
        byRate.sort(Comparator.comparingDouble(ClientResult::rate));
        return new Measured(byRate.get(byRate.size() / 2), all);
    }

    private static void log(String text) {
        System.err.println("throughput: " + text);
    }
}
