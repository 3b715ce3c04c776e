package io.marketfeed.simulator.tickatlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.simulator.SimulatorServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command line: options, what it prints, and mistakes. */
class TickAtlasSimulatorMainTest {

    @Test
    void startsAndPrintsTheUrlKeysAndControl() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (SimulatorServer server = TickAtlasSimulatorMain.start(new String[] {"--port", "0", "--quote-interval",
                "250ms", "--heartbeat", "2s", "--auth-deadline", "5s", "--connections-per-key", "3",
                "--quota-reset-every", "1m", "--flat-quotes", "--seed", "9", "--key", "tk_mine=pro:777"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            String printed = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("ws://127.0.0.1:" + server.port() + "/ws/v1/quotes"), printed);
            assertTrue(printed.contains(TickAtlasSimulation.DEMO_KEY), printed);
            assertTrue(printed.contains("tk_mine: pro"), printed);
            assertTrue(printed.contains("/control/status"), printed);
            TickAtlasSimulation simulation = server.simulation(TickAtlasSimulation.class);
            TickAtlasOptions options = simulation.options();
            assertEquals(Duration.ofMillis(250), options.quoteInterval());
            assertEquals(Duration.ofSeconds(2), options.heartbeatInterval());
            assertEquals(Duration.ofSeconds(5), options.authDeadline());
            assertEquals(3, options.connectionsPerKey());
            assertEquals(Duration.ofMinutes(1), options.quotaResetInterval());
            assertTrue(options.flatQuotes());
            assertEquals(9, options.seed());
            assertEquals(777, simulation.remainingCredits("tk_mine"));
        }
    }

    @Test
    void helpAndMistakes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertNull(TickAtlasSimulatorMain.start(new String[] {"--help"}, new PrintStream(bytes, true,
                StandardCharsets.UTF_8)));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("--quote-interval"));
        PrintStream ignored = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class,
                () -> TickAtlasSimulatorMain.start(new String[] {"--bogus"}, ignored));
        assertThrows(IllegalArgumentException.class,
                () -> TickAtlasSimulatorMain.start(new String[] {"--quote-interval", "soon"}, ignored));
        assertThrows(IllegalArgumentException.class,
                () -> TickAtlasSimulatorMain.start(new String[] {"--key", "x=gold"}, ignored));
        assertThrows(IllegalArgumentException.class,
                () -> TickAtlasSimulatorMain.start(new String[] {"--port"}, ignored));
    }
}
