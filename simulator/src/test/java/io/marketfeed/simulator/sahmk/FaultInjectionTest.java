package io.marketfeed.simulator.sahmk;

import static io.marketfeed.simulator.sahmk.SahmkSimulation.DEMO_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.CloseRecord;
import io.marketfeed.simulator.FaultControl;
import io.marketfeed.simulator.HandshakeOutcome;
import io.marketfeed.simulator.Observation;
import io.marketfeed.simulator.Target;
import io.marketfeed.simulator.WsClient;
import io.marketfeed.simulator.sahmk.SahmkFixture.Client;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault of {@link FaultControl}, as the client experiences it (performance-and-scale.md §5). */
class FaultInjectionTest {

    /** Long enough for a frame to cross loopback many times over; used only to assert that nothing arrives. */
    private static final Duration QUIET = Duration.ofMillis(300);

    private SahmkFixture fixture;
    private FaultControl faults;
    private Observation observation;

    @BeforeEach
    void start() {
        fixture = SahmkFixture.manual();
        faults = fixture.simulation.faults();
        observation = fixture.observation();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void dropWithACloseFrameSendsTheCode() {
        Client client = subscribed("2222");
        assertEquals(1, faults.drop(true, 1012));
        assertEquals(1012, client.ws().awaitEnd());
        assertEquals("Service restart", client.ws().closeReason());
        WsClient.await(observation, "the close record", () -> observation.closes().size() == 1);
        assertTrue(observation.closes().get(0).serverInitiated());
        assertEquals(0, observation.openConnections());
    }

    @Test
    void dropWithoutACloseFrameLooksLikeABrokenConnection() {
        Client client = subscribed("2222");
        assertEquals(1, faults.drop(false, 1001));
        assertEquals(CloseRecord.NO_CLOSE_FRAME, client.ws().awaitEnd());
        WsClient.await(observation, "the close record", () -> observation.closes().size() == 1);
        assertEquals(CloseRecord.NO_CLOSE_FRAME, observation.closes().get(0).code());
    }

    @Test
    void aStalledConnectionSendsNothingIgnoresMessagesAndStaysOpen() {
        Client client = subscribed("2222");
        assertEquals(1, faults.stall());
        fixture.simulation.tick();
        client.send("{\"action\":\"ping\"}");
        client.ws().sendPing();
        assertTrue(client.ws().silentFor(QUIET), "no data, no pong while stalled");
        assertEquals(0, client.ws().pongs(), "not even a WebSocket pong");
        assertFalse(client.ws().hasEnded());
        assertEquals(1, observation.openConnections());
        assertTrue(observation.connection(client.id()).orElseThrow().stalled());
        assertEquals(1, observation.counters().framesSuppressed());
        assertEquals(2, observation.received(client.id()).size(), "messages are recorded, not answered");

        assertEquals(1, faults.resume());
        fixture.simulation.tick();
        assertEquals("quote", client.ws().nextJson().path("type").asText());
        SahmkProtocolTest.assertNextIsPong(client);
        client.ws().sendPing();
        WsClient.await(observation, "a WebSocket pong", () -> client.ws().pongs() == 1);
    }

    @Test
    void aTimedStallEndsByItself() {
        Client client = subscribed("2222");
        faults.stall(Duration.ofMillis(200));
        WsClient.await(observation, "the stall to end", () -> !observation.connection(client.id()).orElseThrow()
                .stalled());
        SahmkProtocolTest.assertNextIsPong(client);
    }

    @Test
    void closeUsesTheGivenCodeAndReason() {
        Client client = subscribed("2222");
        assertEquals(1, faults.close(4401, "Invalid API key"));
        assertEquals(4401, client.ws().awaitEnd());
        assertEquals("Invalid API key", client.ws().closeReason());
        assertThrows(IllegalArgumentException.class, () -> faults.close(1006, "reserved"));
        assertThrows(IllegalArgumentException.class, () -> faults.close(4000, "x".repeat(124)));
    }

    @Test
    void malformedFramesArriveAndTheConnectionSurvives() {
        Client client = subscribed("2222");
        assertEquals(1, faults.sendMalformed(3));
        assertEquals("{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":", client.ws().next());
        assertEquals("this is not json", client.ws().next());
        assertEquals("mystery_event", client.ws().nextJson().path("type").asText());
        SahmkProtocolTest.assertNextIsPong(client);
        assertEquals(3, observation.counters().malformedSent());
    }

    @Test
    void ghostDataArrivesForASymbolNobodySubscribed() {
        Client quotes = subscribed("2222");
        Client trades = fixture.ready(Channel.TRADES, DEMO_KEY);
        assertEquals(2, faults.pushGhost("9999", 2));
        for (int i = 0; i < 2; i++) {
            String raw = quotes.ws().next();
            JsonNode ghost = WsClient.parse(raw);
            assertEquals("quote", ghost.path("type").asText());
            assertEquals("9999", ghost.path("symbol").asText());
            SahmkProtocolTest.assertTwoDecimals(raw);
        }
        assertEquals("9999", trades.ws().expect("trade").path("symbol").asText());
        assertEquals(4, observation.counters().ghostSent());
        assertFalse(fixture.simulation.market().contains("9999"));
    }

    @Test
    void refusedHandshakesGet503UntilAcceptedAgain() {
        faults.refuse();
        assertEquals(503, WsClient.handshakeStatus(fixture.uri(Channel.QUOTES, DEMO_KEY), Map.of()));
        assertEquals(HandshakeOutcome.REFUSED, observation.handshakes().get(0).outcome());
        assertEquals(0, observation.handshakes().get(0).connectionId());
        faults.acceptConnections();
        fixture.ready(Channel.QUOTES, DEMO_KEY);
    }

    @Test
    void aTimedRefusalEndsByItself() {
        faults.refuse(Duration.ofMillis(200));
        assertTrue(faults.refusingNow());
        WsClient.await(observation, "the refusal to end", () -> !faults.refusingNow());
        fixture.ready(Channel.QUOTES, DEMO_KEY);
    }

    @Test
    void changedLimitsApplyToNewConnectionsAndCanBeAnnounced() {
        Client before = fixture.ready(Channel.QUOTES, DEMO_KEY);
        faults.setLimits(5, 2);
        JsonNode connected = fixture.connect(Channel.QUOTES, DEMO_KEY).ws().expect("connected");
        assertEquals(5, connected.path("limits").path("max_symbols_per_connection").asInt());
        assertEquals(2, connected.path("limits").path("max_symbols_per_call").asInt());
        before.subscribe("2222", "1120", "2010");
        assertEquals(3, before.ws().expect("subscribed").path("total").asInt(), "open connections keep theirs");

        Client after = fixture.ready(Channel.QUOTES, DEMO_KEY);
        after.subscribe("2222", "1120", "2010");
        assertEquals("Too many symbols in one call: 3 > 2", after.ws().expect("error").path("message").asText());

        faults.setLimits(OptionalInt.of(70), OptionalInt.empty(), true);
        JsonNode announced = before.ws().expect("connected");
        assertEquals(70, announced.path("limits").path("max_symbols_per_connection").asInt());
        assertEquals(20, announced.path("limits").path("max_symbols_per_call").asInt());

        faults.clearLimits();
        assertEquals(PlanLimits.defaults(Plan.PRO), fixture.simulation.limits(Plan.PRO));
    }

    @Test
    void aTargetNarrowsAFaultToOneConnection() {
        Client first = subscribed("2222");
        Client second = subscribed("2222");
        assertEquals(1, faults.drop(Target.connection(second.id()), true, 1001));
        assertEquals(1001, second.ws().awaitEnd());
        SahmkProtocolTest.assertNextIsPong(first);
        assertEquals(0, faults.drop(Target.connection(9_999), true, 1001));
    }

    @Test
    void resetClearsFaultsAndObservationButKeepsConnections() {
        Client client = subscribed("2222");
        faults.stall();
        faults.refuse();
        faults.setLimits(1, 1);
        faults.reset();
        assertFalse(faults.refusingNow());
        assertEquals(List.of(), observation.handshakes());
        assertEquals(60, fixture.simulation.limits(Plan.PRO).maxSymbolsPerConnection());
        SahmkProtocolTest.assertNextIsPong(client);
        assertEquals(java.util.Set.of("2222"), observation.subscriptions(client.id()));
    }

    @Test
    void badFaultParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> faults.drop(true, 999));
        assertThrows(IllegalArgumentException.class, () -> faults.stall(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> faults.sendMalformed(0));
        assertThrows(IllegalArgumentException.class, () -> faults.pushGhost(" ", 1));
        assertThrows(IllegalArgumentException.class, () -> faults.setLimits(0, 5));
        assertThrows(IllegalArgumentException.class,
                () -> faults.setLimits(OptionalInt.empty(), OptionalInt.empty(), false));
    }

    private Client subscribed(String symbol) {
        Client client = fixture.ready(Channel.QUOTES, DEMO_KEY);
        client.subscribe(symbol);
        client.ws().expect("subscribed");
        return client;
    }
}
