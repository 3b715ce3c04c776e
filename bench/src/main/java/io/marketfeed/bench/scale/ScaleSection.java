package io.marketfeed.bench.scale;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.bench.BenchOptions;
import io.marketfeed.bench.Fmt;
import io.marketfeed.bench.Progress;
import io.marketfeed.bench.Report;
import io.marketfeed.bench.Report.Verdict;
import io.marketfeed.provider.sahmk.SahmkProvider;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import io.marketfeed.simulator.sahmk.TadawulUniverse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Section 4: {@code connections} idle SAHMK connections from one {@link MarketFeed}, one symbol each, against the
 * project's simulator in a JVM of its own ({@link ScaleSimulatorMain}) so that this JVM's heap and threads are the
 * runtime's alone. Measures the time from {@code start()} until every connection is up and every symbol confirmed,
 * used heap per idle connection, and live threads.
 */
public final class ScaleSection {

    public static final String NAME = "scale";
    private static final long HEAP_TARGET = 64 * 1024;
    private static final String EOF = "\u0000eof";

    private ScaleSection() {
    }

    public static void run(BenchOptions options, Report report) throws IOException, InterruptedException {
        int n = options.connections;
        List<String> symbols = new ArrayList<>(TadawulUniverse.ofSize(n).keySet());
        Files.createDirectories(options.work());
        Path log = options.work().resolve("scale-simulator.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process simulator = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                ScaleSimulatorMain.class.getName(), Integer.toString(n))
                .redirectError(log.toFile()).start();
        // One reader thread for the child's answers, started before any thread count is taken.
        BlockingQueue<String> fromSimulator = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    fromSimulator.add(line);
                }
            } catch (IOException e) {
                // the child is gone
            }
            fromSimulator.add(EOF);
        }, "bench-scale-simulator");
        reader.setDaemon(true);
        reader.start();
        OutputStream toSimulator = simulator.getOutputStream();
        try {
            String ready = readLine(fromSimulator, 60);
            if (ready == null || !ready.startsWith("PORT ")) {
                report.row(NAME, "simulator", "did not start: " + ready + " (see " + log + ")");
                return;
            }
            int port = Integer.parseInt(ready.substring(5).trim());
            System.err.printf("scale: %s connections to the SAHMK simulator on port %d (its own JVM)%n",
                    Fmt.count(n), port);
            measure(options, report, n, symbols, port, fromSimulator, toSimulator);
        } finally {
            try {
                toSimulator.write("stop\n".getBytes(StandardCharsets.UTF_8));
                toSimulator.close();
            } catch (IOException e) {
                // gone already
            }
            if (!simulator.waitFor(15, TimeUnit.SECONDS)) {
                simulator.destroyForcibly();
            }
        }
    }

    private static void measure(BenchOptions options, Report report, int n, List<String> symbols, int port,
            BlockingQueue<String> fromSimulator, OutputStream toSimulator) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        String minReconnectGap = "0s";
        MarketFeed feed = MarketFeed.builder()
                .provider(new SahmkProvider(), ProviderDefaults.with("sahmk", Map.of(
                        "endpoint", "ws://127.0.0.1:" + port,
                        "api-key", SahmkSimulation.DEMO_KEY,
                        "symbols", symbols,
                        "limits.max-symbols-per-connection", 1,
                        "limits.max-symbols-per-frame", 1,
                        "limits.max-connections", n,
                        "limits.min-reconnect-gap", minReconnectGap)))
                .listener("bench", event -> { }, DeliveryPolicy.conflateLatest())
                .build();
        long heapBefore;
        int threadsBefore;
        try {
            heapBefore = stableUsedHeap(memory);
            threadsBefore = threads.getThreadCount();
            long start = System.nanoTime();
            feed.start();
            long timeoutNanos = TimeUnit.SECONDS.toNanos(options.quick ? 90 : 180);
            State state;
            do {
                Progress.sleep(20);
                state = State.of(feed.snapshot());
            } while (!state.complete(n) && System.nanoTime() - start < timeoutNanos);
            double seconds = (System.nanoTime() - start) / 1e9;
            String section = NAME;
            if (!state.complete(n)) {
                report.row(section, "time until " + Fmt.count(n) + " connections up and symbols confirmed",
                        "not reached in " + Fmt.seconds(seconds) + ": " + state, "all up", Verdict.MISSED);
            } else {
                report.row(section, "time until " + Fmt.count(n) + " connections up and symbols confirmed",
                        Fmt.seconds(seconds));
            }
            Progress.sleep(1_000);
            long heapAfter = stableUsedHeap(memory);
            int threadsAfter = threads.getThreadCount();
            double perConnection = (heapAfter - heapBefore) / (double) Math.max(1, state.connected);
            report.row(section, "heap per idle connection", Fmt.bytes(perConnection)
                    + " (" + Fmt.count((heapAfter - heapBefore) / 1024) + " KiB for " + Fmt.count(state.connected)
                    + ")", "≤ 64 KiB", Verdict.of(state.connected == n && perConnection <= HEAP_TARGET));
            int added = threadsAfter - threadsBefore;
            report.row(section, "live threads before → with " + Fmt.count(n) + " connections",
                    threadsBefore + " → " + threadsAfter + " (+" + added + ")",
                    "no thread per connection (+" + n / 10 + " at most)", Verdict.of(added <= n / 10));
            String serverSaw = ask(toSimulator, fromSimulator);
            long closeStart = System.nanoTime();
            feed.close();
            double closeSeconds = (System.nanoTime() - closeStart) / 1e9;
            report.note(section, Fmt.count(n) + " symbols, limits.max-symbols-per-connection = 1 and "
                    + "max-symbols-per-frame = 1 on both sides (the simulator announces 1/1 in connected), "
                    + "limits.max-connections = " + n + ", limits.min-reconnect-gap = " + minReconnectGap
                    + "; no market data (idle); the simulator runs in its own JVM; it saw " + serverSaw
                    + " open connections; heap = used heap after repeated System.gc() until stable, with every "
                    + "connection up, minus the same after build() and before start() (what start() allocates once included), "
                    + "÷ connections; "
                    + "close() took " + Fmt.seconds(closeSeconds) + "; final state: " + state);
        } finally {
            feed.close();
        }
    }

    /** What the snapshot says about the connections. */
    private record State(int connections, int connected, int confirmed, int wanted, int unassigned) {
        static State of(FeedSnapshot snapshot) {
            int connections = 0;
            int connected = 0;
            int confirmed = 0;
            int wanted = 0;
            int unassigned = 0;
            for (ProviderSnapshot provider : snapshot.providers()) {
                wanted += provider.wanted();
                unassigned += provider.unassigned();
                for (ConnectionSnapshot connection : provider.connections()) {
                    connections++;
                    if (connection.state() == ConnectionState.CONNECTED) {
                        connected++;
                        confirmed += connection.confirmed();
                    }
                }
            }
            return new State(connections, connected, confirmed, wanted, unassigned);
        }

        boolean complete(int n) {
            return connected >= n && confirmed >= n;
        }

        @Override
        public String toString() {
            return connections + " connections, " + connected + " up, " + confirmed + " symbols confirmed of "
                    + wanted + " wanted, " + unassigned + " unassigned";
        }
    }

    /** Used heap after full collections, once two readings in a row agree within 256 KiB. */
    static long stableUsedHeap(MemoryMXBean memory) {
        long previous = Long.MIN_VALUE;
        long used = 0;
        for (int i = 0; i < 12; i++) {
            System.gc();
            Progress.sleep(150);
            used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - previous) < 256 * 1024) {
                return used;
            }
            previous = used;
        }
        return used;
    }

    private static String ask(OutputStream toSimulator, BlockingQueue<String> fromSimulator) {
        try {
            toSimulator.write("status\n".getBytes(StandardCharsets.UTF_8));
            toSimulator.flush();
            String answer = readLine(fromSimulator, 10);
            return answer != null && answer.startsWith("OPEN ") ? answer.substring(5).trim() : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    /** A line from the child, or null after {@code seconds} or at its end. */
    private static String readLine(BlockingQueue<String> in, int seconds) {
        try {
            String line = in.poll(seconds, TimeUnit.SECONDS);
            return line == null || line.equals(EOF) ? null : line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
