package io.marketfeed.simulator.alltick;

import static io.marketfeed.simulator.alltick.AlltickSimulation.BASIC_TOKEN;
import static io.marketfeed.simulator.alltick.AlltickSimulation.DEMO_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.alltick.AlltickFixture.Client;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Request pacing (protocols.md §4.7): per connection and across the connections of a token. */
class AlltickPacingTest {

    private static final Duration GAP = Duration.ofMillis(200);
    private static final Duration CROSS_GAP = Duration.ofMillis(400);

    @Test
    void aSecondRequestTooSoonIsRefusedNotAppliedAndTheConnectionClosed() {
        try (AlltickFixture fixture = paced()) {
            Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            assertEquals(200, client.ret(client.trades("AAPL.US")));
            JsonNode refused = client.response(client.trades("AAPL.US", "MSFT.US"));
            assertEquals(606, refused.path("ret").asInt());
            assertEquals(22005, refused.path("cmd_id").asInt());
            assertEquals(1008, client.ws.awaitEnd());
            Refusal refusal = fixture.simulation.refusals().get(0);
            assertEquals(Refusal.Kind.PACING, refusal.kind());
            assertTrue(refusal.isPacing() && refusal.detail().contains("200 ms needed"), refusal.detail());
        }
    }

    @Test
    void requestsThatKeepTheGapAreApplied() {
        try (AlltickFixture fixture = paced()) {
            Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            assertEquals(200, client.ret(client.trades("AAPL.US")));
            fixture.waitOut(GAP.plusMillis(20));
            assertEquals(200, client.ret(client.depth(1, "AAPL.US")));
            fixture.waitOut(GAP.plusMillis(20));
            assertEquals(200, client.ret(client.cancel(2)));
            assertTrue(fixture.simulation.refusals().isEmpty(), fixture.simulation.refusals().toString());
        }
    }

    @Test
    void heartbeatsDoNotCountUnlessConfigured() {
        try (AlltickFixture fixture = paced()) {
            Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            assertEquals(200, client.ret(client.trades("AAPL.US")));
            assertEquals(200, client.ret(client.heartbeat()));
            assertEquals(200, client.ret(client.heartbeat()));
        }
        try (AlltickFixture fixture = AlltickFixture.start(AlltickOptions.builder().updatesPerSecond(0)
                .pacing(GAP, CROSS_GAP).heartbeatsPaced(true))) {
            Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            assertEquals(200, client.ret(client.trades("AAPL.US")));
            assertEquals(606, client.ret(client.heartbeat()));
        }
    }

    @Test
    void requestsAcrossConnectionsOfATokenNeedTheCrossGap() {
        try (AlltickFixture fixture = paced()) {
            Client stock = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            Client other = fixture.connect(AlltickEndpoint.OTHER, DEMO_TOKEN);
            Client stranger = fixture.connect(AlltickEndpoint.OTHER, BASIC_TOKEN);
            assertEquals(200, stock.ret(stock.trades("AAPL.US")));
            assertEquals(200, stranger.ret(stranger.trades("EURUSD")), "another token is not affected");
            fixture.waitOut(GAP.plusMillis(20));
            assertEquals(606, other.ret(other.trades("EURUSD")), "past the connection gap, within the token's");
            assertEquals(Refusal.Kind.CROSS_CONNECTION_PACING, fixture.simulation.refusals().get(0).kind());
            assertEquals(List.of(), fixture.simulation.lists().stream().filter(lists -> lists.connectionId() == other.id)
                    .flatMap(lists -> lists.trades().stream()).toList());

            Client again = fixture.connect(AlltickEndpoint.OTHER, DEMO_TOKEN);
            fixture.waitOut(CROSS_GAP);
            assertEquals(200, again.ret(again.trades("EURUSD")));
        }
    }

    @Test
    void aGentlerRetKeepsTheConnection() {
        try (AlltickFixture fixture = AlltickFixture.start(AlltickOptions.builder().updatesPerSecond(0)
                .pacing(GAP, CROSS_GAP).pacingViolationRet(605))) {
            Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            client.ret(client.trades("AAPL.US"));
            assertEquals(605, client.ret(client.trades("MSFT.US")));
            assertFalse(client.ws.hasEnded());
            assertEquals(List.of("AAPL.US"), fixture.simulation.lists(client.id).orElseThrow().trades());
        }
    }

    private static AlltickFixture paced() {
        return AlltickFixture.start(AlltickOptions.builder().updatesPerSecond(0).pacing(GAP, CROSS_GAP));
    }
}
