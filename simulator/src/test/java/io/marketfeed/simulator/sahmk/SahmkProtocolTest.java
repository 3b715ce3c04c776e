package io.marketfeed.simulator.sahmk;

import static io.marketfeed.simulator.sahmk.SahmkSimulation.DEMO_KEY;
import static io.marketfeed.simulator.sahmk.SahmkSimulation.ENTERPRISE_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.CloseRecord;
import io.marketfeed.simulator.DuplicateSubscribe;
import io.marketfeed.simulator.ReceivedMessage;
import io.marketfeed.simulator.WsClient;
import io.marketfeed.simulator.sahmk.SahmkFixture.Client;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SAHMK quotes channel as a client sees it (protocols.md §1.3-1.6), with data published by explicit ticks. */
class SahmkProtocolTest {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Pattern PRICE_FIELD =
            Pattern.compile("\"(price|change|bid|ask|open|high|low|previous_close)\":(-?[0-9.]+)");

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
    void connectedComesFirstWithThePlanLimits() {
        JsonNode pro = fixture.connect(Channel.QUOTES, DEMO_KEY).ws().nextJson();
        assertEquals("connected", pro.path("type").asText());
        assertEquals("pro", pro.path("plan").asText());
        assertEquals(60, pro.path("limits").path("max_symbols_per_connection").asInt());
        assertEquals(20, pro.path("limits").path("max_symbols_per_call").asInt());
        assertEquals("quotes", pro.path("limits").path("stream_modes").path(0).asText());
        assertEquals("Connected to SAHMK real-time stock stream", pro.path("message").asText());
        assertTrue(TIMESTAMP.matcher(pro.path("timestamp").asText()).matches(), pro.toString());
        assertFalse(pro.has("channel"), "quotes connected has no channel field");

        JsonNode business = fixture.connect(Channel.QUOTES, SahmkSimulation.BUSINESS_KEY).ws().nextJson();
        assertEquals(120, business.path("limits").path("max_symbols_per_connection").asInt());
        assertEquals(40, business.path("limits").path("max_symbols_per_call").asInt());

        JsonNode enterprise = fixture.connect(Channel.QUOTES, ENTERPRISE_KEY).ws().nextJson();
        assertEquals("enterprise", enterprise.path("plan").asText());
        assertEquals(200, enterprise.path("limits").path("max_symbols_per_connection").asInt());
        assertEquals(20, enterprise.path("limits").path("max_symbols_per_call").asInt());
    }

    @Test
    void depthAndTradesConnectedNameTheirChannel() {
        assertEquals("depth", fixture.connect(Channel.DEPTH, DEMO_KEY).ws().expect("connected")
                .path("channel").asText());
        assertEquals("trades", fixture.connect(Channel.TRADES, DEMO_KEY).ws().expect("connected")
                .path("channel").asText());
    }

    @Test
    void pathWithoutTrailingSlashIsServed() {
        Client client = fixture.connect(fixture.server.webSocketUri("/ws/v1/stocks?api_key=" + DEMO_KEY),
                java.util.Map.of());
        client.ws().expect("connected");
        assertEquals("/ws/v1/stocks/", fixture.observation().connection(client.id()).orElseThrow().path());
    }

    @Test
    void subscribeIsAcknowledgedThenQuotesFlowOnlyForSubscribedSymbolsWithTwoDecimals() {
        Client client = fixture.ready(Channel.QUOTES, DEMO_KEY);
        client.subscribe("2222", "1120");
        JsonNode ack = client.ws().expect("subscribed");
        assertEquals(List.of("2222", "1120"), strings(ack.path("symbols")));
        assertEquals(2, ack.path("total").asInt());
        assertEquals(60, ack.path("limit").asInt());

        assertEquals(2, fixture.simulation.tick(), "one quote per subscribed symbol");
        Set<String> symbols = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            String raw = client.ws().next();
            JsonNode quote = WsClient.parse(raw);
            assertEquals("quote", quote.path("type").asText());
            symbols.add(quote.path("symbol").asText());
            JsonNode data = quote.path("data");
            for (String field : List.of("price", "change", "change_percent", "volume", "bid", "ask", "open", "high",
                    "low", "previous_close", "updated_at")) {
                assertTrue(data.has(field), () -> field + " missing in " + raw);
            }
            assertTrue(TIMESTAMP.matcher(quote.path("timestamp").asText()).matches(), raw);
            assertTwoDecimals(raw);
        }
        assertEquals(Set.of("2222", "1120"), symbols);
        assertNextIsPong(client);
    }

    @Test
    void unsubscribeStopsTheSymbolsQuotes() {
        Client client = fixture.ready(Channel.QUOTES, DEMO_KEY);
        client.subscribe("2222", "1120");
        client.ws().expect("subscribed");
        client.unsubscribe("1120");
        JsonNode ack = client.ws().expect("unsubscribed");
        assertEquals(List.of("1120"), strings(ack.path("symbols")));
        assertEquals(1, ack.path("total").asInt());

        fixture.simulation.tick();
        assertEquals("2222", client.ws().expect("quote").path("symbol").asText());
        assertNextIsPong(client);
        assertEquals(Set.of("2222"), fixture.observation().subscriptions(client.id()));
    }

    @Test
    void moreSymbolsThanAllowedPerCallIsRejectedWhole() {
        Client client = fixture.ready(Channel.QUOTES, DEMO_KEY);
        client.subscribe(symbols(0, 21));
        JsonNode error = client.ws().expect("error");
        assertEquals("TOO_MANY_SYMBOLS", error.path("code").asText());
        assertEquals("Too many symbols in one call: 21 > 20", error.path("message").asText());
        assertNextIsPong(client);
        assertEquals(Set.of(), fixture.observation().subscriptions(client.id()));
    }

    @Test
    void exceedingThePerConnectionCapSubscribesNothingFromThatCall() {
        Client client = fixture.ready(Channel.QUOTES, DEMO_KEY);
        for (int call = 0; call < 3; call++) {
            client.subscribe(symbols(call * 20, call * 20 + 20));
            assertEquals((call + 1) * 20, client.ws().expect("subscribed").path("total").asInt());
        }
        client.subscribe(symbols(60, 61));
        JsonNode error = client.ws().expect("error");
        assertEquals("SYMBOL_LIMIT", error.path("code").asText());
        assertEquals("Symbol limit per connection exceeded: 61 > 60", error.path("message").asText());
        assertEquals(60, fixture.observation().subscriptions(client.id()).size());
    }

    @Test
    void subscribingToAllSymbolsNeedsEnterprise() {
        Client pro = fixture.ready(Channel.QUOTES, DEMO_KEY);
        pro.subscribe("*");
        JsonNode error = pro.ws().expect("error");
        assertEquals("PLAN_LIMIT", error.path("code").asText());
        assertEquals("Subscribing to all symbols (*) requires an Enterprise plan", error.path("message").asText());

        Client enterprise = fixture.ready(Channel.QUOTES, ENTERPRISE_KEY);
        enterprise.subscribe("*");
        assertEquals(List.of("*"), strings(enterprise.ws().expect("subscribed").path("symbols")));
        int universe = fixture.simulation.market().symbols().size();
        assertEquals(universe, fixture.simulation.tick());
        Set<String> quoted = new HashSet<>();
        for (int i = 0; i < universe; i++) {
            quoted.add(enterprise.ws().expect("quote").path("symbol").asText());
        }
        assertEquals(new HashSet<>(fixture.simulation.market().symbols()), quoted);
    }

    @Test
    void unknownSymbolsAreReportedWhileValidOnesAreSubscribed() {
        Client client = fixture.ready(Channel.QUOTES, DEMO_KEY);
        client.subscribe("2222", "9999");
        JsonNode error = client.ws().expect("error");
        assertEquals("INVALID_SYMBOL", error.path("code").asText());
        assertEquals("Invalid symbol: 9999", error.path("message").asText());
        JsonNode ack = client.ws().expect("subscribed");
        assertEquals(List.of("2222"), strings(ack.path("symbols")));
        assertEquals(1, ack.path("total").asInt());

        client.subscribe("9998", "9997");
        assertEquals("Invalid symbols: 9998, 9997", client.ws().expect("error").path("message").asText());
        assertNextIsPong(client);
    }

    @Test
    void pingIsAnsweredWithPong() {
        Client client = fixture.ready(Channel.QUOTES, DEMO_KEY);
        client.send("{\"action\":\"ping\"}");
        JsonNode pong = client.ws().expect("pong");
        assertTrue(TIMESTAMP.matcher(pong.path("timestamp").asText()).matches(), pong.toString());
    }

    @Test
    void invalidJsonAndUnknownActionsAreErrorsAndTheSocketStaysOpen() {
        Client client = fixture.ready(Channel.QUOTES, DEMO_KEY);
        client.send("{not json");
        JsonNode invalid = client.ws().expect("error");
        assertEquals("Invalid JSON", invalid.path("message").asText());
        assertFalse(invalid.has("code"));
        client.send("{\"action\":\"dance\"}");
        assertEquals("Unknown action: dance", client.ws().expect("error").path("message").asText());
        assertNextIsPong(client);
        assertFalse(client.ws().hasEnded());
    }

    @Test
    void duplicateSubscribesAreAcceptedButCounted() {
        Client client = fixture.ready(Channel.QUOTES, DEMO_KEY);
        client.subscribe("2222");
        client.ws().expect("subscribed");
        client.subscribe("2222", "1120");
        JsonNode ack = client.ws().expect("subscribed");
        assertEquals(List.of("2222", "1120"), strings(ack.path("symbols")));
        assertEquals(2, ack.path("total").asInt());
        assertEquals(1, fixture.observation().duplicateSubscribeCount());
        DuplicateSubscribe duplicate = fixture.observation().duplicateSubscribes().get(0);
        assertEquals(client.id(), duplicate.connectionId());
        assertEquals("2222", duplicate.symbol());
    }

    @Test
    void observationRecordsMessagesSubscriptionsAndTheClientsCloseCode() {
        Client client = fixture.ready(Channel.QUOTES, DEMO_KEY);
        client.subscribe("2222");
        client.ws().expect("subscribed");
        assertEquals(Set.of("2222"), fixture.observation().subscriptions(client.id()));
        assertEquals(1, fixture.observation().openConnections());

        client.unsubscribe("2222");
        client.ws().expect("unsubscribed");
        client.ws().close(1000, "bye");
        WsClient.await(fixture.observation(), "the close record", () -> !fixture.observation().closes().isEmpty());
        CloseRecord close = fixture.observation().closes().get(0);
        assertEquals(client.id(), close.connectionId());
        assertEquals(1000, close.code());
        assertFalse(close.serverInitiated());
        assertEquals(0, fixture.observation().openConnections());

        List<String> texts = fixture.observation().received(client.id()).stream().map(ReceivedMessage::text)
                .toList();
        assertEquals(List.of("{\"action\":\"subscribe\",\"symbols\":[\"2222\"]}",
                "{\"action\":\"unsubscribe\",\"symbols\":[\"2222\"]}"), texts);
    }

    @Test
    void theSchedulerPublishesQuotesAtTheConfiguredRate() {
        try (SahmkFixture live = SahmkFixture.start(SahmkOptions.builder().updatesPerSecond(50))) {
            Client client = live.ready(Channel.QUOTES, DEMO_KEY);
            client.subscribe("2222");
            client.ws().expect("subscribed");
            for (int i = 0; i < 3; i++) {
                assertEquals("2222", client.ws().expect("quote").path("symbol").asText());
            }
        }
    }

    static void assertTwoDecimals(String raw) {
        Matcher matcher = PRICE_FIELD.matcher(raw);
        int found = 0;
        while (matcher.find()) {
            found++;
            assertTrue(matcher.group(2).matches("-?\\d+\\.\\d{2}"), () -> matcher.group() + " in " + raw);
        }
        assertTrue(found > 0, raw);
    }

    /** A ping's pong arrives next: proves nothing else (no ack, no stray data) was queued before it. */
    static void assertNextIsPong(Client client) {
        client.send("{\"action\":\"ping\"}");
        client.ws().expect("pong");
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    /** Universe symbols {@code from} (inclusive) to {@code to} (exclusive), in universe order. */
    private String[] symbols(int from, int to) {
        List<String> universe = fixture.simulation.market().symbols();
        return IntStream.range(from, to).mapToObj(universe::get).toArray(String[]::new);
    }
}
