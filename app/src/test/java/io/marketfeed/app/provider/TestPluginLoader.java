package io.marketfeed.app.provider;

import static io.marketfeed.app.testing.TestingPlugins.BOOM;
import static io.marketfeed.app.testing.TestingPlugins.FUTURE;
import static io.marketfeed.app.testing.TestingPlugins.GOOD;
import static io.marketfeed.app.testing.TestingPlugins.HELPED;
import static io.marketfeed.app.testing.TestingPlugins.HELPLESS;
import static io.marketfeed.app.testing.TestingPlugins.MISSING_CLASS;
import static io.marketfeed.app.testing.TestingPlugins.NOT_A_JAR;
import static io.marketfeed.app.testing.TestingPlugins.SAHMK_AGAIN;
import static io.marketfeed.app.testing.TestingPlugins.TWIN_A;
import static io.marketfeed.app.testing.TestingPlugins.TWIN_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigResolveOptions;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.app.testing.TestingPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The plugin folder, loaded from real jars compiled during the test: good ones, and each way one can be broken. */
class TestPluginLoader {

    private static final ClassLoader APP = TestPluginLoader.class.getClassLoader();

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
    void goodPluginLoadsInItsOwnClassLoaderWithItsReferenceBlock() {
        Path folder = plugins.install(directory.resolve("plugins"), GOOD);

        PluginReport report = PluginLoader.load(folder, APP);

        assertEquals(Optional.of(folder), report.folder());
        assertTrue(report.folderExists());
        PluginReport.Plugin plugin = report.plugins().get(0);
        assertEquals(folder.resolve(GOOD), plugin.path());
        assertEquals(List.of(), plugin.problems());
        assertEquals(Set.of("good"), plugin.declaredIds());
        MarketFeedProvider good = plugin.providers().get(0);
        assertEquals("good", good.id());
        PluginClassLoader loader = assertInstanceOf(PluginClassLoader.class, good.getClass().getClassLoader());
        assertSame(ClassLoader.getPlatformClassLoader(), loader.getParent());
        assertEquals("wss://good.example", plugin.reference().getString("marketfeed.providers.good.endpoint"));
    }

    @Test
    void pluginSeesOnlyTheApiSlf4jTheJdkAndItself() throws Exception {
        MarketFeedProvider good = only(PluginLoader.load(plugins.install(directory.resolve("plugins"), GOOD), APP));
        ClassLoader loader = good.getClass().getClassLoader();

        for (String hidden : List.of("com.google.inject.Injector", "com.typesafe.config.Config",
                "com.fasterxml.jackson.core.JsonFactory", "io.marketfeed.runtime.MarketFeed", "io.marketfeed.app.Main",
                "io.marketfeed.provider.sahmk.SahmkProvider", "ch.qos.logback.classic.Logger")) {
            assertFalse(sees(good, hidden), hidden + " is visible from a plugin");
        }
        for (String shared : List.of("io.marketfeed.api.MarketFeedProvider", "io.marketfeed.api.model.Quote",
                "org.slf4j.Logger", "java.util.List", "java.sql.Timestamp")) {
            assertTrue(sees(good, shared), shared + " is not visible from a plugin");
        }
        // The very same classes as the app's, or a provider would not be a MarketFeedProvider here.
        assertSame(MarketFeedProvider.class, loader.loadClass("io.marketfeed.api.MarketFeedProvider"));
        assertSame(LoggerFactory.class, loader.loadClass("org.slf4j.LoggerFactory"));
    }

    @Test
    void subFolderIsOnePluginWithAllItsJars() {
        Path folder = plugins.install(directory.resolve("plugins"), HELPED);

        PluginReport report = PluginLoader.load(folder, APP);

        PluginReport.Plugin plugin = report.plugins().get(0);
        assertEquals(folder.resolve(HELPED), plugin.path());
        assertEquals(List.of(), plugin.problems());
        MarketFeedProvider helped = plugin.providers().get(0);
        assertEquals("Helped feed, with a helper jar", helped.description());
        assertEquals(folder.resolve(HELPED).resolve("helped-provider.jar").toString(),
                ProviderRegistry.location(helped.getClass()));
    }

    @Test
    void missingDependencySaysWhatToDo() {
        Path folder = plugins.install(directory.resolve("plugins"), HELPLESS);

        PluginReport.Plugin plugin = PluginLoader.load(folder, APP).plugins().get(0);

        assertEquals(List.of(), plugin.providers());
        assertEquals(List.of("com.example.helped.HelpedProvider could not be created: class not found: "
                + "com.example.helper.Greeting (a plugin sees only its own jars, the JDK and Marketfeed's "
                + "io.marketfeed.api and org.slf4j; put the jar with that class into the plugin's folder)"),
                plugin.problems());
    }

    @Test
    void eachBrokenPluginIsReportedWithItsPathAndReasonAndTheOthersLoad() {
        Path folder = plugins.install(directory.resolve("plugins"), BOOM, FUTURE, GOOD, MISSING_CLASS, NOT_A_JAR,
                HELPED);

        ProviderRegistry registry = ProviderRegistry.discover(APP, PluginLoader.load(folder, APP));

        assertEquals(List.of("sahmk", "tickatlas", "alltick", "screener", "future", "good", "helped"), registry.ids());
        assertTrue(registry.find("good").orElseThrow().refusal().isEmpty());
        assertTrue(registry.find("helped").orElseThrow().refusal().isEmpty());
        ProviderRegistry.Found future = registry.find("future").orElseThrow();
        assertEquals(ProviderRegistry.Source.PLUGIN, future.source());
        assertEquals("plugin, " + folder.resolve(FUTURE), future.from());
        assertEquals(Optional.of("built for SPI 2.0, this Marketfeed has SPI 1.3 (the major version must match); "
                + "use a version of it built for SPI 1.x"), future.refusal());
        assertEquals(List.of(
                folder.resolve(BOOM) + ": com.example.boom.BoomProvider could not be created: IllegalStateException: "
                        + "no licence file",
                folder.resolve(MISSING_CLASS) + ": META-INF/services/io.marketfeed.api.MarketFeedProvider lists "
                        + "com.example.Missing, which is not in the plugin; fix the class name there",
                folder.resolve(MISSING_CLASS) + ": com.example.notprovider.NotAProvider, listed in "
                        + "META-INF/services/io.marketfeed.api.MarketFeedProvider, does not implement "
                        + "io.marketfeed.api.MarketFeedProvider",
                folder.resolve(NOT_A_JAR) + ": is not a jar (zip) file: "
                        + TestingPlugins.zipError(folder.resolve(NOT_A_JAR))),
                registry.failures().stream().map(f -> f.what() + ": " + f.reason()).collect(Collectors.toList()));
        // The reference.conf of the failed plugin names what it was meant to provide.
        assertEquals(Optional.of(Set.of("boom")), registry.failureFor("boom").map(ProviderRegistry.Failure::ids));
        assertEquals(List.of(
                "warning: could not load " + folder.resolve(BOOM) + ": com.example.boom.BoomProvider could not be "
                        + "created: IllegalStateException: no licence file"),
                registry.warnings().subList(0, 1));
        assertTrue(registry.warnings().contains("warning: provider 'future' (plugin, " + folder.resolve(FUTURE)
                + ") cannot be used: built for SPI 2.0, this Marketfeed has SPI 1.3 (the major version must match); "
                + "use a version of it built for SPI 1.x"), registry.warnings().toString());
    }

    @Test
    void twoPluginsWithOneIdAreBothRefusedNamingEachOther() {
        Path folder = plugins.install(directory.resolve("plugins"), TWIN_A, TWIN_B);

        ProviderRegistry registry = ProviderRegistry.discover(APP, PluginLoader.load(folder, APP));

        List<ProviderRegistry.Found> twins = registry.providers().stream().filter(f -> f.id().equals("twin"))
                .collect(Collectors.toList());
        assertEquals(2, twins.size());
        assertEquals(Optional.of("the id 'twin' is also provided by plugin, " + folder.resolve(TWIN_B)
                + "; remove one of them"), twins.get(0).refusal());
        assertEquals(Optional.of("the id 'twin' is also provided by plugin, " + folder.resolve(TWIN_A)
                + "; remove one of them"), twins.get(1).refusal());
        // Both blocks are known, so whichever is removed, the configuration stays valid.
        Config reference = registry.pluginReference();
        assertTrue(reference.hasPath("marketfeed.providers.twin.only-a"));
        assertTrue(reference.hasPath("marketfeed.providers.twin.only-b"));
    }

    @Test
    void pluginCannotTakeTheIdOfABuiltInProvider() {
        Path folder = plugins.install(directory.resolve("plugins"), SAHMK_AGAIN);

        ProviderRegistry registry = ProviderRegistry.discover(APP, PluginLoader.load(folder, APP));

        List<ProviderRegistry.Found> sahmks = registry.providers().stream().filter(f -> f.id().equals("sahmk"))
                .collect(Collectors.toList());
        assertEquals(2, sahmks.size());
        ProviderRegistry.Found builtIn = sahmks.get(0);
        assertTrue(builtIn.builtIn());
        assertEquals(Optional.of("the id 'sahmk' is also provided by plugin, " + folder.resolve(SAHMK_AGAIN)
                + "; remove one of them"), builtIn.refusal());
        assertEquals(Optional.of("the id 'sahmk' is also provided by " + builtIn.from() + "; remove one of them"),
                sahmks.get(1).refusal());
    }

    @Test
    void pluginReferenceAddsOnlyItsOwnProviderBlocks() {
        Path folder = plugins.install(directory.resolve("plugins"), GOOD, BOOM);

        Config reference = ProviderRegistry.discover(APP, PluginLoader.load(folder, APP)).pluginReference()
                .resolve(ConfigResolveOptions.noSystem());

        assertEquals("wss://good.example", reference.getString("marketfeed.providers.good.endpoint"));
        assertTrue(reference.hasPath("marketfeed.providers.boom.enabled"));
        assertFalse(reference.hasPath("marketfeed.stop-timeout"), reference.root().render());
    }

    @Test
    void missingFolderMeansNoPlugins() {
        PluginReport report = PluginLoader.load(directory.resolve("nothing-here"), APP);

        assertFalse(report.folderExists());
        assertEquals(List.of(), report.plugins());
    }

    @Test
    void oddEntriesAreReportedOrIgnored() throws IOException {
        Path folder = Files.createDirectories(directory.resolve("plugins"));
        Files.createDirectories(folder.resolve("empty"));
        Files.writeString(folder.resolve("README.txt"), "not a plugin");
        Files.writeString(folder.resolve(".hidden.jar"), "not a plugin either");
        Path file = Files.writeString(directory.resolve("file"), "a file, not a folder");

        List<PluginReport.Plugin> found = PluginLoader.load(folder, APP).plugins();

        assertEquals(1, found.size());
        assertEquals(folder.resolve("empty"), found.get(0).path());
        assertEquals(List.of("the folder has no .jar files; a plugin folder holds the provider's jar and the jars it "
                + "depends on"), found.get(0).problems());
        assertEquals(List.of("the plugin folder is a file; set marketfeed.plugin-path to a folder"),
                PluginLoader.load(file, APP).plugins().get(0).problems());
    }

    @Test
    void relativeFolderIsResolvedAgainstHome() {
        assertEquals(Path.of("/opt/marketfeed/plugins"), PluginLoader.folder("plugins", Path.of("/opt/marketfeed")));
        assertEquals(Path.of("/srv/plugins"), PluginLoader.folder("/srv/plugins", Path.of("/opt/marketfeed")));
    }

    private static MarketFeedProvider only(PluginReport report) {
        assertEquals(1, report.plugins().size(), report.toString());
        assertEquals(List.of(), report.plugins().get(0).problems());
        return report.plugins().get(0).providers().get(0);
    }

    private static boolean sees(MarketFeedProvider provider, String className) throws Exception {
        return (Boolean) provider.getClass().getMethod("sees", String.class).invoke(null, className);
    }
}
