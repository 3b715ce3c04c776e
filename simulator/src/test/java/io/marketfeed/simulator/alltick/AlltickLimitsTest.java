package io.marketfeed.simulator.alltick;

import static io.marketfeed.simulator.alltick.AlltickSimulation.DEMO_TOKEN;
import static io.marketfeed.simulator.alltick.AlltickSimulation.FREE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.alltick.AlltickFixture.Client;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan limits (protocols.md §4.7): codes per list, silently, and connections per token per endpoint. */
class AlltickLimitsTest {

    private static final String[] SEVEN = {"EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "USDCHF", "USDCAD", "NZDUSD"};

    @Test
    void codesBeyondThePlanAreAcknowledgedAndNeverServed() {
        try (AlltickFixture fixture = AlltickFixture.manual()) {
            Client client = fixture.connect(AlltickEndpoint.OTHER, FREE_TOKEN);
            assertEquals(200, client.ret(client.trades(SEVEN)), "no error: AllTick ignores the excess silently");
            assertEquals(200, client.ret(client.depth(1, SEVEN)));
            for (int i = 0; i < 3; i++) {
                fixture.simulation.tick();
            }
            List<JsonNode> pushes = client.pushes();
            List<String> served = List.of("EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "USDCHF");
            assertEquals(served, client.codes(pushes, 22998).stream().distinct().toList());
            assertEquals(served, client.codes(pushes, 22999).stream().distinct().toList());
            AlltickSimulation.ConnectionLists lists = fixture.simulation.lists(client.id).orElseThrow();
            assertEquals(List.of(SEVEN), lists.trades());
            assertEquals(served, lists.servedTrades());
        }
    }

    @Test
    void aLimitFaultChangesWhatIsServed() {
        try (AlltickFixture fixture = AlltickFixture.manual()) {
            fixture.simulation.faults().setLimits(2, 2);
            Client client = fixture.connect(AlltickEndpoint.OTHER, DEMO_TOKEN);
            client.ret(client.trades(SEVEN));
            assertEquals(List.of("EURUSD", "GBPUSD"), fixture.simulation.lists(client.id).orElseThrow()
                    .servedTrades());
        }
    }

    @Test
    void optionallyALongListIsRefusedWith603() {
        try (AlltickFixture fixture = AlltickFixture.start(AlltickOptions.builder().updatesPerSecond(0)
                .pacing(Duration.ZERO, Duration.ZERO).refuseOverLimit(true))) {
            Client client = fixture.connect(AlltickEndpoint.OTHER, FREE_TOKEN);
            JsonNode refused = client.response(client.trades(SEVEN));
            assertEquals(603, refused.path("ret").asInt());
            assertEquals("token level not enough", refused.path("msg").asText());
            assertEquals(List.of(), fixture.simulation.lists(client.id).orElseThrow().trades());
        }
    }

    @Test
    void aConnectionOverThePlansAllowanceGets606AndIsClosed() {
        try (AlltickFixture fixture = AlltickFixture.manual()) {
            Client first = fixture.connect(AlltickEndpoint.OTHER, FREE_TOKEN);
            Client other = fixture.connect(AlltickEndpoint.STOCK, FREE_TOKEN);
            Client extra = fixture.connect(AlltickEndpoint.OTHER, FREE_TOKEN);
            JsonNode refused = extra.ws.nextJson();
            assertEquals(606, refused.path("ret").asInt());
            assertEquals("too many requests and connection will be closed", refused.path("msg").asText());
            assertEquals(1008, extra.ws.awaitEnd());
            assertEquals(Refusal.Kind.CONNECTION_LIMIT, fixture.simulation.refusals().get(0).kind());
            assertEquals(200, first.ret(first.heartbeat()), "the endpoints are counted separately");
            assertEquals(200, other.ret(other.heartbeat()));

            first.ws.close(1000, "done");
            fixture.await("the first connection to close", () -> fixture.observation().openConnections() == 1);
            Client replacement = fixture.connect(AlltickEndpoint.OTHER, FREE_TOKEN);
            assertEquals(200, replacement.ret(replacement.heartbeat()), "room again once one closed");
        }
    }

    @Test
    void premiumAllowsThreeConnectionsPerEndpoint() {
        try (AlltickFixture fixture = AlltickFixture.manual()) {
            for (int i = 0; i < 3; i++) {
                Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
                assertEquals(200, client.ret(client.heartbeat()));
            }
            assertEquals(606, fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN).ws.nextJson().path("ret").asInt());
        }
    }

    @Test
    void whenConfiguredConnectionAttemptsMustKeepTheirGapOnEachEndpoint() {
        try (AlltickFixture fixture = AlltickFixture.start(AlltickOptions.builder().updatesPerSecond(0)
                .pacing(Duration.ZERO, Duration.ZERO).connectGap(Duration.ofMillis(300)))) {
            Client first = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            Client otherEndpoint = fixture.connect(AlltickEndpoint.OTHER, DEMO_TOKEN);
            assertEquals(200, otherEndpoint.ret(otherEndpoint.heartbeat()), "the endpoints are counted separately");
            Client early = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            assertEquals(606, early.ws.nextJson().path("ret").asInt());
            assertEquals(Refusal.Kind.CONNECT_GAP, fixture.simulation.refusals().get(0).kind());
            fixture.waitOut(Duration.ofMillis(350));
            Client later = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            assertEquals(200, later.ret(later.heartbeat()));
            assertEquals(200, first.ret(first.heartbeat()));
        }
    }
}
