package io.marketfeed.app.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.app.config.ConfigLoader;
import io.marketfeed.app.config.ConfigPrinter;
import io.marketfeed.app.config.ConfigSource;
import io.marketfeed.app.config.ConfigValidator;
import io.marketfeed.app.config.EnabledProvider;
import io.marketfeed.app.config.LoadedConfig;
import io.marketfeed.app.config.ValidatedConfig;
import io.marketfeed.app.provider.ProviderRegistry;
import io.marketfeed.simulator.alltick.AlltickSimulation;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings layer of the embedded simulator over real configurations and the real providers: each provider's
 * endpoint and credential (whatever its key is called) are the simulator's, and its other keys are the user's.
 */
class TestSimulatorSettings {

    private static final String ENDPOINT = "ws://127.0.0.1:4321";

    @TempDir
    Path directory;

    private final ConfigLoader loader = new ConfigLoader(
            ConfigLoader.classpathReference(TestSimulatorSettings.class.getClassLoader()), Map.of());
    private final ConfigValidator validator = new ConfigValidator(
            ProviderRegistry.discover(TestSimulatorSettings.class.getClassLoader()));

    @Test
    void theDemoConfigurationStreamsEveryListedProviderFromTheSimulator() {
        ConfigSource demo = ConfigSource.choose(Optional.empty(), Map.of());
        LoadedConfig plain = loader.load(demo, ConfigFactory.empty(), ConfigFactory.empty());
        List<String> listed = plain.texts("marketfeed.simulator.providers");
        assertEquals(List.of("sahmk", "tickatlas", "alltick", "screener"), listed);

        ValidatedConfig validated = validator.validate(loader.load(demo, ConfigFactory.empty(),
                EmbeddedSimulator.settingsLayer(listed, ENDPOINT)));

        Map<String, ProviderSettings> settings = validated.providers().stream()
                .collect(Collectors.toMap(EnabledProvider::id, EnabledProvider::settings));
        assertEquals(List.of("sahmk", "tickatlas", "alltick", "screener"), List.copyOf(settings.keySet()).stream().sorted(
                (a, b) -> listed.indexOf(a) - listed.indexOf(b)).toList());
        assertPointed(settings.get("sahmk"), "api-key", SahmkSimulation.DEMO_KEY);
        assertPointed(settings.get("tickatlas"), "api-key", TickAtlasSimulation.DEMO_KEY);
        assertPointed(settings.get("alltick"), "token", AlltickSimulation.DEMO_TOKEN);
        assertEquals(ENDPOINT, settings.get("screener").string("endpoint"));
        assertTrue(settings.get("screener").secret("token").isEmpty(), "the screener demo is anonymous");
        assertEquals("pro", settings.get("tickatlas").string("plan"));
        assertEquals(List.of("EURUSD", "GBPUSD", "USDJPY", "XAUUSD", "BTCUSD"),
                settings.get("tickatlas").stringList("symbols"));
        assertTrue(settings.get("tickatlas").bool("candles"));
        assertEquals(List.of("700.HK", "EURUSD"), settings.get("alltick").stringList("trades.symbols"));
        assertEquals(List.of("700.HK", "EURUSD"), settings.get("alltick").stringList("depth.symbols"));

        String printed = ConfigPrinter.render(validated.config());
        assertTrue(printed.contains("token = \"****\"  # the built-in simulator (masked)"), printed);
        assertTrue(!printed.contains(TickAtlasSimulation.DEMO_KEY), printed);
    }

    @Test
    void theSimulatorWinsOverPerEndpointUrlsToo() throws Exception {
        Path file = Files.writeString(directory.resolve("urls.conf"), String.join("\n",
                "marketfeed.simulator { enabled = true, providers = [sahmk, alltick] }",
                "marketfeed.providers.sahmk { symbols = [\"2222\"], endpoints.quotes = \"wss://api.sahmk.sa/ws/v1/stocks/\" }",
                "marketfeed.providers.alltick { trades.symbols = [\"700.HK\"],",
                "  endpoints { stock = \"wss://quote.alltick.co/quote-stock-b-ws-api\", other = \"wss://quote.alltick.co/quote-b-ws-api\" } }"));
        ValidatedConfig validated = validator.validate(loader.load(ConfigSource.file(file), ConfigFactory.empty(),
                EmbeddedSimulator.settingsLayer(List.of("sahmk", "alltick"), ENDPOINT)));

        for (EnabledProvider provider : validated.providers()) {
            for (io.marketfeed.api.protocol.Endpoint endpoint : provider.protocol().endpoints()) {
                assertTrue(endpoint.uri().toString().startsWith(ENDPOINT + "/"),
                        provider.id() + " dials the simulator: " + endpoint.uri());
            }
        }
    }

    @Test
    void aProviderNotListedKeepsItsOwnEndpointAndKey() throws Exception {
        Path file = Files.writeString(directory.resolve("mixed.conf"), String.join("\n",
                "marketfeed.simulator { enabled = true, providers = [tickatlas] }",
                "marketfeed.providers.sahmk { symbols = [\"2222\"], api-key = shmk_live_x }",
                "marketfeed.providers.tickatlas { enabled = true, symbols = [EURUSD], api-key = ta_real }"));
        ConfigSource source = ConfigSource.file(file);

        ValidatedConfig validated = validator.validate(loader.load(source, ConfigFactory.empty(),
                EmbeddedSimulator.settingsLayer(List.of("tickatlas"), ENDPOINT)));

        Map<String, ProviderSettings> settings = validated.providers().stream()
                .collect(Collectors.toMap(EnabledProvider::id, EnabledProvider::settings));
        assertPointed(settings.get("tickatlas"), "api-key", TickAtlasSimulation.DEMO_KEY);
        assertEquals("wss://api.sahmk.sa", settings.get("sahmk").string("endpoint"));
        assertEquals(Optional.of(Secret.of("shmk_live_x")), settings.get("sahmk").secret("api-key"));
    }

    private static void assertPointed(ProviderSettings settings, String credential, String demoKey) {
        assertEquals(ENDPOINT, settings.string("endpoint"), settings.providerId());
        assertEquals(Optional.of(Secret.of(demoKey)), settings.secret(credential), settings.providerId());
        assertEquals(EmbeddedSimulator.ORIGIN, settings.origin(credential), settings.providerId());
    }
}
