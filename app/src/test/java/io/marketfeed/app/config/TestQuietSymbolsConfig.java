package io.marketfeed.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.app.provider.ProviderRegistry;
import io.marketfeed.app.testing.AcmeProvider;
import io.marketfeed.app.testing.TestingConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code marketfeed.quiet-symbols}: the default, a provider's own threshold, and mistakes. */
class TestQuietSymbolsConfig {

    private static final String ACME = "marketfeed.providers.acme { enabled = true, symbols = [A], api-key = x }\n";

    private final ConfigValidator validator = new ConfigValidator(ProviderRegistry.of(List.of(new AcmeProvider())));

    @TempDir
    Path directory;

    @Test
    void twoMinutesByDefaultAndAProviderMayHaveItsOwn() {
        assertEquals(new AppSettings.QuietSymbols(Duration.ofMinutes(2), Map.of()),
                validate(ACME).app().quietSymbols());
        assertEquals(new AppSettings.QuietSymbols(Duration.ZERO, Map.of("acme", Duration.ofMinutes(10))),
                validate(ACME + "marketfeed.quiet-symbols { after = 0, providers { acme = 10m } }").app()
                        .quietSymbols());
    }

    @Test
    void anUnknownProviderAndABadDurationAreNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> validate(ACME
                + "marketfeed.quiet-symbols { after = soon, providers { acmee = 1m } }"));
        List<String> paths = e.problems().stream().map(p -> p.path()).toList();
        assertEquals(List.of("marketfeed.quiet-symbols.after", "marketfeed.quiet-symbols.providers.acmee"), paths,
                e.problems().toString());
        assertTrue(e.problems().get(1).message().contains("did you mean 'acme'?"), e.problems().toString());
    }

    private ValidatedConfig validate(String text) {
        Path file = TestingConfig.write(directory, "test.conf", text);
        return validator.validate(TestingConfig.load(file, Map.of()));
    }
}
