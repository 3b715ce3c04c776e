package io.marketfeed.app.config;

import static io.marketfeed.app.testing.TestingConfig.CANARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.marketfeed.api.SettingsProblem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestTypesafeProviderSettings {

    private final TypesafeProviderSettings settings = TypesafeProviderSettings.of("acme", parse(String.join("\n",
            "marketfeed.providers.acme {",
            "  enabled = true",
            "  endpoint = \"wss://acme.example\"",
            "  port = 443",
            "  port-text = \"8443\"",
            "  fraction = 5.5",
            "  symbols = [\"A\", \"B\"]",
            "  heartbeat { interval = 30s, timeout = 1500ms }",
            "  api-key = \"" + CANARY + "\"",
            "  blank-key = \"  \"",
            "  list-key = [\"" + CANARY + "\"]",
            "  origin = null",
            "}")));

    @Test
    void readsRelativePaths() {
        assertEquals("acme", settings.providerId());
        assertTrue(settings.bool("enabled"));
        assertEquals("wss://acme.example", settings.string("endpoint"));
        assertEquals(443, settings.integer("port"));
        assertEquals(8443, settings.integer("port-text"));
        assertEquals("443", settings.string("port"));
        assertEquals(List.of("A", "B"), settings.stringList("symbols"));
        assertEquals(Duration.ofSeconds(30), settings.duration("heartbeat.interval"));
        assertEquals(Duration.ofMillis(1500), settings.duration("heartbeat.timeout"));
        assertEquals(Optional.of("wss://acme.example"), settings.optionalString("endpoint"));
    }

    @Test
    void nullCountsAsAbsent() {
        assertFalse(settings.hasPath("origin"));
        assertEquals(Optional.empty(), settings.optionalString("origin"));
        assertFalse(settings.hasPath("missing"));
        assertFalse(settings.paths().contains("origin"));
        assertEquals(Set.of("enabled", "endpoint", "port", "port-text", "fraction", "symbols", "heartbeat.interval",
                "heartbeat.timeout", "api-key", "blank-key", "list-key"), settings.paths());
    }

    @Test
    void missingAndWrongTypesNameTheFullPath() {
        assertEquals("marketfeed.providers.acme.origin is not set",
                assertThrows(IllegalArgumentException.class, () -> settings.string("origin")).getMessage());
        assertEquals("marketfeed.providers.acme.endpoint must be a whole number, got 'wss://acme.example'",
                assertThrows(IllegalArgumentException.class, () -> settings.integer("endpoint")).getMessage());
        assertEquals("marketfeed.providers.acme.endpoint must be a duration such as 500ms, 30s or 2m, got "
                + "'wss://acme.example'",
                assertThrows(IllegalArgumentException.class, () -> settings.duration("endpoint")).getMessage());
        assertEquals("marketfeed.providers.acme.fraction must be a whole number, got '5.5'",
                assertThrows(IllegalArgumentException.class, () -> settings.integer("fraction")).getMessage());
        assertEquals("marketfeed.providers.acme.port must be true or false, got '443'",
                assertThrows(IllegalArgumentException.class, () -> settings.bool("port")).getMessage());
        assertEquals("marketfeed.providers.acme.endpoint must be a list of strings such as [\"a\", \"b\"], got "
                + "'wss://acme.example'",
                assertThrows(IllegalArgumentException.class, () -> settings.stringList("endpoint")).getMessage());
        assertEquals("marketfeed.providers.acme.symbols must be a string, got a list",
                assertThrows(IllegalArgumentException.class, () -> settings.string("symbols")).getMessage());
    }

    @Test
    void secretsAreSecretAndNeverQuoted() {
        assertEquals(CANARY, settings.secret("api-key").orElseThrow().reveal());
        assertEquals("****", settings.secret("api-key").orElseThrow().toString());
        assertEquals(Optional.empty(), settings.secret("blank-key"));
        assertEquals(Optional.empty(), settings.secret("origin"));
        assertEquals(Optional.empty(), settings.secret("missing"));

        IllegalArgumentException list = assertThrows(IllegalArgumentException.class,
                () -> settings.secret("list-key"));
        assertEquals("marketfeed.providers.acme.list-key must be a string", list.getMessage());
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> settings.integer("api-key"));
        assertFalse(wrongType.getMessage().contains(CANARY), wrongType.getMessage());
    }

    @Test
    void originIsFileAndLine() {
        assertEquals("acme.conf:3", settings.origin("endpoint"));
        assertEquals("acme.conf:8", settings.origin("heartbeat.timeout"));
        // Absent keys point at their block, where they would go.
        assertEquals("acme.conf:8", settings.origin("heartbeat.missing"));
        assertEquals(new SettingsProblem("marketfeed.providers.acme.symbols", "acme.conf:7", "bad"),
                settings.problem("symbols", "bad"));
    }

    @Test
    void missingBlockIsEmpty() {
        TypesafeProviderSettings empty = TypesafeProviderSettings.of("other", ConfigFactory.empty());

        assertFalse(empty.hasPath("enabled"));
        assertEquals(Set.of(), empty.paths());
        assertEquals("", empty.origin("enabled"));
    }

    private static Config parse(String text) {
        return ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription("acme.conf"))
                .resolve();
    }
}
