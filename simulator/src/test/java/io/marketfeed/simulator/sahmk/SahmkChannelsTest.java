package io.marketfeed.simulator.sahmk;

import static io.marketfeed.simulator.sahmk.SahmkSimulation.DEMO_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.sahmk.SahmkFixture.Client;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The depth and trades channels (protocols.md §1.4). */
class SahmkChannelsTest {

    private SahmkFixture fixture;

    @BeforeEach
    void start() {
        fixture = SahmkFixture.manual();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void depthSnapshotsPrecedeTheAckAndFollowEachTick() {
        Client client = fixture.ready(Channel.DEPTH, DEMO_KEY);
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"2222\"],\"levels\":3}");
        assertBook(client.ws().expect("depth_snapshot"), 3);
        assertEquals(1, client.ws().expect("subscribed").path("total").asInt());

        fixture.simulation.tick();
        String raw = client.ws().next();
        SahmkProtocolTest.assertTwoDecimals(raw);
        assertBook(io.marketfeed.simulator.WsClient.parse(raw), 3);
    }

    @Test
    void depthLevelsDefaultToFiveAndAreCappedAtTwenty() {
        Client client = fixture.ready(Channel.DEPTH, DEMO_KEY);
        client.subscribe("1120");
        assertEquals(5, client.ws().expect("depth_snapshot").path("levels").asInt());
        client.ws().expect("subscribed");
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"2010\"],\"levels\":50}");
        assertEquals(20, client.ws().expect("depth_snapshot").path("levels").asInt());
    }

    @Test
    void tradesStartWithASnapshotThenFlowLive() {
        fixture.simulation.tick();
        fixture.simulation.tick();
        Client client = fixture.ready(Channel.TRADES, DEMO_KEY);
        client.subscribe("2222");
        client.ws().expect("subscribed");
        JsonNode snapshot = client.ws().expect("trades_snapshot");
        assertEquals("2222", snapshot.path("symbol").asText());
        assertEquals(2, snapshot.path("count").asInt());
        assertEquals(2, snapshot.path("events").size());
        assertValue(snapshot.path("events").path(0));

        fixture.simulation.tick();
        String raw = client.ws().next();
        SahmkProtocolTest.assertTwoDecimals(raw);
        JsonNode trade = io.marketfeed.simulator.WsClient.parse(raw);
        assertEquals("trade", trade.path("type").asText());
        assertEquals("2222", trade.path("symbol").asText());
        assertTrue(Set.of("buy", "sell").contains(trade.path("side").asText()), raw);
        assertValue(trade);
    }

    private static void assertBook(JsonNode book, int levels) {
        assertEquals("depth_snapshot", book.path("type").asText());
        assertTrue(book.path("available").asBoolean());
        assertEquals(levels, book.path("levels").asInt());
        JsonNode bids = book.path("bids");
        JsonNode asks = book.path("asks");
        assertEquals(levels, bids.size());
        assertEquals(levels, asks.size());
        BigDecimal bestBid = book.path("best_bid").decimalValue();
        BigDecimal bestAsk = book.path("best_ask").decimalValue();
        assertEquals(0, bestBid.compareTo(bids.path(0).path("price").decimalValue()));
        assertEquals(0, bestAsk.compareTo(asks.path(0).path("price").decimalValue()));
        assertEquals(0, bestAsk.subtract(bestBid).compareTo(book.path("spread").decimalValue()));
        for (int i = 1; i < levels; i++) {
            assertEquals(i + 1, bids.path(i).path("level").asInt());
            assertTrue(bids.path(i).path("price").decimalValue().compareTo(bids.path(i - 1).path("price")
                    .decimalValue()) < 0, "bids descend");
            assertTrue(asks.path(i).path("price").decimalValue().compareTo(asks.path(i - 1).path("price")
                    .decimalValue()) > 0, "asks ascend");
            assertTrue(bids.path(i).path("order_count").asInt() > 0);
        }
    }

    private static void assertValue(JsonNode trade) {
        BigDecimal price = trade.path("price").decimalValue();
        long quantity = trade.path("quantity").asLong();
        assertEquals(0, price.multiply(BigDecimal.valueOf(quantity)).compareTo(trade.path("value").decimalValue()),
                trade.toString());
    }
}
