package io.marketfeed.simulator.sahmk;

import static io.marketfeed.simulator.sahmk.SahmkSimulation.DEMO_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.simulator.HandshakeOutcome;
import io.marketfeed.simulator.HandshakeRecord;
import io.marketfeed.simulator.WsClient;
import io.marketfeed.simulator.sahmk.SahmkFixture.Client;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Authentication by {@code api_key}, plan entitlement and the Origin switch (protocols.md §1.2, §1.7). */
class SahmkAuthTest {

    @Test
    void unknownOrMissingKeysAreAcceptedThenClosedWith4401() {
        try (SahmkFixture fixture = SahmkFixture.manual()) {
            Client unknown = fixture.connect(Channel.QUOTES, "shmk_live_nope");
            assertEquals(4401, unknown.ws().awaitEnd());
            assertEquals("Invalid API key", unknown.ws().closeReason());
            assertEquals(List.of(), unknown.ws().drain(), "no connected message before the close");

            Client missing = fixture.connect(fixture.server.webSocketUri("/ws/v1/market/trades/"), Map.of());
            assertEquals(4401, missing.ws().awaitEnd());

            List<HandshakeRecord> handshakes = fixture.observation().handshakes();
            assertEquals(2, handshakes.size());
            assertTrue(handshakes.stream().allMatch(h -> h.outcome() == HandshakeOutcome.AUTH_FAILED));
            assertEquals("shmk_live_nope", handshakes.get(0).parameters().get("api_key"));
            assertEquals(2, fixture.observation().counters().authFailures());
        }
    }

    @Test
    void theBadKeyCodeCanFollowTheErrorCodeDocsInstead() {
        try (SahmkFixture fixture = SahmkFixture.start(SahmkOptions.builder().updatesPerSecond(0)
                .badKeyCloseCode(4001))) {
            assertEquals(4001, fixture.connect(Channel.QUOTES, "wrong").ws().awaitEnd());
        }
    }

    @Test
    void aRejectedKeyCanFirstGetAnErrorMessage() {
        try (SahmkFixture fixture = SahmkFixture.start(SahmkOptions.builder().updatesPerSecond(0)
                .errorBeforeAuthClose(true))) {
            WsClient client = fixture.connect(Channel.QUOTES, "wrong").ws();
            assertEquals("{\"type\":\"error\",\"message\":\"Invalid API key\"}", client.next());
            assertEquals(4401, client.awaitEnd());
        }
    }

    @Test
    void anInactivePlanIsClosedWith4403() {
        try (SahmkFixture fixture = SahmkFixture.manual()) {
            Client client = fixture.connect(Channel.QUOTES, SahmkSimulation.INACTIVE_KEY);
            assertEquals(4403, client.ws().awaitEnd());
            assertEquals(HandshakeOutcome.FORBIDDEN, fixture.observation().handshakes().get(0).outcome());
        }
    }

    @Test
    void configuredKeysGetTheirPlan() {
        try (SahmkFixture fixture = SahmkFixture.start(SahmkOptions.builder().updatesPerSecond(0).clearKeys()
                .key("shmk_live_mine", Plan.BUSINESS))) {
            assertEquals("business", fixture.connect(Channel.QUOTES, "shmk_live_mine").ws().expect("connected")
                    .path("plan").asText());
            assertEquals(4401, fixture.connect(Channel.QUOTES, DEMO_KEY).ws().awaitEnd(), "demo keys cleared");
        }
    }

    @Test
    void handshakesWithAnOriginHeaderGet403WhenTheSwitchIsOn() {
        Map<String, String> origin = Map.of("Origin", "https://example.com");
        try (SahmkFixture fixture = SahmkFixture.start(SahmkOptions.builder().updatesPerSecond(0)
                .rejectOrigin(true))) {
            assertEquals(403, WsClient.handshakeStatus(fixture.uri(Channel.QUOTES, DEMO_KEY), origin));
            HandshakeRecord rejected = fixture.observation().handshakes().get(0);
            assertEquals(HandshakeOutcome.ORIGIN_REJECTED, rejected.outcome());
            assertEquals("https://example.com", rejected.origin());
            fixture.ready(Channel.QUOTES, DEMO_KEY);
        }
        try (SahmkFixture fixture = SahmkFixture.manual()) {
            fixture.connect(fixture.uri(Channel.QUOTES, DEMO_KEY), origin).ws().expect("connected");
        }
    }
}
