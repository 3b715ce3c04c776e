package io.marketfeed.sink;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link SinkConfig} over one HOCON object: an element of {@code marketfeed.sinks}, or a block written in a
 * test ({@link #parse}). Values are read with HOCON's own rules ({@code 200ms}, {@code 64MiB}, {@code ${?ENV}}).
 *
 * <p>Immutable; any thread.
 */
public final class HoconSinkConfig implements SinkConfig {

    private final String name;
    private final Config block;
    private final String path;
    private final Path workingDirectory;

    /**
     * @param name the sink's name (see {@link #name()})
     * @param block the sink's object, resolved
     * @param path the object's full path in messages, such as {@code marketfeed.sinks[0]}
     * @param workingDirectory what relative paths are resolved against
     */
    public HoconSinkConfig(String name, Config block, String path, Path workingDirectory) {
        this.name = name;
        this.block = block;
        this.path = path;
        this.workingDirectory = workingDirectory;
    }

    /** A block written as HOCON text, named after its {@code name} or {@code type}; for tests and examples. */
    public static HoconSinkConfig parse(String hocon, Path workingDirectory) {
        Config block = ConfigFactory.parseString(hocon).resolve();
        String name = block.hasPath("name") ? block.getString("name")
                : block.hasPath("type") ? block.getString("type") : "sink";
        return new HoconSinkConfig(name, block, "sink", workingDirectory);
    }

    /** The block itself. */
    public Config block() {
        return block;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String blockPath() {
        return path;
    }

    @Override
    public Optional<String> string(String key) {
        if (!block.hasPath(key)) {
            return Optional.empty();
        }
        ConfigValue value = block.getValue(key);
        if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
            throw problem(key, "must be a text value, not " + value.valueType().name().toLowerCase(Locale.ROOT));
        }
        return Optional.of(String.valueOf(value.unwrapped()));
    }

    @Override
    public String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    @Override
    public String requiredString(String key) {
        return string(key).filter(value -> !value.isBlank())
                .orElseThrow(() -> problem(key, "is required for a sink of type " + type()));
    }

    @Override
    public Optional<String> secret(String key) {
        if (!block.hasPath(key)) {
            return Optional.empty();
        }
        ConfigValue value = block.getValue(key);
        if (value.valueType() != ConfigValueType.STRING) {
            // The value itself is never quoted: it is a secret.
            throw problem(key, "must be a text value (the secret itself, or ${?ENV_VARIABLE})");
        }
        return Optional.of((String) value.unwrapped()).filter(secret -> !secret.isEmpty());
    }

    @Override
    public int integer(String key, int fallback, int min, int max) {
        if (!block.hasPath(key)) {
            return fallback;
        }
        int value;
        try {
            value = block.getInt(key);
        } catch (ConfigException.WrongType e) {
            throw problem(key, "must be a whole number from " + min + " to " + max + ", not \""
                    + quoted(key) + "\"");
        }
        if (value < min || value > max) {
            throw problem(key, "must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    @Override
    public long bytes(String key, long fallback, long min) {
        if (!block.hasPath(key)) {
            return fallback;
        }
        long value;
        try {
            value = block.getBytes(key);
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            throw problem(key, "must be a size such as 512MiB or 2GiB, not \"" + quoted(key) + "\"");
        }
        if (value < min) {
            throw problem(key, "must be at least " + min + " bytes, not " + value);
        }
        return value;
    }

    @Override
    public Duration duration(String key, Duration fallback) {
        if (!block.hasPath(key)) {
            return fallback;
        }
        Duration value;
        try {
            value = block.getDuration(key);
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            throw problem(key, "must be a duration such as 200ms, 5s or 1h, not \"" + quoted(key) + "\"");
        }
        if (value.isNegative() || value.isZero()) {
            throw problem(key, "must be longer than zero, not " + quoted(key));
        }
        return value;
    }

    @Override
    public boolean flag(String key, boolean fallback) {
        if (!block.hasPath(key)) {
            return fallback;
        }
        try {
            return block.getBoolean(key);
        } catch (ConfigException.WrongType e) {
            throw problem(key, "must be true or false, not \"" + quoted(key) + "\"");
        }
    }

    @Override
    public String choice(String key, String fallback, Set<String> allowed) {
        String value = string(key, fallback).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw problem(key, "must be one of " + String.join(", ", new TreeSet<>(allowed)) + ", not \""
                    + quoted(key) + "\"");
        }
        return value;
    }

    @Override
    public List<String> strings(String key, List<String> fallback) {
        if (!block.hasPath(key)) {
            return fallback;
        }
        try {
            return List.copyOf(block.getStringList(key));
        } catch (ConfigException.WrongType e) {
            throw problem(key, "must be a list of text values, such as [\"a\", \"b\"]");
        }
    }

    @Override
    public Map<String, String> table(String key) {
        if (!block.hasPath(key)) {
            return Map.of();
        }
        Config table;
        try {
            table = block.getConfig(key);
        } catch (ConfigException.WrongType e) {
            throw problem(key, "must be an object of text values, such as { \"acks\" = \"all\" }");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> entry : table.entrySet()) {
            ConfigValue value = entry.getValue();
            if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
                throw problem(key + "." + entry.getKey(), "must be a text value");
            }
            // entrySet() gives paths, quoted where a key has a dot ("linger.ms"): the key itself is wanted.
            values.put(String.join(".", ConfigUtil.splitPath(entry.getKey())), String.valueOf(value.unwrapped()));
        }
        return values;
    }

    @Override
    public Path path(String key, String fallback) {
        String value = string(key, fallback);
        if (value.isBlank()) {
            throw problem(key, "must name a file or folder");
        }
        try {
            return workingDirectory.resolve(value).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw problem(key, "is not a valid path: " + e.getReason());
        }
    }

    @Override
    public RuntimeException problem(String key, String message) {
        String origin = "";
        if (block.hasPathOrNull(key)) {
            origin = originOf(block.getValue(key));
        } else if (!block.root().isEmpty()) {
            origin = originOf(block.root());
        }
        return new SinkConfigException(path + "." + key, origin, message);
    }

    private String type() {
        return block.hasPath("type") ? String.valueOf(block.getValue("type").unwrapped()) : "?";
    }

    private String quoted(String key) {
        return String.valueOf(block.getValue(key).unwrapped());
    }

    private static String originOf(ConfigValue value) {
        var origin = value.origin();
        if (origin == null || origin.filename() == null && origin.resource() == null) {
            return "";
        }
        String file = origin.filename() != null ? Path.of(origin.filename()).getFileName().toString()
                : origin.resource();
        return origin.lineNumber() > 0 ? file + ":" + origin.lineNumber() : file;
    }
}
