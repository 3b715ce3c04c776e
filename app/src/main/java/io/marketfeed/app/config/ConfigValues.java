package io.marketfeed.app.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.List;
import java.util.Optional;

/** Lookups that, unlike {@link Config#getValue}, also see keys whose value is {@code null}. */
final class ConfigValues {

    private ConfigValues() {
    }

    /** The value at {@code path}, including a {@code ConfigNull}; empty when the path does not exist. */
    static Optional<ConfigValue> valueOrNull(Config config, String path) {
        ConfigValue current = config.root();
        for (String key : ConfigUtil.splitPath(path)) {
            if (!(current instanceof ConfigObject)) {
                return Optional.empty();
            }
            current = ((ConfigObject) current).get(key);
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /** The origin of the value at {@code path}, or of its nearest existing parent, formatted {@code file:line}. */
    static String origin(Config config, String path) {
        List<String> keys = path.isEmpty() ? List.of() : ConfigUtil.splitPath(path);
        for (int length = keys.size(); length > 0; length--) {
            Optional<ConfigValue> value = valueOrNull(config, ConfigUtil.joinPath(keys.subList(0, length)));
            if (value.isPresent()) {
                return Origins.describe(value.get().origin());
            }
        }
        return config.root().isEmpty() ? "" : Origins.describe(config.root().origin());
    }

    /**
     * Whether a value reads as a whole number. HOCON's own getters truncate {@code 5.5} to 5 without a word,
     * which would hide a mistake.
     */
    static boolean isWholeNumber(ConfigValue value) {
        Object unwrapped = value.unwrapped();
        if (unwrapped instanceof Integer || unwrapped instanceof Long) {
            return true;
        }
        if (unwrapped instanceof String) {
            try {
                Long.parseLong(((String) unwrapped).trim());
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    /** The origin of the value at {@code path}, when it exists. */
    static Optional<ConfigOrigin> originOf(Config config, String path) {
        return valueOrNull(config, path).map(ConfigValue::origin);
    }
}
