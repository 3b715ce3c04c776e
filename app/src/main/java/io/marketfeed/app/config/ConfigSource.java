package io.marketfeed.app.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The user's layer of configuration: a file given with {@code -c}, or one of the configurations bundled with
 * the runner when no file is given.
 *
 * @param kind where it came from
 * @param description for messages, such as {@code my.conf} or {@code the built-in demo configuration}
 * @param layer the parsed, unresolved content
 */
public record ConfigSource(Kind kind, String description, Config layer) {

    /** Where a source came from. */
    public enum Kind {
        /** A file the user named. */
        FILE,
        /** Bundled: the embedded simulator, chosen because no file and no key were given. */
        DEMO,
        /** Bundled: the real SAHMK feed with its defaults, chosen because a key but no file was given. */
        LIVE
    }

    public ConfigSource {
        requireNonNull(kind, "kind is null");
        requireNonNull(description, "description is null");
        requireNonNull(layer, "layer is null");
    }

    /**
     * Parses a HOCON file ({@code .json} and {@code .properties} files by their own syntax).
     *
     * @throws ConfigurationException when the file is missing, unreadable or not valid HOCON
     */
    public static ConfigSource file(Path file) {
        if (!Files.exists(file)) {
            throw ConfigurationException.of("", "config file not found: " + file);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw ConfigurationException.of("", "config file is not a readable file: " + file);
        }
        ConfigParseOptions options = ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(syntaxOf(file));
        try {
            return new ConfigSource(Kind.FILE, file.toString(), ConfigFactory.parseFile(file.toFile(), options));
        } catch (ConfigException e) {
            throw ConfigErrors.toConfigurationException(e);
        }
    }

    /**
     * The environment variable whose presence makes {@code run} without {@code -c} stream from the real SAHMK
     * feed instead of the simulator. The SAHMK provider's {@code reference.conf} reads the key from it.
     */
    public static final String SAHMK_KEY_VARIABLE = "SAHMK_API_KEY";

    /**
     * The file when one is given; otherwise the built-in live configuration when a SAHMK key is in the
     * environment, or the built-in demo configuration (embedded simulator) when not.
     */
    public static ConfigSource choose(Optional<Path> file, Map<String, String> environment) {
        if (file.isPresent()) {
            return file(file.get());
        }
        String key = environment.get(SAHMK_KEY_VARIABLE);
        if (key != null && !key.isBlank()) {
            return builtIn(Kind.LIVE, "live.conf", "the built-in live configuration (" + SAHMK_KEY_VARIABLE
                    + " is set)");
        }
        return builtIn(Kind.DEMO, "demo.conf", "the built-in demo configuration");
    }

    /** A configuration bundled in the runner's jar. */
    static ConfigSource builtIn(Kind kind, String resource, String description) {
        ClassLoader loader = ConfigSource.class.getClassLoader();
        if (loader.getResource(resource) == null) {
            throw new IllegalStateException("the runner's jar lacks " + resource);
        }
        Config layer = ConfigFactory.parseResources(loader, resource,
                ConfigParseOptions.defaults().setAllowMissing(false));
        return new ConfigSource(kind, description, layer);
    }

    private static ConfigSyntax syntaxOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return ConfigSyntax.JSON;
        }
        if (name.endsWith(".properties")) {
            return ConfigSyntax.PROPERTIES;
        }
        return ConfigSyntax.CONF;
    }
}
