package io.marketfeed.bench.sinks;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.bench.BenchOptions;
import io.marketfeed.bench.Fmt;
import io.marketfeed.bench.Report;
import io.marketfeed.bench.Report.Verdict;
import io.marketfeed.sink.SinkFactory;
import io.marketfeed.sink.SinkStats;
import io.marketfeed.sink.file.FileSinkFactory;
import io.marketfeed.sink.json.JsonlEncoder;
import io.marketfeed.sink.kafka.KafkaSinkFactory;
import io.marketfeed.sink.postgres.PostgresSinkFactory;
import io.marketfeed.sink.questdb.QuestDbSinkFactory;
import io.marketfeed.sink.sqlite.SqliteSinkFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Section {@code sinks}: every sink through a {@link io.marketfeed.sink.SinkWriter} against a real store the harness
 * starts on loopback or in a temporary folder. For each, the sustained rate at the writer's default batching
 * ({@link SustainedRun}); for PostgreSQL also the spool under an outage ({@link OutageRun}). Each store is started,
 * measured and stopped (its data deleted) before the next; one that fails is a row saying so, and the others still
 * run.
 */
public final class SinksSection {

    public static final String NAME = "sinks";
    private static final String AREA = "bench";

    private SinksSection() {
    }

    /** Starts a store. */
    private interface Starter {
        Store start() throws Exception;
    }

    /** What else to measure on a store once its sustained run is done. */
    private interface Then {
        void run(Store store) throws Exception;
    }

    public static void run(BenchOptions options, Report report) throws Exception {
        Path work = options.work().resolve(NAME);
        DiskUsage.delete(work); // the spool of an earlier, interrupted run would be written first
        Files.createDirectories(work);
        int count = options.quick ? 50_000 : 200_000;
        Duration outage = Duration.ofSeconds(options.quick ? 5 : 30);
        List<MarketEvent> events = BenchEvents.range(0, SustainedRun.WARM_UP + count);
        Runs runs = new Runs(report, work, events.subList(0, SustainedRun.WARM_UP),
                events.subList(SustainedRun.WARM_UP, events.size()));
        report.note(NAME, "events: " + Fmt.count(count) + " per sink after a warm-up of "
                + Fmt.count(SustainedRun.WARM_UP) + " (which also opens the sink: connecting, creating tables or "
                + "topics); SAHMK-like quotes with all ten decimal fields (4 of 5) and trades (1 of 5) over 50 "
                + "symbols, " + Math.round(jsonlBytes(events)) + " B per event as jsonl lines; each sink at its "
                + "defaults and the writer's (batch-size 100, flush-interval 200 ms, queue-capacity 10,000); fed "
                + "as fast as the writer takes them (the feed waits while more than 5,000 wait, so nothing is "
                + "spooled); rate = measured events ÷ time from the first to close() returning with all written; "
                + "stored = what the store holds afterwards (warm-up included), counted in the store itself");

        runs.measure(() -> new LocalStores.Sqlite(work.resolve("sqlite")), new SqliteSinkFactory(), null);
        runs.measure(() -> new LocalStores.JsonFiles(work.resolve("file")), new FileSinkFactory(), null);
        PostgresSinkFactory postgres = new PostgresSinkFactory();
        runs.measure(() -> PostgresStore.start(work.resolve("postgres")), postgres, store -> {
            try {
                outage(report, OutageRun.run((PostgresStore) store, postgres, outage, work));
            } catch (Exception e) {
                runs.failed("postgres outage", "failed", e);
            }
        });
        runs.measure(() -> QuestDbStore.start(work.resolve("questdb"), work), new QuestDbSinkFactory(), null);
        runs.measure(KafkaStore::start, new KafkaSinkFactory(), null);

        DiskUsage.delete(work.resolve("spool")); // each store deleted its data; QuestDB's log stays
    }

    /** The sustained runs, one store after the other. */
    private record Runs(Report report, Path work, List<MarketEvent> warmUp, List<MarketEvent> measured) {

        void measure(Starter starter, SinkFactory factory, Then then) {
            String type = factory.type();
            System.err.println("sinks: " + type);
            long begin = System.nanoTime();
            Store store;
            try {
                store = starter.start();
            } catch (Exception | LinkageError e) {
                failed(type + ": sustained events/s through SinkWriter", "could not start the store", e);
                return;
            }
            try {
                double started = (System.nanoTime() - begin) / 1e9;
                report.note(NAME, type + ": " + store.describe()
                        + (started >= 0.05 ? "; started in " + Fmt.seconds(started) : ""));
                SustainedRun.Result result = SustainedRun.run(store, factory, AREA, warmUp, measured, work);
                sustained(type, result);
                if (then != null) {
                    then.run(store);
                }
            } catch (Exception | LinkageError e) {
                failed(type + ": sustained events/s through SinkWriter", "failed", e);
            } finally {
                store.close();
            }
        }

        private void sustained(String type, SustainedRun.Result result) {
            String figure = type + ": sustained events/s through SinkWriter (batches of 100 / 200 ms)";
            String target = "all " + Fmt.count(result.expected()) + " stored";
            if (result.problem() != null && result.stored() < 0) {
                report.row(NAME, figure, result.problem(), target, Verdict.MISSED);
                return;
            }
            double seconds = result.nanos() / 1e9;
            StringBuilder measured = new StringBuilder(Fmt.rate(result.rate()));
            if (result.bytes() > 0) {
                double perEvent = (double) result.bytes() / result.stored();
                measured.append(String.format(Locale.ROOT, ", %s/s on disk (%.0f B/event)",
                        mib(perEvent * result.rate()), perEvent));
            }
            measured.append("; stored ").append(Fmt.count(result.stored()));
            if (result.problem() != null) {
                measured.append("; ").append(result.problem());
            }
            report.row(NAME, figure, measured.toString(), target,
                    Verdict.of(result.problem() == null && result.stored() == result.expected()));
            SinkStats stats = result.stats();
            report.note(NAME, String.format(Locale.ROOT, "%s: %s events in %.2f s, %s; %swriter: written %s, "
                    + "spooled %s, failures %d%s", type, Fmt.count(result.events()), seconds, Fmt.rate(result.rate()),
                    result.bytes() < 0 ? "" : "on disk " + mib(result.bytes()) + " for " + Fmt.count(result.stored())
                    + " events; ", Fmt.count(stats.written()), Fmt.count(stats.spooledTotal()), stats.failures(),
                    result.remark() == null ? "" : "; " + result.remark()));
        }

        /** A row saying that {@code figure} could not be measured, and why. */
        void failed(String figure, String what, Throwable e) {
            System.err.println("sinks: " + figure + ": " + what + ":");
            e.printStackTrace();
            report.row(NAME, figure, what + ": " + oneLine(e), "–", Verdict.MISSED);
        }
    }

    private static void outage(Report report, OutageRun.Result result) {
        SinkStats stats = result.stats();
        String stopped = "postgres stopped " + result.outage().toSeconds() + " s at " + Fmt.count(OutageRun.RATE)
                + " events/s";
        long writtenBack = stats.spooledTotal() - stats.spooled() - stats.dropped();
        report.row(NAME, stopped + ": events spooled", Fmt.count(stats.spooledTotal()));
        report.row(NAME, stopped + ": spooled events written back after the restart", Fmt.count(writtenBack)
                + (stats.spooled() > 0 ? " (" + Fmt.count(stats.spooled()) + " still in the spool)" : ""),
                "all", Verdict.of(stats.spooled() == 0 && writtenBack == stats.spooledTotal()));
        report.row(NAME, stopped + ": lost (fed − distinct (run, seq) in the tables)", Fmt.count(result.lost())
                + " of " + Fmt.count(result.fed()), "0, each once", Verdict.of(result.complete()));
        report.row(NAME, stopped + ": max spool size", Fmt.count(result.maxSpooled()) + " events, "
                + mib(result.maxSpoolBytes()));
        report.row(NAME, stopped + ": time to drain after the restart", result.drainedNanos() < 0 ? "never"
                : Fmt.seconds(result.drainedNanos() / 1e9) + " (server up after "
                + Fmt.seconds(result.restartNanos() / 1e9) + ", first write after " + seconds(result.firstWriteNanos())
                + ")");
        report.note(NAME, "outage: a producer feeds " + Fmt.count(OutageRun.RATE) + " events/s (50 every 10 ms, "
                + "each followed by onCaughtUp) to a SinkWriter over the postgres sink (the writer's defaults but "
                + "retry.max-delay " + Fmt.duration(OutageRun.RETRY_MAX_DELAY) + " instead of 30 s, so that the "
                + "drain is not hidden behind the backoff); after 10,000 written, PostgreSQL is stopped (pg_ctl stop "
                + "-m fast) for " + result.outage().toSeconds() + " s, then started again on the same data and port; "
                + "the producer runs until the spool is empty again; times are from the start of the restart");
        report.note(NAME, "outage: fed " + Fmt.count(result.fed()) + ", written " + Fmt.count(stats.written())
                + " (" + Fmt.count(result.writtenAtStop()) + " before the stop), spooled "
                + Fmt.count(stats.spooledTotal()) + ", dropped " + stats.dropped() + ", failed attempts "
                + stats.failures() + "; in the tables " + Fmt.count(result.stored()) + " rows, "
                + Fmt.count(result.distinctSequences()) + " distinct sequence numbers, the highest "
                + result.maxSequence());
    }

    private static String seconds(long nanos) {
        return nanos < 0 ? "never" : Fmt.seconds(nanos / 1e9);
    }

    private static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1 << 20));
    }

    private static double jsonlBytes(List<MarketEvent> events) {
        JsonlEncoder encoder = new JsonlEncoder();
        int sample = Math.min(events.size(), 10_000);
        long bytes = 0;
        for (int i = 0; i < sample; i++) {
            encoder.reset();
            encoder.write(events.get(i));
            bytes += encoder.size();
        }
        return (double) bytes / sample;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
