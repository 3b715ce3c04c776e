package io.marketfeed.bench.latency;

import io.marketfeed.api.model.Quote;
import io.marketfeed.bench.BenchOptions;
import io.marketfeed.bench.Fmt;
import io.marketfeed.bench.Progress;
import io.marketfeed.bench.Report;
import io.marketfeed.bench.Serials;
import io.marketfeed.bench.server.BlastServer;
import io.marketfeed.bench.server.QuoteBlock;
import io.marketfeed.bench.throughput.ClientResult;
import io.marketfeed.bench.throughput.RuntimeClient;
import io.marketfeed.bench.throughput.ThroughputSection;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Section 2: the runtime (client c) against the paced server. Each frame's {@code timestamp} is the wall clock when
 * the server wrote it; the SAHMK decoder makes it {@code Quote.time()}, and the listener takes
 * {@code now − quote.time()} when the quote reaches it. The first 10 % are dropped as warm-up.
 */
public final class LatencySection {

    public static final String NAME = "latency";
    private static final long WARMUP = 300_000;

    private LatencySection() {
    }

    public static void run(BenchOptions options, Report report) throws IOException {
        int rate = options.rate;
        long frames = (long) rate * options.latencySeconds;
        if (frames > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rate × seconds is too large");
        }
        QuoteBlock block = ThroughputSection.quoteBlock();
        Serials serials = new Serials(frames);
        long[] latencies = new long[(int) frames];
        int[] count = new int[1];
        ClientResult result;
        System.err.printf("latency: %s frames/s for %d s into the runtime%n", Fmt.count(rate), options.latencySeconds);
        try (BlastServer server = BlastServer.start(block, BlastServer.Plan.blast(WARMUP))) {
            Progress.Limits limits = new Progress.Limits(Duration.ofSeconds(20), Duration.ofSeconds(5),
                    Duration.ofSeconds(options.latencySeconds * 3L + 30));
            // A warm-up connection first, as in the throughput section, so that the JIT has compiled the data path.
            RuntimeClient.run(server.baseUrl(), server.symbols(), WARMUP, limits);
            System.gc();
            server.plan(BlastServer.Plan.paced(frames, rate));
            result = RuntimeClient.run(RuntimeClient.LABEL, server.baseUrl(), server.symbols(), serials, limits,
                    quote -> record(quote, latencies, count));
        }
        Serials.Snapshot s = result.serials();
        int n = count[0]; // visible: written before the last serial was recorded (release), read after (acquire)
        int skip = n / 10;
        long[] kept = Arrays.copyOfRange(latencies, skip, n);
        Arrays.sort(kept);
        String section = NAME;
        String what = "runtime, " + Fmt.count(rate) + " quotes/s paced, receive − send";
        if (kept.length == 0) {
            report.row(section, what, "no samples" + (result.stopped() == null ? "" : ": " + result.stopped()));
            return;
        }
        report.row(section, "p50 (" + what + ")", Fmt.micros(percentile(kept, 0.50)));
        long p99 = percentile(kept, 0.99);
        report.row(section, "p99", Fmt.micros(p99), "≤ 1 ms", Report.Verdict.of(p99 <= 1_000));
        report.row(section, "p99.9", Fmt.micros(percentile(kept, 0.999)));
        report.row(section, "max", Fmt.micros(kept[kept.length - 1]));
        boolean clean = s.lost() == 0 && s.duplicates() == 0 && s.outOfRange() == 0;
        report.row(section, "lost / dup at " + Fmt.count(rate) + "/s", Fmt.count(s.lost()) + " / "
                + Fmt.count(s.duplicates()), "0 / 0", Report.Verdict.of(clean));
        report.note(section, "after a warm-up connection of " + Fmt.count(WARMUP) + " blasted frames; paced server: " + Fmt.count(frames) + " frames at " + Fmt.count(rate)
                + "/s, a burst every 1 ms (parked in between), each frame's top-level timestamp set to the wall clock"
                + " just before it was written (microseconds, +00:00); received at " + Fmt.rate(s.rate())
                + "; " + Fmt.count(kept.length) + " samples after dropping the first " + Fmt.count(skip)
                + " (10 %); min " + Fmt.micros(kept[0]) + ", p90 " + Fmt.micros(percentile(kept, 0.90))
                + (result.stopped() == null ? "" : "; " + result.stopped())
                + (result.note() == null ? "" : "; " + result.note()));
    }

    private static void record(Quote quote, long[] latencies, int[] count) {
        Instant now = Instant.now();
        Instant sent = quote.time();
        if (sent == null || count[0] >= latencies.length) {
            return;
        }
        latencies[count[0]++] = (now.getEpochSecond() - sent.getEpochSecond()) * 1_000_000L
                + (now.getNano() - sent.getNano()) / 1_000;
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
