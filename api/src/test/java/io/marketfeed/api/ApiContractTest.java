package io.marketfeed.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.OutboundFrame;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The small rules of the api types that providers and the runtime rely on. */
class ApiContractTest {

    private static final String KEY = "shmk_test_CANARY_api_1234";

    @Test
    void spiVersionRulesFollowMajorAndMinor() {
        assertTrue(SpiVersion.incompatibility(SpiVersion.CURRENT).isEmpty());
        assertTrue(SpiVersion.incompatibility("1.0").isEmpty());
        assertTrue(SpiVersion.incompatibility("2.0").orElseThrow().contains("major"));
        assertTrue(SpiVersion.incompatibility("1.9").orElseThrow().contains("upgrade Marketfeed"));
        assertTrue(SpiVersion.incompatibility("one").orElseThrow().contains("major.minor"));
        assertTrue(SpiVersion.incompatibility(null).isPresent());
        assertEquals(SpiVersion.CURRENT, SpiVersion.packaged(), "the filtered resource matches the constant");
    }

    @Test
    void credentialsNeverShowInToString() {
        Secret secret = Secret.of(KEY);
        AuthStyle query = AuthStyle.queryParameter("api_key", secret);
        AuthStyle header = AuthStyle.header("X-API-Key", secret);
        OutboundFrame auth = OutboundFrame.sensitive("{\"action\":\"auth\",\"key\":\"" + KEY + "\"}");
        ProviderSettings settings = ProviderSettings.of("p", Map.of("api-key", secret, "limit", "x"));
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> settings.integer("api-key"));
        for (String shown : List.of(secret.toString(), query.toString(), header.toString(), auth.toString(),
                settings.secret("api-key").orElseThrow().toString(), wrongType.getMessage())) {
            assertFalse(shown.contains(KEY), shown);
        }
        assertEquals(KEY, secret.reveal());
    }

    @Test
    void mapSettingsParseDurationsListsAndReportPaths() {
        ProviderSettings settings = ProviderSettings.of("demo", Map.of("a", "500ms", "b", "30s", "c", "2m",
                "d", Duration.ofHours(1), "e", 250, "symbols", List.of("2222", 1120), "flag", "yes"));
        assertEquals(Duration.ofMillis(500), settings.duration("a"));
        assertEquals(Duration.ofSeconds(30), settings.duration("b"));
        assertEquals(Duration.ofMinutes(2), settings.duration("c"));
        assertEquals(Duration.ofHours(1), settings.duration("d"));
        assertEquals(Duration.ofMillis(250), settings.duration("e"));
        assertEquals(List.of("2222", "1120"), settings.stringList("symbols"));
        assertTrue(settings.bool("flag"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> settings.string("nope"));
        assertTrue(missing.getMessage().contains("marketfeed.providers.demo.nope"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProviderSettings.of("demo", Map.of("x", "soon"))
                .duration("x"));
    }

    @Test
    void commonSettingsApplyOverridesAndReportEveryProblem() {
        Limits plan = new Limits(60, 20, 10, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1));
        ProviderSettings settings = ProviderSettings.of("demo", Map.of(CommonSettings.MAX_SYMBOLS_PER_FRAME, 5,
                CommonSettings.HEARTBEAT_TIMEOUT, "3s"));
        assertEquals(5, CommonSettings.limits(settings, plan).maxSymbolsPerFrame());
        assertEquals(60, CommonSettings.limits(settings, plan).maxSymbolsPerConnection());
        HeartbeatSpec spec = new HeartbeatSpec(HeartbeatSpec.Pinger.CLIENT, Duration.ofSeconds(30),
                Duration.ofSeconds(90), HeartbeatSpec.Liveness.ANY_FRAME);
        assertEquals(Duration.ofSeconds(3), CommonSettings.heartbeat(settings, spec).staleTimeout());

        ProviderSettings bad = ProviderSettings.of("demo", Map.of(CommonSettings.MAX_CONNECTIONS, 0,
                CommonSettings.HEARTBEAT_INTERVAL, "0s"));
        assertEquals(2, CommonSettings.problems(bad).size(), CommonSettings.problems(bad).toString());
    }

    @Test
    void limitsUpdatesKeepWhatTheyDoNotMention() {
        Limits limits = new Limits(60, 20, 10, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        Limits updated = limits.with(new LimitsUpdate(OptionalInt.of(200), OptionalInt.empty(), OptionalInt.empty(),
                "enterprise"));
        assertEquals(200, updated.maxSymbolsPerConnection());
        assertEquals(20, updated.maxSymbolsPerFrame());
        assertThrows(IllegalArgumentException.class, () -> limits.withMaxSymbolsPerFrame(0));
    }

    @Test
    void decimalsStayExactAndCollectionsAreCopied() {
        Quote quote = Quote.builder("p", "2222", Instant.EPOCH).price(new BigDecimal("651.12")).build();
        assertEquals("651.12", quote.price().toPlainString());
        List<BookLevel> bids = new ArrayList<>(List.of(new BookLevel(new BigDecimal("1.10"), BigDecimal.ONE, null)));
        BookSnapshot book = new BookSnapshot("p", "2222", bids, List.of(), null, Instant.EPOCH);
        bids.clear();
        assertEquals(1, book.bids().size());
        assertThrows(UnsupportedOperationException.class, () -> book.bids().clear());
    }

    @Test
    void inboundFramesExposeTheirBytesWithoutCopying() {
        InboundFrame frame = InboundFrame.text("{\"type\":\"quote\"}", Instant.EPOCH);
        assertEquals("{\"type\":\"quote\"}", frame.asString());
        assertEquals(frame.array().length, frame.length());
        assertThrows(IndexOutOfBoundsException.class,
                () -> new InboundFrame(new byte[4], 2, 3, true, Instant.EPOCH));
        assertThrows(SettingsException.class, () -> {
            throw new SettingsException(List.of(new SettingsProblem("a.b", "x.conf:3", "bad")));
        });
        assertThrows(IllegalArgumentException.class, () -> new SettingsException(List.of()));
    }

    @Test
    void settingsReaderChecksCredentialsAndBaseUrlsWithoutQuotingThem() {
        ProviderSettings settings = ProviderSettings.of("demo", Map.of("key", KEY + "\n",
                "endpoint", "wss://host.example/ws?api_key=" + KEY, "good", "ws://127.0.0.1:8765"));
        SettingsReader in = new SettingsReader(settings);
        in.credential("key", true, "DEMO_KEY", "demo key");
        in.credential("missing", true, "DEMO_MISSING", "demo key");
        assertEquals("ws://127.0.0.1:8765", in.baseUrl("good", "wss://x", "key (DEMO_KEY)", "/p").toString());
        SettingsReader paths = new SettingsReader(ProviderSettings.of("demo", Map.of("endpoint", "wss://h.example/ws")));
        paths.baseUrl("endpoint", "wss://h.example", "key (DEMO_KEY)", "/ws");
        assertTrue(assertThrows(SettingsException.class, paths::throwIfAny).getMessage().contains("without a path"));
        in.baseUrl("endpoint", "wss://host.example", "key (DEMO_KEY)", "/ws");
        SettingsException e = assertThrows(SettingsException.class, in::throwIfAny);
        String all = e.getMessage();
        assertTrue(all.contains("white space") && all.contains("DEMO_KEY"), all);
        assertTrue(all.contains("DEMO_MISSING") && all.contains("disable the provider"), all);
        assertTrue(all.contains("query"), all);
        assertFalse(all.contains(KEY), "a credential is never quoted: " + all);
        assertEquals(3, e.problems().size(), all);
    }
}
