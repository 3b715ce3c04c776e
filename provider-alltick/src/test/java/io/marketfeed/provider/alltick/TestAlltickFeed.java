package io.marketfeed.provider.alltick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.simulator.HandshakeRecord;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.Target;
import io.marketfeed.simulator.alltick.AlltickEndpoint;
import io.marketfeed.simulator.alltick.AlltickOptions;
import io.marketfeed.simulator.alltick.AlltickSimulation;
import io.marketfeed.simulator.alltick.AlltickSimulation.ConnectionLists;
import io.marketfeed.simulator.alltick.Refusal;
import io.marketfeed.testkit.Await;
import io.marketfeed.testkit.EventRecorder;
import io.marketfeed.testkit.LoopbackFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The AllTick provider driven by the runtime against the AllTick simulator on loopback: both endpoints, replace
 * semantics under pacing, the heartbeat, 606 and reconnect, codes not served, and a refused token. What must hold
 * for a long time (heartbeats outlasting the server's timeout, a not-served report that is not repeated) is checked
 * over an hour of virtual time in {@link TestAlltickFeedOnVirtualTime}. The pacing gaps
 * are shortened (50 ms per connection, 150 ms across connections) and the simulator enforces the same values.
 */
class TestAlltickFeed {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration GAP = Duration.ofMillis(50);
    private static final Duration CROSS_GAP = Duration.ofMillis(150);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final EventRecorder events = new EventRecorder();
    private AlltickSimulation simulation;
    private SimulatorServer server;

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void aStockCodeAndAForexCodeArriveOnTheirEndpointsAsTradesAndBooks() {
        startSimulator(AlltickOptions.builder().updatesPerSecond(20));
        startFeed(AlltickSimulation.DEMO_TOKEN, Map.of(
                "trades.symbols", List.of("AAPL.US", "EURUSD"),
                "depth.symbols", List.of("700.HK", "EURUSD"),
                "heartbeat.interval", "100ms"));

        Trade apple = events.await(Trade.class, trade -> trade.symbol().equals("AAPL.US"), WAIT);
        Trade euro = events.await(Trade.class, trade -> trade.symbol().equals("EURUSD"), WAIT);
        BookSnapshot tencent = events.await(BookSnapshot.class, book -> book.symbol().equals("700.HK"), WAIT);
        BookSnapshot euroBook = events.await(BookSnapshot.class, book -> book.symbol().equals("EURUSD"), WAIT);

        assertEquals("alltick", apple.provider());
        assertTrue(apple.side() == Side.BUY || apple.side() == Side.SELL, apple.toString());
        assertNotNull(apple.value(), "stocks carry turnover");
        assertEquals(0, apple.price().multiply(apple.size()).compareTo(apple.value()), apple.toString());
        assertNotNull(apple.time());
        assertEquals(5, euro.price().scale(), "forex prices keep their five decimals: " + euro);
        assertEquals(Side.UNKNOWN, euro.side());
        assertEquals(5, tencent.bids().size(), "depth_level 5 on HK, which serves 10");
        assertEquals(1, euroBook.bids().size(), "forex serves one level");

        List<ConnectionLists> lists = simulation.lists();
        ConnectionLists stock = on(AlltickEndpoint.STOCK).orElseThrow();
        ConnectionLists other = on(AlltickEndpoint.OTHER).orElseThrow();
        assertEquals(2, lists.size(), lists.toString());
        assertEquals(List.of("AAPL.US"), stock.trades());
        assertEquals(List.of("700.HK"), stock.depth());
        assertEquals(Map.of("700.HK", 5), stock.depthLevels());
        assertEquals(List.of("EURUSD"), other.trades());
        assertEquals(List.of("EURUSD"), other.depth());
        for (HandshakeRecord handshake : simulation.observation().handshakes()) {
            assertEquals(AlltickSimulation.DEMO_TOKEN, handshake.parameters().get("token"));
        }
        Set<String> connections = new TreeSet<>();
        events.states(ConnectionState.CONNECTED).forEach(event -> connections.add(event.connection()));
        assertEquals(Set.of("alltick/other#1", "alltick/stock#1"), connections);
        // Our 22000 as the simulator checks it (that heartbeats keep a quiet connection past its timeout, for an
        // hour, is TestAlltickFeedOnVirtualTime's).
        Await.until(() -> simulation.observation().received().stream()
                .filter(message -> message.text().contains("\"cmd_id\":22000")).count() >= 2, WAIT,
                () -> "no heartbeats: " + simulation.observation().received());
        assertEquals(List.of(), simulation.refusals());
        assertEquals(0, simulation.duplicateTraces());
    }

    @Test
    void twentySubscriptionChangesInARowNeverBreakThePacingAndEndOnTheDesiredLists() {
        startSimulator(AlltickOptions.builder().updatesPerSecond(0));
        MarketFeed feed = startFeed(AlltickSimulation.DEMO_TOKEN,
                Map.of("trades.symbols", List.of("AAPL.US", "EURUSD")));
        Map<String, TreeSet<String>> desired = new HashMap<>();
        desired.put(Topics.TRADES, new TreeSet<>(List.of("AAPL.US", "EURUSD")));
        desired.put(Topics.BOOK, new TreeSet<>());
        awaitLists(desired);

        // The two anchors stay, so no connection ever empties; everything else comes and goes.
        List<String> pool = List.of("MSFT.US", "NVDA.US", "TSLA.US", "UNH.US", "700.HK", "9988.HK", "600519.SH",
                "GBPUSD", "USDJPY", "XAUUSD", "BTCUSDT", "ETHUSDT", "GOLD");
        Random random = new Random(20_240_611L);
        for (int change = 1; change <= 20; change++) {
            String topic = random.nextBoolean() ? Topics.TRADES : Topics.BOOK;
            String code = pool.get(random.nextInt(pool.size()));
            if (desired.get(topic).remove(code)) {
                feed.unsubscribe(AlltickProvider.ID, topic, List.of(code));
            } else {
                desired.get(topic).add(code);
                feed.subscribe(AlltickProvider.ID, topic, List.of(code));
            }
            if (change % 3 == 0) {
                // Every third change waits for the wire; the others come in bursts that the runtime coalesces.
                awaitLists(desired);
            }
        }
        awaitLists(desired);
        assertFalse(desired.get(Topics.BOOK).isEmpty(), "the seed leaves order books to cancel: " + desired);

        // Finally every order book goes: an emptied list is cancelled with 22006 cancel_type 1, paced as well.
        feed.unsubscribe(AlltickProvider.ID, Topics.BOOK, List.copyOf(desired.get(Topics.BOOK)));
        desired.get(Topics.BOOK).clear();
        awaitLists(desired);

        assertEquals(List.of(), simulation.refusals(), "the simulator refused nothing, least of all for pacing");
        assertTrue(simulation.observation().received().stream()
                .anyMatch(message -> message.text().contains("\"cancel_type\":1")), "the depth lists were cancelled");
        assertEquals(0, simulation.duplicateTraces());
        int requests = (int) simulation.observation().received().stream()
                .filter(message -> !message.text().contains("\"cmd_id\":22000")).count();
        assertTrue(requests >= 8, "the changes took several paced requests, got " + requests);
        for (ConnectionLists lists : simulation.lists()) {
            lists.depthLevels().values().forEach(levels -> assertEquals(5, levels));
        }
    }

    @Test
    void ret606ReconnectsAfterTheMinimumGapAndReportsTheGap() {
        Duration reconnectGap = Duration.ofMillis(400);
        startSimulator(AlltickOptions.builder().updatesPerSecond(20).connectGap(reconnectGap));
        // As with the control gaps, the client keeps a little more than the server enforces.
        startFeed(AlltickSimulation.DEMO_TOKEN, Map.of("trades.symbols", List.of("EURUSD"),
                "limits.min-reconnect-gap", reconnectGap.plusMillis(50).toMillis() + "ms"));
        events.await(Trade.class, trade -> trade.symbol().equals("EURUSD"), WAIT);

        assertEquals(1, simulation.sendRet(Target.all(), 606));
        GapEvent gap = events.await(GapEvent.class, event -> event.symbols().contains("EURUSD"), WAIT);
        assertTrue(gap.from().isBefore(gap.to()), gap.toString());
        assertEquals("alltick/other#1", gap.connection());
        int before = events.all(Trade.class, trade -> true).size();
        Await.until(() -> events.all(Trade.class, trade -> true).size() > before, WAIT,
                () -> "no trades after the reconnect: " + events.tail(15));

        List<HandshakeRecord> handshakes = simulation.observation().handshakes();
        assertEquals(2, handshakes.size(), handshakes.toString());
        Duration between = Duration.between(handshakes.get(0).at(), handshakes.get(1).at());
        assertTrue(between.compareTo(reconnectGap) >= 0, "reconnected after " + between.toMillis() + " ms");
        assertTrue(simulation.refusals().stream().allMatch(refusal -> refusal.kind() == Refusal.Kind.INJECTED),
                "only the injected 606, no connect-gap or pacing refusal: " + simulation.refusals());
    }

    @Test
    void codesBeyondTheTokensPlanAreReportedAsNotServedOnce() {
        startSimulator(AlltickOptions.builder().updatesPerSecond(20));
        List<String> seven = List.of("EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "USDCHF", "USDCAD", "NZDUSD");
        // The configuration claims Basic (100 codes); the token is on Free (5 codes).
        startFeed(AlltickSimulation.FREE_TOKEN, Map.of("plan", "basic", "trades.symbols", seven,
                "not-served-after", "700ms"));

        StatusEvent report = events.await(StatusEvent.class, status -> status.kind().equals("warning")
                && status.message().contains("delivered no"), WAIT);
        assertTrue(report.message().contains("USDCHF, USDJPY") && report.message().contains("5 codes per connection"),
                report.message());
        // That it comes once, for an hour and across a reconnect, is TestAlltickFeedOnVirtualTime's.
        assertEquals(Set.of("AUDUSD", "EURUSD", "GBPUSD", "NZDUSD", "USDCAD"), new TreeSet<>(events.all(Trade.class,
                trade -> true).stream().map(Trade::symbol).toList()), "the five the plan serves");
    }

    @Test
    void ret603ShrinksTheListToTheNextPlanLimitAndReportsWhatDoesNotFit() {
        startSimulator(AlltickOptions.builder().updatesPerSecond(20).refuseOverLimit(true));
        List<String> seven = List.of("EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "USDCHF", "USDCAD", "NZDUSD");
        startFeed(AlltickSimulation.FREE_TOKEN, Map.of("plan", "basic", "trades.symbols", seven));

        StatusEvent limits = events.await(StatusEvent.class, status -> status.kind().equals("limits"), WAIT);
        assertEquals("5", limits.details().get("maxSymbolsPerConnection"));
        StatusEvent capacity = events.await(StatusEvent.class, status -> status.kind().equals("capacity"), WAIT);
        assertEquals("2", capacity.details().get("count"), capacity.toString());
        Await.until(() -> on(AlltickEndpoint.OTHER).map(ConnectionLists::trades)
                .filter(trades -> trades.size() == 5).isPresent(), WAIT, () -> "lists " + simulation.lists());
        assertEquals(List.of("AUDUSD", "EURUSD", "GBPUSD", "NZDUSD", "USDCAD"),
                on(AlltickEndpoint.OTHER).orElseThrow().trades());
        events.await(Trade.class, trade -> trade.symbol().equals("USDCAD"), WAIT);
        assertEquals(List.of(Refusal.Kind.LIST_TOO_LONG), simulation.refusals().stream().map(Refusal::kind).toList());
    }

    @Test
    void aCodeOnTheWrongEndpointIsRefusedAloneAndTheRestGoesOn() {
        startSimulator(AlltickOptions.builder().updatesPerSecond(20));
        MarketFeed feed = startFeed(AlltickSimulation.DEMO_TOKEN, Map.of("trades.symbols", List.of("AAPL.US"),
                "routes.EURUSD", "stock"));
        events.await(Trade.class, trade -> trade.symbol().equals("AAPL.US"), WAIT);

        feed.subscribe(AlltickProvider.ID, Topics.TRADES, List.of("EURUSD"));
        StatusEvent rejected = events.await(StatusEvent.class, status -> status.kind().equals("rejected"), WAIT);
        assertEquals("EURUSD", rejected.details().get("symbols"));
        assertTrue(rejected.message().contains("ret 600"), rejected.message());
        int before = events.all(Trade.class, trade -> trade.symbol().equals("AAPL.US")).size();
        Await.until(() -> events.all(Trade.class, trade -> trade.symbol().equals("AAPL.US")).size() > before,
                WAIT, () -> "AAPL.US stopped: " + events.tail(15));
        assertEquals(List.of("AAPL.US"), on(AlltickEndpoint.STOCK).orElseThrow().trades());
    }

    @Test
    void aRefusedTokenStopsTheProviderWithWhatToFix() throws Exception {
        startSimulator(AlltickOptions.builder().updatesPerSecond(0));
        MarketFeed feed = startFeed(AlltickSimulation.EXPIRED_TOKEN, Map.of("trades.symbols", List.of("AAPL.US")));
        List<String> failures = feed.allProvidersFailed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).contains("ret 401") && failures.get(0).contains("ALLTICK_TOKEN"), failures.get(0));
        assertEquals(1, simulation.observation().handshakes().size(), "a fatal refusal is not retried");
    }

    /**
     * Issue 16: AllTick's two URLs as its documents give them ({@code wss://quote.alltick.co/quote-stock-b-ws-api}
     * and {@code …/quote-b-ws-api}), here with the simulator's host and port, each in its own key; the base URL in
     * {@code endpoint} is then not used at all.
     */
    @Test
    void theDocumentedUrlsInEndpointsConnectBothEndpoints() {
        startSimulator(AlltickOptions.builder().updatesPerSecond(20));
        String host = "ws://127.0.0.1:" + server.port();
        startFeed(AlltickSimulation.DEMO_TOKEN, Map.of(
                "endpoint", "wss://quote.alltick.co",
                "endpoints.stock", host + "/quote-stock-b-ws-api",
                "endpoints.other", host + "/quote-b-ws-api",
                "trades.symbols", List.of("AAPL.US", "EURUSD")));

        events.await(Trade.class, trade -> trade.symbol().equals("AAPL.US"), WAIT);
        events.await(Trade.class, trade -> trade.symbol().equals("EURUSD"), WAIT);
        assertEquals(Set.of("/quote-stock-b-ws-api", "/quote-b-ws-api"), handshakePaths());
    }

    /** Issue 16: one documented URL in {@code endpoint}; the other endpoint's path is derived from it. */
    @Test
    void oneDocumentedUrlInEndpointServesBothEndpoints() {
        startSimulator(AlltickOptions.builder().updatesPerSecond(20));
        startFeed(AlltickSimulation.DEMO_TOKEN, Map.of(
                "endpoint", "ws://127.0.0.1:" + server.port() + "/quote-b-ws-api",
                "depth.symbols", List.of("700.HK", "EURUSD")));

        events.await(BookSnapshot.class, book -> book.symbol().equals("700.HK"), WAIT);
        events.await(BookSnapshot.class, book -> book.symbol().equals("EURUSD"), WAIT);
        assertEquals(Set.of("/quote-stock-b-ws-api", "/quote-b-ws-api"), handshakePaths());
    }

    private Set<String> handshakePaths() {
        Set<String> paths = new TreeSet<>();
        simulation.observation().handshakes().forEach(handshake -> paths.add(handshake.path()));
        return paths;
    }

    // ---------------------------------------------------------------- helpers

    private void startSimulator(AlltickOptions.Builder options) {
        simulation = new AlltickSimulation(options.pacing(GAP, CROSS_GAP).build());
        server = SimulatorServer.builder().port(0).add(simulation).start();
        open.add(server);
    }

    /**
     * A feed with the simulator's gaps as its limits. The provider adds its pacing margin (10 ms here) on top,
     * which is what keeps loopback jitter from turning "exactly the gap" into "just under it".
     */
    private MarketFeed startFeed(String token, Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>();
        values.put("enabled", true);
        values.put("token", token);
        values.put("endpoint", "ws://127.0.0.1:" + server.port());
        values.put("plan", "premium");
        values.put("limits.min-control-gap", GAP.toMillis() + "ms");
        values.put("limits.min-global-control-gap", CROSS_GAP.toMillis() + "ms");
        values.put("limits.min-reconnect-gap", "100ms");
        values.put("pacing-margin", "10ms");
        values.putAll(extra);
        MarketFeed feed = LoopbackFeed.start(new AlltickProvider(),
                ProviderDefaults.with(AlltickProvider.ID, values), events);
        open.add(feed);
        return feed;
    }

    private Optional<ConnectionLists> on(AlltickEndpoint endpoint) {
        return simulation.lists().stream().filter(lists -> lists.endpoint() == endpoint).findFirst();
    }

    /** Waits until each endpoint's connection holds exactly the desired lists (sorted, as the runtime sends them). */
    private void awaitLists(Map<String, TreeSet<String>> desired) {
        Await.until(() -> listsMatch(desired), WAIT, () -> "the simulator's lists " + simulation.lists()
                + " never matched " + desired + "; refusals " + simulation.refusals());
    }

    private boolean listsMatch(Map<String, TreeSet<String>> desired) {
        for (AlltickEndpoint endpoint : AlltickEndpoint.values()) {
            String id = endpoint == AlltickEndpoint.STOCK ? "stock" : "other";
            List<String> trades = onEndpoint(desired.get(Topics.TRADES), id);
            List<String> depth = onEndpoint(desired.get(Topics.BOOK), id);
            Optional<ConnectionLists> lists = on(endpoint);
            if (lists.isEmpty() ? !(trades.isEmpty() && depth.isEmpty())
                    : !(lists.get().trades().equals(trades) && lists.get().depth().equals(depth))) {
                return false;
            }
        }
        return simulation.lists().size() == 2;
    }

    private static List<String> onEndpoint(TreeSet<String> codes, String endpointId) {
        return codes.stream().filter(code -> AlltickCodes.byForm(code).endpointId().equals(endpointId)).toList();
    }
}
