package io.marketfeed.app;

import static io.marketfeed.app.testing.TestingConfig.CANARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.app.testing.TestingConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which providers a configuration runs, what {@code config} says it will dial, and the mistakes that used to do
 * nothing (exit 2, with the path and where it was set, all at once).
 */
class TestConfigMistakes {

    private static final String TICKATLAS_ONLY = String.join("\n",
            "marketfeed.providers.tickatlas {",
            "  api-key = ${?TICKATLAS_API_KEY}",
            "  symbols = [EURUSD, XAUUSD]",
            "}");

    @TempDir
    Path directory;

    @Test
    void aTickAtlasOnlyFileRunsTickAtlasAloneWhateverKeysAreInTheEnvironment() {
        Path file = TestingConfig.write(directory, "tickatlas.conf", TICKATLAS_ONLY);

        Result result = run(Map.of("SAHMK_API_KEY", CANARY, "TICKATLAS_API_KEY", "ta_CANARY_key"), "config", "-c",
                file.toString());

        assertEquals(ExitCode.OK, result.code, result.err);
        assertTrue(result.out.contains("# run will dial (credentials masked):\n"
                + "#   tickatlas quotes  wss://tickatlas.com/ws/v1/quotes  (credential sent in the first message)\n"
                + "marketfeed {\n"), result.out);
        assertFalse(result.out.contains("#   sahmk"), result.out);
        assertTrue(result.out.contains("enabled = true  # implied by symbols at " + file + ":3\n"), result.out);
        assertFalse((result.out + result.err).contains(CANARY) || (result.out + result.err).contains("ta_CANARY"),
                result.out);
    }

    @Test
    void noKeyNeededForAProviderTheFileDoesNotConfigure() {
        // Before, SAHMK was on by default and this exited 2 asking for SAHMK_API_KEY.
        Path file = TestingConfig.write(directory, "tickatlas.conf", TICKATLAS_ONLY);

        Result result = run(Map.of("TICKATLAS_API_KEY", "ta_demo_key"), "config", "-c", file.toString());

        assertEquals(ExitCode.OK, result.code, result.err);
    }

    @Test
    void theDemoConfigurationDialsEveryProviderOfTheSimulator() {
        Result result = run(Map.of(), "config");

        assertEquals(ExitCode.OK, result.code, result.err);
        for (String line : List.of(
                "#   tickatlas quotes  ws://127.0.0.1:0/ws/v1/quotes  (credential sent in the first message)",
                "#   sahmk quotes      ws://127.0.0.1:0/ws/v1/stocks/?api_key=****",
                "#   alltick stock     ws://127.0.0.1:0/quote-stock-b-ws-api?token=****",
                "#   alltick other     ws://127.0.0.1:0/quote-b-ws-api?token=****",
                "#   screener ws       ws://127.0.0.1:0/v1/ws")) {
            assertTrue(result.out.lines().anyMatch(line::equals), line + "\n" + result.out);
        }
    }

    @Test
    void everyMistakeThatUsedToDoNothingIsReportedAtOnce() {
        Path file = TestingConfig.write(directory, "quiet.conf", String.join("\n",
                "marketfeed.plugin-path = /no/such/plugins",
                "marketfeed.providers.tickatlas { enabled = true, symbols = [] }",
                "marketfeed.providers.sahmk {",
                "  enabled = true",
                "  depth { enabled = false, symbols = [\"2222\"] }",
                "}"));

        Result result = run(Map.of("MARKETFEED_LOG_LEVEL", "LOUD", "SAHMK_API_KEY", CANARY, "TICKATLAS_API_KEY",
                "ta_demo_key"), "run", "-c", file.toString(), "--duration", "1s");

        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code);
        assertEquals(List.of(
                "config error: MARKETFEED_LOG_LEVEL (environment variable MARKETFEED_LOG_LEVEL): unknown log level "
                        + "'LOUD'; use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF (in any case), or unset it for INFO",
                "config error: marketfeed.plugin-path (" + file + ":1): the plugin folder /no/such/plugins does not "
                        + "exist; create it or correct the path",
                "config error: marketfeed.providers.tickatlas.enabled (" + file + ":2): provider 'tickatlas' is "
                        + "enabled but has nothing to subscribe to; list what to stream in symbols, or set enabled = "
                        + "false",
                "config error: marketfeed.providers.sahmk.enabled (" + file + ":4): provider 'sahmk' is enabled but "
                        + "has nothing to subscribe to; list what to stream in symbols, depth.symbols or "
                        + "trades.symbols, or set enabled = false (depth.symbols is ignored while depth.enabled = false, "
                        + file + ":5)"), result.err.lines().toList());
        assertEquals("", result.out);
        assertFalse(result.err.contains(CANARY), result.err);
    }

    @Test
    void aPluginPathThatIsAFileIsAnError() {
        Path notAFolder = TestingConfig.write(directory, "plugins.txt", "not a folder");
        Path file = TestingConfig.write(directory, "demo.conf", String.join("\n",
                "marketfeed.providers.tickatlas { api-key = ta_demo_key, symbols = [EURUSD] }",
                "marketfeed.plugin-path = \"" + notAFolder + "\""));

        Result result = run(Map.of(), "config", "-c", file.toString());

        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code);
        assertEquals("config error: marketfeed.plugin-path (" + file + ":2): is not a folder: " + notAFolder
                + "; name the folder that holds the plugin jars\n", result.err);
    }

    @Test
    void theDefaultPluginFolderMayBeMissing() {
        // Main.run's Marketfeed folder is the current directory (the module), which has no plugins/ folder.
        Path file = TestingConfig.write(directory, "t.conf", "marketfeed.providers.tickatlas { api-key = ta_demo_key, "
                + "symbols = [EURUSD] }");

        assertEquals(ExitCode.OK, run(Map.of(), "config", "-c", file.toString()).code);
    }

    @Test
    void aLogLevelAsSystemPropertyIsCheckedForEveryCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Invocation invocation = new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("MARKETFEED_LOG_LEVEL", "debug"),
                Main.marketfeedProperties(properties("MARKETFEED_LOG_LEVEL", "verbose")), false,
                new CompletableFuture<>(), Path.of(""));

        // The system property wins over the environment, as logback reads them; the simulator is never started.
        assertEquals(ExitCode.USAGE_OR_CONFIG, Main.run(new String[] {"simulate", "--port", "0"}, invocation));
        assertEquals("config error: MARKETFEED_LOG_LEVEL (system property -DMARKETFEED_LOG_LEVEL): unknown log level "
                + "'verbose'; use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF (in any case), or unset it for INFO\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void knownLogLevelsInAnyCaseAreFineAndAnEmptyOneIsNot() {
        for (String level : List.of("DEBUG", "debug", "Info", "WARN", "error", "trace", "OFF")) {
            assertEquals(ExitCode.OK, run(Map.of("MARKETFEED_LOG_LEVEL", level), "config").code, level);
        }
        Result empty = run(Map.of("MARKETFEED_LOG_LEVEL", ""), "providers");
        assertEquals(ExitCode.USAGE_OR_CONFIG, empty.code);
        assertTrue(empty.err.startsWith("config error: MARKETFEED_LOG_LEVEL (environment variable "
                + "MARKETFEED_LOG_LEVEL): is empty; use one of"), empty.err);
    }

    @Test
    void aDurationThatIsNotPositiveSaysSo() {
        for (String duration : List.of("-5s", "0s")) {
            Result result = run(Map.of(), "run", "--duration", duration);

            assertEquals(ExitCode.USAGE_OR_CONFIG, result.code);
            assertEquals("error: --duration: invalid duration '" + duration + "': must be positive, such as 500ms, "
                    + "15s, 2m or 1h\nusage: " + CommandLine.RUN_USAGE + "\n", result.err);
            assertEquals("", result.out);
        }
    }

    private static java.util.Properties properties(String name, String value) {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty(name, value);
        return properties;
    }

    private static Result run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {
    }
}
