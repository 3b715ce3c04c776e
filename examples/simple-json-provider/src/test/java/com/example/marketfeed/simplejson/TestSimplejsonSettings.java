package com.example.marketfeed.simplejson;

import static io.marketfeed.testkit.SettingsAssertions.assertDefaults;
import static io.marketfeed.testkit.SettingsAssertions.assertFullMapping;
import static io.marketfeed.testkit.SettingsAssertions.assertInvalid;
import static io.marketfeed.testkit.SettingsAssertions.defaultsWith;
import static io.marketfeed.testkit.SettingsAssertions.referenceDefaults;
import static io.marketfeed.testkit.SettingsAssertions.referenceKeys;
import static io.marketfeed.testkit.SettingsAssertions.relativePaths;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.HeartbeatSpec.Liveness;
import io.marketfeed.api.protocol.HeartbeatSpec.Pinger;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.SettingsAssertions;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The settings block: reference.conf defaults, full mapping, and every problem reported at once. */
class TestSimplejsonSettings {

    private static final String CANARY = "sj_CANARY_0815";
    private static final String ID = SimplejsonProvider.ID;

    private final SimplejsonProvider provider = new SimplejsonProvider();

    @Test
    void referenceConfDeclaresExactlyTheKnownKeys() {
        assertEquals(new TreeSet<>(SimplejsonConfigKeys.ALL), referenceKeys(ID));
    }

    @Test
    void defaults() {
        FeedProtocol protocol = assertDefaults(provider, Map.of(SimplejsonConfigKeys.API_KEY, CANARY));
        Endpoint endpoint = protocol.endpoints().get(0);
        assertEquals(URI.create("wss://stream.example.com/v1/ws"), endpoint.uri());
        assertEquals(Optional.of(Secret.of(CANARY)), endpoint.auth().secret());
        assertEquals(List.of(), protocol.configuredSubscriptions());
        assertEquals(new HeartbeatSpec(Pinger.CLIENT, Duration.ofSeconds(15), Duration.ofSeconds(45),
                Liveness.ANY_FRAME), protocol.heartbeat(endpoint));
        assertEquals(new Limits(200, 50, 5, Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(1)),
                protocol.limits(endpoint));
        assertEquals(false, referenceDefaults(ID).get(SimplejsonConfigKeys.ENABLED), "off until configured");
    }

    @Test
    void fullMapping() {
        Map<String, Object> values = new HashMap<>();
        values.put(SimplejsonConfigKeys.ENABLED, true);
        values.put(SimplejsonConfigKeys.API_KEY, CANARY);
        values.put(SimplejsonConfigKeys.ENDPOINT, "ws://127.0.0.1:8765/feed");
        values.put(SimplejsonConfigKeys.SYMBOLS, List.of("BTC-USD", "ETH-USD"));
        values.put(SimplejsonConfigKeys.TRADE_SYMBOLS, List.of("SOL-USD"));
        values.put(CommonSettings.HEARTBEAT_INTERVAL, "5s");
        values.put(CommonSettings.HEARTBEAT_TIMEOUT, "20s");
        values.put(CommonSettings.MAX_SYMBOLS_PER_CONNECTION, 100);
        values.put(CommonSettings.MAX_SYMBOLS_PER_FRAME, 25);
        values.put(CommonSettings.MAX_CONNECTIONS, 2);
        values.put(CommonSettings.MIN_CONTROL_GAP, "250ms");
        values.put(CommonSettings.MIN_RECONNECT_GAP, "5s");

        // Through the host, as the runner makes it: heartbeat.* and limits.* are applied over the declared facts.
        FeedProtocol protocol = assertFullMapping(provider, values);
        Endpoint endpoint = protocol.endpoints().get(0);
        SimplejsonSettings settings = SimplejsonSettings.from(ProviderSettings.of(ID, values));
        assertTrue(settings.enabled());
        assertEquals(Optional.of(Secret.of(CANARY)), endpoint.auth().secret());
        assertEquals(URI.create("ws://127.0.0.1:8765/feed"), endpoint.uri());
        assertEquals(List.of(new Subscription(Topics.QUOTES, "BTC-USD"), new Subscription(Topics.QUOTES, "ETH-USD"),
                new Subscription(Topics.TRADES, "SOL-USD")), protocol.configuredSubscriptions());
        assertEquals(new HeartbeatSpec(Pinger.CLIENT, Duration.ofSeconds(5), Duration.ofSeconds(20),
                Liveness.ANY_FRAME), protocol.heartbeat(endpoint));
        assertEquals(new Limits(100, 25, 2, Duration.ofMillis(250), Duration.ZERO, Duration.ofSeconds(5)),
                protocol.limits(endpoint));
    }

    @Test
    void withoutAKeyTheDefaultsAskForTheEnvironmentVariable() {
        SettingsException e = assertInvalid(provider, defaultsWith(ID, Map.of(SimplejsonConfigKeys.ENABLED, true)));
        assertEquals(List.of("api-key"), relativePaths(ID, e));
        assertTrue(e.problems().get(0).message().contains("SIMPLEJSON_API_KEY"), e.getMessage());
    }

    @Test
    void theKeyComesFromTheEnvironmentVariable() {
        Config reference = ConfigFactory.parseResources("reference.conf");
        Config withVariable = ConfigFactory.parseMap(Map.of("SIMPLEJSON_API_KEY", CANARY)).withFallback(reference)
                .resolve(ConfigResolveOptions.noSystem());
        Config withoutVariable = reference.resolve(ConfigResolveOptions.noSystem());
        String path = SettingsAssertions.blockPath(ID) + "." + SimplejsonConfigKeys.API_KEY;
        assertEquals(CANARY, withVariable.getString(path));
        assertTrue(withoutVariable.hasPathOrNull(path) && withoutVariable.getIsNull(path),
                "declared, and null, when the variable is unset");
    }

    @Test
    void aDisabledProviderNeedsNoKey() {
        SimplejsonSettings settings = SimplejsonSettings.from(defaultsWith(ID, Map.of()));
        assertFalse(settings.enabled());
        assertTrue(settings.apiKey().isEmpty());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, Object> values = new HashMap<>();
        values.put(SimplejsonConfigKeys.ENABLED, true);
        values.put(SimplejsonConfigKeys.ENDPOINT, "https://stream.example.com");
        values.put(SimplejsonConfigKeys.SYMBOLS, List.of("BTC-USD", "btc-usd", "BTCUSD"));
        values.put(SimplejsonConfigKeys.TRADE_SYMBOLS, List.of("*"));
        values.put(CommonSettings.HEARTBEAT_INTERVAL, "0s");
        values.put(CommonSettings.MAX_SYMBOLS_PER_FRAME, 0);
        values.put(CommonSettings.MIN_CONTROL_GAP, Duration.ofMillis(-1));
        SettingsException e = assertInvalid(provider, defaultsWith(ID, values));
        // The host's problems with its keys first, then the provider's own.
        assertEquals(List.of("limits.max-symbols-per-frame", "heartbeat.interval", "limits.min-control-gap",
                "api-key", "endpoint", "symbols", "symbols", "trade-symbols"), relativePaths(ID, e), e.getMessage());
        assertTrue(e.problems().get(5).message().contains("[1] 'btc-usd'"), e.problems().get(5).message());
    }

    @Test
    void wronglyTypedValuesAreProblemsTooNotExceptions() {
        Map<String, Object> values = new HashMap<>();
        values.put(SimplejsonConfigKeys.API_KEY, CANARY);
        values.put(SimplejsonConfigKeys.ENABLED, "maybe");
        values.put(SimplejsonConfigKeys.SYMBOLS, "BTC-USD");
        values.put(CommonSettings.HEARTBEAT_TIMEOUT, "soon");
        values.put(CommonSettings.MAX_CONNECTIONS, "lots");
        values.put(CommonSettings.MIN_RECONNECT_GAP, "never");
        SettingsException e = assertInvalid(provider, defaultsWith(ID, values));
        assertEquals(List.of("limits.max-connections", "heartbeat.timeout", "limits.min-reconnect-gap", "enabled",
                "symbols"), relativePaths(ID, e), e.getMessage());
        assertFalse(e.problems().get(3).message().startsWith("marketfeed."), "the path is not repeated");
    }

    @Test
    void settingsBuiltByHandMustSetEveryRequiredKey() {
        SettingsException e = assertInvalid(provider, ProviderSettings.of(ID, Map.of(SimplejsonConfigKeys.API_KEY,
                CANARY)));
        assertEquals(List.of("enabled", "endpoint", "symbols", "trade-symbols"), relativePaths(ID, e),
                e.getMessage());
    }

    @Test
    void heartbeatAndLimitsAreTheHostsToCheck() {
        ProviderSettings settings = defaultsWith(ID, Map.of(SimplejsonConfigKeys.API_KEY, CANARY,
                CommonSettings.HEARTBEAT_INTERVAL, "30s", CommonSettings.HEARTBEAT_TIMEOUT, "30s",
                CommonSettings.MAX_CONNECTIONS, 0));
        FeedProtocol declared = provider.create(settings);
        assertEquals(SimplejsonProtocol.HEARTBEAT, declared.heartbeat(declared.endpoints().get(0)),
                "the provider neither reads nor checks them");
        SettingsException e = assertInvalid(provider, settings);
        assertEquals(List.of("limits.max-connections", "heartbeat.timeout"), relativePaths(ID, e));
    }

    @Test
    void aSymbolListedTwiceIsAProblem() {
        SettingsException e = assertInvalid(provider, defaultsWith(ID, Map.of(SimplejsonConfigKeys.API_KEY, CANARY,
                SimplejsonConfigKeys.SYMBOLS, List.of("BTC-USD", "ETH-USD", "BTC-USD"))));
        assertEquals(List.of("symbols"), relativePaths(ID, e));
        assertTrue(e.getMessage().contains("entry [2] 'BTC-USD' is listed twice"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"wss://stream.example.com/v1/ws", "ws://localhost:8080", "WSS://stream.example.com",
            " ws://127.0.0.1:8765/feed "})
    void acceptedEndpoints(String endpoint) {
        assertDefaults(provider, Map.of(SimplejsonConfigKeys.API_KEY, CANARY, SimplejsonConfigKeys.ENDPOINT, endpoint));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://stream.example.com", "stream.example.com", "wss://" + CANARY + "@example.com",
            "wss://example.com/#" + CANARY, "wss://example.com/v1/ws?api_key=" + CANARY, "wss://", "",
            "wss://exa mple.com/" + CANARY})
    void refusedEndpointsNeverQuoteTheirText(String endpoint) {
        SettingsException e = assertInvalid(provider, defaultsWith(ID, Map.of(SimplejsonConfigKeys.API_KEY, "k",
                SimplejsonConfigKeys.ENDPOINT, endpoint)));
        assertEquals(List.of("endpoint"), relativePaths(ID, e).stream().distinct().toList(), e.getMessage());
        assertFalse(e.getMessage().contains(CANARY), e.getMessage());
    }

    @Test
    void theKeyNeverShows() {
        SimplejsonSettings settings = SimplejsonSettings.from(defaultsWith(ID, Map.of(SimplejsonConfigKeys.API_KEY,
                CANARY)));
        assertFalse(settings.toString().contains(CANARY), settings.toString());

        SettingsException e = assertInvalid(provider, defaultsWith(ID, Map.of(SimplejsonConfigKeys.API_KEY,
                CANARY + "\n")));
        assertEquals(List.of("api-key"), relativePaths(ID, e));
        assertFalse(e.getMessage().contains(CANARY), e.getMessage());
    }
}
