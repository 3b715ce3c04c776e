package io.marketfeed.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.marketfeed.api.SettingsProblem;
import io.marketfeed.app.config.ConfigLoader;
import io.marketfeed.app.config.ConfigPaths;
import io.marketfeed.app.config.ConfigSource;
import io.marketfeed.app.config.ConfigValidator;
import io.marketfeed.app.config.ConfigurationException;
import io.marketfeed.app.config.LoadedConfig;
import io.marketfeed.app.provider.PluginLoader;
import io.marketfeed.app.provider.PluginReport;
import io.marketfeed.app.provider.ProviderRegistry;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a command loads its configuration from: the reference files on the class path and of the plugins, the
 * user's file (or a built-in one), {@code -D} overrides and the environment; and the providers found, built-in
 * and plugins. {@link #load} can be called again with a different forced layer, which {@code run} does once the
 * simulator's port is known.
 */
final class ConfigInputs {

    private final ConfigLoader loader;
    private final ConfigSource source;
    private final Config overrides;
    private final ProviderRegistry registry;
    private final List<SettingsProblem> outside;

    private ConfigInputs(ConfigLoader loader, ConfigSource source, Config overrides, ProviderRegistry registry,
            List<SettingsProblem> outside) {
        this.loader = loader;
        this.source = source;
        this.overrides = overrides;
        this.registry = registry;
        this.outside = List.copyOf(outside);
    }

    /**
     * Reads the plugin folder from the configuration, loads the plugins there, and adds their reference
     * configuration to the class path's.
     *
     * @throws io.marketfeed.app.config.ConfigurationException when the file cannot be read or parsed
     */
    static ConfigInputs of(Optional<Path> file, Map<String, String> commandLineOverrides, Invocation invocation) {
        ClassLoader classLoader = ConfigInputs.class.getClassLoader();
        Config classPathReference = ConfigLoader.classpathReference(classLoader);
        ConfigSource source = ConfigSource.choose(file, invocation.environment());
        // -D on the command line wins over the same path given as a JVM system property.
        Map<String, String> properties = new LinkedHashMap<>();
        invocation.systemProperties().forEach((name, value) -> {
            if (name.startsWith(ConfigPaths.ROOT + ".")) {
                properties.put(name, value);
            }
        });
        Config overrides = ConfigLoader.overrides(commandLineOverrides, "-D")
                .withFallback(ConfigLoader.overrides(properties, "system property "));
        List<SettingsProblem> outside = new ArrayList<>();
        LogLevel.problem(invocation.systemProperties(), invocation.environment()).ifPresent(outside::add);
        // The plugin folder is configuration itself, so it is read before the plugins' defaults can join.
        ConfigLoader bootstrap = new ConfigLoader(classPathReference, invocation.environment());
        String pluginPath = bootstrap.peek(source, overrides, ConfigPaths.PLUGIN_PATH, PluginLoader.DEFAULT_FOLDER);
        Path folder;
        try {
            folder = PluginLoader.folder(pluginPath, invocation.home());
        } catch (InvalidPathException e) {
            LoadedConfig loaded = bootstrap.load(source, overrides, ConfigFactory.empty());
            throw new ConfigurationException(List.of(new SettingsProblem(ConfigPaths.PLUGIN_PATH,
                    loaded.origin(ConfigPaths.PLUGIN_PATH), "is not a valid path: " + e.getMessage())));
        }
        // The default folder (plugins beside the launcher) may be missing: no plugins. A folder the user names must
        // exist and be a folder, or the plugins they meant to load would be silently absent.
        Optional<String> named = bootstrap.userOrigin(source, overrides, ConfigPaths.PLUGIN_PATH);
        boolean refused = named.isPresent() && !Files.isDirectory(folder);
        if (refused) {
            outside.add(new SettingsProblem(ConfigPaths.PLUGIN_PATH, named.get(), (Files.exists(folder)
                    ? "is not a folder: " + folder + "; name the folder that holds the plugin jars"
                    : "the plugin folder " + folder + " does not exist; create it or correct the path")
                    + (Path.of(pluginPath).isAbsolute() ? "" : " (a relative path is resolved against "
                    + invocation.home() + ")")));
        }
        ProviderRegistry registry = ProviderRegistry.discover(classLoader, refused
                ? new PluginReport(Optional.of(folder), Files.exists(folder), List.of())
                : PluginLoader.load(folder, classLoader));
        // The class path's defaults win: a plugin only adds the blocks of its own providers.
        ConfigLoader loader = new ConfigLoader(classPathReference.withFallback(registry.pluginReference()),
                invocation.environment());
        return new ConfigInputs(loader, source, overrides, registry, outside);
    }

    /**
     * Problems found outside the configuration but reported with its own: an unknown {@code MARKETFEED_LOG_LEVEL},
     * a configured plugin folder that is missing or not a folder.
     */
    List<SettingsProblem> outsideProblems() {
        return outside;
    }

    /** A validator that also reports {@link #outsideProblems()}. */
    ConfigValidator validator() {
        return new ConfigValidator(registry, outside);
    }

    ConfigSource source() {
        return source;
    }

    /** The providers found on the class path and in the plugin folder. */
    ProviderRegistry registry() {
        return registry;
    }

    /** Says on stderr which plugins or providers could not be loaded or cannot be used; one line each. */
    void warn(Invocation invocation) {
        registry.warnings().forEach(invocation.err()::println);
        invocation.err().flush();
    }

    LoadedConfig load() {
        return load(ConfigFactory.empty());
    }

    LoadedConfig load(Config forced) {
        return loader.load(source, overrides, forced);
    }
}
