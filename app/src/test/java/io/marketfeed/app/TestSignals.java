package io.marketfeed.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.app.logging.MainProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on a real {@code marketfeed run} process (the demo, from the built-in simulator): the first one stops
 * gracefully and exits 0 with the summary; a second one, while the stop waits for a sink whose store is down,
 * exits at once with 143.
 */
class TestSignals {


    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    @TempDir
    java.nio.file.Path folder;

    @Test
    void aSigtermStopsGracefullyWithExitZeroAndTheSummary() throws Exception {
        try (MainProcess run = MainProcess.start(folder, Map.of(), List.of(), "run", "--format", "none",
                "-Dmarketfeed.sinks=[]")) {
            run.awaitErr(err -> err.contains("Streaming from"), "the start of streaming", START_LIMIT);
            run.signal("TERM");

            assertEquals(0, run.awaitExit(Duration.ofSeconds(30)), run.err());
            String err = run.err();
            assertTrue(err.contains("Stopping: SIGTERM received; SIGTERM again exits at once"), err);
            assertTrue(err.contains("Summary after"), err);
            assertFalse(err.contains("exiting at once"), err);
        }
    }

    @Test
    void aSecondSigtermWhileTheStopWaitsForASinkExits143AtOnce() throws Exception {
        // A "PostgreSQL" that accepts and never answers: the writer's first open hangs (up to its connect timeout),
        // so the graceful stop surely waits for the sink when the second SIGTERM comes.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                MainProcess run = MainProcess.start(folder, Map.of(), List.of(), "run", "--format", "none",
                        "-Dmarketfeed.sinks=[{type=postgres, url=\"jdbc:postgresql://127.0.0.1:" + silent.getLocalPort()
                                + "/x\", connect-timeout = 30s}]")) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            }, "silent-postgres");
            acceptor.setDaemon(true);
            acceptor.start();
            run.awaitErr(err -> !accepted.isEmpty(), "the sink's writer connecting to the store", START_LIMIT);
            run.signal("TERM");
            run.awaitErr(err -> err.contains("Stopping: SIGTERM received"), "the graceful stop", START_LIMIT);
            long second = System.nanoTime();
            run.signal("TERM");
            int code = run.awaitExit(Duration.ofSeconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - second);

            String err = run.err();
            assertEquals(143, code, err);
            // The sink alone would hold the graceful stop for 10 s.
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "exited " + took + " after the second SIGTERM");
            assertTrue(err.contains("marketfeed: SIGTERM again: exiting at once with code 143"), err);
            assertFalse(err.contains("Recorded:"), "the graceful stop did not finish: " + err);
            // The summary so far, and what the sink held goes to its spool for the next start: nothing lost.
            assertTrue(err.contains("Summary after"), err);
            assertTrue(err.matches("(?s).*postgres sink: [\\d,]+ events kept in \\S+spool/postgres, written at the next "
                    + "start.*"), err);
        }
    }
}
