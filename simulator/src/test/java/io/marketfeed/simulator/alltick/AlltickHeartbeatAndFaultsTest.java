package io.marketfeed.simulator.alltick;

import static io.marketfeed.simulator.alltick.AlltickSimulation.DEMO_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.CloseRecord;
import io.marketfeed.simulator.Target;
import io.marketfeed.simulator.alltick.AlltickFixture.Client;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The heartbeat timeout (protocols.md §4.6), the AllTick-specific faults, and the common ones. */
class AlltickHeartbeatAndFaultsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @Test
    void aConnectionWithoutHeartbeatsIsClosedAfterTheTimeout() {
        try (AlltickFixture fixture = withHeartbeatTimeout()) {
            Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            client.ret(client.trades("AAPL.US"));
            assertEquals(1000, client.ws.awaitEnd());
            assertTrue(client.ws.closeReason().contains("no heartbeat"), client.ws.closeReason());
            fixture.await("the close to be recorded", () -> !fixture.observation().closes().isEmpty());
            CloseRecord close = fixture.observation().closes().get(0);
            assertTrue(close.serverInitiated(), close.toString());
        }
    }

    @Test
    void heartbeatsKeepAConnectionOpenPastManyTimeouts() {
        try (AlltickFixture fixture = withHeartbeatTimeout()) {
            Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            long started = System.nanoTime();
            while (System.nanoTime() - started < TIMEOUT.multipliedBy(4).toNanos()) {
                assertEquals(200, client.ret(client.heartbeat()));
                fixture.waitOut(TIMEOUT.dividedBy(4));
            }
            assertFalse(client.ws.hasEnded());
        }
    }

    @Test
    void aRetCanBeSentToAConnectionAnd606ClosesIt() {
        try (AlltickFixture fixture = AlltickFixture.manual()) {
            Client client = fixture.connect(AlltickEndpoint.OTHER, DEMO_TOKEN);
            client.ret(client.heartbeat());
            assertEquals(1, fixture.simulation.sendRet(Target.connection(client.id), 606));
            JsonNode sent = client.ws.nextJson();
            assertEquals(606, sent.path("ret").asInt());
            assertEquals(0, sent.path("cmd_id").asInt());
            assertEquals(1008, client.ws.awaitEnd());
        }
    }

    @Test
    void theNextRequestCanBeAnsweredWithAnyRet() {
        try (AlltickFixture fixture = AlltickFixture.manual()) {
            Client client = fixture.connect(AlltickEndpoint.OTHER, DEMO_TOKEN);
            fixture.simulation.injectNextRet(429);
            assertEquals(429, client.ret(client.trades("EURUSD")));
            assertEquals(200, client.ret(client.trades("EURUSD")), "only the next one");
            assertEquals(Refusal.Kind.INJECTED, fixture.simulation.refusals().get(0).kind());
        }
    }

    @Test
    void ghostDataIsATradePushForACodeNobodyAskedFor() {
        try (AlltickFixture fixture = AlltickFixture.manual()) {
            Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            client.ret(client.trades("AAPL.US"));
            assertEquals(1, fixture.simulation.faults().pushGhost("MSFT.US", 2));
            List<JsonNode> pushes = client.pushes();
            assertEquals(List.of("MSFT.US", "MSFT.US"), client.codes(pushes, 22998));
        }
    }

    @Test
    void malformedFramesAndDropsComeFromTheCommonFaults() {
        try (AlltickFixture fixture = AlltickFixture.manual()) {
            Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            assertEquals(1, fixture.simulation.faults().sendMalformed(3));
            assertEquals("{\"cmd_id\":22998,\"data\":{\"code\":\"AAPL.US\",\"price\":", client.ws.next());
            assertEquals("this is not json", client.ws.next());
            fixture.simulation.faults().drop(true, 1012);
            assertEquals(1012, client.ws.awaitEnd());
        }
    }

    @Test
    void aStalledConnectionIsSilentAndNotTimedOut() {
        try (AlltickFixture fixture = withHeartbeatTimeout()) {
            Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            fixture.simulation.faults().stall();
            client.heartbeat();
            assertTrue(client.ws.silentFor(TIMEOUT.multipliedBy(2)));
            assertFalse(client.ws.hasEnded(), "a half-open server closes nothing");
        }
    }

    private static AlltickFixture withHeartbeatTimeout() {
        return AlltickFixture.start(AlltickOptions.builder().updatesPerSecond(0).pacing(Duration.ZERO, Duration.ZERO)
                .heartbeatTimeout(TIMEOUT));
    }
}
