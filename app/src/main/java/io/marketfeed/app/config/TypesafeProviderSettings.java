package io.marketfeed.app.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link ProviderSettings} over one resolved HOCON block, {@code marketfeed.providers.<id>}. Paths are relative
 * to the block; a key set to {@code null} counts as absent, which is how a {@code reference.conf} says "no
 * default". Error messages name the full path and never quote the value of a credential.
 *
 * <p>Immutable and thread safe, like the {@link Config} it wraps.
 */
public final class TypesafeProviderSettings implements ProviderSettings {

    private final String providerId;
    private final Config block;

    /**
     * @param providerId the provider id
     * @param block the provider's block, already resolved; an empty config when the block is missing
     */
    public TypesafeProviderSettings(String providerId, Config block) {
        this.providerId = requireNonNull(providerId, "providerId is null");
        this.block = requireNonNull(block, "block is null");
    }

    /** The block of {@code providerId} in a full configuration, or an empty block. */
    public static TypesafeProviderSettings of(String providerId, Config root) {
        String path = ConfigPaths.provider(providerId);
        Config block = root.hasPath(path) && root.getValue(path).valueType() == ConfigValueType.OBJECT
                ? root.getConfig(path)
                : ConfigFactory.empty();
        return new TypesafeProviderSettings(providerId, block);
    }

    @Override
    public String providerId() {
        return providerId;
    }

    @Override
    public boolean hasPath(String path) {
        try {
            return block.hasPath(path);
        } catch (ConfigException.BadPath e) {
            throw new IllegalArgumentException(fullPath(path) + " is not a valid path: " + e.getMessage(), e);
        }
    }

    @Override
    public String string(String path) {
        ConfigValue value = require(path);
        if (!isScalar(value)) {
            throw wrongType(path, "a string", value);
        }
        return String.valueOf(value.unwrapped());
    }

    @Override
    public int integer(String path) {
        ConfigValue value = require(path);
        try {
            int number = block.getInt(path);
            if (ConfigValues.isWholeNumber(value)) {
                return number;
            }
        } catch (ConfigException e) {
            // reported below
        }
        throw wrongType(path, "a whole number", value);
    }

    @Override
    public boolean bool(String path) {
        ConfigValue value = require(path);
        try {
            return block.getBoolean(path);
        } catch (ConfigException e) {
            throw wrongType(path, "true or false", value);
        }
    }

    @Override
    public Duration duration(String path) {
        ConfigValue value = require(path);
        try {
            return block.getDuration(path);
        } catch (ConfigException e) {
            throw wrongType(path, "a duration such as 500ms, 30s or 2m", value);
        }
    }

    @Override
    public List<String> stringList(String path) {
        ConfigValue value = require(path);
        try {
            return List.copyOf(block.getStringList(path));
        } catch (ConfigException e) {
            throw wrongType(path, "a list of strings such as [\"a\", \"b\"]", value);
        }
    }

    @Override
    public Optional<Secret> secret(String path) {
        if (!hasPath(path)) {
            return Optional.empty();
        }
        ConfigValue value = block.getValue(path);
        if (!isScalar(value)) {
            // Never quote the value: it is a credential.
            throw new IllegalArgumentException(fullPath(path) + " must be a string");
        }
        Secret secret = Secret.of(String.valueOf(value.unwrapped()));
        return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
    }

    @Override
    public Set<String> paths() {
        Set<String> paths = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> entry : block.entrySet()) {
            paths.add(entry.getKey());
        }
        return Set.copyOf(paths);
    }

    @Override
    public String origin(String path) {
        return ConfigValues.origin(block, path);
    }

    private ConfigValue require(String path) {
        if (!hasPath(path)) {
            throw new IllegalArgumentException(fullPath(path) + " is not set");
        }
        return block.getValue(path);
    }

    private IllegalArgumentException wrongType(String path, String expected, ConfigValue value) {
        return new IllegalArgumentException(fullPath(path) + " must be " + expected + ", got "
                + SecretKeys.shown(path, value));
    }

    private static boolean isScalar(ConfigValue value) {
        return value.valueType() != ConfigValueType.OBJECT && value.valueType() != ConfigValueType.LIST;
    }
}
