package io.marketfeed.provider.tickatlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsProblem;
import io.marketfeed.api.protocol.CreditPolicy;
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
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings block: defaults from reference.conf, full mapping, and problem reporting. The common keys
 * ({@code heartbeat.*}, {@code limits.*}, {@code credits.on-forecast-exhaustion}/{@code priority}) are the host's
 * since SPI 1.3: their cases go through {@link ProviderHost#create}, as the runner makes providers.
 */
class TestTickAtlasSettings {

    private static final ReferenceConfig REFERENCE = ReferenceConfig.of(TickAtlasProvider.class, "tickatlas");

    static final String CANARY = "tk_test_FAKE_CANARY";
    private static final String WITH_KEY = "TICKATLAS_API_KEY = \"" + CANARY + "\"";

    /** The common keys whose defaults reference.conf declares; the host reads them. */
    private static final List<String> COMMON = List.of(CommonSettings.HEARTBEAT_INTERVAL,
            CommonSettings.HEARTBEAT_TIMEOUT, CommonSettings.MAX_SYMBOLS_PER_CONNECTION,
            CommonSettings.MAX_SYMBOLS_PER_FRAME, CommonSettings.MAX_CONNECTIONS, CommonSettings.MIN_CONTROL_GAP,
            CommonSettings.MIN_RECONNECT_GAP, CommonSettings.CREDITS_ON_FORECAST_EXHAUSTION,
            CommonSettings.CREDITS_PRIORITY);

    /** Every leaf key of the block: the provider's own and the common ones. */
    private static Set<String> allKeys() {
        Set<String> all = new TreeSet<>(TickAtlasConfigKeys.OWN);
        all.addAll(COMMON);
        return all;
    }

    @Test
    void referenceConfDeclaresExactlyTheKnownKeys() {
        Set<String> declared = REFERENCE.declaredPaths(WITH_KEY);
        assertEquals(allKeys(), declared);
    }

    @Test
    void defaults() {
        TickAtlasSettings settings = TickAtlasSettings.from(settings(REFERENCE.values(WITH_KEY)));
        assertEquals(new TickAtlasSettings(false, Secret.of(CANARY), URI.create("wss://tickatlas.com/ws/v1/quotes"),
                TickAtlasPlan.STARTER, List.of(), true, Duration.ofSeconds(10), false, 5, OptionalLong.empty()),
                settings);
        FeedProtocol hosted = hosted(REFERENCE.values(WITH_KEY));
        Endpoint quotes = hosted.endpoints().get(0);
        assertEquals(new HeartbeatSpec(Pinger.SERVER, Duration.ofSeconds(30), Duration.ofSeconds(75),
                Liveness.ANY_FRAME), hosted.heartbeat(quotes));
        assertEquals(new Limits(5, Limits.UNLIMITED, 2, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)),
                hosted.limits(quotes));
        assertEquals(CreditPolicy.warn(), hosted.creditPolicy());
    }

    @Test
    void theKeyComesFromTheEnvironmentVariable() {
        assertEquals(CANARY, REFERENCE.values(WITH_KEY).get(TickAtlasConfigKeys.API_KEY));
        assertFalse(REFERENCE.values("").containsKey(TickAtlasConfigKeys.API_KEY),
                "absent when the variable is unset");
    }

    @Test
    void disabledByDefaultSoNoKeyIsNeeded() {
        TickAtlasSettings settings = TickAtlasSettings.from(settings(REFERENCE.values("")));
        assertFalse(settings.enabled());
        assertTrue(settings.apiKey().isEmpty());
    }

    @Test
    void enabledWithoutAKeyAsksForTickAtlasApiKey() {
        SettingsException e = assertThrows(SettingsException.class, () -> TickAtlasSettings.from(settings(
                REFERENCE.values(REFERENCE.path() + ".enabled = true"))));
        assertEquals(List.of("api-key"), relativePaths(e), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("TICKATLAS_API_KEY"), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("Starter"), e.getMessage());
    }

    @Test
    void fullMapping() {
        Map<String, Object> values = new HashMap<>();
        values.put(TickAtlasConfigKeys.ENABLED, true);
        values.put(TickAtlasConfigKeys.API_KEY, CANARY);
        values.put(TickAtlasConfigKeys.ENDPOINT, "ws://127.0.0.1:8766/");
        values.put(TickAtlasConfigKeys.PLAN, "Pro");
        values.put(TickAtlasConfigKeys.SYMBOLS, List.of("EURUSD", "USDJPY", "XAUUSD"));
        values.put(TickAtlasConfigKeys.CANDLES, false);
        values.put(TickAtlasConfigKeys.AUTH_TIMEOUT, "3s");
        values.put(CommonSettings.HEARTBEAT_INTERVAL, "20s");
        values.put(CommonSettings.HEARTBEAT_TIMEOUT, "50s");
        values.put(TickAtlasConfigKeys.HEARTBEAT_CLIENT_PING, true);
        values.put(CommonSettings.MAX_SYMBOLS_PER_CONNECTION, 8);
        values.put(CommonSettings.MAX_SYMBOLS_PER_FRAME, 4);
        values.put(CommonSettings.MAX_CONNECTIONS, 1);
        values.put(CommonSettings.MIN_CONTROL_GAP, "100ms");
        values.put(CommonSettings.MIN_RECONNECT_GAP, "5s");
        values.put(TickAtlasConfigKeys.CREDITS_COST_PER_PUSH, 7);
        values.put(TickAtlasConfigKeys.CREDITS_DAILY_QUOTA, 120_000);
        values.put(CommonSettings.CREDITS_ON_FORECAST_EXHAUSTION, "trim");
        values.put(CommonSettings.CREDITS_PRIORITY, List.of("EURUSD"));
        assertEquals(allKeys(), new TreeSet<>(values.keySet()),
                "every key must be mapped here with a value other than its default");

        TickAtlasSettings settings = TickAtlasSettings.from(settings(values));
        assertEquals(new TickAtlasSettings(true, Secret.of(CANARY), URI.create("ws://127.0.0.1:8766/ws/v1/quotes"),
                TickAtlasPlan.PRO, List.of("EURUSD", "USDJPY", "XAUUSD"), false, Duration.ofSeconds(3), true, 7,
                OptionalLong.of(120_000)), settings);
        FeedProtocol hosted = hosted(values);
        Endpoint quotes = hosted.endpoints().get(0);
        assertEquals(new HeartbeatSpec(Pinger.CLIENT, Duration.ofSeconds(20), Duration.ofSeconds(50),
                Liveness.ANY_FRAME), hosted.heartbeat(quotes));
        assertEquals(new Limits(8, 4, 1, Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(5)),
                hosted.limits(quotes));
        assertEquals(new CreditPolicy(CreditPolicy.Mode.TRIM, List.of("EURUSD")), hosted.creditPolicy());
    }

    @Test
    void planDefaults() {
        assertEquals(new Limits(5, Limits.UNLIMITED, 2, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)),
                withOverrides("plan = starter").plan().limits());
        assertEquals(20, withOverrides("plan = pro").plan().limits().maxSymbolsPerConnection());
        assertEquals(100, withOverrides("plan = enterprise").plan().limits().maxSymbolsPerConnection());
        assertEquals(5, withOverrides("plan = starter").costPerPush());
        assertEquals(4, withOverrides("plan = pro").costPerPush());
        assertEquals(3, withOverrides("plan = enterprise").costPerPush());
        assertEquals(9, withOverrides("plan = pro, credits.cost-per-push = 9").costPerPush());
        assertEquals(0, withOverrides("credits.cost-per-push = 0").costPerPush(), "free is allowed");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, Object> values = REFERENCE.values(WITH_KEY);
        values.put(TickAtlasConfigKeys.ENDPOINT, "https://tickatlas.com");
        values.put(TickAtlasConfigKeys.PLAN, "free");
        values.put(TickAtlasConfigKeys.SYMBOLS, List.of("EURUSD", "EUR USD", "EURUSD", "ABCDEFGHIJKLMNOPQRSTU"));
        values.put(TickAtlasConfigKeys.AUTH_TIMEOUT, "0s");
        values.put(TickAtlasConfigKeys.CREDITS_COST_PER_PUSH, -1);
        values.put(TickAtlasConfigKeys.CREDITS_DAILY_QUOTA, 0);
        values.put(CommonSettings.HEARTBEAT_INTERVAL, "0s");
        values.put(CommonSettings.MAX_CONNECTIONS, 0);
        values.put(CommonSettings.CREDITS_ON_FORECAST_EXHAUSTION, "panic");
        SettingsException e = assertThrows(SettingsException.class, () -> hosted(values));
        assertEquals(List.of("limits.max-connections", "heartbeat.interval", "credits.on-forecast-exhaustion",
                "endpoint", "plan", "symbols", "symbols", "symbols", "auth-timeout", "credits.cost-per-push",
                "credits.daily-quota"), relativePaths(e), e.getMessage());
        String symbolProblems = e.problems().get(5).message() + " / " + e.problems().get(6).message() + " / "
                + e.problems().get(7).message();
        assertTrue(symbolProblems.contains("[1] 'EUR USD'") && symbolProblems.contains("[2] 'EURUSD' is listed twice")
                && symbolProblems.contains("[3] 'ABCDEFGHIJKLMNOPQRSTU'"), symbolProblems);
        assertTrue(e.problems().get(4).message().contains("starter, pro or enterprise"), e.getMessage());
        assertEquals(e.problems().subList(3, e.problems().size()),
                assertThrows(SettingsException.class, () -> TickAtlasSettings.from(settings(values))).problems(),
                "the provider reports its own keys only");
    }

    @Test
    void trimNeedsAPriorityList() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> hostedWith("credits.on-forecast-exhaustion = trim"));
        assertEquals(List.of("credits.priority"), relativePaths(e), e.getMessage());
    }

    @Test
    void wronglyTypedValuesAreProblemsTooNotExceptions() {
        Map<String, Object> values = REFERENCE.values(WITH_KEY);
        values.put(TickAtlasConfigKeys.ENABLED, "maybe");
        values.put(TickAtlasConfigKeys.CANDLES, "sometimes");
        values.put(TickAtlasConfigKeys.SYMBOLS, "EURUSD");
        values.put(CommonSettings.HEARTBEAT_TIMEOUT, "soon");
        values.put(TickAtlasConfigKeys.CREDITS_DAILY_QUOTA, "plenty");
        values.put(CommonSettings.MAX_SYMBOLS_PER_FRAME, "lots");
        values.put(CommonSettings.MAX_CONNECTIONS, -1);
        SettingsException e = assertThrows(SettingsException.class, () -> hosted(values));
        assertEquals(List.of("limits.max-symbols-per-frame", "limits.max-connections", "heartbeat.timeout",
                "enabled", "symbols", "candles", "credits.daily-quota"), relativePaths(e), e.getMessage());
        assertFalse(e.problems().get(3).message().startsWith("marketfeed."), "the path is not repeated");
    }

    @Test
    void settingsBuiltByHandMustSetEveryRequiredKey() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> TickAtlasSettings.from(settings(Map.of(TickAtlasConfigKeys.API_KEY, CANARY))));
        Set<String> required = new TreeSet<>(List.of("enabled", "endpoint", "plan", "symbols", "candles",
                "auth-timeout", "heartbeat.client-ping"));
        assertEquals(required, new TreeSet<>(relativePaths(e)), e.getMessage());
    }

    @Test
    void heartbeatTimeoutMustExceedTheInterval() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> hostedWith("heartbeat { interval = 30s, timeout = 30s }"));
        assertEquals(List.of("heartbeat.timeout"), relativePaths(e));
        withOverrides("heartbeat { interval = 30s, timeout = 30s }"); // the host's rule, not the provider's
    }

    /** A base URL gets the documented path; a URL with a path, such as the guide's, is dialled as written. */
    @ParameterizedTest
    @CsvSource({"wss://tickatlas.com, wss://tickatlas.com/ws/v1/quotes",
            "ws://localhost:8766, ws://localhost:8766/ws/v1/quotes",
            "WSS://tickatlas.com/, wss://tickatlas.com/ws/v1/quotes",
            "ws://[::1]:9000, ws://[::1]:9000/ws/v1/quotes",
            "wss://tickatlas.com/ws/v1/quotes, wss://tickatlas.com/ws/v1/quotes",
            "' wss://tickatlas.com/ws/v1/quotes ', wss://tickatlas.com/ws/v1/quotes",
            "ws://127.0.0.1:8766/ws/v1/quotes/, ws://127.0.0.1:8766/ws/v1/quotes/",
            "wss://proxy.example/tickatlas/ws/v1/quotes, wss://proxy.example/tickatlas/ws/v1/quotes"})
    void acceptedEndpoints(String endpoint, String dialled) {
        TickAtlasSettings settings = withOverrides("endpoint = \"" + endpoint + "\"");
        assertEquals(URI.create(dialled), settings.url());
        assertEquals(URI.create(dialled), new TickAtlasProtocol(settings).endpoints().get(0).uri());
    }

    /** The URL exactly as the streaming guide (seed 003) and protocols.md §3.2 give it. */
    @Test
    void theGuidesUrlIsUsedAsGiven() {
        TickAtlasSettings settings = withOverrides("enabled = true, symbols = [EURUSD], "
                + "endpoint = \"wss://tickatlas.com/ws/v1/quotes\"");
        assertEquals(URI.create("wss://tickatlas.com/ws/v1/quotes"),
                new TickAtlasProtocol(settings).endpoints().get(0).uri());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://tickatlas.com", "tickatlas.com", "wss://tickatlas.com/v1/stream",
            "wss://tickatlas.com/ws/v1/quotes?key=" + CANARY, "wss://tickatlas.com/?key=" + CANARY,
            "wss://" + CANARY + "@tickatlas.com", "wss://tickatlas.com#" + CANARY, "wss://", "",
            "wss://tick atlas.com"})
    void refusedEndpointsNeverQuoteTheirText(String endpoint) {
        SettingsException e = assertThrows(SettingsException.class,
                () -> withOverrides("endpoint = \"" + endpoint + "\""));
        assertTrue(relativePaths(e).stream().allMatch("endpoint"::equals), e.getMessage());
        assertFalse(e.getMessage().contains(CANARY), e.getMessage());
    }

    @Test
    void aQueryInTheEndpointIsExplained() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> withOverrides("endpoint = \"wss://tickatlas.com/ws/v1/quotes?key=" + CANARY + "\""));
        assertEquals(List.of("endpoint"), relativePaths(e), e.getMessage());
        assertEquals("must not have a query or fragment (the part from '?' or '#'): remove it and write the URL as "
                + "wss://tickatlas.com/ws/v1/quotes (or the base URL wss://tickatlas.com); the credential comes from "
                + "api-key (TICKATLAS_API_KEY), sent in the first message after connecting",
                e.problems().get(0).message());
    }

    @Test
    void theAnnouncedStreamSurfaceIsExplained() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> withOverrides("endpoint = \"wss://tickatlas.com/v1/stream\""));
        assertEquals(List.of("endpoint"), relativePaths(e), e.getMessage());
        assertTrue(e.getMessage().contains("coming soon") && e.getMessage().contains(
                "use the streaming guide's wss://tickatlas.com/ws/v1/quotes"), e.getMessage());
    }

    @Test
    void theKeyNeverShows() {
        TickAtlasSettings settings = withOverrides("");
        assertFalse(settings.toString().contains(CANARY), settings.toString());
        assertFalse(new TickAtlasProtocol(settings).endpoints().toString().contains(CANARY));

        Map<String, Object> values = REFERENCE.values("");
        values.put(TickAtlasConfigKeys.API_KEY, CANARY + " \n");
        values.put(TickAtlasConfigKeys.PLAN, "none");
        SettingsException e = assertThrows(SettingsException.class, () -> TickAtlasSettings.from(settings(values)));
        assertEquals(List.of("api-key", "plan"), relativePaths(e));
        assertFalse(e.getMessage().contains(CANARY), e.getMessage());
        for (SettingsProblem problem : e.problems()) {
            assertFalse(problem.toString().contains(CANARY), problem.toString());
        }
    }

    static TickAtlasSettings withOverrides(String hocon) {
        return TickAtlasSettings.from(settings(REFERENCE.values(WITH_KEY + "\n" + REFERENCE.path() + " { "
                + hocon + " }")));
    }

    /** The protocol as the host makes it, with the common keys checked and applied. */
    static FeedProtocol hostedWith(String hocon) {
        return hosted(REFERENCE.values(WITH_KEY + "\n" + REFERENCE.path() + " { " + hocon + " }"));
    }

    static FeedProtocol hosted(Map<String, ?> values) {
        return ProviderHost.create(new TickAtlasProvider(), settings(values));
    }

    static ProviderSettings settings(Map<String, ?> values) {
        return ProviderSettings.of(TickAtlasProvider.ID, values);
    }

    static List<String> relativePaths(SettingsException e) {
        String prefix = "marketfeed.providers.tickatlas.";
        return e.problems().stream().map(p -> p.path().substring(prefix.length())).collect(Collectors.toList());
    }
}
