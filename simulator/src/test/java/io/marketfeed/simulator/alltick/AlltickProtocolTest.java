package io.marketfeed.simulator.alltick;

import static io.marketfeed.simulator.alltick.AlltickSimulation.DEMO_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.ConnectionInfo;
import io.marketfeed.simulator.HandshakeRecord;
import io.marketfeed.simulator.alltick.AlltickFixture.Client;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AllTick's official cmd_id protocol as a client sees it (protocols.md §4.3-4.5), data published by explicit ticks. */
class AlltickProtocolTest {

    private AlltickFixture fixture;

    @BeforeEach
    void start() {
        fixture = AlltickFixture.manual();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theServerSaysNothingFirstAndAnswersHeartbeats() {
        Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
        assertTrue(client.ws.silentFor(Duration.ofMillis(100)), "AllTick has no welcome message");
        JsonNode response = client.response(client.heartbeat());
        assertEquals(200, response.path("ret").asInt());
        assertEquals("ok", response.path("msg").asText());
        assertEquals(22001, response.path("cmd_id").asInt());
        assertTrue(response.path("data").isObject() && response.path("data").isEmpty(), response.toString());
    }

    @Test
    void eachTradeListReplacesThePreviousOne() {
        Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
        JsonNode ack = client.response(client.trades("AAPL.US", "MSFT.US"));
        assertEquals(22005, ack.path("cmd_id").asInt());
        assertEquals(200, ack.path("ret").asInt());
        fixture.simulation.tick();
        assertEquals(List.of("AAPL.US", "MSFT.US"), client.codes(client.pushes(), 22998));

        assertEquals(200, client.ret(client.trades("MSFT.US", "700.HK")));
        assertEquals(List.of("MSFT.US", "700.HK"), fixture.simulation.lists(client.id).orElseThrow().trades());
        fixture.simulation.tick();
        List<String> pushed = client.codes(client.pushes(), 22998);
        assertTrue(pushed.containsAll(List.of("MSFT.US", "700.HK")) && !pushed.contains("AAPL.US"), pushed.toString());
        assertEquals(Set.of("trade:MSFT.US", "trade:700.HK"),
                fixture.observation().subscriptions(client.id));
    }

    @Test
    void theOrderBookListIsIndependentAndServesTheLevelsAskedForUpToTheMarketsDepth() {
        Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
        assertEquals(200, client.ret(client.trades("AAPL.US")));
        JsonNode ack = client.response(client.depth(3, "700.HK", "UNH.US"));
        assertEquals(22003, ack.path("cmd_id").asInt());
        assertEquals(List.of("AAPL.US"), fixture.simulation.lists(client.id).orElseThrow().trades(),
                "a depth list leaves the trade list alone");
        fixture.simulation.tick();
        List<JsonNode> pushes = client.pushes();
        assertEquals(List.of("AAPL.US"), client.codes(pushes, 22998));
        for (JsonNode book : pushes.stream().filter(push -> push.path("cmd_id").asInt() == 22999).toList()) {
            int expected = book.path("data").path("code").asText().equals("700.HK") ? 3 : 1;
            assertEquals(expected, book.path("data").path("bids").size(), book.toString());
            assertEquals(expected, book.path("data").path("asks").size(), book.toString());
        }
        assertEquals(2, client.codes(pushes, 22999).size());
    }

    @Test
    void cancelTypesClearTheirList() {
        Client client = fixture.connect(AlltickEndpoint.OTHER, DEMO_TOKEN);
        client.ret(client.trades("EURUSD"));
        client.ret(client.depth(1, "XAUUSD"));
        assertEquals(22007, client.response(client.cancel(2)).path("cmd_id").asInt());
        assertEquals(List.of(), lists(client).trades());
        assertEquals(List.of("XAUUSD"), lists(client).depth());
        client.ret(client.trades("EURUSD"));
        assertEquals(200, client.ret(client.cancel(1)));
        assertEquals(List.of("EURUSD"), lists(client).trades());
        assertEquals(List.of(), lists(client).depth());
        client.ret(client.depth(1, "XAUUSD"));
        assertEquals(200, client.ret(client.cancel(0)));
        assertEquals(List.of(), lists(client).trades());
        assertEquals(List.of(), lists(client).depth());
        assertEquals(400, client.ret(client.cancel(7)));
    }

    @Test
    void pushesCarryExactDecimalStringsAndStringSeqAndMilliseconds() {
        Client client = fixture.connect(AlltickEndpoint.OTHER, DEMO_TOKEN);
        client.ret(client.trades("EURUSD", "BTCUSDT"));
        client.ret(client.depth(5, "EURUSD"));
        fixture.simulation.tick();
        List<JsonNode> pushes = client.pushes();
        JsonNode euro = pushes.stream().filter(push -> push.path("cmd_id").asInt() == 22998
                && push.path("data").path("code").asText().equals("EURUSD")).findFirst().orElseThrow().path("data");
        assertTrue(euro.path("price").isTextual() && euro.path("seq").isTextual() && euro.path("tick_time").isTextual(),
                euro.toString());
        assertEquals(5, new BigDecimal(euro.path("price").asText()).scale(), "forex has five decimals: " + euro);
        assertFalse(euro.has("turnover"), "forex has no turnover");
        assertEquals(0, euro.path("trade_direction").asInt(), "forex has no direction");
        assertEquals(13, euro.path("tick_time").asText().length());
        long millis = Long.parseLong(euro.path("tick_time").asText());
        assertTrue(Math.abs(millis - Instant.now().toEpochMilli()) < 60_000, euro.toString());

        JsonNode bitcoin = pushes.stream().filter(push -> push.path("cmd_id").asInt() == 22998
                && push.path("data").path("code").asText().equals("BTCUSDT")).findFirst().orElseThrow().path("data");
        BigDecimal price = new BigDecimal(bitcoin.path("price").asText());
        BigDecimal volume = new BigDecimal(bitcoin.path("volume").asText());
        assertEquals(price.multiply(volume), new BigDecimal(bitcoin.path("turnover").asText()), "exact turnover");
        assertTrue(List.of(1, 2).contains(bitcoin.path("trade_direction").asInt()), bitcoin.toString());

        JsonNode book = pushes.stream().filter(push -> push.path("cmd_id").asInt() == 22999).findFirst()
                .orElseThrow().path("data");
        assertEquals(1, book.path("bids").size(), "forex serves one level whatever is asked");
        assertEquals("0", book.path("bids").path(0).path("volume").asText(), "forex levels carry no volume");
        assertTrue(new BigDecimal(book.path("asks").path(0).path("price").asText())
                .compareTo(new BigDecimal(book.path("bids").path(0).path("price").asText())) > 0, book.toString());
    }

    @Test
    void integerSeqAndSecondsOnRequest() {
        try (AlltickFixture integers = AlltickFixture.start(AlltickOptions.builder().updatesPerSecond(0)
                .pacing(Duration.ZERO, Duration.ZERO).numberStyle(AlltickOptions.NumberStyle.INTEGERS)
                .tickTimeInSeconds(true))) {
            Client client = integers.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            client.ret(client.trades("AAPL.US"));
            integers.simulation.tick();
            JsonNode data = client.pushes().get(0).path("data");
            assertTrue(data.path("seq").isIntegralNumber() && data.path("tick_time").isIntegralNumber(),
                    data.toString());
            assertEquals(10, data.path("tick_time").asText().length());
        }
    }

    @Test
    void aCodeOfTheOtherEndpointOrUnknownIsRefusedWith600AndNothingChanges() {
        Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
        client.ret(client.trades("AAPL.US"));
        JsonNode refused = client.response(client.trades("AAPL.US", "EURUSD"));
        assertEquals(600, refused.path("ret").asInt());
        assertEquals("code invalid", refused.path("msg").asText());
        assertEquals(22005, refused.path("cmd_id").asInt());
        assertEquals(600, client.ret(client.trades("HK-1288")), "the depth doc's example code is not a code");
        assertEquals(List.of("AAPL.US"), lists(client).trades(), "a refused list is not applied");
        assertEquals(Refusal.Kind.CODE_INVALID, fixture.simulation.refusals().get(0).kind());
    }

    @Test
    void restrictedCodesNeedTheProfessionalPlan() {
        try (AlltickFixture restricted = AlltickFixture.start(AlltickOptions.builder().updatesPerSecond(0)
                .pacing(Duration.ZERO, Duration.ZERO).restrictedCode("600519.SH"))) {
            Client premium = restricted.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
            assertEquals(604, premium.ret(premium.trades("AAPL.US", "600519.SH")));
            Client professional = restricted.connect(AlltickEndpoint.STOCK, AlltickSimulation.PROFESSIONAL_TOKEN);
            assertEquals(200, professional.ret(professional.trades("AAPL.US", "600519.SH")));
        }
    }

    @Test
    void unreadableRequestsGet400() {
        Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
        client.ws.send("{\"cmd_id\":22004,\"data\":{}}");
        JsonNode header = client.ws.nextJson();
        assertEquals(400, header.path("ret").asInt());
        assertEquals(0, header.path("cmd_id").asInt());
        client.ws.send("not json");
        assertEquals(400, client.ws.nextJson().path("ret").asInt());
        assertEquals(400, client.ret(client.send(22004, "{\"symbol_list\":[\"AAPL.US\"]}")), "codes are objects");
        assertEquals(400, client.ret(client.send(22004, "{\"code\":[\"AAPL.US\"]}")), "the blog's format");
        assertEquals(400, client.ret(client.send(22123, "{}")));
    }

    @Test
    void repeatedTracesAreCounted() {
        Client client = fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
        client.ws.send("{\"cmd_id\":22000,\"seq_id\":1,\"trace\":\"same\",\"data\":{}}");
        client.ws.send("{\"cmd_id\":22000,\"seq_id\":2,\"trace\":\"same\",\"data\":{}}");
        client.ws.nextJson();
        client.ws.nextJson();
        assertEquals(1, fixture.simulation.duplicateTraces());
    }

    @Test
    void anUnknownTokenGets401ThenTheConnectionCloses() {
        Client client = fixture.connect(AlltickEndpoint.OTHER, AlltickSimulation.EXPIRED_TOKEN);
        JsonNode refused = client.ws.nextJson();
        assertEquals(401, refused.path("ret").asInt());
        assertEquals("token invalid", refused.path("msg").asText());
        assertEquals(1008, client.ws.awaitEnd());
        assertEquals(Refusal.Kind.TOKEN, fixture.simulation.refusals().get(0).kind());
    }

    @Test
    void bothEndpointsAndTheTokenParameterAreObserved() {
        fixture.connect(AlltickEndpoint.STOCK, DEMO_TOKEN);
        fixture.connect(AlltickEndpoint.OTHER, DEMO_TOKEN);
        assertEquals(List.of("/quote-stock-b-ws-api", "/quote-b-ws-api"),
                fixture.observation().handshakes().stream().map(HandshakeRecord::path).toList());
        assertEquals(DEMO_TOKEN, fixture.observation().handshakes().get(0).parameters().get("token"));
        fixture.await("both connections open", () -> fixture.observation().openConnections() == 2);
        assertEquals(Map.of("premium", 2L), fixture.observation().connections().stream()
                .collect(Collectors.groupingBy(ConnectionInfo::plan, Collectors.counting())));
    }

    private AlltickSimulation.ConnectionLists lists(Client client) {
        return fixture.simulation.lists(client.id).orElseThrow();
    }
}
