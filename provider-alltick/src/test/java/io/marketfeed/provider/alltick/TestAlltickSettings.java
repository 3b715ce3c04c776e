package io.marketfeed.provider.alltick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings block: defaults from reference.conf, full mapping, and problem reporting. The keys every provider
 * has ({@code heartbeat.*}, {@code limits.*}) are checked and applied by the host: those cases go through
 * {@link ProviderHost}, as the runner does.
 */
class TestAlltickSettings {

    private static final ReferenceConfig REFERENCE = ReferenceConfig.of(AlltickProvider.class, "alltick");

    static final String CANARY = "alltick-CANARY-token-123";
    private static final String WITH_TOKEN = "ALLTICK_TOKEN = \"" + CANARY + "\", " + REFERENCE.path()
            + ".enabled = true";

    @Test
    void referenceConfDeclaresExactlyTheKnownKeys() {
        assertEquals(new TreeSet<>(AlltickConfigKeys.ALL), REFERENCE.declaredPaths(WITH_TOKEN));
        assertTrue(REFERENCE.block("").getObject(AlltickConfigKeys.ROUTES).isEmpty(),
                "routes is an empty object: an open map the runner accepts any code in");
    }

    @Test
    void defaults() {
        AlltickSettings settings = AlltickSettings.from(settings(REFERENCE.values(WITH_TOKEN)));
        assertEquals(new AlltickSettings(true, Secret.of(CANARY), urls("wss://quote.alltick.co"),
                AlltickPlan.FREE, List.of(), new AlltickSettings.Depth(List.of(), 5), Map.of(),
                new Limits(5, 5, 1, Duration.ofMillis(1100), Duration.ofMillis(3100), Duration.ofSeconds(10))
                        .withPerTopic(true),
                Duration.ofMillis(100), Duration.ofSeconds(60)), settings);
        FeedProtocol hosted = hosted(REFERENCE.values(WITH_TOKEN));
        for (Endpoint endpoint : hosted.endpoints()) {
            assertEquals(settings.limits(), hosted.limits(endpoint), "reference.conf overrides nothing");
            assertEquals(new HeartbeatSpec(Pinger.CLIENT, Duration.ofSeconds(10), Duration.ofSeconds(30),
                    Liveness.ANY_FRAME), hosted.heartbeat(endpoint));
        }
    }

    @Test
    void offUnlessConfiguredAndThenNeedsNoToken() {
        AlltickSettings settings = AlltickSettings.from(settings(REFERENCE.values("")));
        assertFalse(settings.enabled());
        assertTrue(settings.token().isEmpty());
    }

    @Test
    void theTokenComesFromTheEnvironmentVariable() {
        assertEquals(CANARY, REFERENCE.values(WITH_TOKEN).get(AlltickConfigKeys.TOKEN));
        SettingsException e = assertThrows(SettingsException.class, () -> AlltickSettings.from(settings(
                REFERENCE.values(REFERENCE.path() + ".enabled = true"))));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("marketfeed.providers.alltick.token", e.problems().get(0).path());
        assertTrue(e.problems().get(0).message().contains("ALLTICK_TOKEN"), e.getMessage());
    }

    @Test
    void fullMapping() {
        Map<String, Object> values = new HashMap<>();
        values.put(AlltickConfigKeys.ENABLED, true);
        values.put(AlltickConfigKeys.TOKEN, CANARY);
        values.put(AlltickConfigKeys.ENDPOINT, "wss://quote.alltick.io:8443/");
        values.put(AlltickConfigKeys.ENDPOINTS_STOCK, "wss://quote.alltick.io/quote-stock-b-ws-api");
        values.put(AlltickConfigKeys.ENDPOINTS_OTHER, "ws://127.0.0.1:9000/other");
        values.put(AlltickConfigKeys.PLAN, "Advanced");
        values.put(AlltickConfigKeys.TRADES_SYMBOLS, List.of("AAPL.US", "EURUSD"));
        values.put(AlltickConfigKeys.DEPTH_SYMBOLS, List.of("700.HK"));
        values.put(AlltickConfigKeys.DEPTH_LEVELS, 10);
        values.put(AlltickConfigKeys.HEARTBEAT_INTERVAL, "5s");
        values.put(AlltickConfigKeys.HEARTBEAT_TIMEOUT, "20s");
        values.put(AlltickConfigKeys.PACING_MARGIN, "50ms");
        values.put(AlltickConfigKeys.NOT_SERVED_AFTER, "2m");
        values.put(AlltickConfigKeys.MAX_SYMBOLS_PER_CONNECTION, 150);
        values.put(AlltickConfigKeys.MAX_CONNECTIONS, 2);
        values.put(AlltickConfigKeys.MIN_CONTROL_GAP, "1500ms");
        values.put(AlltickConfigKeys.MIN_GLOBAL_CONTROL_GAP, "4s");
        values.put(AlltickConfigKeys.MIN_RECONNECT_GAP, "5s");
        assertEquals(new TreeSet<>(AlltickConfigKeys.ALL), new TreeSet<>(values.keySet()),
                "every key must be mapped here with a value other than its default");
        values.put("routes.\"HSI.IDX\"", "stock");
        values.put("routes.US500", "stock");

        AlltickSettings settings = AlltickSettings.from(settings(values));
        assertEquals(new AlltickSettings(true, Secret.of(CANARY), Map.of(
                "stock", URI.create("wss://quote.alltick.io/quote-stock-b-ws-api"),
                "other", URI.create("ws://127.0.0.1:9000/other")),
                AlltickPlan.PREMIUM, List.of("AAPL.US", "EURUSD"), new AlltickSettings.Depth(List.of("700.HK"), 10),
                Map.of("HSI.IDX", "stock", "US500", "stock"),
                new Limits(200, 200, 3, Duration.ofMillis(1050), Duration.ofMillis(4050), Duration.ofSeconds(3))
                        .withPerTopic(true),
                Duration.ofMillis(50), Duration.ofMinutes(2)), settings);
        // The host applies the common keys over the plan's: a configured min-control-gap is used as given.
        FeedProtocol hosted = hosted(values);
        for (Endpoint endpoint : hosted.endpoints()) {
            assertEquals(new Limits(150, 200, 2, Duration.ofMillis(1500), Duration.ofMillis(4050),
                    Duration.ofSeconds(5)).withPerTopic(true), hosted.limits(endpoint));
            assertEquals(new HeartbeatSpec(Pinger.CLIENT, Duration.ofSeconds(5), Duration.ofSeconds(20),
                    Liveness.ANY_FRAME), hosted.heartbeat(endpoint));
        }
    }

    @Test
    void planDefaults() {
        assertEquals(new Limits(5, 5, 1, gap(1000), gap(3000), Duration.ofSeconds(10)).withPerTopic(true), withOverrides("plan = free"));
        assertEquals(new Limits(100, 100, 1, gap(1000), gap(3000), Duration.ofSeconds(3)).withPerTopic(true),
                withOverrides("plan = basic"));
        assertEquals(new Limits(200, 200, 3, gap(1000), gap(3000), Duration.ofSeconds(3)).withPerTopic(true),
                withOverrides("plan = premium"));
        assertEquals(new Limits(3000, 3000, 10, gap(1000), gap(3000), Duration.ofSeconds(3)).withPerTopic(true),
                withOverrides("plan = professional"));
        assertEquals(new Limits(3000, 3000, 10, gap(1000), gap(3000), Duration.ofSeconds(3)).withPerTopic(true),
                withOverrides("plan = all-us-stocks"));
        assertEquals(new Limits(200, 200, 1, gap(1000), gap(3000), Duration.ofSeconds(3)).withPerTopic(true),
                withOverrides("plan = premium, limits.max-connections = 1"), "one override, the rest kept");
        assertEquals(new Limits(5, 5, 1, Duration.ofMillis(50), Duration.ofMillis(150), Duration.ofSeconds(10)).withPerTopic(true),
                withOverrides("limits.min-control-gap = 50ms, limits.min-global-control-gap = 150ms, "
                        + "pacing-margin = 0"), "the test gaps, without margin");
    }

    @Test
    void routesInHoconQuotedDottedOrNested() {
        AlltickSettings settings = AlltickSettings.from(settings(REFERENCE.values(WITH_TOKEN + ", "
                + REFERENCE.path() + ".routes { \"HSI.IDX\" = other, GOLD = stock, BRK.B = other }")));
        assertEquals(Map.of("HSI.IDX", "other", "GOLD", "stock", "BRK.B", "other"), settings.routes());
        assertEquals(AlltickChannel.OTHER, settings.routedChannels().get("HSI.IDX"));
    }

    @Test
    void everyProblemAtOnce() {
        Map<String, Object> values = REFERENCE.values(WITH_TOKEN);
        values.put(AlltickConfigKeys.ENDPOINT, "https://user:pw@quote.alltick.co/quote-b-ws-api?token=x");
        values.put(AlltickConfigKeys.PLAN, "gold");
        values.put(AlltickConfigKeys.TRADES_SYMBOLS, List.of("aapl.us", "AAPL US"));
        values.put(AlltickConfigKeys.DEPTH_LEVELS, 11);
        values.put("routes.EURUSD", "forex");
        values.put(AlltickConfigKeys.HEARTBEAT_INTERVAL, "30s");
        values.put(AlltickConfigKeys.HEARTBEAT_TIMEOUT, "20s");
        values.put(AlltickConfigKeys.PACING_MARGIN, "-1s");
        values.put(AlltickConfigKeys.NOT_SERVED_AFTER, "0s");
        values.put(AlltickConfigKeys.MAX_CONNECTIONS, 0);
        values.put(AlltickConfigKeys.MIN_GLOBAL_CONTROL_GAP, "-3s");
        SettingsException e = assertThrows(SettingsException.class, () -> hosted(values));
        Set<String> paths = e.problems().stream().map(SettingsProblem::path)
                .map(path -> path.substring(REFERENCE.path().length() + 1)).collect(Collectors.toSet());
        assertEquals(Set.of(AlltickConfigKeys.ENDPOINT, AlltickConfigKeys.PLAN, AlltickConfigKeys.TRADES_SYMBOLS,
                AlltickConfigKeys.DEPTH_LEVELS, "routes.EURUSD", AlltickConfigKeys.HEARTBEAT_INTERVAL,
                AlltickConfigKeys.HEARTBEAT_TIMEOUT, AlltickConfigKeys.PACING_MARGIN, AlltickConfigKeys.NOT_SERVED_AFTER,
                AlltickConfigKeys.MAX_CONNECTIONS, AlltickConfigKeys.MIN_GLOBAL_CONTROL_GAP), paths, e.getMessage());
        assertTrue(e.getMessage().contains("'AAPL.US'"), "suggests the upper-case code: " + e.getMessage());
        assertTrue(e.getMessage().contains("AllTick closes a connection"), e.getMessage());
        assertFalse(e.getMessage().contains("pw@") || e.getMessage().contains("token=x"),
                "the endpoint text is never quoted: " + e.getMessage());
    }

    /**
     * Issue 16: AllTick's two URLs exactly as its documents give them (protocols.md §4.2,
     * {@code api_address_description.md}), without {@code ?token=TOKEN}: each in its own key, or either one in
     * {@code endpoint} with the other derived from it; a base URL keeps working.
     */
    @Test
    void theDocumentedUrlsAreUsedAsGiven() {
        Map<String, URI> documented = urls("wss://quote.alltick.co");
        assertEquals(documented, dialled("endpoints { stock = \"wss://quote.alltick.co/quote-stock-b-ws-api\", "
                + "other = \"wss://quote.alltick.co/quote-b-ws-api\" }"));
        assertEquals(documented, dialled("endpoint = \"wss://quote.alltick.co/quote-stock-b-ws-api\""));
        assertEquals(documented, dialled("endpoint = \"wss://quote.alltick.co/quote-b-ws-api\""));
        assertEquals(documented, dialled("endpoint = \"wss://quote.alltick.co\""));
        assertEquals(urls("wss://quote.alltick.io"), dialled("endpoint = \"wss://quote.alltick.io/\""),
                "the older host");
        assertEquals(Map.of("stock", URI.create("wss://quote.alltick.co/quote-stock-b-ws-api"),
                "other", URI.create("ws://127.0.0.1:7000/quote-b-ws-api")),
                dialled("endpoints.other = \"ws://127.0.0.1:7000\""), "a base URL in endpoints.other gets its path");
        assertEquals(Map.of("stock", URI.create("wss://proxy.example/at/quote-stock-b-ws-api"),
                "other", URI.create("wss://proxy.example/at/quote-b-ws-api/")),
                dialled("endpoint = \"wss://proxy.example/at/quote-b-ws-api/\""), "after a proxy's prefix");
    }

    @Test
    void mistakesInTheEndpointsSayWhatToWrite() {
        SettingsException e = refused("endpoint = \"wss://quote.alltick.co/quote-stock-b-ws-api?token=" + CANARY
                + "\"");
        assertEquals(List.of("endpoint"), relativePaths(e), e.getMessage());
        assertEquals("must not have a query or fragment (the part from '?' or '#'): remove it and write the URL as "
                + "wss://quote.alltick.co or wss://quote.alltick.co/quote-stock-b-ws-api; the credential comes from "
                + "token (ALLTICK_TOKEN), which is added as ?token= when connecting", e.problems().get(0).message());

        e = refused("endpoint = \"wss://quote.alltick.co/ws\"");
        assertEquals(List.of("endpoint"), relativePaths(e), e.getMessage());
        assertEquals("has a path that is none of the documented ones (/quote-stock-b-ws-api, /quote-b-ws-api), so it "
                + "cannot serve stock and other at once; write the base URL such as wss://quote.alltick.co, or a "
                + "documented URL such as wss://quote.alltick.co/quote-stock-b-ws-api (the others are derived from "
                + "it), or give each its URL in endpoints.stock and endpoints.other", e.problems().get(0).message());

        e = refused("endpoints { stocks = \"wss://quote.alltick.co/quote-stock-b-ws-api\", other = \"https://x\" }");
        assertEquals(List.of("endpoints.other", "endpoints.stocks"), relativePaths(e), e.getMessage());
        assertEquals("must use the ws or wss scheme, such as wss://quote.alltick.co/quote-b-ws-api (ws for http, wss "
                + "for https)", e.problems().get(0).message());
        assertEquals("is not an endpoint of this provider; the endpoints are stock, other (endpoints.stock, "
                + "endpoints.other)", e.problems().get(1).message());
        assertFalse(e.getMessage().contains(CANARY), e.getMessage());
    }

    @Test
    void aMistypedValueIsReportedWithTheOthers() {
        Map<String, Object> values = REFERENCE.values(WITH_TOKEN);
        values.put(AlltickConfigKeys.MIN_CONTROL_GAP, "soon");
        values.put(AlltickConfigKeys.MAX_SYMBOLS_PER_CONNECTION, -1);
        values.put(AlltickConfigKeys.HEARTBEAT_INTERVAL, "often");
        values.put(AlltickConfigKeys.MIN_GLOBAL_CONTROL_GAP, "later");
        SettingsException e = assertThrows(SettingsException.class, () -> hosted(values));
        assertEquals(4, e.problems().size(), "each once, the interval's by the host only: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"token\n", "to ken"})
    void aTokenWithBlanksIsRefusedWithoutQuotingIt(String token) {
        Map<String, Object> values = REFERENCE.values(WITH_TOKEN);
        values.put(AlltickConfigKeys.TOKEN, token);
        SettingsException e = assertThrows(SettingsException.class, () -> AlltickSettings.from(settings(values)));
        assertFalse(e.getMessage().contains(token), e.getMessage());
    }

    @Test
    void theTokenNeverShowsInToString() {
        AlltickSettings settings = AlltickSettings.from(settings(REFERENCE.values(WITH_TOKEN)));
        assertFalse(settings.toString().contains(CANARY), settings.toString());
    }

    @Test
    void repeatedCodesAreListedOnce() {
        Map<String, Object> values = REFERENCE.values(WITH_TOKEN);
        values.put(AlltickConfigKeys.TRADES_SYMBOLS, List.of("EURUSD", "AAPL.US", "EURUSD"));
        assertEquals(List.of("EURUSD", "AAPL.US"), AlltickSettings.from(settings(values)).trades());
    }

    /** Both documented paths on {@code base}. */
    static Map<String, URI> urls(String base) {
        return Map.of("stock", URI.create(base + "/quote-stock-b-ws-api"),
                "other", URI.create(base + "/quote-b-ws-api"));
    }

    /** The URL each endpoint of the protocol dials. */
    private static Map<String, URI> dialled(String hocon) {
        AlltickSettings settings = AlltickSettings.from(settings(REFERENCE.values(WITH_TOKEN + ", " + REFERENCE.path()
                + " { " + hocon + " }")));
        Map<String, URI> out = new HashMap<>();
        new AlltickProtocol(settings).endpoints().forEach(endpoint -> out.put(endpoint.id(), endpoint.uri()));
        return out;
    }

    private static SettingsException refused(String hocon) {
        return assertThrows(SettingsException.class, () -> AlltickSettings.from(settings(REFERENCE.values(WITH_TOKEN
                + ", " + REFERENCE.path() + " { " + hocon + " }"))));
    }

    private static List<String> relativePaths(SettingsException e) {
        return e.problems().stream().map(p -> p.path().substring(REFERENCE.path().length() + 1)).toList();
    }

    private static Limits withOverrides(String hocon) {
        String overrides = WITH_TOKEN + ", " + REFERENCE.path() + " { " + hocon + " }";
        FeedProtocol hosted = hosted(REFERENCE.values(overrides));
        return hosted.limits(hosted.endpoints().get(0));
    }

    /** The protocol as the runner makes it: the host's checks and common keys, then the provider's. */
    private static FeedProtocol hosted(Map<String, ?> values) {
        return ProviderHost.create(new AlltickProvider(), settings(values));
    }

    /** The plan's gap plus the default margin of 100 ms. */
    private static Duration gap(long millis) {
        return Duration.ofMillis(millis + 100);
    }

    static ProviderSettings settings(Map<String, ?> values) {
        return ProviderSettings.of(AlltickProvider.ID, values);
    }
}
