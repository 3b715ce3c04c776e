package io.marketfeed.app.sink;

import static io.marketfeed.app.testing.TestingConfig.CANARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.SettingsProblem;
import io.marketfeed.app.testing.AcmeProvider;
import io.marketfeed.app.config.ConfigPrinter;
import io.marketfeed.app.config.ConfigValidator;
import io.marketfeed.app.config.ConfigurationException;
import io.marketfeed.app.config.ValidatedConfig;
import io.marketfeed.app.provider.ProviderRegistry;
import io.marketfeed.app.testing.TestingConfig;
import io.marketfeed.sink.WriterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code marketfeed.sinks}: the default, every sink type's keys, and mistakes named with their path. */
class TestSinksConfig {

    private static final String ACME = "marketfeed.providers.acme { enabled = true, symbols = [A], api-key = x }\n";

    private final ConfigValidator validator = new ConfigValidator(ProviderRegistry.of(List.of(new AcmeProvider())));

    @TempDir
    Path directory;

    @Test
    void theDefaultRecordsIntoMarketfeedDbWithTheDocumentedBatching() {
        ValidatedConfig config = validate(ACME, Map.of());
        assertEquals(1, config.sinks().size());
        ConfiguredSink sink = config.sinks().get(0);
        assertEquals("sqlite", sink.name());
        assertEquals("marketfeed.db", sink.target());
        WriterSettings settings = sink.settings();
        assertEquals(100, settings.batchSize());
        assertEquals(Duration.ofMillis(200), settings.flushInterval());
        assertEquals(WriterSettings.WhenFull.BLOCK, settings.whenFull());
        assertEquals(1L << 30, settings.spoolMaxBytes());
        assertTrue(settings.spoolDir().endsWith(Path.of("spool", "sqlite")), settings.spoolDir().toString());
    }

    @Test
    void severalSinksOfEveryTypeAreRead() {
        ValidatedConfig config = validate(ACME + "marketfeed.sinks = [\n"
                + "  { type = sqlite, path = \"a.db\", batch-size = 500, flush-interval = 1s }\n"
                + "  { type = file, dir = \"archive\", gzip = true }\n"
                + "  { type = postgres, url = \"jdbc:postgresql://db:5432/market?ssl=true\", password = ${PG} }\n"
                + "  { type = questdb, host = \"q\", name = \"ticks\" }\n"
                + "  { type = kafka, bootstrap-servers = \"k:9092\", properties { \"linger.ms\" = 5 },\n"
                + "    spool { max-size = 2GiB, when-full = drop-oldest } }\n"
                + "]", Map.of("PG", CANARY));
        assertEquals(List.of("sqlite", "file", "postgres", "ticks", "kafka"),
                config.sinks().stream().map(ConfiguredSink::name).toList());
        assertEquals(List.of("a.db", "archive", "jdbc:postgresql://db:5432/market", "q", "k:9092"),
                config.sinks().stream().map(ConfiguredSink::target).toList());
        assertEquals(500, config.sinks().get(0).settings().batchSize());
        assertEquals(WriterSettings.WhenFull.DROP_OLDEST, config.sinks().get(4).settings().whenFull());
        assertEquals(2L << 30, config.sinks().get(4).settings().spoolMaxBytes());

        String printed = ConfigPrinter.render(config.config());
        assertFalse(printed.contains(CANARY), printed);
        assertTrue(printed.contains("password = \"****\""), printed);
    }

    @Test
    void mistakesAreReportedTogetherWithTheirPathAndASuggestion() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(ACME
                + "marketfeed.sinks = [\n"
                + "  { type = sqlit }\n"
                + "  { type = sqlite, pathh = \"x.db\" }\n"
                + "  { type = sqlite, name = b, batch-size = 0 }\n"
                + "  { type = kafka }\n"
                + "  { type = sqlite, name = c, spool.when-full = sometimes }\n"
                + "  { path = \"y.db\" }\n"
                + "]", Map.of()));
        List<String> paths = e.problems().stream().map(SettingsProblem::path).toList();
        assertEquals(List.of("marketfeed.sinks[0].type", "marketfeed.sinks[1].pathh", "marketfeed.sinks[2].batch-size",
                "marketfeed.sinks[3].bootstrap-servers", "marketfeed.sinks[4].spool.when-full", "marketfeed.sinks[5]"),
                paths, e.problems().toString());
        String text = e.problems().toString();
        assertTrue(text.contains("unknown sink type \"sqlit\"; did you mean sqlite?"), text);
        assertTrue(text.contains("unknown key for a sink of type sqlite; did you mean path?"), text);
        assertTrue(text.contains("must be from 1 to 100000, not 0"), text);
        assertTrue(text.contains("must be one of block, drop-oldest"), text);
        assertTrue(text.contains("has no type"), text);
        for (SettingsProblem problem : e.problems()) {
            assertTrue(problem.origin().startsWith(directory.resolve("test.conf") + ":"), problem.toString());
        }
    }

    @Test
    void twoSinksOfOneTypeNeedNamesAndAListIsRequired() {
        ConfigurationException twice = assertThrows(ConfigurationException.class, () -> validate(ACME
                + "marketfeed.sinks = [{ type = sqlite, path = a.db }, { type = sqlite, path = b.db }]", Map.of()));
        assertTrue(twice.problems().get(0).message().contains("another sink is named \"sqlite\""),
                twice.problems().toString());
        ConfigurationException notAList = assertThrows(ConfigurationException.class, () -> validate(ACME
                + "marketfeed.sinks { type = sqlite }", Map.of()));
        assertEquals("marketfeed.sinks", notAList.problems().get(0).path());
        assertTrue(validate(ACME + "marketfeed.sinks = []", Map.of()).sinks().isEmpty());
    }

    private ValidatedConfig validate(String text, Map<String, String> environment) {
        Path file = TestingConfig.write(directory, "test.conf", text);
        return validator.validate(TestingConfig.load(file, environment));
    }
}
