package io.marketfeed.bench.recovery;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.bench.BenchOptions;
import io.marketfeed.bench.Fmt;
import io.marketfeed.bench.Progress;
import io.marketfeed.bench.Report;
import io.marketfeed.bench.Report.Verdict;
import io.marketfeed.provider.sahmk.SahmkProvider;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.runtime.ReconnectPolicy;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.sahmk.SahmkOptions;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import io.marketfeed.simulator.sahmk.TadawulUniverse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Section 5: the runtime against the SAHMK simulator (in this JVM), short heartbeat and reconnect settings, and two
 * faults: a silent stall ({@code faults().stall()}: TCP open, nothing sent, pings unanswered) and an abrupt drop
 * ({@code faults().drop(false, …)}: TCP closed without a close frame). Measured: from the fault to the first quote
 * the listener gets after the connection is up again, with when the loss was noticed and when it was up again.
 */
public final class RecoverySection {

    public static final String NAME = "recovery";

    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration INITIAL_DELAY = Duration.ofMillis(250);
    private static final Duration RESET_AFTER = Duration.ofSeconds(2);
    private static final double UPDATES_PER_SECOND = 50;
    private static final int SYMBOLS = 5;
    private static final long GIVE_UP_NANOS = 30_000_000_000L;

    private RecoverySection() {
    }

    /** What the listener saw, with {@link System#nanoTime()}. */
    private static final class Timeline {
        private final List<long[]> events = new ArrayList<>(); // {nanos, kind}
        static final int QUOTE = 0;
        static final int UP = 1;
        static final int DOWN = 2;

        synchronized void add(int kind) {
            events.add(new long[] {System.nanoTime(), kind});
        }

        /** The first event of {@code kind} at or after {@code from}; -1 if none. */
        synchronized long first(int kind, long from) {
            for (long[] event : events) {
                if (event[0] >= from && event[1] == kind) {
                    return event[0];
                }
            }
            return -1;
        }

        synchronized long last(int kind) {
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i)[1] == kind) {
                    return events.get(i)[0];
                }
            }
            return -1;
        }
    }

    /** One trial: nanoseconds from the fault to each step, -1 when it never came. */
    private record Trial(long noticed, long up, long quote) {
    }

    public static void run(BenchOptions options, Report report) {
        Timeline timeline = new Timeline();
        SahmkSimulation simulation = new SahmkSimulation(SahmkOptions.builder()
                .updatesPerSecond(UPDATES_PER_SECOND).seed(3).build());
        List<String> symbols = TadawulUniverse.defaults().keySet().stream().limit(SYMBOLS).toList();
        ReconnectPolicy reconnect = new ReconnectPolicy(INITIAL_DELAY, Duration.ofSeconds(2), 2.0, 0.0,
                RESET_AFTER);
        try (SimulatorServer server = SimulatorServer.builder().port(0).add(simulation).start()) {
            MarketFeed feed = MarketFeed.builder()
                    .reconnect(reconnect)
                    .provider(new SahmkProvider(), ProviderDefaults.with("sahmk", Map.of(
                            "endpoint", "ws://127.0.0.1:" + server.port(),
                            "api-key", SahmkSimulation.DEMO_KEY,
                            "symbols", symbols,
                            "heartbeat.interval", HEARTBEAT_INTERVAL,
                            "heartbeat.timeout", HEARTBEAT_TIMEOUT,
                            "limits.min-reconnect-gap", "0s")))
                    .listener("bench", event -> record(event, timeline), DeliveryPolicy.lossless())
                    .build();
            try {
                feed.start();
                List<Trial> stalls = new ArrayList<>();
                List<Trial> drops = new ArrayList<>();
                for (int i = 0; i < options.recoveryTrials; i++) {
                    stalls.add(trial(timeline, "stall", () -> simulation.faults().stall()));
                    simulation.faults().resume();
                    drops.add(trial(timeline, "drop", () -> simulation.faults().drop(false, 1001)));
                }
                long stallBound = HEARTBEAT_TIMEOUT.toNanos() + INITIAL_DELAY.toNanos() + 1_000_000_000L;
                long dropBound = INITIAL_DELAY.toNanos() + 1_000_000_000L;
                add(report, "silent stall → next quote", stalls, stallBound,
                        "≤ " + Fmt.seconds(stallBound / 1e9) + " (timeout + delay + 1 s)");
                add(report, "abrupt drop → next quote", drops, dropBound,
                        "≤ " + Fmt.seconds(dropBound / 1e9) + " (delay + 1 s)");
                report.note(NAME, "runtime against the SAHMK simulator in this JVM, " + SYMBOLS + " symbols, "
                        + (int) UPDATES_PER_SECOND + " updates per symbol per second; heartbeat.interval "
                        + Fmt.duration(HEARTBEAT_INTERVAL) + ", heartbeat.timeout " + Fmt.duration(HEARTBEAT_TIMEOUT)
                        + "; reconnect initial-delay " + Fmt.duration(INITIAL_DELAY) + ", max 2 s, ×2, jitter 0, "
                        + "reset-after " + Fmt.duration(RESET_AFTER) + "; limits.min-reconnect-gap 0 s; stall = "
                        + "faults().stall() (TCP open, silent), drop = faults().drop(false, …) (no close frame); "
                        + "noticed = first disconnected/reconnecting event, up = next connected event, "
                        + "quote = first quote after it, all from the fault, as the listener saw them");
                report.note(NAME, "stall trials: " + describe(stalls));
                report.note(NAME, "drop trials: " + describe(drops));
            } finally {
                feed.close();
            }
        }
    }

    private static void record(MarketEvent event, Timeline timeline) {
        if (event instanceof Quote) {
            timeline.add(Timeline.QUOTE);
        } else if (event instanceof ConnectionEvent connection) {
            if (connection.state() == ConnectionState.CONNECTED) {
                timeline.add(Timeline.UP);
            } else if (connection.state() == ConnectionState.DISCONNECTED
                    || connection.state() == ConnectionState.RECONNECTING) {
                timeline.add(Timeline.DOWN);
            }
        }
    }

    private static Trial trial(Timeline timeline, String what, Runnable fault) {
        // Steady first: up for longer than reset-after (so the backoff starts afresh), quotes flowing.
        long waitStart = System.nanoTime();
        while (System.nanoTime() - waitStart < GIVE_UP_NANOS) {
            long up = timeline.last(Timeline.UP);
            long quote = timeline.last(Timeline.QUOTE);
            long now = System.nanoTime();
            if (up > 0 && now - up > RESET_AFTER.toNanos() + 500_000_000L && quote > up && now - quote < 200_000_000L) {
                break;
            }
            Progress.sleep(20);
        }
        long start = System.nanoTime();
        fault.run();
        System.err.println("recovery: " + what);
        while (System.nanoTime() - start < GIVE_UP_NANOS) {
            long up = timeline.first(Timeline.UP, start);
            if (up > 0 && timeline.first(Timeline.QUOTE, up) > 0) {
                break;
            }
            Progress.sleep(5);
        }
        long noticed = timeline.first(Timeline.DOWN, start);
        long up = timeline.first(Timeline.UP, start);
        long quote = up < 0 ? -1 : timeline.first(Timeline.QUOTE, up);
        return new Trial(noticed < 0 ? -1 : noticed - start, up < 0 ? -1 : up - start,
                quote < 0 ? -1 : quote - start);
    }

    private static void add(Report report, String figure, List<Trial> trials, long boundNanos, String target) {
        long[] quotes = trials.stream().mapToLong(Trial::quote).toArray();
        boolean allRecovered = Arrays.stream(quotes).allMatch(q -> q >= 0);
        long[] sorted = quotes.clone();
        Arrays.sort(sorted);
        long worst = sorted[sorted.length - 1];
        String measured;
        if (!allRecovered) {
            measured = "no quote within " + GIVE_UP_NANOS / 1_000_000_000L + " s in "
                    + Arrays.stream(quotes).filter(q -> q < 0).count() + " of " + quotes.length + " trials";
        } else if (quotes.length == 1) {
            measured = Fmt.millis(quotes[0] / 1e6);
        } else {
            measured = "median " + Fmt.millis(sorted[sorted.length / 2] / 1e6) + ", worst " + Fmt.millis(worst / 1e6)
                    + " (" + quotes.length + " trials)";
        }
        report.row(NAME, figure, measured, target, Verdict.of(allRecovered && worst <= boundNanos));
    }

    private static String describe(List<Trial> trials) {
        return trials.stream().map(trial -> "noticed " + ms(trial.noticed()) + ", up " + ms(trial.up()) + ", quote "
                + ms(trial.quote())).collect(Collectors.joining("; "));
    }

    private static String ms(long nanos) {
        return nanos < 0 ? "never" : Fmt.millis(nanos / 1e6);
    }
}
