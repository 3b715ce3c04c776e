package com.example.marketfeed.simplejson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SpiVersion;
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
import io.marketfeed.testkit.SettingsAssertions;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The declared facts: what the runtime reads from the provider before and while it connects. */
class TestSimplejsonProtocol {

    static final String CANARY = "sj_CANARY_4711";

    private final FeedProtocol protocol = new SimplejsonProvider().create(settings(Map.of(
            SimplejsonConfigKeys.SYMBOLS, List.of("BTC-USD", "ETH-USD"),
            SimplejsonConfigKeys.TRADE_SYMBOLS, List.of("BTC-USD"))));

    @Test
    void theProviderIsFoundByServiceLoaderAndDescribesItself() {
        MarketFeedProvider provider = ServiceLoader.load(MarketFeedProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.id().equals("simplejson")).findFirst().orElseThrow();
        assertEquals(SimplejsonProvider.class, provider.getClass());
        assertEquals(SpiVersion.CURRENT, provider.spiVersion());
        assertEquals(Optional.empty(), SpiVersion.incompatibility(provider.spiVersion()));
        assertEquals(EnumSet.of(FeedCapability.QUOTES, FeedCapability.TRADES, FeedCapability.CLIENT_HEARTBEAT),
                provider.capabilities());
        assertEquals("development", provider.version(), "no jar manifest when run from classes");
    }

    @Test
    void oneEndpointWithTheKeyInAHeader() {
        Endpoint endpoint = protocol.endpoints().get(0);
        assertEquals(1, protocol.endpoints().size());
        assertEquals("stream", endpoint.id());
        assertEquals(URI.create("wss://stream.example.com/v1/ws"), endpoint.uri());
        assertEquals(AuthStyle.Kind.HEADER, endpoint.auth().kind());
        assertEquals("X-API-Key", endpoint.auth().name());
        assertEquals(Optional.of(Secret.of(CANARY)), endpoint.auth().secret());
        assertEquals(Readiness.onOpen(), endpoint.readiness());
        assertEquals(SubscribeStyle.additive(Duration.ofSeconds(10)), endpoint.subscribeStyle());
        assertEquals(Set.of(Topics.QUOTES, Topics.TRADES), endpoint.topics());
        assertEquals(Map.of(), endpoint.headers());
        assertFalse(endpoint.toString().contains(CANARY), endpoint.toString());
    }

    @Test
    void bothTopicsGoToTheOneEndpoint() {
        Endpoint endpoint = protocol.endpoints().get(0);
        assertEquals(endpoint, protocol.endpointFor(new Subscription(Topics.QUOTES, "BTC-USD")));
        assertEquals(endpoint, protocol.endpointFor(new Subscription(Topics.TRADES, "BTC-USD")));
        assertThrows(IllegalArgumentException.class,
                () -> protocol.endpointFor(new Subscription(Topics.BOOK, "BTC-USD")));
    }

    @Test
    void configuredSubscriptionsInOrder() {
        assertEquals(List.of(new Subscription(Topics.QUOTES, "BTC-USD"), new Subscription(Topics.QUOTES, "ETH-USD"),
                new Subscription(Topics.TRADES, "BTC-USD")), protocol.configuredSubscriptions());
    }

    @Test
    void limitsHeartbeatAndCredits() {
        Endpoint endpoint = protocol.endpoints().get(0);
        assertEquals(SimplejsonProtocol.LIMITS, protocol.limits(endpoint));
        assertEquals(50, protocol.limits(endpoint).maxSymbolsPerFrame());
        assertEquals(new HeartbeatSpec(HeartbeatSpec.Pinger.CLIENT, Duration.ofSeconds(15), Duration.ofSeconds(45),
                HeartbeatSpec.Liveness.ANY_FRAME), protocol.heartbeat(endpoint));
        assertFalse(protocol.credits().isMetered());
    }

    @Test
    void symbolsAreCheckedBeforeTheyAreSent() {
        assertEquals(Optional.empty(), protocol.symbolProblem(new Subscription(Topics.QUOTES, "BTC-USD")));
        assertEquals(Optional.empty(), protocol.symbolProblem(new Subscription(Topics.TRADES, "1INCH-USDT")));
        for (String bad : List.of("btc-usd", "BTCUSD", "BTC-USD-PERP", "BTC_USD", "*")) {
            Optional<String> problem = protocol.symbolProblem(new Subscription(Topics.QUOTES, bad));
            assertTrue(problem.isPresent() && problem.get().contains("BASE-QUOTE"), bad + ": " + problem);
        }
        assertTrue(protocol.symbolProblem(new Subscription(Topics.BOOK, "BTC-USD")).orElseThrow()
                .contains("no topic 'book'"));
    }

    @Test
    void onlyABadKeyIsFatal() {
        Disposition badKey = protocol.classifyClose(4001, "invalid api key");
        assertEquals(Disposition.Kind.FATAL, badKey.kind());
        assertTrue(badKey.message().contains("SIMPLEJSON_API_KEY") && badKey.message().contains("invalid api key"),
                badKey.message());
        for (int code : new int[] {1000, 1001, 1006, 1011, 1012, 4000, 4002}) {
            assertEquals(Disposition.Kind.RETRY, protocol.classifyClose(code, "").kind(), "close " + code);
        }
    }

    @Test
    void refusedHandshakes() {
        Disposition unauthorized = protocol.classifyHandshake(401);
        assertEquals(Disposition.Kind.FATAL, unauthorized.kind());
        assertTrue(unauthorized.message().contains("SIMPLEJSON_API_KEY"), unauthorized.message());
        assertEquals(Duration.ofMinutes(1), protocol.classifyHandshake(429).minDelay());
        assertEquals(Disposition.Kind.RETRY, protocol.classifyHandshake(503).kind());
    }

    @Test
    void aNewSessionForEveryConnection() {
        SessionContext context = new SessionContext("simplejson/stream#1", protocol.endpoints().get(0));
        assertNotSame(protocol.openSession(context), protocol.openSession(context));
    }

    /** The defaults of {@code reference.conf}, enabled, with a key and {@code overrides}. */
    static ProviderSettings settings(Map<String, ?> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        values.put(SimplejsonConfigKeys.ENABLED, true);
        values.put(SimplejsonConfigKeys.API_KEY, CANARY);
        return SettingsAssertions.defaultsWith(SimplejsonProvider.ID, values);
    }
}
