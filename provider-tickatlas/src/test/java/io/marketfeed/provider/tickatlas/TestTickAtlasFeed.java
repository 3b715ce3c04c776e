package io.marketfeed.provider.tickatlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.simulator.ConnectionInfo;
import io.marketfeed.simulator.ReceivedMessage;
import io.marketfeed.simulator.tickatlas.ForexTick;
import io.marketfeed.simulator.tickatlas.TickAtlasPlan;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import io.marketfeed.testkit.Await;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runtime and the TickAtlas provider against the TickAtlas simulator on loopback: first-message auth and its
 * deadline, the server's symbol limit and the connection limit, exact-decimal quotes and M1 candles, quota
 * exhaustion without a reconnect loop, and fatal keys.
 */
class TestTickAtlasFeed extends TickAtlasSimulatorFixture {

    @Test
    void authenticatesFirstThenStreamsQuotesAndM1CandlesWithExactDecimals() {
        startSimulator(fast());
        startFeed(TickAtlasSimulation.DEMO_KEY, List.of("EURUSD", "USDJPY", "XAUUSD"), Map.of("plan", "pro"));

        for (String symbol : List.of("EURUSD", "USDJPY", "XAUUSD")) {
            Quote quote = events.await(Quote.class, q -> q.symbol().equals(symbol), WAIT);
            Candle candle = events.await(Candle.class, c -> c.symbol().equals(symbol), WAIT);
            int scale = symbol.equals("EURUSD") ? 5 : symbol.equals("USDJPY") ? 3 : 2;
            assertEquals(scale, quote.bid().scale(), quote.toString());
            assertEquals(scale, quote.ask().scale(), quote.toString());
            assertEquals(scale, candle.close().scale(), candle.toString());
            assertEquals("tickatlas", quote.provider());
            assertEquals(Duration.ofMinutes(1), candle.interval());
            List<ForexTick> published = simulation.published(symbol);
            // BigDecimal.equals compares the scale too: the values are exactly what went on the wire.
            assertTrue(published.stream().anyMatch(t -> t.bid().equals(quote.bid()) && t.ask().equals(quote.ask())),
                    quote + " is not one of the published ticks");
            assertTrue(published.stream().anyMatch(t -> t.barTime().equals(candle.openTime())
                    && t.open().equals(candle.open()) && t.high().equals(candle.high())
                    && t.low().equals(candle.low()) && t.close().equals(candle.close())),
                    candle + " is not one of the published bars");
        }

        for (ConnectionInfo connection : observed().connections()) {
            List<ReceivedMessage> received = observed().received(connection.id());
            assertEquals("{\"action\":\"auth\",\"key\":\"" + TickAtlasSimulation.DEMO_KEY + "\"}",
                    received.get(0).text(), "the auth message comes first");
        }
        assertEquals(0, simulation.counters().requestsBeforeAuth(), "nothing was sent before authenticated");
        assertTrue(events.all(Quote.class, q -> !Set.of("EURUSD", "USDJPY", "XAUUSD").contains(q.symbol()))
                .isEmpty(), "only subscribed symbols are delivered");
        assertTrue(events.all(StatusEvent.class, s -> s.kind().equals("unwanted-data")).isEmpty(),
                "the candles and quotes topics share the wire without ghost data");
        assertTrue(statuses("warning").isEmpty(), "the demo key's price matches plan = pro: " + statuses("warning"));
    }

    @Test
    void neverSubscribesBeforeAuthenticatedAndReplacesAConnectionWhoseAuthIsNeverAnswered() {
        startSimulator(fast());
        simulation.answerAuth(false);
        startFeed(TickAtlasSimulation.DEMO_KEY, List.of("EURUSD"), Map.of("auth-timeout", "300ms"));

        Await.until(() -> observed().counters().handshakes() >= 3, WAIT,
                () -> "no reconnects after missed auth deadlines: " + events.tail(15));
        List<ReceivedMessage> all = observed().received();
        assertTrue(all.stream().allMatch(m -> m.text().contains("\"action\":\"auth\"")),
                "only auth messages may be sent before authenticated: " + all);
        assertEquals(0, simulation.counters().requestsBeforeAuth());
        assertTrue(events.states(ConnectionState.CONNECTED).isEmpty());
        assertTrue(events.states(ConnectionState.DISCONNECTED).stream()
                .anyMatch(e -> e.reason() != null && e.reason().contains("did not confirm")), events.tail(15));

        simulation.answerAuth(true);
        events.await(Quote.class, q -> q.symbol().equals("EURUSD"), WAIT);
        for (ReceivedMessage subscribe : received("subscribe")) {
            List<ReceivedMessage> before = observed().received(subscribe.connectionId()).stream()
                    .filter(m -> !m.at().isAfter(subscribe.at())).toList();
            assertTrue(before.get(0).text().contains("\"action\":\"auth\""), "auth first on every connection");
        }
    }

    @Test
    void theServersAuthTimeoutIsRetriedPromptly() {
        startSimulator(fast().authDeadline(Duration.ofMillis(150)));
        simulation.answerAuth(false);
        startFeed(TickAtlasSimulation.DEMO_KEY, List.of("EURUSD"), Map.of("auth-timeout", "5s"));

        Await.until(() -> simulation.counters().authTimeouts() >= 3, WAIT,
                () -> "auth_timeout was not retried promptly: " + events.tail(15));
        assertTrue(events.states(ConnectionState.DISCONNECTED).stream()
                .anyMatch(e -> e.reason() != null && e.reason().contains("auth_timeout")), events.tail(15));
        assertTrue(events.states(ConnectionState.RECONNECTING).stream()
                .allMatch(e -> e.nextAttemptIn().compareTo(Duration.ofSeconds(1)) < 0), "no long back-off");
        simulation.answerAuth(true);
        events.await(Quote.class, q -> q.symbol().equals("EURUSD"), WAIT);
    }

    @Test
    void theServersMaxSymbolsShardsOntoASecondConnectionNeverMore() {
        startSimulator(fast());
        List<String> seven = List.of("EURUSD", "GBPUSD", "USDJPY", "USDCHF", "AUDUSD", "USDCAD", "NZDUSD");
        // Configured as Pro (20 per connection); the Starter key's "authenticated" says 5 before anything is sent.
        startFeed(TickAtlasSimulation.STARTER_KEY, seven, Map.of("plan", "pro"));

        Await.until(() -> subscribedEverywhere().equals(new HashSet<>(seven)), WAIT,
                () -> "not all subscribed: " + observed().connections() + " " + events.tail(15));
        for (String symbol : seven) {
            events.await(Quote.class, q -> q.symbol().equals(symbol), WAIT);
        }
        List<ConnectionInfo> connections = observed().connections();
        assertEquals(2, connections.size(), connections.toString());
        for (ConnectionInfo connection : connections) {
            assertTrue(connection.subscriptions().size() <= 5, "at most max_symbols per connection: " + connection);
        }
        assertEquals(2, observed().counters().handshakes(), "never a third connection");
        assertEquals(0, simulation.counters().connectionLimitRefusals());
        StatusEvent limits = events.await(StatusEvent.class, s -> s.kind().equals("limits"), WAIT);
        assertEquals("starter", limits.details().get("plan"));
        assertEquals("5", limits.details().get("maxSymbolsPerConnection"));
        assertTrue(events.all(StatusEvent.class, s -> s.kind().equals("warning")
                && s.message().contains("limit")).isEmpty(), "the server never refused symbols over its limit");
    }

    @Test
    void moreSymbolsThanTwoConnectionsCarryAreReportedInsteadOfOpeningAThird() {
        startSimulator(fast());
        List<String> twelve = List.of("EURUSD", "GBPUSD", "USDJPY", "USDCHF", "AUDUSD", "USDCAD", "NZDUSD", "EURGBP",
                "EURJPY", "GBPJPY", "XAUUSD", "XAGUSD");
        startFeed(TickAtlasSimulation.STARTER_KEY, twelve, Map.of());

        Await.until(() -> subscribedEverywhere().size() == 10, WAIT,
                () -> "10 of 12 should be subscribed: " + observed().connections());
        events.await(StatusEvent.class, s -> s.kind().equals("capacity"), WAIT);
        assertEquals(2, simulation.connectionsOf(TickAtlasSimulation.STARTER_KEY));
        assertEquals(2, observed().counters().handshakes(), "never a third connection");
        assertEquals(0, simulation.counters().connectionLimitRefusals());
    }

    @Test
    void aConnectionLimitHitBacksOffAMinuteAndSaysAnotherProcessMayHoldASlot() {
        // The close follows the error frame a little later, so the frame's explanation is what the runtime reports
        // (with an immediate close the runtime may classify the close first; see the report to the lead).
        startSimulator(fast().errorCloseDelay(Duration.ofMillis(300)));
        holdSlot(TickAtlasSimulation.STARTER_KEY);
        holdSlot(TickAtlasSimulation.STARTER_KEY);
        startFeed(TickAtlasSimulation.STARTER_KEY, List.of("EURUSD"), Map.of());

        ConnectionEvent reconnecting = events.await(ConnectionEvent.class,
                e -> e.state() == ConnectionState.RECONNECTING, WAIT);
        assertTrue(reconnecting.nextAttemptIn().compareTo(Duration.ofSeconds(60)) >= 0, reconnecting.toString());
        assertTrue(reconnecting.reason().contains("connection_limit"), reconnecting.reason());
        assertTrue(reconnecting.reason().contains("Another process using the same key"), reconnecting.reason());
        assertEquals(1, simulation.counters().connectionLimitRefusals());
        assertEquals(3, observed().counters().handshakes());
    }

    @Test
    void aSpentQuotaPausesWithoutReconnectingAndDataAfterTheResetResumes() {
        String key = "ta_e2e_small";
        startSimulator(fast().key(key, TickAtlasPlan.STARTER.withDailyQuota(50)));
        startFeed(key, List.of("EURUSD", "GBPUSD"), Map.of());

        ConnectionEvent paused = events.await(ConnectionEvent.class, e -> e.state() == ConnectionState.PAUSED, WAIT);
        assertTrue(paused.reason().contains("quota_exceeded") && paused.reason().contains("00:00 UTC"),
                paused.reason());
        assertEquals(10, events.all(Quote.class).size(), "50 credits at 5 a push: 10 quotes");

        // Paused: the server goes on with heartbeats for a while; nothing may reconnect meanwhile.
        long heartbeats = simulation.counters().heartbeatsSent();
        Await.until(() -> simulation.counters().heartbeatsSent() >= heartbeats + 5, WAIT,
                () -> "no heartbeats while paused");
        assertEquals(1, observed().counters().handshakes(), "no reconnect attempts while paused");
        assertTrue(events.states(ConnectionState.DISCONNECTED).isEmpty(), events.tail(15));
        assertTrue(events.states(ConnectionState.RECONNECTING).isEmpty(), events.tail(15));
        assertEquals(1, simulation.connectionsOf(key));
        assertEquals(1, simulation.counters().quotaExceededSent());
        assertEquals(10, events.all(Quote.class).size());

        simulation.resetQuota(key);  // as at 00:00 UTC
        ConnectionEvent resumed = events.await(ConnectionEvent.class, e -> e.state() == ConnectionState.CONNECTED
                && e.receivedAt().isAfter(paused.receivedAt()), WAIT);
        assertTrue(resumed.reason() != null && resumed.reason().contains("data flows again"), resumed.toString());
        events.awaitCount(Quote.class, q -> true, 12, WAIT);
        assertEquals(1, observed().counters().handshakes());
    }

    @Test
    void aConnectionLostWhileTheQuotaIsSpentComesBackPausedWithoutALoop() {
        String key = "ta_e2e_spent";
        startSimulator(fast().key(key, TickAtlasPlan.STARTER.withDailyQuota(10)));
        startFeed(key, List.of("EURUSD"), Map.of());
        ConnectionEvent first = events.await(ConnectionEvent.class, e -> e.state() == ConnectionState.PAUSED, WAIT);

        simulation.faults().drop(true, 1001);
        ConnectionEvent again = events.await(ConnectionEvent.class, e -> e.state() == ConnectionState.PAUSED
                && e.receivedAt().isAfter(first.receivedAt()), WAIT);
        assertTrue(again.reason().contains("daily_quota_remaining is 0"), again.reason());
        long heartbeats = simulation.counters().heartbeatsSent();
        Await.until(() -> simulation.counters().heartbeatsSent() >= heartbeats + 5, WAIT,
                () -> "no heartbeats while paused");
        assertEquals(2, observed().counters().handshakes(), "one reconnect for the drop, then none");
        assertEquals(2, events.all(Quote.class).size(), "10 credits at 5 a push");
    }

    @Test
    void anInvalidKeyFailsTheProviderAndSaysWhatToFix() throws Exception {
        startSimulator(fast());
        MarketFeed feed = startFeed("ta_wrong_key", List.of("EURUSD"), Map.of());

        List<String> failures = feed.allProvidersFailed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(1, failures.size(), failures.toString());
        String failure = failures.get(0);
        assertTrue(failure.contains("invalid_key"), failure);
        assertTrue(failure.contains("marketfeed.providers.tickatlas.api-key"), failure);
        assertTrue(failure.contains("TICKATLAS_API_KEY"), failure);
        assertFalse(failure.contains("ta_wrong_key"), "the key is never shown: " + failure);
        events.await(ConnectionEvent.class, e -> e.state() == ConnectionState.FAILED, WAIT);
        assertEquals(1, observed().counters().handshakes(), "never retried");
        assertEquals(1, simulation.counters().invalidKeys());
        assertTrue(received("subscribe").isEmpty());
    }

    @Test
    void aKeyWithoutStreamingFailsTheProviderAndNamesThePlan() throws Exception {
        startSimulator(fast());
        MarketFeed feed = startFeed(TickAtlasSimulation.FREE_KEY, List.of("EURUSD"), Map.of());

        String failure = feed.allProvidersFailed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).get(0);
        assertTrue(failure.contains("forbidden") && failure.contains("Starter or higher"), failure);
        assertEquals(1, observed().counters().handshakes());
    }

    @Test
    void anUnknownSymbolIsRejectedAndTheOthersStream() {
        startSimulator(fast());
        startFeed(TickAtlasSimulation.DEMO_KEY, List.of("EURUSD", "NOSUCH"), Map.of("plan", "pro"));

        StatusEvent rejected = events.await(StatusEvent.class, s -> s.kind().equals("rejected"), WAIT);
        assertTrue(rejected.message().contains("NOSUCH"), rejected.message());
        events.await(Quote.class, q -> q.symbol().equals("EURUSD"), WAIT);
        events.await(Candle.class, c -> c.symbol().equals("EURUSD"), WAIT);
        Await.until(() -> subscribedEverywhere().equals(Set.of("EURUSD")), WAIT,
                () -> "subscriptions: " + subscribedEverywhere());
        assertEquals(2, statuses("rejected").size(), "once per topic: " + statuses("rejected"));
        assertTrue(statuses("warning").isEmpty(), "the second refusal is expected: " + statuses("warning"));
    }

    @Test
    void theFlatQuoteShapeStillStreamsQuotes() {
        startSimulator(fast().flatQuotes(true));
        startFeed(TickAtlasSimulation.DEMO_KEY, List.of("EURUSD"), Map.of("candles", false, "plan", "pro"));

        List<Quote> quotes = events.awaitCount(Quote.class, q -> q.symbol().equals("EURUSD"), 3, WAIT);
        assertEquals(5, quotes.get(0).bid().scale());
        assertTrue(quotes.get(0).time() != null, "the flat shape's timestamp is the quote's time");
        assertTrue(events.all(Candle.class).isEmpty());
        List<MarketEvent> warnings = List.copyOf(events.all(StatusEvent.class, s -> s.kind().equals("warning")
                && s.message().contains("candles")));
        assertTrue(warnings.isEmpty(), "candles are off, so no complaint about missing bars: " + warnings);
    }

    @Test
    void aStalledConnectionIsReplacedAfterTheHeartbeatTimeout() {
        startSimulator(fast());
        startFeed(TickAtlasSimulation.DEMO_KEY, List.of("EURUSD"), Map.of("heartbeat.interval", "200ms",
                "heartbeat.timeout", "800ms"));
        events.await(Quote.class, q -> true, WAIT);
        simulation.faults().stall();

        Await.until(() -> observed().counters().handshakes() >= 2, WAIT,
                () -> "the stalled connection was not replaced: " + events.tail(15));
        assertTrue(events.states(ConnectionState.DISCONNECTED).stream()
                .anyMatch(e -> e.reason() != null && e.reason().startsWith("stale")), events.tail(15));
        int before = events.all(Quote.class).size();
        events.awaitCount(Quote.class, q -> true, before + 2, WAIT);
    }

    /**
     * Issue 16: the endpoint written as the streaming guide gives it ({@code wss://tickatlas.com/ws/v1/quotes}, here
     * with the simulator's host and port) is dialled as written, and data flows.
     */
    @Test
    void theGuidesUrlIsDialledAsWritten() {
        startSimulator(fast());
        String documented = "ws://127.0.0.1:" + server.port() + "/ws/v1/quotes";
        startFeed(TickAtlasSimulation.DEMO_KEY, List.of("EURUSD"), Map.of("endpoint", documented, "plan", "pro"));

        events.await(Quote.class, q -> q.symbol().equals("EURUSD"), WAIT);
        events.await(Candle.class, c -> c.symbol().equals("EURUSD"), WAIT);
        assertEquals(List.of("/ws/v1/quotes"), observed().handshakes().stream().map(h -> h.path()).distinct()
                .toList());
    }

    /**
     * Issue 16: with candles on, the quotes and candles topics of a symbol share one wire subscription, and it is
     * sent once per connection: no subscribe names a symbol the connection already has, and no control frame is
     * sent twice.
     */
    @Test
    void withCandlesOnEachSymbolIsSubscribedOncePerConnection() {
        startSimulator(fast());
        List<String> symbols = List.of("EURUSD", "USDJPY", "XAUUSD");
        startFeed(TickAtlasSimulation.DEMO_KEY, symbols, Map.of("plan", "pro", "candles", true));

        for (String symbol : symbols) {
            events.await(Quote.class, q -> q.symbol().equals(symbol), WAIT);
            events.await(Candle.class, c -> c.symbol().equals(symbol), WAIT);
        }
        assertEquals(List.of(), observed().duplicateSubscribes(), "a symbol was subscribed twice on a connection");
        for (ConnectionInfo connection : observed().connections()) {
            List<String> sent = observed().received(connection.id()).stream().map(ReceivedMessage::text)
                    .filter(text -> !text.contains("\"action\":\"ping\"")).toList();
            assertEquals(new HashSet<>(sent).size(), sent.size(), "a control frame was sent twice: " + sent);
        }
        assertTrue(statuses("warning").isEmpty(), statuses("warning").toString());
    }
}
