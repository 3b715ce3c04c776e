package io.marketfeed.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestEmbeddedSimulator {

    @Test
    void pointsTheProviderAtItself() throws Exception {
        try (EmbeddedSimulator simulator = EmbeddedSimulator.start("sahmk", 0)) {
            assertTrue(simulator.endpoint().matches("ws://127\\.0\\.0\\.1:\\d+"), simulator.endpoint());
            Config layer = simulator.settingsLayer();
            assertEquals(simulator.endpoint(), layer.getString("marketfeed.providers.sahmk.endpoint"));
            assertEquals(simulator.demoKey(), layer.getString("marketfeed.providers.sahmk.api-key"));
            assertEquals(URI.create(simulator.endpoint() + "/ws/v1/stocks/?api_key=" + simulator.demoKey()),
                    simulator.channels().get("quotes"));

            HttpResponse<String> status = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(simulator.controlUri().resolve("status"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, status.statusCode());
            assertTrue(status.body().contains("\"sahmk\""), status.body());
        }
    }

    @Test
    void unknownProviderNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedSimulator.start("alltick", 0));

        assertEquals("there is no simulator for provider 'alltick'; simulators exist for: sahmk", e.getMessage());
    }
}
