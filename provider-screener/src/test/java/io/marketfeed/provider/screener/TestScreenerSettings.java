package io.marketfeed.provider.screener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.runtime.ProviderHost;
import io.marketfeed.testkit.ReferenceConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestScreenerSettings {

    private static final ReferenceConfig REFERENCE = ReferenceConfig.of(ScreenerProvider.class, "screener");

    private static ScreenerSettings settings(String overrides) {
        return ScreenerSettings.from(ProviderSettings.of("screener", REFERENCE.values(overrides)));
    }

    /** The protocol as the host makes it: the common keys ({@code heartbeat.*}, {@code limits.*}) applied. */
    private static FeedProtocol hosted(String overrides) {
        return ProviderHost.create(new ScreenerProvider(),
                ProviderSettings.of("screener", REFERENCE.values(overrides)));
    }

    private static Limits limits(FeedProtocol protocol) {
        return protocol.limits(protocol.endpoints().get(0));
    }

    private static HeartbeatSpec heartbeat(FeedProtocol protocol) {
        return protocol.heartbeat(protocol.endpoints().get(0));
    }

    @Test
    void referenceConfDeclaresExactlyTheKeys() {
        // The provider's keys and the common keys the host reads; token and refresh-token come only from the
        // environment (${?...}), so they are absent without it.
        Set<String> expected = new TreeSet<>(ScreenerConfigKeys.ALL);
        expected.addAll(List.of(CommonSettings.HEARTBEAT_INTERVAL, CommonSettings.HEARTBEAT_TIMEOUT,
                CommonSettings.MAX_SYMBOLS_PER_CONNECTION, CommonSettings.MAX_SYMBOLS_PER_FRAME,
                CommonSettings.MAX_CONNECTIONS, CommonSettings.MIN_CONTROL_GAP, CommonSettings.MIN_RECONNECT_GAP));
        expected.removeAll(Set.of(ScreenerConfigKeys.TOKEN, ScreenerConfigKeys.REFRESH_TOKEN));
        assertEquals(expected, REFERENCE.declaredPaths(""));
    }

    @Test
    void defaultsAreTheServerCodes() {
        ScreenerSettings settings = settings("");
        assertFalse(settings.enabled());
        assertEquals("wss://api.screener.kr/v1/ws", settings.url().toString());
        assertTrue(settings.token().isEmpty());
        FeedProtocol hosted = hosted("");
        assertEquals(ScreenerProtocol.SERVER_LIMITS, limits(new ScreenerProtocol(settings)), "declared");
        assertEquals(100, limits(hosted).maxSymbolsPerConnection());
        assertEquals(50, limits(hosted).maxSymbolsPerFrame());
        assertEquals(5, limits(hosted).maxConnections());
        assertEquals(Duration.ofMillis(100), limits(hosted).minControlGap());
        assertEquals(Duration.ofSeconds(1), limits(hosted).minReconnectGap());
        assertEquals(HeartbeatSpec.Pinger.SERVER, heartbeat(hosted).pinger());
        assertEquals(Duration.ofSeconds(30), heartbeat(hosted).interval());
        assertEquals(Duration.ofSeconds(90), heartbeat(hosted).staleTimeout());
        assertEquals(HeartbeatSpec.Liveness.ANY_FRAME, heartbeat(hosted).liveness());
        assertTrue(settings.sessionRestore());
        assertEquals(Duration.ofSeconds(60), settings.connectionCapBackoff());
        ScreenerProtocol protocol = new ScreenerProtocol(settings);
        assertEquals("wss://api.screener.kr/v1/ws", protocol.endpoints().get(0).uri().toString());
    }

    @Test
    void everyKeyMaps() {
        String refresh = TestTokens.jwt(Instant.now().plusSeconds(3600));
        String block = "marketfeed.providers.screener { enabled = true, endpoint = "
                + "\"ws://localhost:8000/\", token = \"a.b.c\", refresh-token = \"" + refresh + "\", "
                + "token-refresh.before-expiry = 30s, symbols = [\"005930\"], book = false, markets = [\"KOSPI\"], "
                + "sectors = [\"IT\"], watchlists = [\"w1\"], session-restore = false, restore-timeout = 2s, "
                + "connection-cap-backoff = 5m, heartbeat { interval = 10s, timeout = 40s, client-ping = true }, "
                + "limits { max-symbols-per-connection = 80, max-symbols-per-frame = 20, max-connections = 3, "
                + "min-control-gap = 0ms, min-reconnect-gap = 2s } }";
        ScreenerSettings settings = settings(block);
        assertTrue(settings.enabled());
        assertEquals("ws://localhost:8000/v1/ws", settings.url().toString());
        assertEquals("a.b.c", settings.token().orElseThrow().reveal());
        assertEquals(Duration.ofSeconds(30), settings.refreshBeforeExpiry());
        assertFalse(settings.book());
        assertEquals(List.of("w1"), settings.watchlists());
        assertFalse(settings.sessionRestore());
        assertEquals(Duration.ofSeconds(2), settings.restoreTimeout());
        assertEquals(Duration.ofMinutes(5), settings.connectionCapBackoff());
        assertTrue(settings.clientPingConfigured());
        FeedProtocol hosted = hosted(block);
        assertEquals(HeartbeatSpec.Pinger.CLIENT, heartbeat(hosted).pinger());
        assertEquals(Duration.ofSeconds(10), heartbeat(hosted).interval());
        assertEquals(Duration.ofSeconds(40), heartbeat(hosted).staleTimeout());
        assertEquals(80, limits(hosted).maxSymbolsPerConnection());
        assertEquals(20, limits(hosted).maxSymbolsPerFrame());
        assertEquals(3, limits(hosted).maxConnections());
        assertEquals(Duration.ZERO, limits(hosted).minControlGap());
        assertEquals(Duration.ofSeconds(2), limits(hosted).minReconnectGap());
        assertEquals(List.of(new Subscription(Topics.QUOTES, "005930"), new Subscription("market", "KOSPI"),
                new Subscription("sector", "IT"), new Subscription("watchlist", "w1")),
                new ScreenerProtocol(settings).configuredSubscriptions());
    }

    @Test
    void aRefreshTokenAloneTurnsOnTheClientTimerWithoutPings() {
        ScreenerSettings settings = settings("marketfeed.providers.screener { token = \"a.b.c\", "
                + "refresh-token = \"r.s.t\" }");
        assertEquals(HeartbeatSpec.Pinger.CLIENT, heartbeat(new ScreenerProtocol(settings)).pinger());
        assertFalse(settings.clientPingConfigured());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        // The provider's own keys and the host's (heartbeat.*, limits.*), all in one exception.
        SettingsException e = assertThrows(SettingsException.class, () -> hosted(
                "marketfeed.providers.screener { endpoint = \"http://x/v1/ws\", refresh-token = \"r\", "
                        + "symbols = [\"005930\", \"005930\", \"a b\"], restore-timeout = 0s, "
                        + "heartbeat { interval = 30s, timeout = 10s }, limits.max-symbols-per-frame = 0 }"));
        Set<String> paths = new TreeSet<>();
        e.problems().forEach(problem -> paths.add(problem.path()));
        String p = "marketfeed.providers.screener.";
        assertEquals(new TreeSet<>(List.of(p + "endpoint", p + "refresh-token", p + "symbols", p + "restore-timeout",
                p + "heartbeat.timeout", p + "limits.max-symbols-per-frame")), paths, e.getMessage());
    }

    /**
     * Issue 16: the URL as the docs give it ({@code wss://api.screener.kr/v1/ws}, and the local
     * {@code ws://localhost:8000/v1/ws} of seed 001) is dialled as written; a base URL gets {@code /v1/ws}.
     */
    @ParameterizedTest
    @CsvSource({"wss://api.screener.kr/v1/ws, wss://api.screener.kr/v1/ws",
            "ws://localhost:8000/v1/ws, ws://localhost:8000/v1/ws",
            "wss://api.screener.kr, wss://api.screener.kr/v1/ws",
            "wss://api.screener.kr/, wss://api.screener.kr/v1/ws",
            "wss://gateway.example/screener/v1/ws/, wss://gateway.example/screener/v1/ws/"})
    void theDocumentedUrlOrABaseUrl(String endpoint, String dialled) {
        ScreenerSettings settings = settings("marketfeed.providers.screener.endpoint = \"" + endpoint + "\"");
        assertEquals(URI.create(dialled), new ScreenerProtocol(settings).endpoints().get(0).uri());
    }

    @Test
    void aTokenPastedIntoTheEndpointIsExplainedNotQuoted() {
        SettingsException e = assertThrows(SettingsException.class, () -> settings(
                "marketfeed.providers.screener.endpoint = \"ws://localhost:8000/v1/ws?token=secret.jwt.value\""));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("must not have a query or fragment (the part from '?' or '#'): remove it and write the URL as "
                + "wss://api.screener.kr/v1/ws (or the base URL wss://api.screener.kr); the credential comes from "
                + "token (SCREENER_TOKEN), which is added as ?token= when connecting", e.problems().get(0).message());
        assertFalse(e.getMessage().contains("secret.jwt.value"), e.getMessage());
    }

    @Test
    void http403IsALongRetryNotFatal() {
        ScreenerProtocol protocol = new ScreenerProtocol(settings(""));
        assertEquals(Duration.ofSeconds(60), protocol.classifyHandshake(403).minDelay());
        assertEquals(io.marketfeed.api.protocol.Disposition.Kind.RETRY, protocol.classifyHandshake(403).kind());
        assertEquals(Map.of(), protocol.endpoints().get(0).headers());
    }
}
