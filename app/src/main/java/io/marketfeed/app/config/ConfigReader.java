package io.marketfeed.app.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import io.marketfeed.api.SettingsProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the runner's own settings while collecting problems instead of stopping at the first. A getter that
 * finds a problem records it and returns a placeholder, which only lets reading continue: the caller must
 * check {@link #problems()} before using anything read.
 *
 * <p>Not thread safe.
 */
final class ConfigReader {

    private final Config config;
    private final List<SettingsProblem> problems = new ArrayList<>();

    ConfigReader(Config config) {
        this.config = config;
    }

    List<SettingsProblem> problems() {
        return List.copyOf(problems);
    }

    void problem(String path, String message) {
        problems.add(new SettingsProblem(path, ConfigValues.origin(config, path), message));
    }

    Duration duration(String path, boolean zeroAllowed) {
        Duration value = read(path, () -> config.getDuration(path), Duration.ofSeconds(1),
                "a duration such as 500ms, 30s or 2m");
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            problem(path, "must be " + (zeroAllowed ? "zero or more" : "more than zero") + ", got "
                    + SecretKeys.shown(path, config.getValue(path)));
            return Duration.ofSeconds(1);
        }
        return value;
    }

    /** An object of durations (zero allowed), such as {@code providers { sahmk = 10m }}; empty when absent. */
    Map<String, Duration> durations(String path) {
        Map<String, Duration> values = new LinkedHashMap<>();
        if (!config.hasPath(path) || !(config.getValue(path) instanceof ConfigObject)) {
            return values;
        }
        for (String key : ((ConfigObject) config.getValue(path)).keySet()) {
            values.put(key, duration(path + "." + ConfigUtil.joinPath(key), true));
        }
        return values;
    }

    /** A size in bytes ({@code 1MiB}, {@code 512KiB}, {@code 1048576}) from {@code min} to {@code max}. */
    long bytes(String path, long min, long max) {
        long value = read(path, () -> config.getBytes(path), min, "a size such as 1MiB, 512KiB or 1048576 (bytes)");
        if (value < min || value > max) {
            problem(path, "must be from " + sizeText(min) + " to " + sizeText(max) + ", got " + value + " bytes");
            return min;
        }
        return value;
    }

    /** An object of sizes in bytes, such as {@code providers { sahmk = 4MiB }}; empty when absent. */
    Map<String, Long> byteSizes(String path, long min, long max) {
        Map<String, Long> values = new LinkedHashMap<>();
        if (!config.hasPath(path) || !(config.getValue(path) instanceof ConfigObject)) {
            return values;
        }
        for (String key : ((ConfigObject) config.getValue(path)).keySet()) {
            values.put(key, bytes(path + "." + ConfigUtil.joinPath(key), min, max));
        }
        return values;
    }

    private static String sizeText(long bytes) {
        if (bytes % (1024 * 1024 * 1024) == 0) {
            return bytes / (1024 * 1024 * 1024) + "GiB";
        }
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + "MiB" : bytes / 1024 + "KiB";
    }

    int integer(String path, int min, int max) {
        int value = read(path, () -> {
            int number = config.getInt(path);
            if (!ConfigValues.isWholeNumber(config.getValue(path))) {
                throw new ConfigException.BadValue(path, "not a whole number");
            }
            return number;
        }, min, "a whole number");
        if (value < min || value > max) {
            problem(path, "must be between " + min + " and " + max + ", got " + value);
            return min;
        }
        return value;
    }

    double decimal(String path, double min, double max) {
        double value = read(path, () -> config.getDouble(path), min, "a number");
        if (Double.isNaN(value) || value < min || value > max) {
            problem(path, "must be between " + min + " and " + max + ", got " + value);
            return min;
        }
        return value;
    }

    boolean bool(String path) {
        return read(path, () -> config.getBoolean(path), false, "true or false");
    }

    String string(String path) {
        return read(path, () -> config.getString(path), "", "a string");
    }

    /** A string that may be {@code null} (its default in {@code reference.conf}): empty then, or when blank. */
    Optional<String> optionalString(String path) {
        if (config.hasPathOrNull(path) && config.getIsNull(path)) {
            return Optional.empty();
        }
        String value = string(path);
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    List<String> stringList(String path) {
        return read(path, () -> List.copyOf(config.getStringList(path)), List.of(),
                "a list of strings such as [\"a\", \"b\"]");
    }

    /** One of {@code choices}, written in lower case with '-' for '_': {@code conflate-latest}. */
    <E extends Enum<E>> E choice(String path, Class<E> type, E placeholder) {
        String text = string(path);
        if (!config.hasPath(path)) {
            return placeholder;
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = configName(constant);
            names.add(name);
            if (name.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return constant;
            }
        }
        Optional<String> suggestion = Suggestions.closest(text, names);
        problem(path, "must be one of " + String.join(", ", names) + ", got " + SecretKeys.shown(path,
                config.getValue(path))
                + suggestion.map(s -> "; did you mean '" + s + "'?").orElse(""));
        return placeholder;
    }

    /** The name of an enum constant as written in configuration. */
    static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private <T> T read(String path, Getter<T> getter, T placeholder, String expected) {
        if (!config.hasPath(path)) {
            problem(path, "is not set (its default belongs in a reference.conf)");
            return placeholder;
        }
        try {
            return getter.get();
        } catch (ConfigException e) {
            problem(path, "must be " + expected + ", got " + SecretKeys.shown(path, config.getValue(path)));
            return placeholder;
        }
    }

    @FunctionalInterface
    private interface Getter<T> {
        T get();
    }
}
