package io.marketfeed.provider.screener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.Quote;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.simulator.ReceivedMessage;
import io.marketfeed.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** End to end: the runtime with the Screener provider against the Screener simulator, on loopback. */
class TestScreenerFeed extends ScreenerSimulatorFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void streamsBatchedQuotesBooksAndMarketStatusWithOneWireSubscriptionPerCode() {
        startSimulator(fast());
        startFeed(Map.of("symbols", List.of("005930", "000660"), "markets", List.of("KOSPI"),
                "sectors", List.of("IT")));
        Quote quote = events.await(Quote.class, q -> q.symbol().equals("005930") && q.price() != null, WAIT);
        assertEquals("screener", quote.provider());
        BookSnapshot book = events.await(BookSnapshot.class, b -> b.symbol().equals("000660"), WAIT);
        assertFalse(book.bids().isEmpty());
        assertTrue(book.bids().get(0).orders() != null, "orders per level are kept");
        events.await(MarketStatus.class, s -> s.market().equals("KOSPI") && s.status().equals("open"), WAIT);
        // One stock subscription per code, although two topics want it; the sector too; never twice.
        Await.until(() -> stockTargets().size() == 2, WAIT, () -> "subscriptions " + simulation.subscriptions());
        // The sector request is paced behind the others (100 ms control gap): wait for it, do not race it.
        Await.until(() -> !received("\"subscription_type\":\"sector\"").isEmpty(), WAIT,
                () -> "no sector subscription: " + observed().received());
        assertEquals(0, observed().duplicateSubscribeCount());
        assertEquals(1, received("\"subscription_type\":\"stock\"").size(), () -> "" + observed().received());
        assertEquals(1, received("\"subscription_type\":\"sector\"").size());
        // Server-wide sequence jumps (other traffic) are not losses.
        assertTrue(events.all(GapEvent.class).isEmpty(), () -> "gaps: " + events.all(GapEvent.class));
    }

    /**
     * Issue 16: the endpoint written as the docs give it ({@code wss://api.screener.kr/v1/ws}, here with the
     * simulator's host and port) is dialled as written, and data flows.
     */
    @Test
    void theDocumentedUrlIsDialledAsWritten() {
        startSimulator(fast());
        startFeed(Map.of("endpoint", "ws://127.0.0.1:" + server.port() + "/v1/ws", "symbols", List.of("005930")));
        events.await(Quote.class, q -> q.symbol().equals("005930") && q.price() != null, WAIT);
        events.await(BookSnapshot.class, b -> b.symbol().equals("005930"), WAIT);
        assertEquals(List.of("/v1/ws"), observed().handshakes().stream().map(h -> h.path()).distinct().toList());
    }

    @Test
    void twoHundredSixtyStocksUseAtMostThreeConnectionsAndFiftyTargetsPerRequestEachOnce() throws Exception {
        startSimulator(fast().updateInterval(Duration.ZERO));
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            symbols.add(String.format("%06d", 100_000 + i));
        }
        startFeed(Map.of("symbols", symbols));
        Await.until(() -> stockTargets().size() == 260, Duration.ofSeconds(20),
                () -> stockTargets().size() + " of 260 subscribed: " + simulation.subscriptions().keySet());
        assertTrue(observed().connections().size() <= 3, () -> "connections " + observed().connections().size());
        assertTrue(observed().handshakes().size() <= 3, () -> "handshakes " + observed().handshakes().size());
        assertEquals(0, simulation.refusedOverCap());
        int targets = 0;
        for (ReceivedMessage message : received("\"type\":\"subscribe\"")) {
            JsonNode request = JSON.readTree(message.text());
            assertTrue(request.get("targets").size() <= 50, () -> "request over 50 targets: " + message.text());
            targets += request.get("targets").size();
        }
        assertEquals(260, targets, "every target is requested exactly once");
        assertEquals(0, observed().duplicateSubscribeCount());
        int total = simulation.subscriptions().values().stream()
                .mapToInt(types -> types.getOrDefault("stock", List.of()).size()).sum();
        assertEquals(260, total, "every target subscribed exactly once");
        for (Map<String, List<String>> connection : simulation.subscriptions().values()) {
            assertTrue(connection.getOrDefault("stock", List.of()).size() <= 100);
        }
    }

    @Test
    void smallerServerLimitsMakeSmallerRequestsAndMoreConnections() {
        startSimulator(fast().updateInterval(Duration.ZERO).maxTargetsPerRequest(20)
                .maxSubscriptionsPerConnection(40));
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            symbols.add(String.format("%06d", 200_000 + i));
        }
        startFeed(Map.of("symbols", symbols, "book", false));
        Await.until(() -> stockTargets().size() == 90, Duration.ofSeconds(20),
                () -> stockTargets().size() + " of 90 subscribed: " + simulation.subscriptions());
        for (Map<String, List<String>> connection : simulation.subscriptions().values()) {
            assertTrue(connection.getOrDefault("stock", List.of()).size() <= 40);
        }
        assertTrue(observed().connections().size() <= 5);
        assertEquals(0, observed().duplicateSubscribeCount());
    }

    @Test
    void aRestoredSessionIsReconciledWithoutSubscribingAgain() {
        startSimulator(fast().announceSessionId(true));
        startFeed(Map.of("symbols", List.of("005930", "000660"), "markets", List.of("KOSPI")));
        Await.until(() -> stockTargets().size() == 2 && marketTargets().size() == 1, WAIT,
                () -> "subscriptions " + simulation.subscriptions());
        int subscribesBefore = received("\"type\":\"subscribe\"").size();
        long firstConnection = observed().connections().get(0).id();
        observed().clear();
        simulation.faults().drop(false, 1006);
        Await.until(() -> simulation.restorations() == 1, WAIT, () -> "no restoration; handshakes "
                + observed().handshakes());
        Await.until(() -> !observed().connections().isEmpty()
                && observed().connections().get(0).id() != firstConnection
                && stockTargets().size() == 2 && marketTargets().size() == 1, WAIT,
                () -> "subscriptions " + simulation.subscriptions());
        assertTrue(observed().handshakes().get(0).parameters().containsKey("session_id"));
        // Data flows again on the restored subscriptions, and nothing was subscribed a second time.
        int quotes = events.all(Quote.class).size();
        Await.until(() -> events.all(Quote.class).size() > quotes + 2, WAIT, () -> "no quotes after restoring");
        assertEquals(0, received("\"type\":\"subscribe\"").size(), () -> "resubscribed: " + observed().received());
        assertTrue(subscribesBefore >= 2);
        assertEquals(0, observed().duplicateSubscribeCount());
    }

    @Test
    void aDroppedConnectionResubscribesEverything() {
        startSimulator(fast());
        startFeed(Map.of("symbols", List.of("005930", "000660"), "markets", List.of("KOSDAQ")));
        Await.until(() -> stockTargets().size() == 2, WAIT, () -> "subscriptions " + simulation.subscriptions());
        long firstConnection = observed().connections().get(0).id();
        simulation.faults().drop(false, 1006);
        Await.until(() -> !observed().connections().isEmpty()
                && observed().connections().get(0).id() != firstConnection
                && stockTargets().size() == 2 && marketTargets().size() == 1, WAIT,
                () -> "subscriptions " + simulation.subscriptions());
        int quotes = events.all(Quote.class).size();
        Await.until(() -> events.all(Quote.class).size() > quotes + 2, WAIT, () -> "no quotes after reconnecting");
        assertEquals(0, observed().duplicateSubscribeCount());
        events.await(GapEvent.class, gap -> true, WAIT);
    }

    @Test
    void theServersRateLimitBecomesAGapEvent() {
        startSimulator(fast().rateLimit(6));
        startFeed(Map.of("symbols", List.of("005930", "000660", "035720", "000270")));
        GapEvent gap = events.await(GapEvent.class, g -> g.reason().contains("RATE_LIMIT_EXCEEDED"), WAIT);
        assertTrue(gap.symbols().containsAll(List.of("005930", "000660")), () -> "gap symbols " + gap.symbols());
        assertTrue(simulation.rateLimited() > 0);
    }

    @Test
    void serverHeartbeatsAloneKeepAQuietConnectionAlive() {
        startSimulator(fast().updateInterval(Duration.ZERO).heartbeatInterval(Duration.ofMillis(100)));
        startFeed(Map.of("symbols", List.of("005930"), "heartbeat.interval", "300ms", "heartbeat.timeout", "600ms"));
        Await.until(() -> stockTargets().size() == 1, WAIT, () -> "not subscribed");
        long sent = observed().counters().framesSent();
        // 20 heartbeats: over three stale timeouts of silence but for the heartbeat.
        Await.until(() -> observed().counters().framesSent() >= sent + 20, WAIT, () -> "heartbeats not sent");
        assertEquals(1, observed().handshakes().size(), () -> "reconnected: " + observed().handshakes());
        assertTrue(events.all(GapEvent.class).isEmpty());
    }

    @Test
    void overThePerIpCapTheHandshakeIsRefusedAndRetriedLater() {
        startSimulator(fast().updateInterval(Duration.ZERO).maxConnectionsPerIp(1));
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            symbols.add(String.format("%06d", 300_000 + i));
        }
        MarketFeed feed = startFeed(Map.of("symbols", symbols, "connection-cap-backoff", "30s"));
        Await.until(() -> simulation.refusedOverCap() >= 1, WAIT, () -> "no 403");
        // Both connections (100 and 50 codes) connect at once, as first connects are not gated: either may get
        // the one slot. The one that got it subscribes all of its codes (quotes and book: two subscriptions each).
        Await.until(() -> feed.snapshot().providers().get(0).connections().stream().anyMatch(connection ->
                connection.symbols() > 0 && connection.confirmed() == connection.symbols()
                        && 2 * stockTargets().size() == connection.symbols()), WAIT,
                () -> "the connection that got the slot did not subscribe its codes: " + feed.snapshot());
        // The refused connection waits for the backoff instead of hammering the server, and the feed is not failed.
        long refused = simulation.refusedOverCap();
        Await.until(() -> observed().counters().framesSent() > 5, WAIT, () -> "no traffic");
        assertEquals(refused, simulation.refusedOverCap());
    }

    private Set<String> stockTargets() {
        return targets("stock");
    }

    private Set<String> marketTargets() {
        return targets("market");
    }

    private Set<String> targets(String type) {
        Set<String> all = new HashSet<>();
        simulation.subscriptions().values().forEach(types -> all.addAll(types.getOrDefault(type, List.of())));
        return all;
    }
}
