package io.marketfeed.simulator.tickatlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.CloseRecord;
import io.marketfeed.simulator.WsClient;
import io.marketfeed.simulator.tickatlas.TickAtlasFixture.Client;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The TickAtlas wire protocol: authentication, plans, subscriptions, exact-decimal quotes, heartbeats, ping. */
class TickAtlasProtocolTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void theDemoKeyAuthenticatesOnPro() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client client = fixture.connect();
            client.auth(TickAtlasSimulation.DEMO_KEY);
            JsonNode authenticated = client.expect("authenticated");
            assertEquals("pro", authenticated.path("plan").asText());
            assertEquals(20, authenticated.path("max_symbols").asInt());
            assertEquals(4, authenticated.path("credits_per_push").asInt());
            assertEquals(TickAtlasSimulation.DEMO_QUOTA, authenticated.path("daily_quota_remaining").asLong());
            assertEquals(1, fixture.simulation.counters().authenticated());
            assertEquals(1, fixture.simulation.connectionsOf(TickAtlasSimulation.DEMO_KEY));
            WsClient.await(fixture.observation(), "the plan shown on the connection", () -> fixture.observation()
                    .connection(client.id()).map(info -> info.plan().equals("pro")).orElse(false));
        }
    }

    @Test
    void requestsBeforeAuthenticationAreRefusedAndCounted() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client client = fixture.connect();
            client.subscribe("EURUSD");
            assertEquals("not_authenticated", client.expect("error").path("code").asText());
            assertEquals(1, fixture.simulation.counters().requestsBeforeAuth());
            client.auth(TickAtlasSimulation.DEMO_KEY);
            client.expect("authenticated");
            assertTrue(fixture.observation().subscriptions(client.id()).isEmpty(), "nothing was subscribed early");
        }
    }

    @Test
    void anUnknownKeyGetsInvalidKeyAndAClose() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client client = fixture.connect();
            client.auth("ta_no_such_key");
            JsonNode error = client.expect("error");
            assertEquals("invalid_key", error.path("code").asText());
            assertEquals(1008, client.ws().awaitEnd());
            assertEquals("invalid_key", client.ws().closeReason());
            assertEquals(1, fixture.simulation.counters().invalidKeys());
        }
    }

    @Test
    void anAuthMessageWithoutKeyIsAnInvalidKey() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client client = fixture.connect();
            client.ws().send("{\"action\":\"auth\",\"api_key\":\"" + TickAtlasSimulation.DEMO_KEY + "\"}");
            assertEquals("invalid_key", client.expect("error").path("code").asText());
            assertEquals(1008, client.ws().awaitEnd());
        }
    }

    @Test
    void aFreePlanKeyIsForbidden() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client client = fixture.connect();
            client.auth(TickAtlasSimulation.FREE_KEY);
            JsonNode error = client.expect("error");
            assertEquals("forbidden", error.path("code").asText());
            assertTrue(error.path("message").asText().contains("Starter"), error.toString());
            assertEquals(1008, client.ws().awaitEnd());
            assertEquals("forbidden", client.ws().closeReason());
        }
    }

    @Test
    void noAuthWithinTheDeadlineGetsAuthTimeout() {
        try (TickAtlasFixture fixture = TickAtlasFixture.start(TickAtlasFixture.manualOptions()
                .authDeadline(Duration.ofMillis(200)))) {
            Client client = fixture.connect();
            assertEquals("auth_timeout", client.expect("error").path("code").asText());
            assertEquals(1008, client.ws().awaitEnd());
            assertEquals("auth_timeout", client.ws().closeReason());
            assertEquals(1, fixture.simulation.counters().authTimeouts());
        }
    }

    @Test
    void aServerThatNeverAnswersTheAuthStillEnforcesItsDeadline() {
        try (TickAtlasFixture fixture = TickAtlasFixture.start(TickAtlasFixture.manualOptions()
                .authDeadline(Duration.ofMillis(300)))) {
            fixture.simulation.answerAuth(false);
            Client client = fixture.connect();
            client.auth(TickAtlasSimulation.DEMO_KEY);
            assertEquals("auth_timeout", client.expect("error").path("code").asText());
            assertEquals(0, fixture.simulation.counters().authenticated());

            fixture.simulation.answerAuth(true);
            fixture.authenticated(TickAtlasSimulation.DEMO_KEY);
        }
    }

    @Test
    void aThirdConnectionOfAKeyGetsConnectionLimitAndAFreedSlotCanBeReused() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client first = fixture.authenticated(TickAtlasSimulation.STARTER_KEY);
            fixture.authenticated(TickAtlasSimulation.STARTER_KEY);
            fixture.authenticated(TickAtlasSimulation.DEMO_KEY);  // another key has slots of its own

            Client third = fixture.connect();
            third.auth(TickAtlasSimulation.STARTER_KEY);
            JsonNode error = third.expect("error");
            assertEquals("connection_limit", error.path("code").asText());
            assertTrue(error.path("message").asText().contains("2"), error.toString());
            assertEquals(1008, third.ws().awaitEnd());
            assertEquals(1, fixture.simulation.counters().connectionLimitRefusals());
            assertEquals(2, fixture.simulation.connectionsOf(TickAtlasSimulation.STARTER_KEY));

            first.ws().close(1000, "bye");
            first.ws().awaitEnd();
            WsClient.await(fixture.observation(), "the slot to be released",
                    () -> fixture.simulation.connectionsOf(TickAtlasSimulation.STARTER_KEY) == 1);
            fixture.authenticated(TickAtlasSimulation.STARTER_KEY);
        }
    }

    @Test
    void subscribedListsEveryActiveSymbolAndQuotesCarryExactDecimalsAndTheBar() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client client = fixture.authenticated(TickAtlasSimulation.DEMO_KEY);
            client.subscribe("EURUSD");
            JsonNode first = client.expect("subscribed");
            assertEquals(List.of("EURUSD"), strings(first.path("symbols")));
            client.subscribe("USDJPY", "XAUUSD");
            JsonNode second = client.expect("subscribed");
            assertEquals(List.of("EURUSD", "USDJPY", "XAUUSD"), strings(second.path("symbols")));
            assertEquals(3, second.path("total_subscribed").asInt());

            assertEquals(3, fixture.simulation.tick());
            List<String> quotes = List.of(client.ws().next(), client.ws().next(), client.ws().next());
            for (String quote : quotes) {
                String symbol = WsClient.parse(quote).path("data").path("symbol").asText();
                int scale = switch (symbol) {
                    case "EURUSD" -> 5;
                    case "USDJPY" -> 3;
                    case "XAUUSD" -> 2;
                    default -> throw new AssertionError("unexpected " + quote);
                };
                BigDecimal bid = literal(quote, "bid");
                BigDecimal ask = literal(quote, "ask");
                assertEquals(scale, bid.scale(), quote);
                assertEquals(scale, ask.scale(), quote);
                assertEquals(scale, literal(quote, "open").scale(), quote);
                assertEquals(ask.subtract(bid), literal(quote, "spread"), "spread is ask - bid exactly: " + quote);
                assertEquals(bid, literal(quote, "close"), "bid bars: the close is the bid: " + quote);
                assertTrue(literal(quote, "high").compareTo(literal(quote, "low")) >= 0, quote);
                JsonNode data = WsClient.parse(quote).path("data");
                assertTrue(data.path("time").asText().endsWith(":00.000Z"), "the bar starts on a minute: " + quote);
                assertTrue(data.path("volume").canConvertToLong(), quote);
                ForexTick published = last(fixture.simulation.published(symbol));
                assertEquals(published.bid(), bid, "the wire carries the generator's exact value");
            }
            assertEquals(TickAtlasSimulation.DEMO_QUOTA - 3 * 4,
                    fixture.simulation.remainingCredits(TickAtlasSimulation.DEMO_KEY), "4 credits per push");
            assertEquals(3, fixture.simulation.counters().pushes());
            assertEquals(12, fixture.simulation.counters().creditsCharged());
        }
    }

    @Test
    void unknownSymbolsAreNamedAndTheRestStillSubscribed() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client client = fixture.authenticated(TickAtlasSimulation.DEMO_KEY);
            client.subscribe("EURUSD", "NOPE1", "GBPUSD");
            JsonNode error = client.expect("error");
            assertEquals("invalid_symbol", error.path("code").asText());
            assertEquals(List.of("NOPE1"), strings(error.path("symbols")));
            assertEquals(List.of("EURUSD", "GBPUSD"), strings(client.expect("subscribed").path("symbols")));
        }
    }

    @Test
    void moreSymbolsThanThePlanAllowsAreRefusedWhole() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client client = fixture.authenticated(TickAtlasSimulation.STARTER_KEY);
            client.subscribe("EURUSD", "GBPUSD", "USDJPY", "USDCHF");
            client.expect("subscribed");
            client.subscribe("AUDUSD", "USDCAD");
            JsonNode error = client.expect("error");
            assertEquals("symbol_limit", error.path("code").asText());
            assertEquals(5, error.path("max_symbols").asInt());
            assertEquals(4, fixture.observation().subscriptions(client.id()).size());
        }
    }

    @Test
    void resubscribingIsIdempotentAndUnsubscribeReportsWhatIsLeft() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client client = fixture.authenticated(TickAtlasSimulation.DEMO_KEY);
            client.subscribe("EURUSD", "GBPUSD");
            client.expect("subscribed");
            client.subscribe("EURUSD");
            assertEquals(2, client.expect("subscribed").path("total_subscribed").asInt());
            client.unsubscribe("EURUSD");
            JsonNode unsubscribed = client.expect("unsubscribed");
            assertEquals(List.of("EURUSD"), strings(unsubscribed.path("symbols")));
            assertEquals(1, unsubscribed.path("total_subscribed").asInt());
            assertEquals(1, fixture.simulation.tick());
            assertEquals("GBPUSD", client.ws().nextJson().path("data").path("symbol").asText());
        }
    }

    @Test
    void aSpentQuotaStopsPushesOnceWithQuotaExceededKeepsTheSocketAndResumesAfterTheReset() {
        try (TickAtlasFixture fixture = TickAtlasFixture.start(TickAtlasFixture.manualOptions()
                .key("ta_tiny", TickAtlasPlan.STARTER.withDailyQuota(10)))) {
            Client client = fixture.authenticated("ta_tiny");
            client.subscribe("EURUSD");
            client.expect("subscribed");
            assertEquals(1, fixture.simulation.tick());
            assertEquals(1, fixture.simulation.tick());
            client.expect("quote");
            client.expect("quote");
            assertEquals(0, fixture.simulation.remainingCredits("ta_tiny"));

            assertEquals(0, fixture.simulation.tick());
            JsonNode error = client.expect("error");
            assertEquals("quota_exceeded", error.path("code").asText());
            assertEquals(0, fixture.simulation.tick());
            assertEquals(1, fixture.simulation.sendHeartbeats(), "heartbeats go on");
            client.expect("heartbeat");
            assertTrue(client.ws().silentFor(QUIET), "one quota_exceeded per period, no quotes");
            assertFalse(client.ws().hasEnded(), "the socket stays open");
            assertEquals(1, fixture.simulation.counters().quotaExceededSent());
            assertEquals(2, fixture.simulation.counters().pushesWithheld());

            fixture.simulation.resetQuotas();
            assertEquals(10, fixture.simulation.remainingCredits("ta_tiny"));
            assertEquals(1, fixture.simulation.tick());
            client.expect("quote");
        }
    }

    @Test
    void theQuotaIsSharedByTheConnectionsOfAKey() {
        try (TickAtlasFixture fixture = TickAtlasFixture.start(TickAtlasFixture.manualOptions()
                .key("ta_shared", TickAtlasPlan.STARTER.withDailyQuota(100)))) {
            Client one = fixture.authenticated("ta_shared");
            one.subscribe("EURUSD");
            one.expect("subscribed");
            Client two = fixture.authenticated("ta_shared");
            two.subscribe("GBPUSD");
            two.expect("subscribed");
            assertEquals(2, fixture.simulation.tick());
            assertEquals(90, fixture.simulation.remainingCredits("ta_shared"));
            fixture.simulation.remainingCredits("ta_shared", 0);
            Client late = fixture.authenticated("ta_demo_key");
            assertEquals(TickAtlasSimulation.DEMO_QUOTA, fixture.simulation.remainingCredits("ta_demo_key"));
            late.ws().close(1000, "bye");
        }
    }

    @Test
    void heartbeatsArriveOnTheirInterval() {
        try (TickAtlasFixture fixture = TickAtlasFixture.start(TickAtlasFixture.manualOptions()
                .heartbeatInterval(Duration.ofMillis(100)))) {
            Client client = fixture.authenticated(TickAtlasSimulation.DEMO_KEY);
            JsonNode heartbeat = client.expect("heartbeat");
            assertTrue(heartbeat.path("timestamp").asText().endsWith("Z"), heartbeat.toString());
            client.expect("heartbeat");
            // The counter moves after the frame is sent, so the client may see the frame first.
            WsClient.await(fixture.observation(), "two heartbeats counted",
                    () -> fixture.simulation.counters().heartbeatsSent() >= 2);
        }
    }

    @Test
    void quotesFlowOnTheirIntervalToSubscribersOnly() {
        try (TickAtlasFixture fixture = TickAtlasFixture.start(TickAtlasFixture.manualOptions()
                .updateInterval(Duration.ofMillis(50)))) {
            Client client = fixture.authenticated(TickAtlasSimulation.DEMO_KEY);
            client.subscribe("USDJPY");
            client.expect("subscribed");
            for (int i = 0; i < 3; i++) {
                JsonNode quote = client.expect("quote");
                assertEquals("USDJPY", quote.path("data").path("symbol").asText());
            }
            Client idle = fixture.authenticated(TickAtlasSimulation.STARTER_KEY);
            assertTrue(idle.ws().silentFor(QUIET), "no subscription, no quotes");
        }
    }

    @Test
    void pingIsAnsweredBeforeAndAfterAuthentication() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client client = fixture.connect();
            client.ws().send("{\"action\":\"ping\"}");
            client.expect("pong");
            client.auth(TickAtlasSimulation.DEMO_KEY);
            client.expect("authenticated");
            client.ws().send("{\"action\":\"ping\"}");
            client.expect("pong");
        }
    }

    @Test
    void malformedRequestsGetErrorsAndKeepTheConnection() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client client = fixture.authenticated(TickAtlasSimulation.DEMO_KEY);
            client.ws().send("not json");
            assertEquals("invalid_message", client.expect("error").path("code").asText());
            client.ws().send("{\"action\":\"subscribe\",\"symbols\":[]}");
            assertEquals("invalid_message", client.expect("error").path("code").asText());
            client.ws().send("{\"action\":\"dance\"}");
            assertEquals("invalid_action", client.expect("error").path("code").asText());
            client.auth(TickAtlasSimulation.DEMO_KEY);
            assertEquals("already_authenticated", client.expect("error").path("code").asText());
            assertFalse(client.ws().hasEnded());
        }
    }

    @Test
    void theFlatShapeOfTheOlderReferencePage() {
        try (TickAtlasFixture fixture = TickAtlasFixture.start(TickAtlasFixture.manualOptions().flatQuotes(true))) {
            Client client = fixture.authenticated(TickAtlasSimulation.DEMO_KEY);
            client.subscribe("EURUSD");
            client.expect("subscribed");
            fixture.simulation.tick();
            String quote = client.ws().next();
            JsonNode parsed = WsClient.parse(quote);
            assertEquals("EURUSD", parsed.path("symbol").asText());
            assertTrue(parsed.path("data").isMissingNode(), quote);
            assertEquals(5, literal(quote, "bid").scale());
            assertTrue(parsed.path("timestamp").isTextual(), quote);
        }
    }

    @Test
    void aLimitsFaultAnnouncesTheNewMaxSymbolsToOpenConnections() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client client = fixture.authenticated(TickAtlasSimulation.DEMO_KEY);
            fixture.simulation.faults().setLimits(java.util.OptionalInt.of(3), java.util.OptionalInt.empty(), true);
            assertEquals(3, client.expect("authenticated").path("max_symbols").asInt());
            Client fresh = fixture.connect();
            fresh.auth(TickAtlasSimulation.STARTER_KEY);
            assertEquals(3, fresh.expect("authenticated").path("max_symbols").asInt(), "new connections too");
            fixture.simulation.faults().clearLimits();
            Client after = fixture.connect();
            after.auth(TickAtlasSimulation.STARTER_KEY);
            assertEquals(5, after.expect("authenticated").path("max_symbols").asInt(), "the plan's own again");
        }
    }

    @Test
    void stallSilencesQuotesAndHeartbeatsAndDropClosesWithoutAFrame() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client client = fixture.authenticated(TickAtlasSimulation.DEMO_KEY);
            client.subscribe("EURUSD");
            client.expect("subscribed");
            fixture.simulation.faults().stall();
            fixture.simulation.tick();
            fixture.simulation.sendHeartbeats();
            assertTrue(client.ws().silentFor(QUIET));
            fixture.simulation.faults().resume();
            fixture.simulation.tick();
            client.expect("quote");
            fixture.simulation.faults().drop(false, 1001);
            assertEquals(CloseRecord.NO_CLOSE_FRAME, client.ws().awaitEnd());
        }
    }

    @Test
    void ghostAndMalformedFramesForClientTests() {
        try (TickAtlasFixture fixture = TickAtlasFixture.manual()) {
            Client client = fixture.authenticated(TickAtlasSimulation.DEMO_KEY);
            assertEquals(1, fixture.simulation.faults().pushGhost("EURUSD", 1));
            assertEquals("EURUSD", client.expect("quote").path("data").path("symbol").asText());
            assertEquals(1, fixture.simulation.faults().sendMalformed(2));
            client.ws().next();
            client.ws().next();
            assertEquals(2, fixture.observation().counters().malformedSent());
            assertEquals(0, fixture.simulation.counters().pushes(), "ghost data is not billed");
        }
    }

    static BigDecimal literal(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\":(-?[0-9.]+)").matcher(json);
        if (!matcher.find()) {
            throw new AssertionError("no numeric " + field + " in " + json);
        }
        return new BigDecimal(matcher.group(1));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static ForexTick last(List<ForexTick> ticks) {
        assertFalse(ticks.isEmpty());
        return ticks.get(ticks.size() - 1);
    }
}
