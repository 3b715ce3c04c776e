package io.marketfeed.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.testkit.fake.FakeProvider;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The defaults and full-mapping assertions, on the fake provider's block in this module's test reference.conf. */
class TestSettingsAssertions {

    private static final FakeProvider FAKE = new FakeProvider();

    @Test
    void readsTheBlockWithoutTheEnvironment() {
        assertEquals(Set.of("api-key", "endpoint", "symbols", "heartbeat.interval", "heartbeat.timeout",
                "limits.max-symbols-per-connection", "limits.max-symbols-per-frame", "limits.max-connections",
                "limits.min-control-gap", "limits.min-reconnect-gap"), SettingsAssertions.referenceKeys("fake"));
        assertEquals(Map.of("endpoint", "wss://fake.example", "symbols", List.of(), "heartbeat.interval", "30s",
                "heartbeat.timeout", "90s"), SettingsAssertions.referenceDefaults("fake"),
                "null defaults and the unset environment variable are left out");
    }

    @Test
    void aMissingBlockIsNamed() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SettingsAssertions.referenceKeys("no-such-provider"));
        assertTrue(e.getMessage().contains("marketfeed.providers.no-such-provider"), e.getMessage());
    }

    @Test
    void defaultsWithAMinimalMapWork() {
        FeedProtocol protocol = SettingsAssertions.assertDefaults(FAKE, Map.of("api-key", "k"));
        assertEquals(Duration.ofSeconds(30), protocol.heartbeat(protocol.endpoints().get(0)).interval());
        assertEquals("wss://fake.example/stream", protocol.endpoints().get(0).uri().toString());
    }

    @Test
    void defaultsRefusedByTheProviderFailWithTheProblems() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SettingsAssertions.assertDefaults(FAKE, Map.of()));
        assertTrue(e.getMessage().contains("marketfeed.providers.fake.api-key: is not set"), e.getMessage());
    }

    @Test
    void aTypoInTheMinimalMapFails() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SettingsAssertions.assertDefaults(FAKE, Map.of("api-key", "k", "heartbeat.intervall", "1s")));
        assertTrue(e.getMessage().contains("[heartbeat.intervall]"), e.getMessage());
    }

    @Test
    void aFullMappingPasses() {
        FeedProtocol protocol = SettingsAssertions.assertFullMapping(FAKE, fullMapping());
        assertEquals(new Limits(40, 4, 2, Duration.ofMillis(5), Duration.ZERO, Duration.ofMillis(20)),
                protocol.limits(protocol.endpoints().get(0)));
        assertEquals(Duration.ofSeconds(5), protocol.heartbeat(protocol.endpoints().get(0)).interval());
    }

    @Test
    void aKeyLeftOutOfTheFullMappingFails() {
        Map<String, Object> values = fullMapping();
        values.remove("limits.min-control-gap");
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SettingsAssertions.assertFullMapping(FAKE, values));
        assertTrue(e.getMessage().contains("no value for [limits.min-control-gap]"), e.getMessage());
    }

    @Test
    void aDefaultValueInTheFullMappingFails() {
        Map<String, Object> values = fullMapping();
        values.put("heartbeat.timeout", Duration.ofSeconds(90));
        values.put("endpoint", "wss://fake.example");
        values.put("symbols", List.of());
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SettingsAssertions.assertFullMapping(FAKE, values));
        assertTrue(e.getMessage().contains("heartbeat.timeout = PT1M30S") && e.getMessage().contains("endpoint =")
                && e.getMessage().contains("symbols = []"), e.getMessage());
        values.put("heartbeat.timeout", "1.5m");
        assertThrows(AssertionFailedError.class, () -> SettingsAssertions.assertFullMapping(FAKE, values),
                "1.5m is 90s too");
    }

    @Test
    void anUndeclaredKeyInTheFullMappingFails() {
        Map<String, Object> values = fullMapping();
        values.put("colour", "blue");
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SettingsAssertions.assertFullMapping(FAKE, values));
        assertTrue(e.getMessage().contains("does not declare: [colour]"), e.getMessage());
    }

    @Test
    void invalidSettingsMustBeASettingsException() {
        SettingsException e = SettingsAssertions.assertInvalid(FAKE, ProviderSettings.of("fake", Map.of()));
        assertEquals(List.of("api-key", "endpoint"), SettingsAssertions.relativePaths("fake", e));
        AssertionFailedError accepted = assertThrows(AssertionFailedError.class, () -> SettingsAssertions
                .assertInvalid(FAKE, SettingsAssertions.defaultsWith("fake", Map.of("api-key", "k"))));
        assertTrue(accepted.getMessage().contains("accepted"), accepted.getMessage());
        AssertionError wrongType = assertThrows(AssertionError.class, () -> SettingsAssertions.assertInvalid(
                new FakeProvider.WrongSettingsException(), ProviderSettings.of("wrong-settings-exception",
                        Map.of("api-key", "k", "endpoint", "wss://x", "heartbeat.interval", "0s"))));
        assertTrue(wrongType.getMessage().contains("but threw java.lang.IllegalArgumentException"),
                wrongType.getMessage());
    }

    private static Map<String, Object> fullMapping() {
        Map<String, Object> values = new HashMap<>();
        values.put("api-key", Secret.of("k"));
        values.put("endpoint", "ws://127.0.0.1:8080");
        values.put("symbols", List.of());
        values.put("heartbeat.interval", "5s");
        values.put("heartbeat.timeout", Duration.ofSeconds(20));
        values.put("limits.max-symbols-per-connection", 40);
        values.put("limits.max-symbols-per-frame", "4");
        values.put("limits.max-connections", 2);
        values.put("limits.min-control-gap", "5ms");
        values.put("limits.min-reconnect-gap", "20ms");
        values.put("symbols", List.of("A"));
        assertFalse(values.containsKey("enabled"));
        return values;
    }
}
