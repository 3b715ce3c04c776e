package io.marketfeed.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.app.logging.MainProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on a real {@code marketfeed run} process (the demo, from the built-in simulator): the first one stops
 * gracefully and exits 0 with the summary; a second one, while the stop waits for a sink whose store is down,
 * exits at once with 143.
 */
class TestSignals {

    /** A PostgreSQL sink with nothing listening: its writer retries, and the stop waits up to 10 s for it. */
    private static final String STORE_DOWN =
            "-Dmarketfeed.sinks=[{type=postgres, url=\"jdbc:postgresql://127.0.0.1:1/x\"}]";

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
        try (MainProcess run = MainProcess.start(folder, Map.of(), List.of(), "run", "--format", "none",
                STORE_DOWN)) {
            // A batch is in the writer's hands, so the graceful stop will wait for the store.
            run.awaitErr(err -> err.contains("Sink 'postgres' cannot write"), "the sink's first failed write",
                    START_LIMIT);
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
