package io.marketfeed.app.ops;

import static io.marketfeed.app.testing.TestingConfig.CANARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.app.ExitCode;
import io.marketfeed.app.simulator.EmbeddedSimulator;
import io.marketfeed.app.testing.TestingConfig;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case: with the operations port on, {@code /ready} is 200 while SAHMK and TickAtlas stream, and turns
 * 503 with SAHMK's reason within a second of its fatal error (the simulator closes its connection with 4403, as
 * for a key whose plan lapsed); TickAtlas keeps the run going.
 */
class TestReadyOnFatalError {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    @TempDir
    Path directory;

    @Test
    void readyTurns503WithTheReasonWithinASecondOfAFatalError() throws Exception {
        try (EmbeddedSimulator simulator = EmbeddedSimulator.start(List.of("sahmk", "tickatlas"), 0)) {
            Path file = TestingConfig.write(directory, "ready.conf", String.join("\n",
                    "marketfeed.http.port = 0",
                    "marketfeed.sinks = []",
                    "marketfeed.providers.sahmk { endpoint = \"" + simulator.endpoint() + "\", api-key = \""
                            + SahmkSimulation.DEMO_KEY + "\", symbols = [\"2222\"] }",
                    "marketfeed.providers.tickatlas { endpoint = \"" + simulator.endpoint() + "\", api-key = \""
                            + TickAtlasSimulation.DEMO_KEY + "\", plan = pro, symbols = [EURUSD] }"));
            try (RunningFeed run = RunningFeed.start(file, Map.of("SAHMK_API_KEY", CANARY))) {
                HttpResponse<String> ready = run.awaitGet("ready", response -> response.statusCode() == 200);
                assertEquals("ready\n", ready.body());

                long closedAt = System.nanoTime();
                assertEquals(1, simulator.simulation(SahmkSimulation.class).faults()
                        .close(4403, "Subscription inactive"));
                HttpResponse<String> notReady = run.awaitGet("ready", response -> response.statusCode() != 200);
                Duration took = Duration.ofNanos(System.nanoTime() - closedAt);

                assertTrue(took.compareTo(WITHIN) < 0, "503 only after " + took);
                assertEquals(503, notReady.statusCode(), notReady.body());
                System.out.println("/ready turned 503 " + took.toMillis() + " ms after the close was sent");
                List<String> lines = notReady.body().lines().toList();
                assertEquals(2, lines.size(), "only SAHMK is named: " + notReady.body());
                assertEquals("not ready", lines.get(0));
                assertTrue(lines.get(1).startsWith("sahmk: failed: SAHMK denied access (close 4403: Subscription "
                        + "inactive); check "), lines.get(1));
                assertFalse(notReady.body().contains(SahmkSimulation.DEMO_KEY), notReady.body());
                // It stays so: the run goes on with TickAtlas, and the failure is final.
                assertEquals(503, run.get("ready").statusCode());
                assertTrue(run.get("status").body().contains("\"state\" : \"connected\""));
                assertEquals(ExitCode.OK, run.stop(), run.err());
            }
        }
    }
}
