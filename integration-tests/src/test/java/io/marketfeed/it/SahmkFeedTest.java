package io.marketfeed.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.provider.sahmk.SahmkProvider;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.runtime.ReconnectPolicy;
import io.marketfeed.simulator.CloseRecord;
import io.marketfeed.simulator.ConnectionInfo;
import io.marketfeed.simulator.ReceivedMessage;
import io.marketfeed.simulator.sahmk.Plan;
import io.marketfeed.simulator.sahmk.SahmkOptions;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The runtime and the SAHMK provider against the protocol-faithful SAHMK simulator on loopback: limits,
 * sharding, reconnects, staleness, fatal closes, malformed frames, unwanted data, graceful stop.
 */
class SahmkFeedTest extends SahmkSimulatorFixture {

    @Test
    void streamsQuotesWithExactDecimals() {
        startSimulator(SahmkOptions.builder().updatesPerSecond(20).build());
        startFeed(SahmkSimulation.DEMO_KEY, List.of("2222", "1120"), Map.of());

        Quote first = events.await(Quote.class, quote -> quote.symbol().equals("2222"), WAIT);
        events.await(Quote.class, quote -> quote.symbol().equals("1120"), WAIT);
        assertEquals(2, first.price().scale(), "prices keep the wire's two decimals: " + first.price());
        assertEquals("sahmk", first.provider());
        events.await(ConnectionEvent.class, event -> event.state() == ConnectionState.CONNECTED, WAIT);
        assertTrue(events.all(Quote.class, quote -> !Set.of("2222", "1120").contains(quote.symbol())).isEmpty(),
                "only subscribed symbols are delivered");
    }

    @Test
    void shardsByServerLimitsAndChunksRequests() {
        startSimulator(SahmkOptions.builder().universeSize(200).updatesPerSecond(1).build());
        List<String> universe = new ArrayList<>(simulation.options().universe().keySet());
        List<String> wanted = universe.subList(0, 130);
        // Configured limits are generous; the server's connected.limits (pro: 60 per connection, 20 per call) win.
        startFeed(SahmkSimulation.DEMO_KEY, wanted, Map.of("limits.max-symbols-per-connection", 500,
                "limits.max-symbols-per-frame", 100));

        Waits.until(() -> subscribedEverywhere().size() == 130, WAIT,
                () -> "not all 130 subscribed; server holds " + subscribedEverywhere().size() + ", events "
                        + events.tail());
        List<ConnectionInfo> connections = observed().connections();
        assertEquals(3, connections.size(), "130 symbols at 60 per connection need 3 connections");
        for (ConnectionInfo connection : connections) {
            assertTrue(connection.subscriptions().size() <= 60, "at most 60 per connection: " + connection);
        }
        for (ReceivedMessage message : subscribes()) {
            assertTrue(symbolsIn(message.text()).size() <= 20, "at most 20 per request: " + message.text());
        }
        assertEquals(0, observed().duplicateSubscribeCount(), "every symbol subscribed once");
        assertEquals(new HashSet<>(wanted), subscribedEverywhere());
        assertFalse(events.all(StatusEvent.class, status -> status.kind().equals("limits")).isEmpty(),
                "the limits learned from the server are reported");
    }

    @Test
    void limitsAnnouncedLaterReshardTheSubscriptions() {
        startSimulator(SahmkOptions.builder().universeSize(100).updatesPerSecond(1).build());
        List<String> wanted = new ArrayList<>(simulation.options().universe().keySet()).subList(0, 50);
        startFeed(SahmkSimulation.DEMO_KEY, wanted, Map.of());
        Waits.until(() -> subscribedEverywhere().size() == 50, WAIT, () -> "not subscribed: " + events.tail());
        assertEquals(1, observed().connections().size());

        // The server announces a smaller cap on the open connection: 50 symbols no longer fit on one.
        simulation.faults().setLimits(java.util.OptionalInt.of(20), java.util.OptionalInt.of(10), true);

        Waits.until(() -> observed().connections().size() == 3
                && observed().connections().stream().allMatch(c -> c.subscriptions().size() <= 20)
                && subscribedEverywhere().equals(new HashSet<>(wanted)), WAIT,
                () -> "not resharded to 3 x 20: " + observed().connections());
        assertEquals(0, observed().duplicateSubscribeCount());
    }

    @Test
    void depthAndTradesChannelsDeliverBooksAndTrades() {
        startSimulator(SahmkOptions.builder().updatesPerSecond(10).build());
        startFeed(SahmkSimulation.DEMO_KEY, List.of("2222"), Map.of("depth.enabled", true,
                "depth.symbols", List.of("2222"), "depth.levels", 3, "trades.enabled", true,
                "trades.symbols", List.of("1120")));

        io.marketfeed.api.model.BookSnapshot book = events.await(io.marketfeed.api.model.BookSnapshot.class,
                snapshot -> snapshot.symbol().equals("2222"), WAIT);
        assertFalse(book.bids().isEmpty());
        assertTrue(book.bids().size() <= 3, "levels requested: 3, got " + book.bids().size());
        events.await(io.marketfeed.api.model.Trade.class, trade -> trade.symbol().equals("1120"), WAIT);
        events.await(Quote.class, quote -> quote.symbol().equals("2222"), WAIT);
        Waits.until(() -> observed().connections().size() == 3, WAIT,
                () -> "one connection per channel expected: " + observed().connections());
    }

    @Test
    void dropWithoutCloseFrameResubscribesAndReportsTheGap() {
        startSimulator(SahmkOptions.builder().updatesPerSecond(20).build());
        startFeed(SahmkSimulation.DEMO_KEY, List.of("2222", "1120"), Map.of());
        events.await(Quote.class, quote -> true, WAIT);
        Waits.until(() -> subscribedEverywhere().size() == 2, WAIT, () -> "not subscribed");

        simulation.faults().drop(false, CloseRecord.NO_CLOSE_FRAME);

        GapEvent gap = events.await(GapEvent.class, event -> true, WAIT);
        assertEquals(Set.of("2222", "1120"), new HashSet<>(gap.symbols()));
        assertFalse(gap.to().isBefore(gap.from()), "a gap runs forward: " + gap);
        int quotesAtGap = events.all(Quote.class).size();
        events.awaitCount(Quote.class, quote -> true, quotesAtGap + 5, WAIT);
        Waits.until(() -> subscribedEverywhere().equals(Set.of("2222", "1120")), WAIT,
                () -> "not resubscribed: " + observed().connections());
        assertEquals(0, observed().duplicateSubscribeCount(), "no duplicate subscribe on the new connection");
        assertEquals(1, observed().openConnections());
        assertFalse(events.states(ConnectionState.RECONNECTING).isEmpty());
    }

    @Test
    void silentStallIsDetectedAndTheConnectionReplaced() {
        startSimulator(SahmkOptions.builder().updatesPerSecond(20).build());
        MarketFeed feed = startFeed(SahmkSimulation.DEMO_KEY, List.of("2222"),
                Map.of("heartbeat.interval", "200ms", "heartbeat.timeout", "1s"));
        events.await(Quote.class, quote -> true, WAIT);
        assertEquals(0, feed.snapshot().providers().get(0).activity().staleDetections());

        long stalledAt = System.nanoTime();
        simulation.faults().stall();

        GapEvent gap = events.await(GapEvent.class, event -> true, WAIT);
        long detectedMillis = (System.nanoTime() - stalledAt) / 1_000_000;
        assertTrue(detectedMillis < 5_000, "replaced within the timeout plus a reconnect, took " + detectedMillis);
        assertTrue(gap.reason().startsWith("stale"), gap.reason());
        assertEquals(List.of("2222"), gap.symbols());
        int before = events.all(Quote.class).size();
        events.awaitCount(Quote.class, quote -> true, before + 3, WAIT);
        // Counted for /metrics (marketfeed_stale_detections_total); the listener's delivery delay is measured.
        assertEquals(1, feed.snapshot().providers().get(0).activity().staleDetections());
        assertTrue(feed.snapshot().listeners().get(0).maxDeliveryDelay().toNanos() > 0);
    }

    @Test
    void authenticationFailureStopsWithoutRetrying() throws Exception {
        startSimulator(SahmkOptions.defaults());
        MarketFeed feed = startFeed("shmk_test_not_a_key", List.of("2222"), Map.of());

        List<String> failures = feed.allProvidersFailed().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(failures.get(0).contains("4401"), failures.toString());
        ConnectionEvent failed = events.await(ConnectionEvent.class,
                event -> event.state() == ConnectionState.FAILED, WAIT);
        assertTrue(failed.reason().contains("api-key") || failed.reason().contains("SAHMK_API_KEY"),
                "says what to fix: " + failed.reason());
        // That no retry follows, ever, is SahmkOnVirtualTimeTest's: an hour of virtual time instead of a wait here.
        assertEquals(1, observed().handshakes().size(), "no retry after 4401: " + observed().handshakes());
        assertTrue(events.states(ConnectionState.RECONNECTING).isEmpty());
    }

    @Test
    void entitlementFailureStopsWithoutRetrying() throws Exception {
        startSimulator(SahmkOptions.defaults());
        MarketFeed feed = startFeed(SahmkSimulation.INACTIVE_KEY, List.of("2222"), Map.of());

        List<String> failures = feed.allProvidersFailed().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(failures.get(0).contains("4403"), failures.toString());
        assertEquals(1, observed().handshakes().size(), "no retry after 4403 (for an hour: SahmkOnVirtualTimeTest)");
    }

    @Test
    void malformedAndErrorFramesKeepTheConnection() {
        startSimulator(SahmkOptions.builder().updatesPerSecond(20).build());
        startFeed(SahmkSimulation.DEMO_KEY, List.of("2222"), Map.of());
        events.await(Quote.class, quote -> true, WAIT);
        long connectionId = observed().connections().get(0).id();

        simulation.faults().sendMalformed(10);

        int before = events.all(Quote.class).size();
        events.awaitCount(Quote.class, quote -> true, before + 5, WAIT);
        assertEquals(1, observed().openConnections());
        assertEquals(connectionId, observed().connections().get(0).id(), "same connection");
        assertTrue(events.states(ConnectionState.DISCONNECTED).isEmpty(), "never disconnected");
    }

    @Test
    void unwantedDataIsDroppedAndUnsubscribedAgain() {
        startSimulator(SahmkOptions.builder().updatesPerSecond(5).build());
        startFeed(SahmkSimulation.DEMO_KEY, List.of("2222"), Map.of());
        events.await(Quote.class, quote -> true, WAIT);

        simulation.faults().pushGhost("1120", 3);

        events.await(StatusEvent.class, status -> status.kind().equals("unwanted-data"), WAIT);
        Waits.until(() -> observed().received().stream()
                .anyMatch(message -> message.text().contains("unsubscribe") && message.text().contains("1120")),
                WAIT, () -> "no unsubscribe for the unwanted symbol: " + observed().received());
        assertTrue(events.all(Quote.class, quote -> quote.symbol().equals("1120")).isEmpty(),
                "unwanted data never reaches listeners");
    }

    @Test
    void refusedSymbolIsReportedAndNotRetried() {
        startSimulator(SahmkOptions.builder().updatesPerSecond(5).build());
        MarketFeed feed = startFeed(SahmkSimulation.DEMO_KEY, List.of("2222"), Map.of());
        events.await(Quote.class, quote -> true, WAIT);

        feed.subscribe("sahmk", Topics.QUOTES, List.of("9999"));
        events.await(StatusEvent.class, status -> status.kind().equals("rejected"), WAIT);
        simulation.faults().drop(false, CloseRecord.NO_CLOSE_FRAME);
        events.await(GapEvent.class, gap -> true, WAIT);

        long requestsFor9999 = observed().received().stream()
                .filter(message -> message.text().contains("\"subscribe\"") && message.text().contains("9999"))
                .count();
        assertEquals(1, requestsFor9999, "a refused symbol is sent once, not again after the reconnect");
        assertEquals(Set.of("2222"), subscribedEverywhere());
    }

    @Test
    void wildcardRefusedOnProFallsBackToTheExplicitList() {
        startSimulator(SahmkOptions.builder().updatesPerSecond(10).build());
        startFeed(SahmkSimulation.DEMO_KEY, List.of("*"), Map.of("fallback-symbols", List.of("2222", "1120")));

        events.await(StatusEvent.class, status -> status.kind().equals("rejected"), WAIT);
        events.await(Quote.class, quote -> quote.symbol().equals("1120"), WAIT);
        Waits.until(() -> subscribedEverywhere().equals(Set.of("2222", "1120")), WAIT,
                () -> "fall-back not subscribed: " + observed().connections());
    }

    @Test
    void gracefulStopUnsubscribesAndClosesWith1000() {
        startSimulator(SahmkOptions.builder().updatesPerSecond(5).build());
        MarketFeed feed = startFeed(SahmkSimulation.DEMO_KEY, List.of("2222", "1120"), Map.of());
        events.await(Quote.class, quote -> true, WAIT);
        Waits.until(() -> subscribedEverywhere().size() == 2, WAIT, () -> "not subscribed");

        feed.close();

        Waits.until(() -> observed().closes().stream().anyMatch(close -> !close.serverInitiated()), WAIT,
                () -> "no client close: " + observed().closes());
        CloseRecord close = observed().closes().stream().filter(record -> !record.serverInitiated()).findFirst()
                .orElseThrow();
        assertEquals(1000, close.code());
        List<String> unsubscribed = new ArrayList<>();
        observed().received().stream().filter(message -> message.text().contains("\"unsubscribe\""))
                .forEach(message -> unsubscribed.addAll(symbolsIn(message.text())));
        assertEquals(Set.of("2222", "1120"), new HashSet<>(unsubscribed));
        events.await(ConnectionEvent.class, event -> event.state() == ConnectionState.CLOSED, WAIT);
    }

    @Test
    void malformedSymbolsAreRefusedBeforeAnythingIsSent() {
        startSimulator(SahmkOptions.defaults());
        MarketFeed feed = startFeed(SahmkSimulation.DEMO_KEY, List.of("2222"), Map.of());
        events.await(Quote.class, quote -> true, WAIT);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> feed.subscribe("sahmk", Topics.QUOTES, List.of("1120", "", "22 22")));
        assertTrue(error.getMessage().contains("#2") && error.getMessage().contains("#3"), error.getMessage());
        assertFalse(subscribes().stream().anyMatch(message -> message.text().contains("1120")),
                "nothing from a refused request is sent");
    }

    @Test
    void unreachableServerIsRetriedWithGrowingJitteredDelaysOneAttemptAtATime() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> values = new HashMap<>();
        values.put("api-key", SahmkSimulation.DEMO_KEY);
        values.put("endpoint", "ws://127.0.0.1:" + closedPort);
        values.put("symbols", List.of("2222"));
        values.put("limits.min-reconnect-gap", "0s");
        MarketFeed feed = MarketFeed.builder()
                .provider(new SahmkProvider(), ProviderDefaults.with("sahmk", values))
                .listener("recorder", events, DeliveryPolicy.dropOldest(10_000))
                .reconnect(ReconnectPolicy.defaults().withDelays(Duration.ofMillis(20), Duration.ofMillis(320)))
                .build();
        open.add(feed);
        feed.start();

        List<ConnectionEvent> reconnects = events.awaitCount(ConnectionEvent.class,
                event -> event.state() == ConnectionState.RECONNECTING, 7, WAIT);
        List<Long> delays = new ArrayList<>();
        for (ConnectionEvent event : reconnects) {
            delays.add(event.nextAttemptIn().toMillis());
        }
        // 20, 40, 80, 160, 320, 320 ms, each within ±20 %.
        for (int i = 0; i < 6; i++) {
            double base = Math.min(320, 20 * Math.pow(2, i));
            assertTrue(delays.get(i) >= base * 0.8 - 1 && delays.get(i) <= base * 1.2 + 1,
                    "attempt " + (i + 1) + " waited " + delays.get(i) + "ms, expected about " + base + ": " + delays);
        }
        assertTrue(new HashSet<>(delays.subList(4, 7)).size() > 1 || delays.get(4) != 320,
                "jitter varies the capped delays: " + delays);
        // Never more than one attempt in flight: states strictly alternate connecting → disconnected → reconnecting.
        List<ConnectionState> states = new ArrayList<>();
        events.all(ConnectionEvent.class).forEach(event -> states.add(event.state()));
        for (int i = 0; i + 1 < states.size(); i++) {
            if (states.get(i) == ConnectionState.CONNECTING) {
                assertEquals(ConnectionState.DISCONNECTED, states.get(i + 1), "one attempt at a time: " + states);
            }
        }
    }

    @Test
    void apiKeyNeverAppearsInLogsEventsOrSnapshots() throws Exception {
        String canary = "shmk_test_CANARY_7f3a9c";
        startSimulator(SahmkOptions.builder().key(canary, Plan.PRO).updatesPerSecond(20).build());
        MarketFeed feed = startFeed(canary, List.of("2222"), Map.of());
        events.await(Quote.class, quote -> true, WAIT);
        simulation.faults().drop(false, CloseRecord.NO_CLOSE_FRAME);
        events.await(GapEvent.class, gap -> true, WAIT);
        String snapshot = feed.snapshot().toString();
        feed.close();

        // The same key against a closed port: connect failures quote the URL in exception messages.
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> values = new HashMap<>();
        values.put("api-key", canary);
        values.put("endpoint", "ws://127.0.0.1:" + closedPort);
        values.put("symbols", List.of("2222"));
        MarketFeed unreachable = MarketFeed.builder()
                .provider(new SahmkProvider(), ProviderDefaults.with("sahmk", values))
                .listener("recorder", events, DeliveryPolicy.dropOldest(10_000))
                .reconnect(ReconnectPolicy.defaults().withDelays(Duration.ofMillis(20), Duration.ofMillis(40)))
                .build();
        open.add(unreachable);
        unreachable.start();
        events.awaitCount(ConnectionEvent.class, event -> event.state() == ConnectionState.RECONNECTING, 3, WAIT);
        unreachable.close();

        String everything = CapturedLogs.all() + events.events() + snapshot + unreachable.snapshot();
        assertFalse(everything.contains(canary), "the API key leaked");
        assertFalse(everything.contains("CANARY_7f3a9c"), "part of the API key leaked");
        assertTrue(CapturedLogs.all().contains("reconnect attempt"), "the logs were captured at all");
    }
}
