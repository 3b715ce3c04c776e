package io.marketfeed.provider.alltick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.Secret;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.Readiness;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.ReferenceConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The declared facts: endpoints, routing, limits, heartbeat, and how failures are classified. */
class TestAlltickProtocol {

    private static final ReferenceConfig REFERENCE = ReferenceConfig.of(AlltickProvider.class, "alltick");

    private final AlltickProtocol protocol = protocol(Map.of(
            AlltickConfigKeys.TRADES_SYMBOLS, List.of("AAPL.US", "EURUSD"),
            AlltickConfigKeys.DEPTH_SYMBOLS, List.of("700.HK"),
            "routes.\"HSI.IDX\"", "stock",
            "routes.US500", "stock"));

    @Test
    void twoEndpointsWithTheTokenAsQueryParameterAndNoTokenInAnyUri() {
        List<Endpoint> endpoints = protocol.endpoints();
        assertEquals(List.of("stock", "other"), endpoints.stream().map(Endpoint::id).toList());
        assertEquals(URI.create("wss://quote.alltick.co/quote-stock-b-ws-api"), endpoints.get(0).uri());
        assertEquals(URI.create("wss://quote.alltick.co/quote-b-ws-api"), endpoints.get(1).uri());
        for (Endpoint endpoint : endpoints) {
            assertEquals(AuthStyle.Kind.QUERY_PARAMETER, endpoint.auth().kind());
            assertEquals("token", endpoint.auth().name());
            assertEquals(Optional.of(Secret.of(TestAlltickSettings.CANARY)), endpoint.auth().secret());
            assertFalse(endpoint.toString().contains(TestAlltickSettings.CANARY), endpoint.toString());
            assertEquals(Readiness.onOpen(), endpoint.readiness(), "AllTick sends nothing before the first request");
            assertEquals(SubscribeStyle.Mode.REPLACE_ALL, endpoint.subscribeStyle().mode());
            assertTrue(endpoint.subscribeStyle().acknowledged());
            assertEquals(Set.of(Topics.TRADES, Topics.BOOK), endpoint.topics());
        }
    }

    @Test
    void theHostIsConfigurable() {
        AlltickProtocol local = protocol(Map.of(AlltickConfigKeys.ENDPOINT, "ws://127.0.0.1:8765"));
        assertEquals(URI.create("ws://127.0.0.1:8765/quote-b-ws-api"), local.endpoints().get(1).uri());
    }

    @ParameterizedTest
    @CsvSource({
            "AAPL.US, stock", "700.HK, stock", "600519.SH, stock", "000001.SZ, stock", "BRK.B.US, stock",
            "EURUSD, other", "XAUUSD, other", "BTCUSDT, other", "GOLD, other", "USOIL, other", "HK-1288, other",
            "HSI.IDX, stock", "US500, stock"})
    void routedByCodeFormUnlessARouteSaysOtherwise(String code, String endpoint) {
        assertEquals(endpoint, protocol.endpointFor(new Subscription(Topics.TRADES, code)).id());
        assertEquals(endpoint, protocol.endpointFor(new Subscription(Topics.BOOK, code)).id());
    }

    @Test
    void aRouteCanSendAStockFormCodeToTheOtherEndpoint() {
        AlltickProtocol routed = protocol(Map.of("routes.\"SPX.IDX\"", "other"));
        assertEquals("other", routed.endpointFor(new Subscription(Topics.TRADES, "SPX.IDX")).id());
        assertEquals("stock", routed.endpointFor(new Subscription(Topics.TRADES, "NDX.IDX")).id());
    }

    @Test
    void configuredSubscriptionsInOrder() {
        assertEquals(List.of(new Subscription(Topics.TRADES, "AAPL.US"), new Subscription(Topics.TRADES, "EURUSD"),
                new Subscription(Topics.BOOK, "700.HK")), protocol.configuredSubscriptions());
    }

    @Test
    void limitsAndHeartbeatAreThePlansOnBothEndpoints() {
        for (Endpoint endpoint : protocol.endpoints()) {
            assertEquals(5, protocol.limits(endpoint).maxSymbolsPerConnection());
            assertEquals(1, protocol.limits(endpoint).maxConnections());
            assertEquals(Duration.ofSeconds(10), protocol.heartbeat(endpoint).interval());
            assertEquals(Duration.ofSeconds(30), protocol.heartbeat(endpoint).staleTimeout());
        }
    }

    @Test
    void symbolProblems() {
        assertEquals(Optional.empty(), protocol.symbolProblem(new Subscription(Topics.TRADES, "AAPL.US")));
        assertTrue(protocol.symbolProblem(new Subscription(Topics.TRADES, "aapl.us")).orElseThrow()
                .contains("'AAPL.US'"));
        assertTrue(protocol.symbolProblem(new Subscription(Topics.QUOTES, "AAPL.US")).orElseThrow()
                .contains("trades and book"));
    }

    @Test
    void closesAreRetriedAndHandshakeRefusalsOfTheTokenAreFatal() {
        assertEquals(Disposition.Kind.RETRY, protocol.classifyClose(1008, "too many requests").kind());
        assertEquals(Disposition.Kind.RETRY, protocol.classifyClose(1006, "").kind());
        assertEquals(Disposition.Kind.FATAL, protocol.classifyHandshake(401).kind());
        assertEquals(Disposition.Kind.FATAL, protocol.classifyHandshake(403).kind());
        assertEquals(Duration.ofMinutes(1), protocol.classifyHandshake(429).minDelay());
        assertEquals(Disposition.Kind.RETRY, protocol.classifyHandshake(502).kind());
    }

    @Test
    void tracesAreUniqueAcrossSessions() {
        Pattern trace = Pattern.compile("\"trace\":\"([^\"]+)\"");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            var session = protocol.openSession(new SessionContext("alltick/stock#" + i, protocol.endpoints().get(0)));
            for (int j = 0; j < 5; j++) {
                Matcher matcher = trace.matcher(session.heartbeat().orElseThrow().text());
                assertTrue(matcher.find());
                assertTrue(matcher.group(1).length() <= 64, matcher.group(1));
                assertTrue(seen.add(matcher.group(1)), "repeated " + matcher.group(1));
            }
        }
    }

    private static AlltickProtocol protocol(Map<String, Object> overrides) {
        Map<String, Object> values = REFERENCE.values("ALLTICK_TOKEN = \"" + TestAlltickSettings.CANARY + "\"");
        values.put(AlltickConfigKeys.ENABLED, true);
        values.putAll(overrides);
        return new AlltickProtocol(AlltickSettings.from(TestAlltickSettings.settings(values)));
    }
}
