package io.marketfeed.it.chaos;

import io.marketfeed.simulator.Simulation;
import io.marketfeed.simulator.Target;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the chaos: warm-up, a calibration round, the seeded schedule (one fault at a time, each window followed by
 * the {@link Invariants}), and a drop-only phase when the schedule gave too few reconnects. Keeps the figures.
 *
 * <p>Owned by the thread that calls it.
 */
final class ChaosRun {

    /** How much the heap after GC may grow between the baseline and the end. */
    static final long HEAP_SLACK_BYTES = 4L * 1024 * 1024;
    /** How many live threads may be added (pools sized to a burst, shrinking only after their idle timeout). */
    static final int THREAD_SLACK = 8;
    /**
     * A feed class that rose sample after sample since the midpoint, by this many live instances and by at least one
     * per reconnect, grows with the reconnects: a leak, even when too small yet to show in the heap's total (a
     * ScreenerSession that kept its predecessor, so every session of a connection's life stayed reachable with its
     * text fields, gave about seven per reconnect). Pools kept per connection (the text fields of book levels, as deep
     * as the deepest book seen) rise too, but boundedly and slower than that.
     */
    static final long GROWN_INSTANCES = 50;

    private final ChaosRig rig;
    private final FaultSchedule schedule;
    private final Invariants invariants;
    private final PrintStream out;
    private final Map<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
    private final Map<String, Duration> worst = new LinkedHashMap<>();
    private final List<Duration> faultedRecoveries = new ArrayList<>();
    private long baselineReconnects;
    private long baselineHeap;
    private HeapHistogram baselineHistogram;
    /** Histograms since the midpoint (the baseline until {@link #markMidpoint}), for the leak check. */
    private final List<HeapHistogram> samples = new ArrayList<>();
    private long midReconnects;
    private int baselineThreads;
    private int dropRounds;

    ChaosRun(ChaosRig rig, FaultSchedule schedule, PrintStream out) {
        this.rig = rig;
        this.schedule = schedule;
        this.invariants = new Invariants(rig, schedule.seed());
        this.out = out;
        rig.setups().keySet().forEach(provider -> worst.put(provider, Duration.ZERO));
    }

    /** Waits for data on every symbol, drops everything once (pools reach their burst size), takes the baseline. */
    void warmUp() {
        Instant start = invariants.now();
        invariants.afterWindow("warm-up", start);
        dropEverything("calibration");
        baselineReconnects = reconnects();
        rig.forgetObservations();
        baselineHeap = heapAfterGc();
        baselineHistogram = HeapHistogram.take();
        samples.add(baselineHistogram);
        midReconnects = baselineReconnects;
        baselineThreads = threads();
        out.printf("chaos baseline: %d reconnects, heap after GC %.1f MiB, %d threads%n", baselineReconnects,
                baselineHeap / 1048576.0, baselineThreads);
    }

    /** Runs scheduled faults, one at a time, until {@code duration} has passed. */
    void schedule(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            runFault(schedule.next());
        }
    }

    /**
     * From here on, classes must not grow with the reconnects: growth before (a bounded cache filled once by the
     * first malformed frame, a pool grown to a burst) is not a leak; a leak grows on in the second part too.
     */
    void markMidpoint() {
        samples.clear();
        sample();
        midReconnects = reconnects();
    }

    /** One more histogram for the leak check (a soak takes one a minute; the first and the latest few are kept). */
    void sample() {
        rig.forgetObservations();
        heapAfterGc();
        samples.add(HeapHistogram.take());
        if (samples.size() > 12) {
            samples.remove(1);
        }
    }

    /** Drops every connection of every simulation, round after round, until the reconnects since the baseline. */
    void dropUntil(long reconnectsSinceBaseline) {
        while (reconnects() - baselineReconnects < reconnectsSinceBaseline) {
            dropEverything("drop round " + (++dropRounds));
            if (dropRounds % 3 == 0) {
                sample();
            }
            if (dropRounds % 5 == 0) {
                rig.forgetObservations();
                out.printf("chaos heap after GC %.1f MiB, %d threads at %d reconnects; grown since the baseline: %s%n",
                        heapAfterGc() / 1048576.0, threads(), reconnects(), grown());
            }
        }
    }

    private void dropEverything(String name) {
        boolean closeFrame = dropRounds % 2 == 0;
        for (String provider : rig.setups().keySet()) {
            rig.simulation(provider).faults().drop(Target.all(), closeFrame, 1012);
        }
        record(name, null, invariants.afterWindow(name, invariants.now()));
    }

    private void runFault(Fault fault) {
        Simulation simulation = rig.simulation(fault.simulation());
        Instant applied = invariants.now();
        int touched = fault.apply(simulation);
        long windowEnd = System.nanoTime() + fault.duration().toNanos();
        long giveUp = windowEnd + rig.longestBound().toNanos();
        while (System.nanoTime() < windowEnd || !fault.over(simulation)) {
            if (System.nanoTime() > giveUp) {
                throw invariants.violation(fault.toString(), "the fault ends", "still in force");
            }
            sleep();
        }
        fault.end(simulation);
        Instant end = invariants.now();
        faults.merge(fault.kind(), 1, Integer::sum);
        Map<String, Duration> recovery = invariants.afterWindow(fault.toString(), end);
        record(fault + " touched " + touched + " at " + applied, fault, recovery);
    }

    private void record(String what, Fault fault, Map<String, Duration> recovery) {
        recovery.forEach((provider, took) -> worst.merge(provider, took, (a, b) -> a.compareTo(b) >= 0 ? a : b));
        if (fault != null) {
            faultedRecoveries.add(recovery.get(fault.simulation()));
        }
        StringBuilder line = new StringBuilder("chaos ").append(what).append(": recovered");
        recovery.forEach((provider, took) -> line.append(' ').append(provider).append(' ')
                .append(ProviderSetup.seconds(took)));
        out.println(line.append("; reconnects ").append(reconnects()).append(", gaps ")
                .append(invariants.windows().gapEvents()));
    }

    /**
     * A fatal refusal, on purpose and last: {@code provider}'s connections are closed with {@code code} (a revoked
     * credential); the provider must fail with a reason naming the code, and the others keep streaming.
     */
    void fatalRefusal(String provider, int code, String reason) {
        String fault = "fatal close " + code + " on " + provider;
        rig.simulation(provider).faults().close(Target.all(), code, reason);
        Instant end = invariants.now();
        invariants.await(fault, provider + " fails", rig.bound(provider), () -> failure(provider) != null,
                () -> "not failed");
        if (!failure(provider).contains(String.valueOf(code))) {
            throw invariants.violation(fault, "the failure names the close code", failure(provider));
        }
        for (ProviderSetup other : rig.setups().values()) {
            if (!other.id().equals(provider)) {
                invariants.resumedFor(fault, other, end);
            }
        }
        if (rig.feed().allProvidersFailed().isDone()) {
            throw invariants.violation(fault, "the others stay up", "every provider failed");
        }
        out.println("chaos " + fault + ": " + provider + " failed (" + failure(provider) + "), the others stream");
    }

    private String failure(String provider) {
        return rig.feed().snapshot().providers().stream().filter(p -> p.provider().equals(provider) && p.failed())
                .map(p -> String.valueOf(p.failure())).findFirst().orElse(null);
    }

    /** The figures so far, with the heap and threads measured now. */
    ChaosFigures figures() {
        rig.forgetObservations();
        long heap = heapAfterGc();
        int threads = threads();
        List<Duration> sorted = new ArrayList<>(faultedRecoveries);
        sorted.sort(null);
        Duration median = sorted.isEmpty() ? Duration.ZERO : sorted.get(sorted.size() / 2);
        return new ChaosFigures(schedule.seed(), new EnumMap<>(faults), dropRounds, reconnects() - baselineReconnects,
                invariants.windows().gapEvents(), invariants.windows().windows(), invariants.windows().covered(),
                problems(), median, new LinkedHashMap<>(worst), baselineHeap, heap, baselineThreads, threads);
    }

    /** Fails when heap or threads grew past their slack since the baseline. */
    void checkFlat(ChaosFigures figures) {
        if (figures.heapEnd() - figures.heapStart() > HEAP_SLACK_BYTES) {
            throw invariants.violation("(whole run)", "heap after GC flat within "
                    + HEAP_SLACK_BYTES / 1048576 + " MiB", figures.summary() + "; grown: " + grown());
        }
        long since = reconnects() - midReconnects;
        long least = Math.max(GROWN_INSTANCES, since);
        sample();
        List<String> leaking = HeapHistogram.growing(samples, least);
        if (!leaking.isEmpty()) {
            throw invariants.violation("(whole run)", "no class of the feed grows with the reconnects (by " + least
                    + " live instances or more over the last " + since + ")", leaking + "; " + figures.summary());
        }
        if (figures.threadsEnd() - figures.threadsStart() > THREAD_SLACK) {
            throw invariants.violation("(whole run)", "live threads flat within " + THREAD_SLACK,
                    figures.summary() + "\n" + threadNames());
        }
    }

    /** Feed classes with {@value #GROWN_INSTANCES} or more live instances than at the baseline. */
    List<String> grown() {
        return HeapHistogram.take().grownSince(baselineHistogram, GROWN_INSTANCES);
    }

    long reconnects() {
        return rig.feed().snapshot().providers().stream().mapToLong(p -> p.activity().reconnects()).sum();
    }

    private long problems() {
        return rig.feed().snapshot().providers().stream().mapToLong(p -> p.activity().problems()).sum();
    }

    Invariants invariants() {
        return invariants;
    }

    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static String threadNames() {
        Map<String, Integer> byPrefix = new java.util.TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            byPrefix.merge(thread.getName().replaceAll("[-#]?\\d+$", ""), 1, Integer::sum);
        }
        return "threads by name: " + byPrefix;
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a fault window", e);
        }
    }
}
