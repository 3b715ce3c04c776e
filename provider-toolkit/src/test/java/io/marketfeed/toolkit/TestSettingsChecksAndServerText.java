package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsProblem;
import io.marketfeed.api.SettingsReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TestSettingsChecksAndServerText {

    private static SettingsReader reader(Map<String, ?> values) {
        return new SettingsReader(ProviderSettings.of("acme", values));
    }

    private static List<String> problems(SettingsReader in) {
        SettingsException thrown = assertThrows(SettingsException.class, in::throwIfAny);
        return thrown.problems().stream().map(p -> p.path().replace("marketfeed.providers.acme.", "") + ": "
                + p.message()).toList();
    }

    @Test
    void everyCheckReportsItsProblemAndGoesOn() {
        SettingsReader in = reader(Map.of("a", "0s", "b", Duration.ofSeconds(-1), "c", 21, "d", 0, "plan", "gold",
                "origin", "x\ny", "symbols", List.of("2222", "22", "2222", "1120")));
        assertEquals(Duration.ZERO, SettingsChecks.positiveDuration(in, "a"));
        assertEquals(Duration.ofSeconds(-1), SettingsChecks.nonNegativeDuration(in, "b"));
        assertEquals(21, SettingsChecks.between(in, "c", 1, 20));
        assertEquals(OptionalInt.empty(), SettingsChecks.optionalAtLeast(in, "d", 1));
        assertEquals("pro", SettingsChecks.oneOf(in, "plan",
                name -> name.equals("pro") ? Optional.of("pro") : Optional.empty(), "pro or business", "pro"));
        assertEquals("", SettingsChecks.optionalPlainText(in, "origin"));
        assertEquals(List.of("2222", "1120"), SettingsChecks.symbols(in, "symbols", s -> s.matches("\\d{4}"),
                "a SAHMK symbol", "4 digits such as 2222"));
        assertEquals(List.of(
                "a: must be a positive duration, got PT0S",
                "b: must not be negative, got PT-1S",
                "c: must be between 1 and 20, got 21",
                "d: must be at least 1 (or null for the default), got 0",
                "plan: must be one of pro or business, got 'gold'",
                "origin: must not contain control characters",
                "symbols: entry [1] '22' is not a SAHMK symbol; expected 4 digits such as 2222",
                "symbols: entry [2] '2222' is listed twice"), problems(in));
    }

    @Test
    void acceptedValuesPassUnchanged() {
        SettingsReader in = reader(Map.of("a", "5s", "b", "0s", "c", 20, "plan", " pro ", "origin",
                " https://example.test ", "symbols", List.of("2222")));
        assertEquals(Duration.ofSeconds(5), SettingsChecks.positiveDuration(in, "a"));
        assertEquals(Duration.ZERO, SettingsChecks.nonNegativeDuration(in, "b"));
        assertEquals(20, SettingsChecks.between(in, "c", 1, 20));
        assertEquals(OptionalInt.empty(), SettingsChecks.optionalAtLeast(in, "absent", 1));
        assertEquals("PRO", SettingsChecks.oneOf(in, "plan",
                name -> name.equals("pro") ? Optional.of("PRO") : Optional.empty(), "pro", "none"));
        assertEquals("https://example.test", SettingsChecks.optionalPlainText(in, "origin"));
        assertEquals(List.of("2222"), SettingsChecks.symbols(in, "symbols", s -> true, "x", "y"));
        assertEquals(0, in.problemCount());
    }

    @Test
    void aLongOrControlRiddenSymbolIsQuotedSafely() {
        SettingsReader in = reader(Map.of("symbols", List.of("a\u0007b" + "x".repeat(100))));
        SettingsChecks.symbols(in, "symbols", s -> false, "a symbol", "letters");
        List<SettingsProblem> found = assertThrows(SettingsException.class, in::throwIfAny).problems();
        assertEquals("entry [0] 'a?b" + "x".repeat(61) + "…' is not a symbol; expected letters",
                found.get(0).message());
    }

    @Test
    void namedSymbolsAreReadFromTheServersProse() {
        assertEquals(List.of("9999", "8888"), ServerText.namedSymbols("Invalid symbols: 9999, 8888.",
                s -> s.matches("\\d{4}")));
        assertEquals(List.of("XYZ"), ServerText.namedSymbols("  unknown symbol = XYZ ", s -> true));
        assertEquals(List.of("EURUSD"), ServerText.namedSymbols("Unsupported symbol: [\"EURUSD\", \"??\"]",
                s -> s.matches("[A-Z]+")));
        assertEquals(List.of(), ServerText.namedSymbols("Subscribing to too many symbols", s -> true));
        assertEquals(List.of(), ServerText.namedSymbols(null, s -> true));
    }
}
