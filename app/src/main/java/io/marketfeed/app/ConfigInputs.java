package io.marketfeed.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.marketfeed.app.config.ConfigLoader;
import io.marketfeed.app.config.ConfigSource;
import io.marketfeed.app.config.LoadedConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a command loads its configuration from: the reference files on the class path, the user's file (or a
 * built-in one), {@code -D} overrides and the environment. {@link #load} can be called again with a different
 * forced layer, which {@code run} does once the simulator's port is known.
 */
final class ConfigInputs {

    private final ConfigLoader loader;
    private final ConfigSource source;
    private final Config overrides;

    private ConfigInputs(ConfigLoader loader, ConfigSource source, Config overrides) {
        this.loader = loader;
        this.source = source;
        this.overrides = overrides;
    }

    /**
     * @throws io.marketfeed.app.config.ConfigurationException when the file cannot be read or parsed
     */
    static ConfigInputs of(Optional<Path> file, Map<String, String> commandLineOverrides, Invocation invocation) {
        ClassLoader classLoader = ConfigInputs.class.getClassLoader();
        ConfigLoader loader = new ConfigLoader(ConfigLoader.classpathReference(classLoader),
                invocation.environment());
        ConfigSource source = ConfigSource.choose(file, invocation.environment());
        // -D on the command line wins over the same path given as a JVM system property.
        Config overrides = ConfigLoader.overrides(commandLineOverrides, "-D")
                .withFallback(ConfigLoader.overrides(invocation.systemProperties(), "system property "));
        return new ConfigInputs(loader, source, overrides);
    }

    ConfigSource source() {
        return source;
    }

    LoadedConfig load() {
        return load(ConfigFactory.empty());
    }

    LoadedConfig load(Config forced) {
        return loader.load(source, overrides, forced);
    }
}
