package io.marketfeed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.simulator.alltick.AlltickSimulation;
import io.marketfeed.simulator.sahmk.SahmkOptions;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import io.marketfeed.simulator.screener.ScreenerSimulation;
import io.marketfeed.simulator.tickatlas.TickAtlasOptions;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one command line: options, what it prints, and mistakes. */
class SimulatorMainTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    private String printed() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sahmkByDefaultPrintsUsableUrlsAndServesThem() {
        try (SimulatorServer server = SimulatorMain.start(new String[] {"--port", "0", "--rate", "0",
                "--key", "shmk_live_x=enterprise", "--universe", "5", "--bad-key-close", "4001",
                "--error-before-close", "--reject-origin", "--seed", "3"}, out)) {
            String printed = printed();
            assertTrue(printed.contains("Control: http://127.0.0.1:" + server.port() + "/control/status"), printed);
            assertTrue(printed.contains("shmk_live_x (enterprise)"), printed);
            Matcher quotes = Pattern.compile("quotes: +(ws://\\S+)").matcher(printed);
            assertTrue(quotes.find(), printed);
            assertEquals("ws://127.0.0.1:" + server.port() + "/ws/v1/stocks/?api_key=shmk_test_demo", quotes.group(1));
            SahmkOptions options = server.simulation(SahmkSimulation.class).options();
            assertEquals(Duration.ZERO, options.updateInterval());
            assertEquals(5, options.universe().size());
            assertEquals(4001, options.badKeyCloseCode());
            assertTrue(options.errorBeforeAuthClose() && options.rejectOrigin());
            assertEquals(3, options.seed());
            try (WsClient client = WsClient.connect(URI.create(quotes.group(1)))) {
                assertEquals("pro", client.expect("connected").path("plan").asText());
            }
        }
    }

    @Test
    void tickAtlasOptionsAfterItsProvider() {
        try (SimulatorServer server = SimulatorMain.start(new String[] {"--port", "0", "--provider", "tickatlas",
                "--quote-interval", "250ms", "--heartbeat", "2s", "--auth-deadline", "5s", "--connections-per-key",
                "3", "--quota-reset-every", "1m", "--flat-quotes", "--seed", "9", "--key", "tk_mine=pro:777"}, out)) {
            String printed = printed();
            assertTrue(printed.contains("ws://127.0.0.1:" + server.port() + "/ws/v1/quotes"), printed);
            assertTrue(printed.contains(TickAtlasSimulation.DEMO_KEY), printed);
            assertTrue(printed.contains("tk_mine: pro"), printed);
            assertTrue(printed.contains("/control/status"), printed);
            TickAtlasSimulation simulation = server.simulation(TickAtlasSimulation.class);
            TickAtlasOptions options = simulation.options();
            assertEquals(Duration.ofMillis(250), options.updateInterval());
            assertEquals(Duration.ofSeconds(2), options.heartbeatInterval());
            assertEquals(Duration.ofSeconds(5), options.authDeadline());
            assertEquals(3, options.connectionsPerKey());
            assertEquals(Duration.ofMinutes(1), options.quotaResetInterval());
            assertTrue(options.flatQuotes());
            assertEquals(9, options.seed());
            assertEquals(777, simulation.remainingCredits("tk_mine"));
            assertEquals(1, server.simulations().size());
        }
    }

    /** Before any --provider an option goes to every chosen simulation that has it; after one, to that one. */
    @Test
    void everyProviderOnOnePortWithScopedOptions() {
        try (SimulatorServer server = SimulatorMain.start(new String[] {"--port", "0", "--seed", "5",
                "--update-interval", "0", "--provider", "sahmk,tickatlas", "--provider", "alltick", "--key",
                "at_mine=basic", "--provider", "screener", "--rate", "4"}, out)) {
            String printed = printed();
            assertEquals(5, server.simulation(SahmkSimulation.class).options().seed());
            assertEquals(5, server.simulation(ScreenerSimulation.class).options().seed());
            assertEquals(Duration.ZERO, server.simulation(TickAtlasSimulation.class).options().updateInterval());
            assertEquals(Duration.ofMillis(250), server.simulation(ScreenerSimulation.class).options().updateInterval());
            assertEquals(4, server.simulation(ScreenerSimulation.class).options().updatesPerSecond(), 1e-9);
            AlltickSimulation alltick = server.simulation(AlltickSimulation.class);
            assertEquals("basic", alltick.options().keys().get("at_mine").wireName());
            assertTrue(printed.contains("at_mine"), printed);
            assertTrue(printed.contains("AllTick (") && printed.contains("Screener (") && printed.contains("SAHMK (")
                    && printed.contains("TickAtlas ("), printed);
            assertTrue(printed.contains("ws://127.0.0.1:" + server.port() + ScreenerSimulation.PATH), printed);
        }
    }

    @Test
    void helpListsEveryProvidersOptions() {
        assertNull(SimulatorMain.start(new String[] {"--help"}, out));
        for (String option : new String[] {"--provider", "--seed", "--rate", "--update-interval", "--key KEY=PLAN",
                "--universe", "--reject-origin", "--quote-interval", "--quota-reset-every", "--flat-quotes",
                "--key TOKEN=PLAN"}) {
            assertTrue(printed().contains(option), option + " in " + printed());
        }
    }

    @Test
    void mistakesNameTheOption() {
        assertEquals("unknown option --bogus", failure("--bogus"));
        assertEquals("--port needs a value", failure("--port"));
        assertEquals("unknown provider nope; known: sahmk, tickatlas, alltick, screener",
                failure("--provider", "nope"));
        assertTrue(failure("--key", "k=gold").contains("unknown SAHMK plan 'gold'"));
        assertTrue(failure("--provider", "tickatlas", "--key", "x=gold").contains("unknown TickAtlas plan"));
        assertEquals("--quote-interval needs a duration such as 500ms, 2s or 1m, got soon",
                failure("--provider", "tickatlas", "--quote-interval", "soon"));
        assertEquals("--key needs KEY=PLAN, got nothing", failure("--key", "nothing"));
        assertEquals("--universe is not an option of the tickatlas simulator",
                failure("--provider", "tickatlas", "--universe", "5"));
        assertTrue(failure("--quota-reset-every", "1m").startsWith("--quota-reset-every is not an option of the "
                + "sahmk simulator"));
        assertTrue(failure("--rate", "2000").contains("between 0 and 1000"));
        assertTrue(failure("--provider", "screener", "--key", "a=b").contains("not an option of the screener"));
    }

    private String failure(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> SimulatorMain.start(args, out)).getMessage();
    }
}
