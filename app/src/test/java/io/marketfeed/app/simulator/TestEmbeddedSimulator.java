package io.marketfeed.app.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.marketfeed.simulator.alltick.AlltickSimulation;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestEmbeddedSimulator {

    @Test
    void hostsSeveralProvidersOnOnePortAndPointsEachAtItself() throws Exception {
        try (EmbeddedSimulator simulator = EmbeddedSimulator.start(List.of("sahmk", "tickatlas", "alltick"), 0)) {
            assertTrue(simulator.endpoint().matches("ws://127\\.0\\.0\\.1:\\d+"), simulator.endpoint());
            assertEquals(List.of("sahmk", "tickatlas", "alltick"),
                    simulator.providers().stream().map(SimulatedProvider::id).toList());
            Config layer = simulator.settingsLayer();
            assertEquals(simulator.endpoint(), layer.getString("marketfeed.providers.sahmk.endpoint"));
            assertEquals(SahmkSimulation.DEMO_KEY, layer.getString("marketfeed.providers.sahmk.api-key"));
            assertEquals(simulator.endpoint(), layer.getString("marketfeed.providers.tickatlas.endpoint"));
            assertEquals(TickAtlasSimulation.DEMO_KEY, layer.getString("marketfeed.providers.tickatlas.api-key"));
            assertEquals(simulator.endpoint(), layer.getString("marketfeed.providers.alltick.endpoint"));
            assertEquals(AlltickSimulation.DEMO_TOKEN, layer.getString("marketfeed.providers.alltick.token"));
            assertFalse(layer.hasPath("marketfeed.providers.alltick.api-key"));
            assertEquals(EmbeddedSimulator.ORIGIN,
                    layer.getValue("marketfeed.providers.tickatlas.api-key").origin().description());
            assertEquals(simulator.endpoint(), simulator.endpoint("tickatlas"));

            String status = get(simulator.controlUri().resolve("status"));
            assertTrue(status.contains("\"sahmk\"") && status.contains("\"tickatlas\"")
                    && status.contains("\"alltick\""), status);
        }
    }

    @Test
    void settingsLayerBeforeThePortIsKnownSkipsIdsWithoutASimulator() {
        Config layer = EmbeddedSimulator.settingsLayer(List.of("tickatlas", "nope", "tickatlas"), "ws://127.0.0.1:1");

        assertEquals("ws://127.0.0.1:1", layer.getString("marketfeed.providers.tickatlas.endpoint"));
        assertEquals(TickAtlasSimulation.DEMO_KEY, layer.getString("marketfeed.providers.tickatlas.api-key"));
        assertFalse(layer.hasPath("marketfeed.providers.nope"));
        assertFalse(layer.hasPath("marketfeed.providers.sahmk"));
    }

    @Test
    void unknownProviderNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedSimulator.start(List.of("sahmk", "tickatlass"), 0));

        assertEquals("there is no simulator for provider 'tickatlass'; did you mean 'tickatlas'?; simulators exist "
                + "for: sahmk, tickatlas, alltick, screener", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmbeddedSimulator.start(List.of(), 0));
    }

    @Test
    void tickAtlasOptionsReachItsSimulationAndOthersAreRefused() {
        SimulatorOption reset = new SimulatorOption("tickatlas", "--quota-reset-every", Optional.of("2m"));
        try (EmbeddedSimulator simulator = EmbeddedSimulator.start(List.of("tickatlas"), 0, List.of(reset))) {
            assertEquals(Duration.ofMinutes(2),
                    simulator.simulation(TickAtlasSimulation.class).options().quotaResetInterval());
        }
        IllegalArgumentException notStarted = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedSimulator.start(List.of("sahmk"), 0, List.of(reset)));
        assertEquals("--quota-reset-every is an option of the tickatlas simulator, which is not started",
                notStarted.getMessage());
        IllegalArgumentException badValue = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedSimulator.start(List.of("tickatlas"), 0, List.of(new SimulatorOption("tickatlas",
                        "--quota-reset-every", Optional.of("soon")))));
        assertTrue(badValue.getMessage().startsWith("--quota-reset-every needs a duration"), badValue.getMessage());
    }

    @Test
    void describesEveryProviderWithItsKeysAndConfiguration() {
        try (EmbeddedSimulator simulator = EmbeddedSimulator.start(List.of("sahmk", "tickatlas", "alltick"), 0)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            simulator.describe(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String text = bytes.toString(StandardCharsets.UTF_8);

            String base = simulator.endpoint();
            assertTrue(text.contains(base + "/ws/v1/stocks/?api_key=" + SahmkSimulation.DEMO_KEY), text);
            assertTrue(text.contains("marketfeed.providers.sahmk { endpoint = \"" + base + "\", api-key = \""
                    + SahmkSimulation.DEMO_KEY + "\", symbols = ["), text);
            assertTrue(text.contains("--quota-reset-every D (such as 2m) also resets them"), text);
            assertTrue(text.contains(base + "/ws/v1/quotes"), text);
            assertTrue(text.contains("api-key = \"" + TickAtlasSimulation.DEMO_KEY + "\", plan = pro"), text);
            assertTrue(text.contains("api-key = \"" + TickAtlasSimulation.SMALL_QUOTA_KEY + "\", plan = starter"),
                    text);
            assertTrue(text.contains("--quota-reset-every"), text);
            assertTrue(text.contains(base + "/quote-stock-b-ws-api?token=" + AlltickSimulation.DEMO_TOKEN), text);
            assertTrue(text.contains("token = \"" + AlltickSimulation.DEMO_TOKEN + "\""), text);
        }
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }
}
