package io.marketfeed.provider.sahmk;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsProblem;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.HeartbeatSpec.Liveness;
import io.marketfeed.api.protocol.HeartbeatSpec.Pinger;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.runtime.ProviderHost;
import io.marketfeed.testkit.ReferenceConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings block: defaults from reference.conf, full mapping, and problem reporting. The keys every provider
 * block has ({@code heartbeat.*}, {@code limits.*}) are the host's: where a test sets them, it makes the provider
 * through {@link ProviderHost}, as the runner does.
 */
class TestSahmkSettings {

    private static final ReferenceConfig REFERENCE = ReferenceConfig.of(SahmkProvider.class, "sahmk");

    static final String CANARY = "shmk_test_FAKE_CANARY123";
    private static final String WITH_KEY = "SAHMK_API_KEY = \"" + CANARY + "\"";
    /** The keys of the block the host reads, not the provider. */
    private static final List<String> HOST_KEYS = List.of(CommonSettings.HEARTBEAT_INTERVAL,
            CommonSettings.HEARTBEAT_TIMEOUT, CommonSettings.MAX_SYMBOLS_PER_CONNECTION,
            CommonSettings.MAX_SYMBOLS_PER_FRAME, CommonSettings.MAX_CONNECTIONS, CommonSettings.MIN_CONTROL_GAP,
            CommonSettings.MIN_RECONNECT_GAP);

    @Test
    void referenceConfDeclaresExactlyTheKnownKeys() {
        Set<String> declared = REFERENCE.declaredPaths(WITH_KEY);
        Set<String> known = new TreeSet<>(SahmkConfigKeys.ALL);
        known.addAll(HOST_KEYS);
        assertEquals(known, declared);
    }

    @Test
    void defaults() {
        SahmkSettings settings = SahmkSettings.from(settings(REFERENCE.values(WITH_KEY)));
        // Off by default: the runner enables a sahmk block that lists symbols (or says enabled = true).
        assertEquals(new SahmkSettings(false, Secret.of(CANARY), urls("wss://api.sahmk.sa"), SahmkPlan.PRO,
                List.of(), List.of(), new SahmkSettings.Depth(false, List.of(), 5),
                new SahmkSettings.Trades(false, List.of()), "", Duration.ofSeconds(10)), settings);
        FeedProtocol hosted = ProviderHost.create(new SahmkProvider(), settings(REFERENCE.values(WITH_KEY)));
        Endpoint quotes = hosted.endpoints().get(0);
        assertEquals(new HeartbeatSpec(Pinger.CLIENT, Duration.ofSeconds(30), Duration.ofSeconds(90),
                Liveness.ANY_FRAME), hosted.heartbeat(quotes));
        assertEquals(new Limits(60, 20, 10, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)), hosted.limits(quotes));
    }

    @Test
    void theKeyComesFromTheEnvironmentVariable() {
        assertEquals(CANARY, REFERENCE.values(WITH_KEY).get(SahmkConfigKeys.API_KEY));
        assertFalse(REFERENCE.values("").containsKey(SahmkConfigKeys.API_KEY), "absent when the variable is unset");
    }

    @Test
    void enabledWithoutAKeyAsksForSahmkApiKey() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> SahmkSettings.from(settings(REFERENCE.values(REFERENCE.path() + ".enabled = true"))));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("marketfeed.providers.sahmk.api-key", e.problems().get(0).path());
        assertTrue(e.problems().get(0).message().contains("SAHMK_API_KEY"), e.getMessage());
    }

    @Test
    void aDisabledProviderNeedsNoKey() {
        SahmkSettings settings = SahmkSettings.from(settings(REFERENCE.values(REFERENCE.path()
                + ".enabled = false")));
        assertFalse(settings.enabled());
        assertTrue(settings.apiKey().isEmpty());
    }

    @Test
    void fullMapping() {
        Map<String, Object> values = new HashMap<>();
        values.put(SahmkConfigKeys.ENABLED, false);
        values.put(SahmkConfigKeys.API_KEY, CANARY);
        values.put(SahmkConfigKeys.ENDPOINT, "wss://app.sahmk.sa:8443/");
        values.put(SahmkConfigKeys.ENDPOINTS_QUOTES, "wss://app.sahmk.sa/ws/v1/stocks/");
        values.put(SahmkConfigKeys.ENDPOINTS_DEPTH, "wss://depth.example/sahmk/depth");
        values.put(SahmkConfigKeys.ENDPOINTS_TRADES, "ws://127.0.0.1:9000");
        values.put(SahmkConfigKeys.PLAN, "Enterprise");
        values.put(SahmkConfigKeys.SYMBOLS, List.of("*"));
        values.put(SahmkConfigKeys.FALLBACK_SYMBOLS, List.of("2222", "1120"));
        values.put(SahmkConfigKeys.DEPTH_ENABLED, true);
        values.put(SahmkConfigKeys.DEPTH_SYMBOLS, List.of("2222"));
        values.put(SahmkConfigKeys.DEPTH_LEVELS, 20);
        values.put(SahmkConfigKeys.TRADES_ENABLED, true);
        values.put(SahmkConfigKeys.TRADES_SYMBOLS, List.of("1120", "2010"));
        values.put(SahmkConfigKeys.ORIGIN, "https://example.org");
        values.put(SahmkConfigKeys.READY_TIMEOUT, "3s");
        values.put(CommonSettings.HEARTBEAT_INTERVAL, "15s");
        values.put(CommonSettings.HEARTBEAT_TIMEOUT, "2m");
        values.put(CommonSettings.MAX_SYMBOLS_PER_CONNECTION, 150);
        values.put(CommonSettings.MAX_SYMBOLS_PER_FRAME, 50);
        values.put(CommonSettings.MAX_CONNECTIONS, 3);
        values.put(CommonSettings.MIN_CONTROL_GAP, "100ms");
        values.put(CommonSettings.MIN_RECONNECT_GAP, "5s");
        assertEquals(REFERENCE.declaredPaths(WITH_KEY), new TreeSet<>(values.keySet()),
                "every key must be mapped here with a value other than its default");

        SahmkSettings settings = SahmkSettings.from(settings(values));
        assertEquals(new SahmkSettings(false, Secret.of(CANARY), Map.of(
                "quotes", URI.create("wss://app.sahmk.sa/ws/v1/stocks/"),
                "depth", URI.create("wss://depth.example/sahmk/depth"),
                "trades", URI.create("ws://127.0.0.1:9000/ws/v1/market/trades/")),
                SahmkPlan.ENTERPRISE, List.of("*"), List.of("2222", "1120"),
                new SahmkSettings.Depth(true, List.of("2222"), 20),
                new SahmkSettings.Trades(true, List.of("1120", "2010")),
                "https://example.org", Duration.ofSeconds(3)), settings);
        FeedProtocol hosted = ProviderHost.create(new SahmkProvider(), settings(values));
        for (Endpoint endpoint : hosted.endpoints()) {
            assertEquals(new HeartbeatSpec(Pinger.CLIENT, Duration.ofSeconds(15), Duration.ofMinutes(2),
                    Liveness.ANY_FRAME), hosted.heartbeat(endpoint));
            assertEquals(new Limits(150, 50, 3, Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(5)),
                    hosted.limits(endpoint));
        }
    }

    @Test
    void planDefaults() {
        assertEquals(new Limits(60, 20, 10, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)),
                hostedLimits("plan = pro"));
        assertEquals(new Limits(120, 40, 10, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)),
                hostedLimits("plan = business"));
        assertEquals(new Limits(200, 20, 10, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)),
                hostedLimits("plan = enterprise"));
        assertEquals(new Limits(60, 5, 10, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)),
                hostedLimits("plan = pro, limits.max-symbols-per-frame = 5"), "one override, the rest kept");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, Object> values = REFERENCE.values(WITH_KEY);
        values.put(SahmkConfigKeys.ENDPOINT, "https://api.sahmk.sa");
        values.put(SahmkConfigKeys.PLAN, "gold");
        values.put(SahmkConfigKeys.SYMBOLS, List.of("2222", "22 22", "*", "ABCDEFGHIJKLM"));
        values.put(SahmkConfigKeys.FALLBACK_SYMBOLS, List.of("*"));
        values.put(SahmkConfigKeys.DEPTH_SYMBOLS, List.of("*"));
        values.put(SahmkConfigKeys.DEPTH_LEVELS, 21);
        values.put(SahmkConfigKeys.TRADES_SYMBOLS, List.of("a,b"));
        values.put(SahmkConfigKeys.READY_TIMEOUT, "0s");
        values.put(CommonSettings.HEARTBEAT_INTERVAL, "0s");
        values.put(CommonSettings.MAX_CONNECTIONS, 0);
        values.put(CommonSettings.MIN_RECONNECT_GAP, Duration.ofSeconds(-1));
        SettingsException e = assertThrows(SettingsException.class, () -> hosted(values));
        assertEquals(List.of("limits.max-connections", "heartbeat.interval", "limits.min-reconnect-gap", "endpoint",
                "plan", "symbols", "symbols", "fallback-symbols", "depth.symbols", "depth.levels", "trades.symbols",
                "ready-timeout"), relativePaths(e), e.getMessage());
        String symbolProblems = e.problems().get(5).message() + " / " + e.problems().get(6).message();
        assertTrue(symbolProblems.contains("[1] '22 22'") && symbolProblems.contains("[3] 'ABCDEFGHIJKLM'"),
                symbolProblems);
        assertEquals(List.of("endpoint", "plan", "symbols", "symbols", "fallback-symbols", "depth.symbols",
                "depth.levels", "trades.symbols", "ready-timeout"), relativePaths(assertThrows(SettingsException.class,
                () -> SahmkSettings.from(settings(values)))), "the provider checks only its own keys");
    }

    @Test
    void wronglyTypedValuesAreProblemsTooNotExceptions() {
        Map<String, Object> values = REFERENCE.values(WITH_KEY);
        values.put(SahmkConfigKeys.ENABLED, "maybe");
        values.put(SahmkConfigKeys.DEPTH_LEVELS, "many");
        values.put(SahmkConfigKeys.SYMBOLS, "2222");
        values.put(CommonSettings.HEARTBEAT_TIMEOUT, "soon");
        values.put(CommonSettings.MAX_SYMBOLS_PER_FRAME, "lots");
        values.put(CommonSettings.MAX_CONNECTIONS, -1);
        SettingsException e = assertThrows(SettingsException.class, () -> hosted(values));
        assertEquals(List.of("limits.max-symbols-per-frame", "limits.max-connections", "heartbeat.timeout", "enabled",
                "symbols", "depth.levels"), relativePaths(e), e.getMessage());
        assertFalse(e.problems().get(3).message().startsWith("marketfeed."), "the path is not repeated");
    }

    @Test
    void settingsBuiltByHandMustSetEveryKeyButTheHosts() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> hosted(Map.of(SahmkConfigKeys.API_KEY, CANARY)));
        Set<String> required = new TreeSet<>(List.of("enabled", "endpoint", "plan", "symbols", "fallback-symbols",
                "depth.enabled", "depth.symbols", "depth.levels", "trades.enabled", "trades.symbols", "ready-timeout"));
        assertEquals(required, new TreeSet<>(relativePaths(e)), e.getMessage());
    }

    @Test
    void heartbeatTimeoutMustExceedTheInterval() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> ProviderHost.create(new SahmkProvider(), block("heartbeat { interval = 30s, timeout = 30s }")));
        assertEquals(List.of("heartbeat.timeout"), relativePaths(e));
    }

    @Test
    void aWholeMarketOutsideQuotesOrASymbolListedTwiceIsExplained() {
        SettingsException e = assertThrows(SettingsException.class, () -> withOverrides(
                "symbols = [\"2222\", \"*\", \"2222\"], depth.symbols = [\"*\"]"));
        assertEquals(List.of("symbols", "depth.symbols"), relativePaths(e), e.getMessage());
        assertEquals("entry [2] '2222' is listed twice", e.problems().get(0).message());
        assertEquals("entry [0] '*' is not a SAHMK symbol; expected 1-12 characters of 0-9, A-Z, a-z, '.', '_' or "
                + "'-' (for example 2222); '*' (the whole market) is only possible in symbols (quotes)",
                e.problems().get(1).message());
    }

    /** A base URL gets each channel's documented path; a documented channel URL is used as given. */
    @ParameterizedTest
    @CsvSource({"wss://api.sahmk.sa, wss://api.sahmk.sa/ws/v1/stocks/",
            "wss://app.sahmk.sa, wss://app.sahmk.sa/ws/v1/stocks/",
            "ws://localhost:8080, ws://localhost:8080/ws/v1/stocks/",
            "WSS://api.sahmk.sa/, wss://api.sahmk.sa/ws/v1/stocks/",
            "wss://app.sahmk.sa/ws/v1/stocks/, wss://app.sahmk.sa/ws/v1/stocks/",
            "wss://api.sahmk.sa/ws/v1/stocks, wss://api.sahmk.sa/ws/v1/stocks",
            "wss://proxy.example/sahmk/ws/v1/stocks/, wss://proxy.example/sahmk/ws/v1/stocks/",
            "wss://proxy.example/sahmk-quotes, wss://proxy.example/sahmk-quotes"})
    void acceptedEndpoints(String endpoint, String quotes) {
        SahmkSettings settings = withOverrides("endpoint = \"" + endpoint + "\"");
        assertEquals(URI.create(quotes), settings.url(SahmkChannel.QUOTES));
    }

    /**
     * Issue 16: the URLs exactly as SAHMK documents them (protocols.md §1.2: the docs page's
     * {@code wss://app.sahmk.sa/ws/v1/stocks/}, the SDK's {@code WS_URL}, {@code DEPTH_WS_URL} and
     * {@code TRADES_WS_URL}), each without its {@code ?api_key=KEY}.
     */
    @Test
    void theDocumentedUrlsAreUsedAsGiven() {
        String channels = "depth { enabled = true, symbols = [\"2222\"] }, trades { enabled = true, symbols = [] }";
        assertEquals(urls("wss://app.sahmk.sa"), dialled(withOverrides(channels
                + ", endpoint = \"wss://app.sahmk.sa/ws/v1/stocks/\"")), "the docs page's quotes URL");
        assertEquals(urls("wss://api.sahmk.sa"), dialled(withOverrides(channels
                + ", endpoint = \"wss://api.sahmk.sa/ws/v1/market/depth/\"")), "the SDK's depth URL");
        assertEquals(urls("wss://api.sahmk.sa"), dialled(withOverrides(channels + ", endpoints { "
                + "quotes = \"wss://api.sahmk.sa/ws/v1/stocks/\", depth = \"wss://api.sahmk.sa/ws/v1/market/depth/\", "
                + "trades = \"wss://api.sahmk.sa/ws/v1/market/trades/\" }")), "each channel's URL in endpoints");
        assertEquals(Map.of("quotes", URI.create("wss://api.sahmk.sa/ws/v1/stocks/"),
                "depth", URI.create("wss://app.sahmk.sa/ws/v1/market/depth/"),
                "trades", URI.create("wss://api.sahmk.sa/ws/v1/market/trades/")),
                dialled(withOverrides(channels + ", endpoints.depth = \"wss://app.sahmk.sa\"")),
                "a base URL in endpoints.depth gets the depth path; the others come from endpoint");
    }

    @Test
    void aPathThatIsNoChannelsCannotServeSeveralChannels() {
        SettingsException e = assertThrows(SettingsException.class, () -> withOverrides(
                "endpoint = \"wss://proxy.example/sahmk-quotes\", trades { enabled = true, symbols = [] }"));
        assertEquals(List.of("endpoint"), relativePaths(e), e.getMessage());
        assertEquals("has a path that is none of the documented ones (/ws/v1/stocks/, /ws/v1/market/depth/, "
                + "/ws/v1/market/trades/), so it cannot serve quotes and trades at once; write the base URL such as "
                + "wss://api.sahmk.sa, or a documented URL such as wss://api.sahmk.sa/ws/v1/stocks/ (the others are "
                + "derived from it), or give each its URL in endpoints.quotes and endpoints.trades",
                e.problems().get(0).message());
        assertEquals(URI.create("ws://127.0.0.1:1/t"), withOverrides("endpoint = \"wss://proxy.example/sahmk-quotes\", "
                + "trades { enabled = true, symbols = [] }, endpoints.trades = \"ws://127.0.0.1:1/t\"")
                .url(SahmkChannel.TRADES), "fine once the other channel has its own URL");
    }

    @Test
    void aPastedKeyOrAnUnknownChannelIsExplained() {
        SettingsException e = assertThrows(SettingsException.class, () -> withOverrides(
                "endpoint = \"wss://app.sahmk.sa/ws/v1/stocks/?api_key=" + CANARY + "\", endpoints.stocks = "
                        + "\"wss://api.sahmk.sa/ws/v1/stocks/\""));
        assertEquals(List.of("endpoints.stocks", "endpoint"), relativePaths(e), e.getMessage());
        assertEquals("is not an endpoint of this provider; the endpoints are quotes, depth, trades "
                + "(endpoints.quotes, endpoints.depth, endpoints.trades)", e.problems().get(0).message());
        assertEquals("must not have a query or fragment (the part from '?' or '#'): remove it and write the URL as "
                + "wss://api.sahmk.sa or wss://api.sahmk.sa/ws/v1/stocks/; the credential comes from api-key "
                + "(SAHMK_API_KEY), which is added as ?api_key= when connecting", e.problems().get(1).message());
        assertFalse(e.getMessage().contains(CANARY), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.sahmk.sa", "api.sahmk.sa",
            "wss://api.sahmk.sa/ws/v1/stocks/?api_key=" + CANARY, "wss://api.sahmk.sa/?api_key=" + CANARY,
            "wss://" + CANARY + "@api.sahmk.sa",
            "wss://api.sahmk.sa#" + CANARY, "wss://", "", "wss://api sahmk.sa"})
    void refusedEndpointsNeverQuoteTheirText(String endpoint) {
        SettingsException e = assertThrows(SettingsException.class,
                () -> withOverrides("endpoint = \"" + endpoint + "\""));
        assertTrue(relativePaths(e).stream().allMatch("endpoint"::equals), e.getMessage());
        assertFalse(e.getMessage().contains(CANARY), e.getMessage());
    }

    @Test
    void theKeyNeverShows() {
        SahmkSettings settings = withOverrides("");
        assertFalse(settings.toString().contains(CANARY), settings.toString());
        assertFalse(new SahmkProtocol(settings).endpoints().toString().contains(CANARY));

        Map<String, Object> values = REFERENCE.values("");
        values.put(SahmkConfigKeys.API_KEY, CANARY + " \n");
        values.put(SahmkConfigKeys.PLAN, "none");
        SettingsException e = assertThrows(SettingsException.class, () -> SahmkSettings.from(settings(values)));
        assertEquals(List.of("api-key", "plan"), relativePaths(e));
        assertFalse(e.getMessage().contains(CANARY), e.getMessage());
        for (SettingsProblem problem : e.problems()) {
            assertFalse(problem.toString().contains(CANARY), problem.toString());
        }
    }

    @Test
    void aBlankOriginMeansNone() {
        assertFalse(withOverrides("origin = \"  \"").hasOrigin());
        assertEquals("https://example.org", withOverrides("origin = \"https://example.org\"").origin());
    }

    /** Each channel's documented path on {@code base}. */
    static Map<String, URI> urls(String base) {
        return Map.of("quotes", URI.create(base + "/ws/v1/stocks/"), "depth", URI.create(base + "/ws/v1/market/depth/"),
                "trades", URI.create(base + "/ws/v1/market/trades/"));
    }

    /** The URL each endpoint of the protocol dials. */
    private static Map<String, URI> dialled(SahmkSettings settings) {
        Map<String, URI> out = new HashMap<>();
        new SahmkProtocol(settings).endpoints().forEach(endpoint -> out.put(endpoint.id(), endpoint.uri()));
        return out;
    }

    static SahmkSettings withOverrides(String hocon) {
        return SahmkSettings.from(block(hocon));
    }

    /** The reference block with the key and {@code hocon} inside it. */
    static ProviderSettings block(String hocon) {
        return settings(REFERENCE.values(WITH_KEY + "\n" + REFERENCE.path() + " { " + hocon + " }"));
    }

    /** The provider made as the runner makes it: the host checks and applies the common keys. */
    private static FeedProtocol hosted(Map<String, ?> values) {
        return ProviderHost.create(new SahmkProvider(), settings(values));
    }

    /** The quotes endpoint's limits, the configured ones over the plan's. */
    private static Limits hostedLimits(String hocon) {
        FeedProtocol protocol = ProviderHost.create(new SahmkProvider(), block(hocon));
        return protocol.limits(protocol.endpoints().get(0));
    }

    static ProviderSettings settings(Map<String, ?> values) {
        return ProviderSettings.of(SahmkProvider.ID, values);
    }

    private static List<String> relativePaths(SettingsException e) {
        String prefix = "marketfeed.providers.sahmk.";
        return e.problems().stream().map(p -> p.path().substring(prefix.length())).collect(Collectors.toList());
    }
}
