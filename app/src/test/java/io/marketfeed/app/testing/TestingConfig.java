package io.marketfeed.app.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.marketfeed.app.config.ConfigLoader;
import io.marketfeed.app.config.ConfigSource;
import io.marketfeed.app.config.LoadedConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds configurations for tests: the app's real reference.conf plus {@link AcmeProvider#REFERENCE}. */
public final class TestingConfig {

    /** The canary key of the secret tests: it must never appear in any message or output. */
    public static final String CANARY = "shmk_test_CANARY_KEY_42";

    private TestingConfig() {
    }

    /** The app's own reference.conf with Acme's block, as if both jars were on the class path. */
    public static Config reference() {
        Config acme = ConfigFactory.parseString(AcmeProvider.REFERENCE,
                ConfigParseOptions.defaults().setOriginDescription("acme-reference.conf"));
        Config app = ConfigFactory.parseResources(TestingConfig.class.getClassLoader(), "reference.conf");
        return acme.withFallback(app);
    }

    /** Writes {@code text} to {@code name} in {@code directory}. */
    public static Path write(Path directory, String name, String text) {
        try {
            return Files.writeString(directory.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code file} over the test reference with the given environment. */
    public static LoadedConfig load(Path file, Map<String, String> environment) {
        return load(file, environment, Map.of());
    }

    public static LoadedConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        ConfigLoader loader = new ConfigLoader(reference(), environment);
        return loader.load(ConfigSource.file(file), ConfigLoader.overrides(overrides, "-D"), ConfigFactory.empty());
    }
}
