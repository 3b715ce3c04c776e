package io.marketfeed.provider.sahmk;

import static io.marketfeed.provider.sahmk.TestSahmkSettings.CANARY;
import static io.marketfeed.provider.sahmk.TestSahmkSettings.withOverrides;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.Secret;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Readiness;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.runtime.ProviderHost;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The declared facts: endpoints, subscriptions, limits, heartbeat, and how failures are classified. */
class TestSahmkProtocol {

    private static final String ALL_CHANNELS = "depth { enabled = true, symbols = [\"2222\"], levels = 10 }\n"
            + "trades { enabled = true, symbols = [\"1120\"] }\n symbols = [\"*\", \"2010\"]";

    @Test
    void byDefaultOnlyTheQuotesEndpoint() {
        Endpoint quotes = single(protocol("").endpoints());
        assertAll(
                () -> assertEquals("quotes", quotes.id()),
                () -> assertEquals(URI.create("wss://api.sahmk.sa/ws/v1/stocks/"), quotes.uri()),
                () -> assertEquals(AuthStyle.Kind.QUERY_PARAMETER, quotes.auth().kind()),
                () -> assertEquals("api_key", quotes.auth().name()),
                () -> assertEquals(Optional.of(Secret.of(CANARY)), quotes.auth().secret()),
                () -> assertEquals(Readiness.awaitMessage(Duration.ofSeconds(10), false), quotes.readiness()),
                () -> assertEquals(SubscribeStyle.additive(Duration.ofSeconds(10)), quotes.subscribeStyle()),
                () -> assertEquals(Set.of(Topics.QUOTES), quotes.topics()),
                () -> assertEquals(Map.of(), quotes.headers(), "no Origin unless configured"));
    }

    @Test
    void enabledChannelsGetTheirOwnEndpoints() {
        List<Endpoint> endpoints = protocol("endpoint = \"wss://app.sahmk.sa:444\"\n" + ALL_CHANNELS).endpoints();
        assertEquals(List.of("quotes", "depth", "trades"), endpoints.stream().map(Endpoint::id).toList());
        assertEquals(List.of(URI.create("wss://app.sahmk.sa:444/ws/v1/stocks/"),
                URI.create("wss://app.sahmk.sa:444/ws/v1/market/depth/"),
                URI.create("wss://app.sahmk.sa:444/ws/v1/market/trades/")),
                endpoints.stream().map(Endpoint::uri).toList());
        assertEquals(List.of(Set.of(Topics.QUOTES), Set.of(Topics.BOOK), Set.of(Topics.TRADES)),
                endpoints.stream().map(Endpoint::topics).toList());
    }

    @Test
    void theKeyIsNeverInAUriOrADescription() {
        for (Endpoint endpoint : protocol(ALL_CHANNELS).endpoints()) {
            assertFalse(endpoint.uri().toString().contains(CANARY), endpoint.uri().toString());
            assertFalse(endpoint.toString().contains(CANARY), endpoint.toString());
        }
    }

    @Test
    void aConfiguredOriginIsSentOnEveryChannel() {
        for (Endpoint endpoint : protocol("origin = \"https://example.org\"\n" + ALL_CHANNELS).endpoints()) {
            assertEquals(Map.of("Origin", "https://example.org"), endpoint.headers());
        }
    }

    @Test
    void configuredSubscriptionsInOrder() {
        assertEquals(List.of(new Subscription(Topics.QUOTES, "*"), new Subscription(Topics.QUOTES, "2010"),
                new Subscription(Topics.BOOK, "2222"), new Subscription(Topics.TRADES, "1120")),
                protocol(ALL_CHANNELS).configuredSubscriptions());
    }

    @Test
    void symbolsOfDisabledChannelsAreNotSubscribed() {
        assertEquals(List.of(new Subscription(Topics.QUOTES, "2222")), protocol(
                "symbols = [\"2222\"], depth.symbols = [\"1120\"], trades.symbols = [\"1120\"]")
                .configuredSubscriptions());
    }

    @Test
    void subscriptionsAreRoutedByTopic() {
        SahmkProtocol protocol = protocol(ALL_CHANNELS);
        assertEquals("depth", protocol.endpointFor(new Subscription(Topics.BOOK, "2222")).id());
        assertEquals("trades", protocol.endpointFor(new Subscription(Topics.TRADES, "2222")).id());
        assertEquals("quotes", protocol.endpointFor(new Subscription(Topics.QUOTES, "*")).id());
        assertThrows(IllegalArgumentException.class,
                () -> protocol("").endpointFor(new Subscription(Topics.BOOK, "2222")));
        assertThrows(IllegalArgumentException.class,
                () -> protocol.endpointFor(new Subscription(Topics.CANDLES, "2222")));
    }

    /** The protocol declares the plan's limits and SAHMK's heartbeat facts; the configured keys are the host's. */
    @Test
    void limitsAndHeartbeatAreThePlansAndSahmks() {
        SahmkProtocol protocol = protocol("plan = business, limits.max-connections = 2, heartbeat.interval = 20s");
        Endpoint quotes = protocol.endpoints().get(0);
        assertEquals(SahmkPlan.BUSINESS.limits(), protocol.limits(quotes), "limits.* is not the provider's to apply");
        assertEquals(new HeartbeatSpec(HeartbeatSpec.Pinger.CLIENT, Duration.ofSeconds(30), Duration.ofSeconds(90),
                HeartbeatSpec.Liveness.ANY_FRAME), protocol.heartbeat(quotes));
    }

    @Test
    void theHostAppliesTheConfiguredLimitsAndHeartbeatOnEveryChannel() {
        FeedProtocol protocol = ProviderHost.create(new SahmkProvider(), TestSahmkSettings.block(
                "plan = business, limits.max-connections = 2, heartbeat.interval = 20s\n" + ALL_CHANNELS));
        for (Endpoint endpoint : protocol.endpoints()) {
            assertEquals(120, protocol.limits(endpoint).maxSymbolsPerConnection());
            assertEquals(40, protocol.limits(endpoint).maxSymbolsPerFrame());
            assertEquals(2, protocol.limits(endpoint).maxConnections());
            assertEquals(new HeartbeatSpec(HeartbeatSpec.Pinger.CLIENT, Duration.ofSeconds(20),
                    Duration.ofSeconds(90), HeartbeatSpec.Liveness.ANY_FRAME), protocol.heartbeat(endpoint));
        }
    }

    @Test
    void sessionsForEveryEndpoint() {
        SahmkProtocol protocol = protocol(ALL_CHANNELS);
        for (Endpoint endpoint : protocol.endpoints()) {
            assertTrue(protocol.openSession(new SessionContext("sahmk/" + endpoint.id() + "#1", endpoint))
                    instanceof SahmkSession);
        }
        assertEquals("{\"action\":\"subscribe\",\"symbols\":[\"2222\"],\"levels\":10}", protocol
                .openSession(new SessionContext("sahmk/depth#1", protocol.endpoints().get(1)))
                .subscribe(Topics.BOOK, List.of("2222")).text());
    }

    @ParameterizedTest
    @ValueSource(ints = {4401, 4001})
    void authenticationClosesAreFatalAndNameTheKeySetting(int code) {
        Disposition disposition = protocol("").classifyClose(code, " Invalid API key ");
        assertEquals(Disposition.Kind.FATAL, disposition.kind());
        assertTrue(disposition.message().contains("close " + code + ": Invalid API key)"), disposition.message());
        assertTrue(disposition.message().contains("marketfeed.providers.sahmk.api-key"), disposition.message());
        assertTrue(disposition.message().contains("SAHMK_API_KEY"), disposition.message());
    }

    @Test
    void entitlementCloseIsFatalAndNamesThePlan() {
        Disposition disposition = protocol("").classifyClose(4403, "");
        assertEquals(Disposition.Kind.FATAL, disposition.kind());
        assertTrue(disposition.message().contains("close 4403"), disposition.message());
        assertTrue(disposition.message().contains("plan"), disposition.message());
        assertTrue(disposition.message().contains("verified"), disposition.message());
    }

    @ParameterizedTest
    @ValueSource(ints = {4000, 1006, 1000, 1001, 1011, 1012, 4999})
    void everyOtherCloseIsRetried(int code) {
        Disposition disposition = protocol("").classifyClose(code, "server restart");
        assertEquals(Disposition.Kind.RETRY, disposition.kind());
        assertTrue(disposition.message().contains(String.valueOf(code)), disposition.message());
    }

    @Test
    void handshakeRefusals() {
        SahmkProtocol protocol = protocol("");
        Disposition unauthorized = protocol.classifyHandshake(401);
        assertEquals(Disposition.Kind.FATAL, unauthorized.kind());
        assertTrue(unauthorized.message().contains("SAHMK_API_KEY"), unauthorized.message());

        Disposition forbidden = protocol.classifyHandshake(403);
        assertEquals(Disposition.Kind.RETRY, forbidden.kind());
        assertEquals(Duration.ofSeconds(60), forbidden.minDelay());
        assertTrue(forbidden.message().contains("entitle"), forbidden.message());
        assertFalse(forbidden.message().contains("Origin"), "no origin configured: " + forbidden.message());

        assertEquals(Disposition.Kind.RETRY, protocol.classifyHandshake(429).kind());
        assertEquals(Duration.ofMinutes(1), protocol.classifyHandshake(429).minDelay());
        assertEquals(Disposition.retry("handshake refused with HTTP 502"), protocol.classifyHandshake(502));
    }

    @Test
    void aForbiddenHandshakeWithAnOriginSuggestsDroppingIt() {
        Disposition forbidden = protocol("origin = \"https://example.org\"").classifyHandshake(403);
        assertEquals(Disposition.Kind.RETRY, forbidden.kind());
        assertTrue(forbidden.message().contains("Origin"), forbidden.message());
        assertTrue(forbidden.message().contains("marketfeed.providers.sahmk.origin"), forbidden.message());
    }

    @Test
    void symbolProblems() {
        SahmkProtocol protocol = protocol(ALL_CHANNELS);
        assertEquals(Optional.empty(), protocol.symbolProblem(new Subscription(Topics.QUOTES, "*")));
        assertEquals(Optional.empty(), protocol.symbolProblem(new Subscription(Topics.BOOK, "2222")));
        assertTrue(protocol.symbolProblem(new Subscription(Topics.BOOK, "*")).orElseThrow().contains("only"));
        assertTrue(protocol.symbolProblem(new Subscription(Topics.TRADES, "*")).isPresent());
        assertTrue(protocol.symbolProblem(new Subscription(Topics.QUOTES, "22,22")).isPresent());
        assertTrue(protocol.symbolProblem(new Subscription(Topics.CANDLES, "2222")).orElseThrow()
                .contains("no topic"));
        assertTrue(protocol("").symbolProblem(new Subscription(Topics.BOOK, "2222")).orElseThrow()
                .contains("depth.enabled"));
    }

    private static SahmkProtocol protocol(String hocon) {
        return new SahmkProtocol(withOverrides(hocon));
    }

    private static Endpoint single(List<Endpoint> endpoints) {
        assertEquals(1, endpoints.size(), endpoints.toString());
        return endpoints.get(0);
    }
}
