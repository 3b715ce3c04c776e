package io.marketfeed.app.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Merges the configuration layers, highest priority first:
 * <ol>
 *   <li>forced values (the embedded simulator's endpoint and key, when it runs),
 *   <li>overrides: {@code -Dpath=value} on the command line and {@code marketfeed.*} JVM system properties,
 *   <li>the user's file (or a built-in configuration),
 *   <li>{@code enabled = true} implied by a provider block the user wrote with symbols ({@link ImpliedEnabled}),
 *   <li>every {@code reference.conf} on the class path (each module's defaults),
 * </ol>
 * and resolves substitutions, where {@code ${?NAME}} reads the environment given here (not necessarily the
 * process's, so tests can supply their own).
 *
 * <p>Immutable and thread safe.
 */
public final class ConfigLoader {

    /** How the origin of a value read from the environment starts; such values are never quoted. */
    public static final String ENVIRONMENT_ORIGIN = "environment variable ";

    private final Config reference;
    private final Config resolvedReference;
    private final KnownKeys known;
    private final Config environment;

    /**
     * @param reference the merged reference configuration, unresolved
     * @param environment the environment variables that {@code ${?NAME}} substitutions read
     */
    public ConfigLoader(Config reference, Map<String, String> environment) {
        this.reference = requireNonNull(reference, "reference is null");
        this.resolvedReference = reference.resolve(ConfigResolveOptions.noSystem());
        this.known = KnownKeys.of(reference.root(), resolvedReference.root());
        this.environment = environmentLayer(environment);
    }

    /** Every {@code reference.conf} (and {@code .json}, {@code .properties}) visible to {@code loader}, unresolved. */
    public static Config classpathReference(ClassLoader loader) {
        return ConfigFactory.parseResourcesAnySyntax(loader, "reference", ConfigParseOptions.defaults()
                .setClassLoader(loader));
    }

    /** Overrides as a layer; each value is a string (HOCON converts it on read) or, if it starts with [ or {, HOCON. */
    public static Config overrides(Map<String, String> values, String originPrefix) {
        Config layer = ConfigFactory.empty();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String origin = originPrefix + entry.getKey();
            layer = override(entry.getKey(), entry.getValue(), origin).withFallback(layer);
        }
        return layer;
    }

    /**
     * Merges and resolves.
     *
     * @param source the user's file or a built-in configuration
     * @param overrides {@code -D} values, see {@link #overrides}
     * @param forced values that win over everything
     * @throws ConfigurationException when a substitution cannot be resolved
     */
    public LoadedConfig load(ConfigSource source, Config overrides, Config forced) {
        Config userLayer = overrides.withFallback(source.layer());
        Config resolved;
        try {
            resolved = forced.withFallback(userLayer).withFallback(reference).withFallback(environment)
                    .resolve(ConfigResolveOptions.noSystem());
        } catch (ConfigException e) {
            throw ConfigErrors.toConfigurationException(e);
        }
        // A provider block the user wrote with symbols is enabled unless it says otherwise (see ImpliedEnabled);
        // only an `enabled` the user did not write is set.
        resolved = ImpliedEnabled.apply(userLayer, resolved, resolvedReference);
        Config merged = resolved.hasPathOrNull(ConfigPaths.ROOT) ? resolved.withOnlyPath(ConfigPaths.ROOT)
                : ConfigFactory.empty();
        return new LoadedConfig(source, merged, userLayer, resolvedReference, known);
    }

    /**
     * Reads one string before the configuration is complete, such as the plugin folder, which must be known
     * before the plugins' {@code reference.conf} files can join. Substitutions that cannot be resolved yet (they
     * may point into a plugin's block) are tolerated; a missing or unreadable value gives {@code otherwise}, and
     * validation reports it later with everything else.
     */
    public String peek(ConfigSource source, Config overrides, String path, String otherwise) {
        try {
            Config resolved = overrides.withFallback(source.layer()).withFallback(reference).withFallback(environment)
                    .resolve(ConfigResolveOptions.noSystem().setAllowUnresolved(true));
            return resolved.hasPath(path) ? resolved.getString(path) : otherwise;
        } catch (ConfigException e) {
            return otherwise;
        }
    }

    /**
     * Where the user's layer (the file or a built-in configuration, and the overrides) sets {@code path}, formatted
     * {@code file:line}; empty when only a {@code reference.conf} does. For settings whose default may be missing
     * but whose explicit value must not be, such as the plugin folder.
     */
    public Optional<String> userOrigin(ConfigSource source, Config overrides, String path) {
        Config userLayer = overrides.withFallback(source.layer());
        if (!ImpliedEnabled.userSets(userLayer, path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConfigValues.origin(userLayer, path));
        } catch (ConfigException e) {
            return Optional.of(source.description());
        }
    }

    private static Config override(String path, String value, String origin) {
        try {
            String trimmed = value.trim();
            ConfigValue parsed;
            if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
                parsed = ConfigFactory.parseString("value = " + trimmed).getValue("value")
                        .withOrigin(ConfigOriginFactory.newSimple(origin));
            } else {
                // Not parsed as HOCON: "ws://host" would start a comment, and a key must stay exactly as given.
                parsed = ConfigValueFactory.fromAnyRef(value, origin);
            }
            return parsed.atPath(path);
        } catch (ConfigException e) {
            throw ConfigurationException.of(origin, "invalid override: " + e.getMessage());
        }
    }

    /**
     * The environment as a fallback at the root, so that {@code ${?SAHMK_API_KEY}} finds it. Keys are taken
     * literally (never as paths) and each value's origin names its variable.
     */
    private static Config environmentLayer(Map<String, String> environment) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (!name.equals(ConfigPaths.ROOT)) {
                values.put(name, ConfigValueFactory.fromAnyRef(value, ENVIRONMENT_ORIGIN + name));
            }
        });
        return ConfigValueFactory.fromMap(values, "environment").toConfig();
    }
}
