package io.marketfeed.app;

import static io.marketfeed.app.testing.TestingPlugins.BOOM;
import static io.marketfeed.app.testing.TestingPlugins.FUTURE;
import static io.marketfeed.app.testing.TestingPlugins.GOOD;
import static io.marketfeed.app.testing.TestingPlugins.HELPED;
import static io.marketfeed.app.testing.TestingPlugins.MISSING_CLASS;
import static io.marketfeed.app.testing.TestingPlugins.NOT_A_JAR;
import static io.marketfeed.app.testing.TestingPlugins.TWIN_A;
import static io.marketfeed.app.testing.TestingPlugins.TWIN_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.app.testing.TestingConfig;
import io.marketfeed.app.testing.TestingPlugins;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process with a plugin folder: {@code providers}, {@code config} and {@code run}. */
class TestMainWithPlugins {

    @TempDir
    static Path library;

    private static TestingPlugins plugins;

    @TempDir
    Path directory;

    @BeforeAll
    static void buildPlugins() {
        plugins = TestingPlugins.build(library);
    }

    @Test
    void providersListsPluginsThenEveryFailureAndExitsZero() {
        Path folder = plugins.install(directory.resolve("plugins"), GOOD, HELPED, FUTURE, BOOM, MISSING_CLASS,
                NOT_A_JAR);

        Result result = run("providers", "-Dmarketfeed.plugin-path=" + folder);

        assertEquals(ExitCode.OK, result.code, result.err);
        assertTrue(result.out.startsWith("7 providers found (this Marketfeed has SPI 1.3)\n"
                + "plugin folder: " + folder + " (6 plugins)\n\nsahmk\n"), result.out);
        String pluginsPart = result.out.substring(result.out.indexOf("\nfuture\n") + 1);
        assertEquals(String.join("\n",
                "future",
                "  description:  From the future",
                "  version:      0.0.7",
                "  SPI version:  2.0 (incompatible)",
                "  capabilities: quotes, trades",
                "  from:         plugin, " + folder.resolve(FUTURE),
                "  status:       refused: built for SPI 2.0, this Marketfeed has SPI 1.3 (the major version must "
                        + "match); use a version of it built for SPI 1.x",
                "  enabled:      no",
                "",
                "good",
                "  description:  Good test feed",
                "  version:      0.0.7",
                "  SPI version:  1.0 (compatible)",
                "  capabilities: quotes, trades",
                "  from:         plugin, " + folder.resolve(GOOD),
                "  status:       loaded",
                "  enabled:      no",
                "",
                "helped",
                "  description:  Helped feed, with a helper jar",
                "  version:      0.0.7",
                "  SPI version:  1.0 (compatible)",
                "  capabilities: quotes, trades",
                "  from:         plugin, " + folder.resolve(HELPED).resolve("helped-provider.jar"),
                "  status:       loaded",
                "  enabled:      no",
                "",
                "Could not load:",
                "  - " + folder.resolve(BOOM) + ": com.example.boom.BoomProvider could not be created: "
                        + "IllegalStateException: no licence file",
                "  - " + folder.resolve(MISSING_CLASS) + ": META-INF/services/io.marketfeed.api.MarketFeedProvider "
                        + "lists com.example.Missing, which is not in the plugin; fix the class name there",
                "  - " + folder.resolve(MISSING_CLASS) + ": com.example.notprovider.NotAProvider, listed in "
                        + "META-INF/services/io.marketfeed.api.MarketFeedProvider, does not implement "
                        + "io.marketfeed.api.MarketFeedProvider",
                "  - " + folder.resolve(NOT_A_JAR) + ": is not a jar (zip) file: "
                        + TestingPlugins.zipError(folder.resolve(NOT_A_JAR)),
                ""), pluginsPart);
    }

    @Test
    void providersWithoutTheNamedPluginFolderSaysSoAndExitsTwo() {
        Result result = run("providers", "-Dmarketfeed.plugin-path=" + directory.resolve("none"));

        // A folder the configuration names must exist; only the default (plugins beside the launcher) may be missing.
        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code, result.err);
        assertEquals("config error: marketfeed.plugin-path (-Dmarketfeed.plugin-path): the plugin folder "
                + directory.resolve("none") + " does not exist; create it or correct the path\n", result.err);
        assertTrue(result.out.startsWith("4 providers found (this Marketfeed has SPI 1.3)\nplugin folder: "
                + directory.resolve("none") + " (not found, so no plugins)\n\nsahmk\n"), result.out);
        assertTrue(result.out.contains("\ntickatlas\n") && result.out.contains("\nalltick\n"), result.out);
        assertFalse(result.out.contains("Could not load"), result.out);
    }

    @Test
    void relativePluginFolderIsFoundInTheMarketfeedFolder() {
        plugins.install(directory.resolve("plugins"), GOOD);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Invocation invocation = new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of(), Map.of(), false,
                new CompletableFuture<>(), directory);

        assertEquals(ExitCode.OK, Main.run(new String[] {"providers"}, invocation));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\ngood\n"), out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("plugin folder: " + directory.resolve("plugins")
                + " (1 plugin)\n"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void invalidPluginFolderIsAConfigError() {
        Result result = run("providers", "-Dmarketfeed.plugin-path=bad\0path");

        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code);
        assertTrue(result.err.startsWith("config error: marketfeed.plugin-path (-Dmarketfeed.plugin-path): is not a "
                + "valid path: "), result.err);
    }

    @Test
    void homeIsNotConfiguration() {
        Properties properties = new Properties();
        properties.setProperty("marketfeed.home", "/opt/marketfeed");
        properties.setProperty("marketfeed.plugin-path", "/srv/plugins");

        assertEquals(Map.of("marketfeed.plugin-path", "/srv/plugins"), Main.marketfeedProperties(properties));
    }

    @Test
    void pluginKeysAreValidatedLikeBuiltInOnes() {
        Path folder = plugins.install(directory.resolve("plugins"), GOOD);
        Path file = TestingConfig.write(directory, "good.conf", String.join("\n",
                "marketfeed.plugin-path = \"" + folder + "\"",
                "marketfeed.providers.sahmk.enabled = false",
                "marketfeed.providers.good {",
                "  enabled = true",
                "  symbols = [\"EURUSD\"]",
                "}"));

        Result result = run("config", "-c", file.toString());

        assertEquals(ExitCode.OK, result.code, result.err);
        assertEquals("", result.err);
        assertTrue(result.out.contains("endpoint = \"wss://good.example\"  # reference.conf:5 in good.jar\n"),
                result.out);
        assertTrue(result.out.contains("symbols = [EURUSD]  # " + file + ":5\n"), result.out);
        // A plugin's reference.conf sets defaults for its own providers only.
        assertTrue(result.out.contains("stop-timeout = \"5s\""), result.out);
    }

    @Test
    void misspelledPluginKeyGetsASuggestion() {
        Path folder = plugins.install(directory.resolve("plugins"), GOOD);
        Path file = TestingConfig.write(directory, "good.conf", String.join("\n",
                "marketfeed.providers.sahmk.enabled = false",
                "marketfeed.providers.good {",
                "  enabled = true",
                "  symbolz = [\"EURUSD\"]",
                "}"));

        Result result = run("run", "-c", file.toString(), "-Dmarketfeed.plugin-path=" + folder);

        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code);
        assertEquals("config error: marketfeed.providers.good.symbolz (" + file + ":4): unknown key; did you mean "
                + "'symbols'?\n", result.err);
    }

    @Test
    void runStreamsWithAPluginProviderAndWarnsAboutBrokenPlugins() {
        Path folder = plugins.install(directory.resolve("plugins"), GOOD, BOOM);
        Path file = TestingConfig.write(directory, "good.conf", String.join("\n",
                "marketfeed.plugin-path = \"" + folder + "\"",
                "marketfeed.sinks = []",
                "marketfeed.providers.good.symbols = [EURUSD]"));

        Result result = run("run", "-c", file.toString(), "--duration", "300ms", "--format", "jsonl");

        assertEquals(ExitCode.OK, result.code, result.err);
        String warning = "warning: could not load " + folder.resolve(BOOM) + ": com.example.boom.BoomProvider could "
                + "not be created: IllegalStateException: no licence file\n";
        assertTrue(result.err.startsWith(warning + "Summary after "), result.err);
        assertEquals(2, result.err.lines().filter(line -> line.startsWith("  ")).count(),
                "the summary: one line for the provider, one for the output: " + result.err);
    }

    @Test
    void enabledProviderWhosePluginFailedIsAConfigError() {
        Path folder = plugins.install(directory.resolve("plugins"), GOOD, BOOM);
        Path file = TestingConfig.write(directory, "boom.conf", String.join("\n",
                "marketfeed.plugin-path = \"" + folder + "\"",
                "marketfeed.providers.boom.enabled = true",
                "marketfeed.providers.sahmk.enabled = false"));

        Result result = run("run", "-c", file.toString(), "--duration", "1s");

        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code);
        assertEquals(List.of(
                "warning: could not load " + folder.resolve(BOOM) + ": com.example.boom.BoomProvider could not be "
                        + "created: IllegalStateException: no licence file",
                "config error: marketfeed.providers.boom (" + file + ":2): provider 'boom' is enabled but could not be "
                        + "loaded: " + folder.resolve(BOOM) + ": com.example.boom.BoomProvider could not be created: "
                        + "IllegalStateException: no licence file"), result.err.lines().toList());
        assertEquals("", result.out);
    }

    @Test
    void enabledIdThatNoPluginExplainsNamesEveryFailedPlugin() {
        Path folder = plugins.install(directory.resolve("plugins"), NOT_A_JAR);
        Path file = TestingConfig.write(directory, "ghost.conf", "marketfeed.providers.ghost.enabled = true");

        Result result = run("run", "-c", file.toString(), "-Dmarketfeed.plugin-path=" + folder);

        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code);
        assertTrue(result.err.contains("config error: marketfeed.providers.ghost (" + file + ":1): unknown provider "
                + "id 'ghost'; available providers: sahmk, tickatlas, alltick, screener; could not load: "
                + folder.resolve(NOT_A_JAR) + " (is not a jar (zip) file: "), result.err);
    }

    @Test
    void enabledIncompatibleOrDuplicateProviderIsRefused() {
        Path folder = plugins.install(directory.resolve("plugins"), FUTURE, TWIN_A, TWIN_B);
        Path file = TestingConfig.write(directory, "refused.conf", String.join("\n",
                "marketfeed.providers.sahmk.enabled = false",
                "marketfeed.providers.future.enabled = true",
                "marketfeed.providers.twin.enabled = true"));

        Result result = run("run", "-c", file.toString(), "-Dmarketfeed.plugin-path=" + folder);

        assertEquals(ExitCode.USAGE_OR_CONFIG, result.code);
        List<String> errors = result.err.lines().filter(line -> line.startsWith("config error:")).toList();
        assertEquals(List.of(
                "config error: marketfeed.providers.future (" + file + ":2): provider 'future' cannot run here: built "
                        + "for SPI 2.0, this Marketfeed has SPI 1.3 (the major version must match); use a version of "
                        + "it built for SPI 1.x (plugin, " + folder.resolve(FUTURE) + ")",
                "config error: marketfeed.providers.twin (" + file + ":3): provider 'twin' cannot run here: the id "
                        + "'twin' is also provided by plugin, " + folder.resolve(TWIN_B) + "; remove one of them "
                        + "(plugin, " + folder.resolve(TWIN_A) + ")"), errors);
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out, String err) {
    }
}
