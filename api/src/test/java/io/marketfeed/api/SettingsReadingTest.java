package io.marketfeed.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.CreditPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reading a provider's settings: typed values, what a missing or mistyped key says (one line naming the key), keys
 * the host hides from the provider, the common keys' checks, and credentials that never show.
 */
class SettingsReadingTest {

    private static final String KEY = "shmk_test_FAKE_7731";

    private static ProviderSettings settings(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return ProviderSettings.of("demo", values);
    }

    private static List<String> messages(SettingsReader in) {
        return assertThrows(SettingsException.class, in::throwIfAny).problems().stream()
                .map(SettingsProblem::message).toList();
    }

    @Test
    void typedReadsReturnTheValues() {
        assertFalse(new SettingsReader(settings("off", "no")).bool("off"));
        SettingsReader in = new SettingsReader(settings("on", "yes", "n", "42", "s", " text ", "d", "1.5s",
                "list", List.of("A", "B")));
        assertTrue(in.bool("on"));
        assertEquals(42, in.integer("n"));
        assertEquals(" text ", in.string("s"));
        assertEquals(Duration.ofMillis(1500), in.duration("d"));
        assertEquals(List.of("A", "B"), in.stringList("list"));
        assertEquals("text", in.optionalString("s").orElseThrow().trim());
        assertTrue(in.optionalString("absent").isEmpty());
        assertEquals(OptionalInt.of(42), in.optionalInteger("n"));
        assertEquals(OptionalInt.empty(), in.optionalInteger("absent"));
        in.checkOptionalInteger("n");
        in.checkOptionalInteger("absent");
        in.checkOptionalDuration("d");
        in.checkOptionalDuration("absent");
        assertEquals(0, in.problemCount());
        assertEquals(Set.of(), in.failedPaths());
        in.throwIfAny();
        assertEquals("demo", in.source().providerId());
    }

    @Test
    void everyMissingOrMistypedKeyIsOneProblemNamingIt() {
        SettingsReader in = new SettingsReader(settings("flag", "maybe", "n", "many", "d", "soon", "list", "A",
                "opt", "x", "optd", "later"));
        assertFalse(in.bool("flag"));
        assertEquals(0, in.integer("n"));
        assertEquals(Duration.ZERO, in.duration("d"));
        assertEquals(List.of(), in.stringList("list"));
        assertEquals("", in.string("missing"));
        assertEquals(OptionalInt.empty(), in.optionalInteger("opt"));
        in.checkOptionalDuration("optd");
        assertEquals(Set.of("flag", "n", "d", "list", "missing", "opt", "optd"), in.failedPaths());
        assertTrue(in.failed("flag"));
        assertFalse(in.failed("other"));
        assertEquals(List.of("must be true or false, got 'maybe'", "must be a whole number, got 'many'",
                "must be a duration such as 500ms, 30s or 2m, got 'soon'", "must be a list of strings, got 'A'",
                "is not set (its default is in the demo provider's reference.conf; settings built by hand must set it)",
                "must be a whole number, got 'x'", "must be a duration such as 500ms, 30s or 2m, got 'later'"),
                messages(in));
        SettingsReader check = new SettingsReader(settings("n", "x"));
        check.checkOptionalInteger("n");
        assertEquals(List.of("must be a whole number, got 'x'"), messages(check));
    }

    @Test
    void aProblemAddedByTheProviderJoinsTheOthers() {
        SettingsReader in = new SettingsReader(settings());
        in.problem("symbols", "must not be empty");
        in.addAll(List.of(new SettingsProblem("elsewhere", "", "bad")));
        assertEquals(2, in.problemCount());
        assertEquals(List.of("must not be empty", "bad"), messages(in));
    }

    @Test
    void aCredentialOfTheWrongTypeIsAProblemThatDoesNotQuoteIt() {
        SettingsReader in = new SettingsReader(new BrokenSecrets());
        assertTrue(in.secret("api-key").isEmpty());
        assertEquals(List.of("must be a string"), messages(in));
        SettingsReader fine = new SettingsReader(settings("api-key", KEY, "blank", "  "));
        assertEquals(KEY, fine.credential("api-key", true, "DEMO_KEY", "demo key").reveal());
        assertTrue(fine.credential("blank", false, "DEMO_KEY", "demo key").isEmpty(), "not needed, not a problem");
        assertTrue(fine.credential("absent", false, "DEMO_KEY", "demo key").isEmpty());
        assertEquals(0, fine.problemCount());
        SettingsReader tab = new SettingsReader(settings("api-key", KEY + "\t"));
        tab.credential("api-key", false, "DEMO_KEY", "demo key");
        assertEquals(List.of("contains white space or control characters; check DEMO_KEY"), messages(tab));
        SettingsReader control = new SettingsReader(settings("api-key", "shmk_test_FAKE\u0007x"));
        control.credential("api-key", false, "DEMO_KEY", "demo key");
        assertEquals(1, control.problemCount());
    }

    @Test
    void aBaseUrlThatIsMissingOrMalformedGivesOneProblem() {
        SettingsReader missing = new SettingsReader(settings());
        assertEquals("wss://invalid.invalid", missing.baseUrl("endpoint", "wss://h.example", "key", "/ws")
                .toString());
        assertEquals(1, missing.problemCount(), "only that it is not set");
        SettingsReader malformed = new SettingsReader(settings("endpoint", "https://h.example"));
        assertEquals("wss://invalid.invalid", malformed.baseUrl("endpoint", "wss://h.example", "key", "/ws")
                .toString());
        assertEquals(List.of("must use the ws or wss scheme, such as wss://h.example (ws for http, wss for https)"),
                messages(malformed));
        SettingsReader good = new SettingsReader(settings("endpoint", "WSS://h.example:8443/"));
        assertEquals("wss://h.example:8443", good.baseUrl("endpoint", "wss://h.example", "key", "/ws").toString());
        SettingsReader withPath = new SettingsReader(settings("endpoint", "wss://h.example/ws"));
        assertEquals("wss://invalid.invalid", withPath.baseUrl("endpoint", "wss://h.example", "key", "/ws").toString());
        assertEquals(List.of("must be a base URL without a path (/ws is appended), such as wss://h.example"),
                messages(withPath));
        SettingsReader blank = new SettingsReader(settings("endpoint", "  ", "other", "wss://ho st/x"));
        assertEquals("wss://invalid.invalid", blank.webSocketUrl("endpoint", "wss://h.example/ws", "key").toString());
        assertEquals("wss://invalid.invalid", blank.webSocketUrl("other", "wss://h.example/ws", "key").toString());
        SettingsReader missingFull = new SettingsReader(settings());
        assertEquals("wss://invalid.invalid", missingFull.webSocketUrl("endpoint", "wss://h.example/ws", "key")
                .toString());
        assertEquals(1, missingFull.problemCount());
        SettingsReader ftp = new SettingsReader(settings("endpoint", "ftp://h.example"));
        ftp.webSocketUrl("endpoint", "wss://h.example/ws", "key");
        assertEquals(List.of("must use the ws or wss scheme, such as wss://h.example/ws"), messages(ftp));
    }

    @Test
    void keysTheHostHidesAreAbsentForTheProvider() {
        ProviderSettings all = settings("symbols", List.of("A"), "api-key", KEY, "endpoint", "wss://h", "n", 3,
                "on", true, "d", "2s", "off", false, "list", List.of("B"));
        ProviderSettings seen = all.without(Set.of("symbols", "api-key"));
        assertEquals("demo", seen.providerId());
        assertFalse(seen.hasPath("symbols"));
        assertFalse(seen.hasPath("absent"));
        assertTrue(seen.hasPath("endpoint"));
        assertEquals("wss://h", seen.string("endpoint"));
        assertEquals(3, seen.integer("n"));
        assertTrue(seen.bool("on"));
        assertEquals(Duration.ofSeconds(2), seen.duration("d"));
        assertTrue(seen.secret("api-key").isEmpty());
        assertEquals("wss://h", seen.secret("endpoint").orElseThrow().reveal());
        assertEquals(Set.of("endpoint", "n", "on", "d", "off", "list"), seen.paths());
        assertFalse(seen.bool("off"));
        assertEquals(List.of("B"), seen.stringList("list"));
        assertEquals("marketfeed.providers.demo.n", seen.fullPath("n"));
        assertEquals("", seen.origin("n"));
        IllegalArgumentException hidden = assertThrows(IllegalArgumentException.class,
                () -> seen.stringList("symbols"));
        assertEquals("marketfeed.providers.demo.symbols is not set", hidden.getMessage());
        assertThrows(IllegalArgumentException.class, () -> seen.string("api-key"));
        assertThrows(IllegalArgumentException.class, () -> seen.integer("symbols"));
        assertThrows(IllegalArgumentException.class, () -> seen.bool("symbols"));
        assertThrows(IllegalArgumentException.class, () -> seen.duration("symbols"));
        assertEquals(List.of("A"), all.stringList("symbols"));
        assertEquals("wss://h", seen.optionalString("endpoint").orElseThrow());
        assertTrue(seen.optionalString("symbols").isEmpty());
    }

    @Test
    void mapSettingsReadTheFormsAUserWrites() {
        ProviderSettings s = settings("t", "ON", "f", "off", "no", "No", "b", false, "n", 7L, "ns", "10ns",
                "us", "3us", "ms", "250", "h", "2h", "day", "1d", "frac", "0.5s", "list", List.of("a"),
                "secret", Secret.of(KEY), "empty", "");
        assertTrue(s.bool("t"));
        assertFalse(s.bool("f"));
        assertFalse(s.bool("no"));
        assertFalse(s.bool("b"));
        assertEquals(7, s.integer("n"));
        assertEquals(Duration.ofNanos(10), s.duration("ns"));
        assertEquals(Duration.ofNanos(3000), s.duration("us"));
        assertEquals(Duration.ofMillis(250), s.duration("ms"));
        assertEquals(Duration.ofHours(2), s.duration("h"));
        assertEquals(Duration.ofDays(1), s.duration("day"));
        assertEquals(Duration.ofMillis(500), s.duration("frac"));
        assertEquals(KEY, s.string("secret"));
        assertEquals(KEY, s.secret("secret").orElseThrow().reveal());
        assertTrue(s.secret("empty").isEmpty());
        assertTrue(s.secret("absent").isEmpty());
        assertEquals("marketfeed.providers.demo.list must be a string, got '[a]'",
                assertThrows(IllegalArgumentException.class, () -> s.string("list")).getMessage());
        assertEquals("marketfeed.providers.demo.secret must be true or false, got '****'",
                assertThrows(IllegalArgumentException.class, () -> s.bool("secret")).getMessage());
        assertEquals("marketfeed.providers.demo.t must be a duration such as 500ms, 30s or 2m, got 'ON'",
                assertThrows(IllegalArgumentException.class, () -> s.duration("t")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings("d", "5 fortnights").duration("d"));
        assertTrue(s.paths().contains("frac"));
    }

    @Test
    void theCommonKeysAreCheckedOneProblemEach() {
        ProviderSettings bad = settings(CommonSettings.MAX_SYMBOLS_PER_CONNECTION, 0,
                CommonSettings.MAX_SYMBOLS_PER_FRAME, 1, CommonSettings.HEARTBEAT_TIMEOUT, Duration.ofSeconds(-1),
                CommonSettings.HEARTBEAT_INTERVAL, "1ms", CommonSettings.CREDITS_ON_FORECAST_EXHAUSTION, "panic",
                CommonSettings.MIN_CONTROL_GAP, Duration.ofMillis(-5), CommonSettings.MIN_RECONNECT_GAP, "0s");
        assertEquals(List.of("must be at least 1, got 0", "must be a positive duration, got PT-1S",
                "must not be negative", "must be warn or trim, got 'panic'"),
                CommonSettings.problems(bad).stream().map(SettingsProblem::message).toList());
        assertEquals(List.of("marketfeed.providers.demo.credits.priority: trim needs the symbols to keep: set "
                + "marketfeed.providers.demo.credits.priority"), CommonSettings.problems(settings(
                CommonSettings.CREDITS_ON_FORECAST_EXHAUSTION, "TRIM")).stream().map(Object::toString).toList());
        assertEquals(1, CommonSettings.problems(settings(CommonSettings.CREDITS_ON_FORECAST_EXHAUSTION, "trim",
                CommonSettings.CREDITS_PRIORITY, List.of())).size());
        assertEquals(List.of(), CommonSettings.problems(settings(CommonSettings.CREDITS_ON_FORECAST_EXHAUSTION,
                " trim ", CommonSettings.CREDITS_PRIORITY, List.of("2222"))));
        assertEquals(List.of(), CommonSettings.problems(settings(CommonSettings.CREDITS_ON_FORECAST_EXHAUSTION,
                "Warn")));
    }

    @Test
    void mistypedCommonKeysAreEachReportedAndTheRestStillChecked() {
        ProviderSettings bad = settings(CommonSettings.MAX_CONNECTIONS, "many", CommonSettings.HEARTBEAT_INTERVAL,
                "soon", CommonSettings.HEARTBEAT_TIMEOUT, "10s", CommonSettings.MIN_CONTROL_GAP, List.of("x"),
                CommonSettings.MAX_SYMBOLS_PER_FRAME, 0);
        assertEquals(List.of("limits.max-symbols-per-frame: must be at least 1, got 0",
                "limits.max-connections: must be a whole number",
                "heartbeat.interval: must be a duration such as 30s",
                "limits.min-control-gap: must be a duration such as 500ms"),
                CommonSettings.problems(bad).stream()
                        .map(p -> p.path().replace("marketfeed.providers.demo.", "") + ": " + p.message()).toList());
    }

    @Test
    void theHeartbeatTimeoutMustOutlastTheInterval() {
        assertEquals(List.of("must be longer than heartbeat.interval (PT10S), or every connection would look stale "
                + "between two heartbeats"), CommonSettings.problems(settings(CommonSettings.HEARTBEAT_INTERVAL, "10s",
                CommonSettings.HEARTBEAT_TIMEOUT, "10s")).stream().map(SettingsProblem::message).toList());
        assertEquals(List.of(), CommonSettings.problems(settings(CommonSettings.HEARTBEAT_INTERVAL, "10s",
                CommonSettings.HEARTBEAT_TIMEOUT, "11s")));
    }

    @Test
    void theCreditPolicyIsWarnUnlessTrimIsAskedFor() {
        assertEquals(CreditPolicy.warn(), CommonSettings.creditPolicy(settings()));
        assertEquals(new CreditPolicy(CreditPolicy.Mode.TRIM, List.of("2222", "1120")), CommonSettings.creditPolicy(
                settings(CommonSettings.CREDITS_ON_FORECAST_EXHAUSTION, " trim ", CommonSettings.CREDITS_PRIORITY,
                        List.of("2222", "1120"))));
        assertEquals(new CreditPolicy(CreditPolicy.Mode.TRIM, List.of()), CommonSettings.creditPolicy(
                settings(CommonSettings.CREDITS_ON_FORECAST_EXHAUSTION, "trim")));
    }

    @Test
    void credentialNamesAreRecognisedByTheirLastWord() {
        for (String name : List.of("api-key", "token", "auth.secret", "db.password", "tls.key-passphrase",
                "gcp.credentials", "auth.api_key", "\"API_TOKEN\"", "x.access-token")) {
            assertTrue(Secret.isCredentialName(name), name);
        }
        for (String name : List.of("monkey", "keys", "token.url", "x.key.y", "tokens", "api-key-file", "", "a.b")) {
            assertFalse(Secret.isCredentialName(name), name);
        }
    }

    @Test
    void aSecretShowsOnlyWhetherItIsEmpty() {
        assertEquals("****", Secret.of(KEY).toString());
        assertEquals("<empty>", Secret.of("").toString());
        assertTrue(Secret.of(" ").isEmpty());
        assertFalse(Secret.of(KEY).isEmpty());
        assertEquals(Secret.of(KEY), Secret.of(KEY));
        assertEquals(KEY.hashCode(), Secret.of(KEY).hashCode());
        assertNotEquals(Secret.of(KEY), Secret.of(KEY + "2"));
        assertNotEquals(Secret.of(KEY), KEY);
    }

    @Test
    void theSpiVersionAProviderNeeds() {
        assertTrue(SpiVersion.atLeast("1.1", 1, 1));
        assertTrue(SpiVersion.atLeast("1.1", 1, 0));
        assertFalse(SpiVersion.atLeast("1.0", 1, 1));
        assertFalse(SpiVersion.atLeast("2.1", 1, 1));
        assertFalse(SpiVersion.atLeast("one", 1, 0));
        assertFalse(SpiVersion.atLeast(null, 1, 0));
        assertEquals(SpiVersion.CURRENT, SpiVersion.packaged());
    }

    @Test
    void aProblemShowsWhereTheValueCameFrom() {
        assertEquals("a.b (app.conf: 3): bad", new SettingsProblem("a.b", "app.conf: 3", "bad").toString());
        assertEquals("a.b: bad", new SettingsProblem("a.b", "", "bad").toString());
    }

    /** Settings whose credential has the wrong type, and whose error text would quote it. */
    private static final class BrokenSecrets implements ProviderSettings {
        @Override public String providerId() { return "demo"; }
        @Override public boolean hasPath(String path) { return true; }
        @Override public String string(String path) { return ""; }
        @Override public int integer(String path) { return 0; }
        @Override public boolean bool(String path) { return false; }
        @Override public Duration duration(String path) { return Duration.ZERO; }
        @Override public List<String> stringList(String path) { return List.of(); }
        @Override public java.util.Optional<Secret> secret(String path) {
            throw new IllegalArgumentException(path + " must be a string, got [" + KEY + "]");
        }
        @Override public Set<String> paths() { return Set.of(); }
    }
}
