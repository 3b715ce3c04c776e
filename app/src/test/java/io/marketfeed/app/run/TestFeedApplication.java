package io.marketfeed.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.inject.Injector;
import com.google.inject.Key;
import io.marketfeed.app.config.AppSettings;
import io.marketfeed.app.config.ConfigValidator;
import io.marketfeed.app.config.ValidatedConfig;
import io.marketfeed.app.output.EventOutput;
import io.marketfeed.app.output.JsonlOutput;
import io.marketfeed.app.output.OutputFormat;
import io.marketfeed.app.output.TableOutput;
import io.marketfeed.app.provider.ProviderRegistry;
import io.marketfeed.app.testing.AcmeProvider;
import io.marketfeed.app.testing.TestingConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestFeedApplication {

    @TempDir
    Path directory;

    @Test
    void wiresValidatedSettingsAndTheChosenOutput() {
        ValidatedConfig config = validConfig();

        Injector jsonl = injector(config, OutputFormat.JSONL);
        assertSame(config.app(), jsonl.getInstance(AppSettings.class));
        assertEquals(List.of("acme"), jsonl.getInstance(EnabledProviders.class).ids());
        assertInstanceOf(JsonlOutput.class, jsonl.getInstance(EventOutput.class));
        assertNotNull(jsonl.getInstance(FeedRunner.class));

        EventOutput table = injector(config, OutputFormat.TABLE).getInstance(EventOutput.class);
        assertInstanceOf(TableOutput.class, table);
        table.close();
    }

    @Test
    void onlyExplicitBindingsExist() {
        Injector injector = injector(validConfig(), OutputFormat.JSONL);

        // requireExplicitBindings: a concrete class nobody bound is not created just in time.
        assertNull(injector.getExistingBinding(Key.get(ProviderRegistry.class)));
    }

    private Injector injector(ValidatedConfig config, OutputFormat format) {
        RunOptions options = new RunOptions(Optional.empty(), new CompletableFuture<>(),
                new PrintStream(new ByteArrayOutputStream()), List.of());
        return FeedApplication.injector(config, format, new PrintStream(new ByteArrayOutputStream()), false, "80",
                options);
    }

    private ValidatedConfig validConfig() {
        Path file = TestingConfig.write(directory, "test.conf", "marketfeed.providers.acme.symbols = [A]");
        return new ConfigValidator(ProviderRegistry.of(List.of(new AcmeProvider())))
                .validate(TestingConfig.load(file, Map.of("ACME_API_KEY", "k")));
    }
}
