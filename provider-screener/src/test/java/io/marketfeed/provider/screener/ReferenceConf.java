package io.marketfeed.provider.screener;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * This module's {@code reference.conf}, read with Typesafe Config as the runner reads it, then flattened into
 * the map {@link io.marketfeed.api.ProviderSettings#of} takes. The real environment is never consulted, so
 * a developer's own {@code SCREENER_TOKEN} cannot change a test's outcome.
 */
final class ReferenceConf {

    static final String BLOCK = "marketfeed.providers.screener";

    private ReferenceConf() {
    }

    /** The provider block with {@code overrides} (HOCON text, full paths) applied, resolved without env. */
    static Config block(String overrides) {
        Config reference = ConfigFactory.parseURL(ScreenerProvider.class.getResource("/reference.conf"),
                ConfigParseOptions.defaults().setAllowMissing(false));
        Config config = ConfigFactory.parseString(overrides).withFallback(reference)
                .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
        return config.getConfig(BLOCK);
    }

    /** The non-null leaves of the block as a map for {@code ProviderSettings.of}. */
    static Map<String, Object> values(String overrides) {
        Map<String, Object> values = new HashMap<>();
        for (Map.Entry<String, ConfigValue> entry : block(overrides).entrySet()) {
            values.put(entry.getKey(), entry.getValue().unwrapped());
        }
        return values;
    }

    /** Every leaf path the block declares, including those whose default is null. */
    static Set<String> declaredPaths(String overrides) {
        Set<String> paths = new TreeSet<>();
        collect(block(overrides).root(), "", paths);
        return paths;
    }

    private static void collect(ConfigObject object, String prefix, Set<String> into) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String path = prefix + entry.getKey();
            if (entry.getValue().valueType() == ConfigValueType.OBJECT) {
                collect((ConfigObject) entry.getValue(), path + ".", into);
            } else {
                into.add(path);
            }
        }
    }
}
