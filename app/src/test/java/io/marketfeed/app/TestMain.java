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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: exit codes, what goes to stdout and stderr, and that no key leaks. */
class TestMain {

    private static final Map<String, String> WITH_KEY = Map.of("SAHMK_API_KEY", CANARY);

    @TempDir
    Path directory;

    @Test
    void misspelledKeyExitsTwoWithPathOriginAndSuggestion() {
        Path file = TestingConfig.write(directory, "my.conf", String.join("\n",
                "marketfeed {",
                "  providers.sahmk {",
                "    enabled = true",
                "    symbolz = [\"2222\"]",
                "  }",
                "}"));

        Result result = run(WITH_KEY, "run", "-c", file.toString(), "--duration", "1s");

        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code);
        assertEquals("config error: marketfeed.providers.sahmk.symbolz (" + file + ":4): unknown key; "
                + "did you mean 'symbols'?\n", result.err);
        assertEquals("", result.out);
    }

    @Test
    void everyConfigProblemAtOnceWithoutStackTraceOrKey() {
        Path file = TestingConfig.write(directory, "bad.conf", String.join("\n",
                "marketfeed {",
                "  stop-timeout = soon",
                "  reconnect.max-dealy = 1m",
                "  providers.sahmk { plan = platinum, depth.levels = 50, symbols = [\"2222\"] }",
                "  providers.nasdaq.enabled = true",
                "}"));

        Result result = run(WITH_KEY, "run", "-c", file.toString());

        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code);
        List<String> lines = result.err.lines().toList();
        assertTrue(lines.size() >= 5, result.err);
        assertTrue(lines.stream().allMatch(line -> line.startsWith("config error: marketfeed.")), result.err);
        assertTrue(result.err.contains("marketfeed.reconnect.max-dealy (" + file + ":3): unknown key; "
                + "did you mean 'max-delay'?"), result.err);
        assertTrue(result.err.contains("marketfeed.providers.nasdaq (" + file + ":5): unknown provider id "
                + "'nasdaq'; available providers: sahmk, tickatlas, alltick, screener"), result.err);
        assertTrue(result.err.contains("marketfeed.stop-timeout (" + file + ":2): must be a duration"), result.err);
        assertTrue(result.err.contains("marketfeed.providers.sahmk.plan (" + file + ":4): "), result.err);
        assertFalse(result.err.contains("\tat "), result.err);
        assertFalse(result.err.contains(CANARY), result.err);
    }

    @Test
    void missingKeyNamesTheVariable() {
        Path file = TestingConfig.write(directory, "nokey.conf", "marketfeed.providers.sahmk.symbols = [\"2222\"]");

        Result result = run(Map.of(), "run", "-c", file.toString());

        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code);
        assertTrue(result.err.startsWith("config error: marketfeed.providers.sahmk.api-key (" + file + ":1): "),
                result.err);
        assertTrue(result.err.contains("SAHMK_API_KEY"), result.err);
    }

    @Test
    void usageErrorsExitTwoWithTheUsageLine() {
        Result result = run(Map.of(), "run", "--formt", "jsonl");

        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code);
        assertEquals("error: unknown option '--formt'; did you mean '--format'?\n"
                + "usage: " + CommandLine.RUN_USAGE + "\n", result.err);
        assertEquals(ExitCode.USAGE_OR_CONFIG, run(Map.of()).code);
        assertEquals(ExitCode.USAGE_OR_CONFIG, run(Map.of(), "simulate", "--provider", "nope").code);
    }

    @Test
    void helpAndVersion() {
        Result help = run(Map.of(), "--help");
        assertEquals(ExitCode.OK, help.code);
        assertTrue(help.out.contains("Commands:") && help.out.contains(CommandLine.RUN_USAGE), help.out);

        Result runHelp = run(Map.of(), "help", "run");
        assertTrue(runHelp.out.startsWith("usage: " + CommandLine.RUN_USAGE), runHelp.out);

        Result version = run(Map.of(), "--version");
        assertEquals(ExitCode.OK, version.code);
        assertTrue(version.out.matches("marketfeed \\S+ \\(provider SPI 1\\.3\\)\n"), version.out);
    }

    @Test
    void providersListsTheBuiltInProvider() {
        Result result = run(Map.of(), "providers");

        assertEquals(ExitCode.OK, result.code, result.err);
        assertTrue(result.out.contains("\nsahmk\n"), result.out);
        assertTrue(result.out.contains("  capabilities: "), result.out);
        assertTrue(result.out.contains("  from:         built-in, "), result.out);
        assertFalse(result.out.contains("enabled:"), result.out);
    }

    @Test
    void providersWithConfigurationShowsEnabled() {
        Path file = TestingConfig.write(directory, "off.conf", "marketfeed.providers.sahmk.enabled = false");

        Result result = run(Map.of(), "providers", "-c", file.toString());

        assertTrue(result.out.contains("  enabled:      no\n"), result.out);
    }

    @Test
    void bundledDemoConfigurationIsValid() {
        Result result = run(Map.of(), "config");

        assertEquals(ExitCode.OK, result.code, result.err);
        assertTrue(result.out.startsWith("# Effective configuration from the built-in demo configuration"),
                result.out);
        assertTrue(result.out.contains("api-key = \"****\"  # the built-in simulator (masked)"), result.out);
        assertTrue(result.out.contains("enabled = true  # demo.conf:"), result.out);
    }

    @Test
    void keyInEnvironmentSelectsTheLiveConfigurationAndIsMasked() {
        Result result = run(WITH_KEY, "config");

        assertEquals(ExitCode.OK, result.code, result.err);
        assertTrue(result.out.startsWith("# Effective configuration from the built-in live configuration"),
                result.out);
        assertTrue(result.out.contains("api-key = \"****\"  # environment variable SAHMK_API_KEY (masked)"),
                result.out);
        assertTrue(result.out.contains("endpoint = \"wss://"), result.out);
        assertFalse(result.out.contains(CANARY), result.out);
        assertFalse(result.err.contains(CANARY), result.err);
    }

    @Test
    void overridesOnTheCommandLine() {
        Result result = run(WITH_KEY, "config", "-Dmarketfeed.stop-timeout=9s",
                "-Dmarketfeed.providers.sahmk.symbols=[1120]");

        assertEquals(ExitCode.OK, result.code, result.err);
        assertTrue(result.out.contains("stop-timeout = \"9s\"  # -Dmarketfeed.stop-timeout\n"), result.out);
        assertTrue(result.out.contains("symbols = [1120]  # -Dmarketfeed.providers.sahmk.symbols\n"),
                result.out);
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
