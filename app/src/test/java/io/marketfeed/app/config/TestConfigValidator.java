package io.marketfeed.app.config;

import static io.marketfeed.app.testing.TestingConfig.CANARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.SettingsProblem;
import io.marketfeed.app.output.OutputFormat;
import io.marketfeed.app.provider.ProviderRegistry;
import io.marketfeed.app.testing.AcmeProvider;
import io.marketfeed.app.testing.TestingConfig;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.ReconnectPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestConfigValidator {

    private static final Map<String, String> KEY = Map.of("ACME_API_KEY", CANARY);

    @TempDir
    Path directory;

    private final ConfigValidator validator = new ConfigValidator(ProviderRegistry.of(List.of(new AcmeProvider())));

    @Test
    void defaultsComeFromReferenceConf() {
        ValidatedConfig validated = validate("marketfeed.providers.acme.symbols = [A]", KEY);

        AppSettings app = validated.app();
        assertEquals(ReconnectPolicy.defaults(), app.reconnect());
        assertEquals(DeliveryPolicy.lossless(), app.delivery(), "lossless by default: a recorder keeps every event");
        assertEquals(Duration.ofSeconds(5), app.stopTimeout());
        assertEquals(Duration.ofSeconds(10), app.connectTimeout());
        assertEquals(new AppSettings.Output(OutputFormat.AUTO, Duration.ofMillis(500), 40), app.output());
        assertEquals(new AppSettings.Simulator(false, List.of("sahmk"), 0), app.simulator());
        assertEquals(List.of("acme"), validated.providers().stream().map(EnabledProvider::id).toList());
    }

    @Test
    void everyRunnerKeyIsRead() {
        ValidatedConfig validated = validate(String.join("\n",
                "marketfeed {",
                "  reconnect { initial-delay = 2s, max-delay = 1m, multiplier = 3, jitter = 0.5, reset-after = 2m }",
                "  delivery { policy = drop-oldest, capacity = 100 }",
                "  stop-timeout = 7s",
                "  connect-timeout = 3s",
                "  output { format = jsonl, table-refresh = 1s, table-rows = 12 }",
                "  simulator { enabled = true, providers = [sahmk, tickatlas, alltick], port = 9123 }",
                "  providers.acme.symbols = [A]",
                "}"), KEY);

        AppSettings app = validated.app();
        assertEquals(new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofMinutes(1), 3.0, 0.5,
                Duration.ofMinutes(2)), app.reconnect());
        assertEquals(DeliveryPolicy.dropOldest(100), app.delivery());
        assertEquals(Duration.ofSeconds(7), app.stopTimeout());
        assertEquals(Duration.ofSeconds(3), app.connectTimeout());
        assertEquals(new AppSettings.Output(OutputFormat.JSONL, Duration.ofSeconds(1), 12), app.output());
        assertEquals(new AppSettings.Simulator(true, List.of("sahmk", "tickatlas", "alltick"), 9123),
                app.simulator());
    }

    @Test
    void misspelledKeyNamesPathOriginAndLikelyKey() {
        Path file = TestingConfig.write(directory, "my.conf", String.join("\n",
                "marketfeed {",
                "  providers.acme {",
                "    enabled = true",
                "    symbolz = [\"X\"]",
                "  }",
                "}"));

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> validator.validate(TestingConfig.load(file, KEY)));

        assertEquals(List.of("config error: marketfeed.providers.acme.symbolz (" + file + ":4): unknown key; "
                + "did you mean 'symbols'?"), e.lines());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(String.join("\n",
                "marketfeed {",
                "  reconect { initial-delay = 2s }",
                "  delivery.capacity = lots",
                "  delivery.policy = newest",
                "  stop-timeout = soon",
                "  providers.acme { enabled = true, symbols = [\"ok\"], depth.levels = 11 }",
                "  providers.acne { enabled = true }",
                "}"), KEY));

        List<String> paths = e.problems().stream().map(p -> p.path()).toList();
        assertEquals(List.of("marketfeed.reconect", "marketfeed.providers.acne", "marketfeed.delivery.capacity",
                "marketfeed.stop-timeout", "marketfeed.delivery.policy", "marketfeed.providers.acme.symbols",
                "marketfeed.providers.acme.depth.levels"), paths, e.lines().toString());
        assertEquals("marketfeed.providers.acne (test.conf:7): unknown provider id 'acne'; did you mean 'acme'?; "
                + "available providers: acme", e.problems().get(1).toString().replace(directory + "/", ""));
        assertTrue(e.lines().get(2).endsWith("marketfeed.delivery.capacity (" + directory
                + "/test.conf:3): must be a whole number, got 'lots'"), e.lines().get(2));
    }

    @Test
    void theFormerBlockPolicyIsReportedWithItsNewName() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(String.join("\n",
                "marketfeed.delivery.policy = block",
                "marketfeed.providers.acme.symbols = [A]"), KEY));

        assertEquals(List.of("marketfeed.delivery.policy"), e.problems().stream().map(p -> p.path()).toList());
        assertTrue(e.lines().get(0).contains("'block' is now called 'lossless'"), e.lines().toString());
    }

    @Test
    void objectWhereValueExpectedIsTypeError() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(String.join("\n",
                "marketfeed.providers.acme.symbols = [A]",
                "marketfeed.reconnect = 5",
                "marketfeed.providers.acme.symbols = \"X\""), KEY));

        assertEquals(List.of("marketfeed.providers.acme.symbols", "marketfeed.reconnect"),
                e.problems().stream().map(p -> p.path()).sorted().toList(), e.lines().toString());
        assertTrue(e.problems().stream().allMatch(p -> p.message().startsWith("Wrong value type, expecting: ")),
                e.lines().toString());
    }

    @Test
    void keysWithoutDefaultAreKnown() {
        // api-key defaults to null; token only to ${?ACME_TOKEN}, unset here: both are still keys.
        ValidatedConfig validated = validate(String.join("\n",
                "marketfeed.providers.acme {",
                "  enabled = true",
                "  symbols = [A]",
                "  api-key = \"acme_key\"",
                "  token = \"t\"",
                "  origin = \"https://example\"",
                "  headers { X-Anything = 1 }",
                "}"), Map.of());

        assertEquals("acme_key", validated.providers().get(0).settings().secret("api-key").orElseThrow().reveal());
    }

    @Test
    void unknownKeyInNestedBlockSuggestsSibling() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(
                "marketfeed.providers.acme { enabled = true, depth.levle = 3, depth-levels = 2 }", KEY));

        assertEquals(List.of("unknown key; did you mean 'levels'?", "unknown key; did you mean 'depth.levels'?"),
                e.problems().stream().map(p -> p.message()).toList());
    }

    @Test
    void keyWithNothingCloseListsTheKeysThere() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(
                "marketfeed.providers.acme.symbols = [A]\nmarketfeed.output.colour = red", KEY));

        assertEquals("unknown key; the keys here are: format, table-refresh, table-rows",
                e.problems().get(0).message());
    }

    @Test
    void misplacedTopLevelBlockIsReported() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(String.join("\n",
                "marketfeed.providers.acme.symbols = [A]",
                "reconnect { max-delay = 1m }",
                "helper-list = [1, 2]",
                "marketfed { }"), KEY));

        assertEquals(List.of("reconnect: is outside the marketfeed block; did you mean 'marketfeed.reconnect'?",
                "marketfed: unknown key; did you mean 'marketfeed'?"), e.problems().stream()
                .map(p -> p.path() + ": " + p.message()).toList());
    }

    @Test
    void noEnabledProviderIsAnError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> validate("marketfeed.stop-timeout = 1s", KEY));

        // The key in the environment (ACME_API_KEY) enables nothing by itself.
        assertEquals(List.of("config error: marketfeed.providers: no provider is enabled; give one its symbols, "
                + "such as marketfeed.providers.<id>.symbols = [...] (a block with symbols is enabled unless it says "
                + "enabled = false), for one of: acme"), e.lines());
    }

    @Test
    void aBlockWithSymbolsIsEnabledAndSaysWhy() {
        ValidatedConfig validated = validate("marketfeed.providers.acme.symbols = [A]", KEY);

        assertEquals(List.of("acme"), validated.providers().stream().map(EnabledProvider::id).toList());
        assertEquals("implied by symbols at " + directory + "/test.conf:1",
                validated.loaded().origin("marketfeed.providers.acme.enabled"));
        assertTrue(ConfigPrinter.render(validated.config()).contains("enabled = true  # implied by symbols at "
                + directory + "/test.conf:1"), ConfigPrinter.render(validated.config()));
    }

    @Test
    void enabledFalseWinsOverSymbols() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(
                "marketfeed.providers.acme { symbols = [A], enabled = false }", KEY));

        assertEquals(List.of("marketfeed.providers"), e.problems().stream().map(p -> p.path()).toList());
    }

    @Test
    void enabledTrueStillWorks() {
        ValidatedConfig validated = validate("marketfeed.providers.acme { enabled = true, symbols = [A] }", KEY);

        assertEquals(List.of("acme"), validated.providers().stream().map(EnabledProvider::id).toList());
        assertEquals(directory + "/test.conf:1", validated.loaded().origin("marketfeed.providers.acme.enabled"));
    }

    @Test
    void anEmptyListOrAListOnlyInTheReferenceEnablesNothing() {
        LoadedConfig loaded = TestingConfig.load(TestingConfig.write(directory, "empty.conf",
                "marketfeed.providers.acme { symbols = [], heartbeat.interval = 10s }"), KEY);

        assertFalse(loaded.flag("marketfeed.providers.acme.enabled"));
    }

    @Test
    void innerListsEnableTheProviderAndTheirOwnBlock() {
        Path file = TestingConfig.write(directory, "depth.conf", "marketfeed.providers.acme.depth.symbols = [A]");
        LoadedConfig loaded = TestingConfig.load(file, KEY);

        assertTrue(loaded.flag("marketfeed.providers.acme.enabled"));
        assertTrue(loaded.flag("marketfeed.providers.acme.depth.enabled"));
        assertEquals("implied by depth.symbols at " + file + ":1", loaded.origin("marketfeed.providers.acme.enabled"));

        LoadedConfig switchedOff = TestingConfig.load(TestingConfig.write(directory, "off.conf",
                "marketfeed.providers.acme.depth { symbols = [A], enabled = false }"), KEY);
        assertFalse(switchedOff.flag("marketfeed.providers.acme.depth.enabled"));
        assertFalse(switchedOff.flag("marketfeed.providers.acme.enabled"), "a list in a switched-off block");
    }

    @Test
    void overridesEnableToo() {
        Path file = TestingConfig.write(directory, "test.conf", "marketfeed.stop-timeout = 3s");

        ValidatedConfig validated = validator.validate(TestingConfig.load(file, KEY,
                Map.of("marketfeed.providers.acme.symbols", "[A]")));

        assertEquals(List.of("acme"), validated.providers().stream().map(EnabledProvider::id).toList());
        assertEquals("implied by symbols at -Dmarketfeed.providers.acme.symbols",
                validated.loaded().origin("marketfeed.providers.acme.enabled"));
    }

    @Test
    void enabledWithNothingToSubscribeToIsAnError() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(
                "marketfeed.providers.acme.enabled = true", KEY));

        assertEquals(List.of("config error: marketfeed.providers.acme.enabled (test.conf:1): provider 'acme' is "
                + "enabled but has nothing to subscribe to; list what to stream in symbols or depth.symbols, or set "
                + "enabled = false"), e.lines().stream().map(line -> line.replace(directory + "/", "")).toList());
    }

    @Test
    void aListInASwitchedOffBlockIsNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(String.join("\n",
                "marketfeed.providers.acme {",
                "  enabled = true",
                "  depth { enabled = false, symbols = [A] }",
                "}"), KEY));

        assertEquals(List.of("config error: marketfeed.providers.acme.enabled (test.conf:2): provider 'acme' is "
                + "enabled but has nothing to subscribe to; list what to stream in symbols or depth.symbols, or set "
                + "enabled = false (depth.symbols is ignored while depth.enabled = false, test.conf:3)"),
                e.lines().stream().map(line -> line.replace(directory + "/", "")).toList());
    }

    @Test
    void problemsFromOutsideTheFilesComeWithTheOthers() {
        ConfigValidator withOutside = new ConfigValidator(ProviderRegistry.of(List.of(new AcmeProvider())),
                List.of(new SettingsProblem("MARKETFEED_LOG_LEVEL",
                        "environment variable MARKETFEED_LOG_LEVEL", "unknown log level 'LOUD'")));
        Path file = TestingConfig.write(directory, "test.conf", "marketfeed.stop-timeout = soon\n"
                + "marketfeed.providers.acme.symbols = [A]");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> withOutside.validate(TestingConfig.load(file, KEY)));

        assertEquals(List.of("MARKETFEED_LOG_LEVEL", "marketfeed.stop-timeout"),
                e.problems().stream().map(p -> p.path()).toList());
    }

    @Test
    void providerBuiltForAnotherSpiIsRefused() {
        ConfigValidator strict = new ConfigValidator(ProviderRegistry.of(List.of(new AcmeProvider("2.0"))));
        Path file = TestingConfig.write(directory, "test.conf", "marketfeed.providers.acme.symbols = [A]");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> strict.validate(TestingConfig.load(file, KEY)));

        assertTrue(e.problems().get(0).message().startsWith("provider 'acme' cannot run here: built for SPI 2.0"),
                e.lines().toString());
    }

    @Test
    void rangesAndCrossKeyRulesOfTheRunner() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(String.join("\n",
                "marketfeed.providers.acme.symbols = [A]",
                "marketfeed.reconnect { initial-delay = 10s, max-delay = 5s, jitter = 1.5, multiplier = 0.5 }",
                "marketfeed.delivery.capacity = 0",
                "marketfeed.output.table-rows = 2.5",
                "marketfeed.stop-timeout = 0s",
                "marketfeed.simulator.port = 70000",
                "marketfeed.output.format = html"), KEY));

        assertEquals(List.of(
                "marketfeed.reconnect.multiplier: must be between 1.0 and 100.0, got 0.5",
                "marketfeed.reconnect.jitter: must be between 0.0 and 1.0, got 1.5",
                "marketfeed.reconnect.max-delay: must not be shorter than reconnect.initial-delay (10000ms)",
                "marketfeed.delivery.capacity: must be between 1 and 10000000, got 0",
                "marketfeed.stop-timeout: must be more than zero, got '0s'",
                "marketfeed.output.format: must be one of auto, table, jsonl, none, got 'html'",
                "marketfeed.output.table-rows: must be a whole number, got '2.5'",
                "marketfeed.simulator.port: must be between 0 and 65535, got 70000"),
                e.problems().stream().map(p -> p.path() + ": " + p.message()).toList());
    }

    @Test
    void simulatorListNamesOnlyProvidersASimulatorExistsFor() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(String.join("\n",
                "marketfeed.providers.acme.symbols = [A]",
                "marketfeed.simulator {",
                "  providers = [sahmk, tickatlass, nasdaq]",
                "}"), KEY));

        assertEquals(List.of(
                "config error: marketfeed.simulator.providers (test.conf:3): there is no simulator for provider "
                        + "'tickatlass'; did you mean 'tickatlas'?; simulators exist for: sahmk, tickatlas, alltick, screener",
                "config error: marketfeed.simulator.providers (test.conf:3): there is no simulator for provider "
                        + "'nasdaq'; simulators exist for: sahmk, tickatlas, alltick, screener"),
                e.lines().stream().map(line -> line.replace(directory + "/", "")).toList());
    }

    @Test
    void simulatorListRepeatsAreDroppedAndItMayBeEmptyOnlyWhileDisabled() {
        ValidatedConfig disabled = validate("marketfeed.providers.acme.symbols = [A]\n"
                + "marketfeed.simulator.providers = []", KEY);
        assertEquals(new AppSettings.Simulator(false, List.of(), 0), disabled.app().simulator());
        ValidatedConfig repeated = validate("marketfeed.providers.acme.symbols = [A]\n"
                + "marketfeed.simulator.providers = [tickatlas, sahmk, tickatlas]", KEY);
        assertEquals(List.of("tickatlas", "sahmk"), repeated.app().simulator().providers());

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(
                "marketfeed.providers.acme.symbols = [A]\n"
                + "marketfeed.simulator { enabled = true, providers = [] }", KEY));

        assertEquals(List.of("marketfeed.simulator.providers: is empty while the simulator is enabled; list the "
                + "providers to stream from it (sahmk, tickatlas, alltick, screener), or set simulator.enabled = false"),
                e.problems().stream().map(p -> p.path() + ": " + p.message()).toList());
    }

    @Test
    void simulatorProvidersMustBeAList() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(
                "marketfeed.providers.acme.symbols = [A]\n"
                + "marketfeed.simulator { enabled = true, providers = sahmk }", KEY));

        assertEquals(List.of("marketfeed.simulator.providers: must be a list of strings such as [\"a\", \"b\"], "
                + "got 'sahmk'"), e.problems().stream().map(p -> p.path() + ": " + p.message()).toList());
    }

    @Test
    void theFormerSingleProviderKeySuggestsTheList() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(String.join("\n",
                "marketfeed.providers.acme.symbols = [A]",
                "marketfeed.simulator {",
                "  enabled = false",
                "  provider = sahmk",
                "}"), KEY));

        assertEquals(List.of("config error: marketfeed.simulator.provider (test.conf:4): unknown key; did you mean "
                + "'providers'?"), e.lines().stream().map(line -> line.replace(directory + "/", "")).toList());
    }

    @Test
    void overridesWinAndNameTheirOrigin() {
        Path file = TestingConfig.write(directory, "test.conf", "marketfeed.providers.acme.symbols = [A]\n"
                + "marketfeed.stop-timeout = 3s");

        ValidatedConfig validated = validator.validate(TestingConfig.load(file, KEY, Map.of(
                "marketfeed.stop-timeout", "9s", "marketfeed.providers.acme.symbols", "[A, B]")));
        assertEquals(Duration.ofSeconds(9), validated.app().stopTimeout());
        assertEquals(List.of("A", "B"), validated.providers().get(0).protocol().configuredSubscriptions().stream()
                .map(io.marketfeed.api.protocol.Subscription::symbol).toList());

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validator.validate(
                TestingConfig.load(file, KEY, Map.of("marketfeed.stop-timout", "9s"))));
        assertEquals(List.of("config error: marketfeed.stop-timout (-Dmarketfeed.stop-timout): unknown key; "
                + "did you mean 'stop-timeout'?"), e.lines());
    }

    @Test
    void environmentFillsSubstitutions() {
        ValidatedConfig validated = validate("marketfeed.providers.acme.symbols = [A]\n"
                + "marketfeed.stop-timeout = ${?STOP}", Map.of("ACME_API_KEY", CANARY, "STOP", "12s"));

        assertEquals(Duration.ofSeconds(12), validated.app().stopTimeout());
        assertEquals("environment variable ACME_API_KEY",
                validated.providers().get(0).settings().origin("api-key"));
    }

    @Test
    void secretsNeverAppearInMessages() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(String.join("\n",
                "marketfeed.providers.acme { enabled = true, api-key = [${ACME_API_KEY}] }",
                "marketfeed.stop-timeout = ${ACME_API_KEY}",
                "marketfeed.delivery.policy = ${ACME_API_KEY}",
                "marketfeed.delivery.capacity = ${ACME_API_KEY}"), KEY));

        assertEquals(4, e.problems().size(), e.lines().toString());
        for (String line : e.lines()) {
            assertFalse(line.contains(CANARY), line);
        }
        assertFalse(e.getMessage().contains(CANARY));
    }

    @Test
    void unresolvedSubstitutionNamesItsOrigin() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> validate("marketfeed.stop-timeout = ${NOT_SET}", Map.of()));

        assertTrue(e.lines().get(0).startsWith("config error: " + directory + "/test.conf:1: "), e.lines().get(0));
        assertTrue(e.lines().get(0).contains("NOT_SET"));
    }

    @Test
    void parseErrorNamesFileAndLine() {
        Path file = TestingConfig.write(directory, "broken.conf", "marketfeed {\n  stop-timeout = 5s\n  oops = \n");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ConfigSource.file(file));

        assertTrue(e.lines().get(0).startsWith("config error: " + file + ":"), e.lines().get(0));
    }

    @Test
    void missingFileIsReported() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigSource.file(directory.resolve("absent.conf")));

        assertEquals(List.of("config error: config file not found: " + directory.resolve("absent.conf")), e.lines());
    }

    @Test
    void printedConfigurationMasksSecrets() {
        ValidatedConfig validated = validate("marketfeed.providers.acme { enabled = true, symbols = [A], token = ${ACME_API_KEY} }",
                KEY);

        String printed = ConfigPrinter.render(validated.config());

        assertFalse(printed.contains(CANARY), printed);
        assertTrue(printed.contains("api-key = \"****\"  # environment variable ACME_API_KEY (masked)"), printed);
        assertTrue(printed.contains("token = \"****\""), printed);
        assertTrue(printed.contains("stop-timeout = \"5s\"  # reference.conf:"), printed);
    }

    private ValidatedConfig validate(String text, Map<String, String> environment) {
        Path file = TestingConfig.write(directory, "test.conf", text);
        return validator.validate(TestingConfig.load(file, environment));
    }
}
