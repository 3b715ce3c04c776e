package io.marketfeed.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.marketfeed.api.ProviderSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Provider settings for embedding: the defaults a provider ships in its {@code reference.conf}
 * ({@code marketfeed.providers.<id>}), with {@code enabled = true} and the given values on top. Secrets
 * referenced there from the environment ({@code ${?SAHMK_API_KEY}}) are resolved too.
 *
 * {@snippet :
 * ProviderSettings settings = ProviderDefaults.with("sahmk", Map.of("symbols", List.of("2222")));
 * }
 */
public final class ProviderDefaults {

    private ProviderDefaults() {
    }

    /**
     * @param providerId the provider's id
     * @param values relative keys ({@code "symbols"}, {@code "heartbeat.timeout"}) and their values
     * @throws IllegalArgumentException when no {@code reference.conf} on the class path has the provider's block
     */
    public static ProviderSettings with(String providerId, Map<String, ?> values) {
        return with(providerId, values, Thread.currentThread().getContextClassLoader());
    }

    /** As {@link #with(String, Map)}, reading {@code reference.conf} through {@code loader}. */
    public static ProviderSettings with(String providerId, Map<String, ?> values, ClassLoader loader) {
        Config reference = ConfigFactory.defaultReference(loader);
        String path = "marketfeed.providers." + providerId;
        if (!reference.hasPathOrNull(path)) {
            throw new IllegalArgumentException("no defaults for provider '" + providerId
                    + "': no reference.conf on the class path has a '" + path + "' block");
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> entry : reference.getConfig(path).entrySet()) {
            merged.put(entry.getKey(), plain(entry.getValue()));
        }
        // Adding a provider to a feed is asking for it: enabled, unless the values say otherwise (reference.conf
        // enables none, so that the runner starts only what a configuration asks for).
        merged.put("enabled", Boolean.TRUE);
        merged.putAll(values);
        return ProviderSettings.of(providerId, merged);
    }

    private static Object plain(ConfigValue value) {
        if (value.valueType() == ConfigValueType.LIST) {
            List<Object> items = new ArrayList<>();
            for (Object item : (List<?>) value.unwrapped()) {
                items.add(item);
            }
            return items;
        }
        return value.unwrapped();
    }
}
