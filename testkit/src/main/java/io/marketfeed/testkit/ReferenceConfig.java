package io.marketfeed.testkit;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A provider's own {@code reference.conf}, read with Typesafe Config as the runner reads it, with HOCON
 * overrides on top, flattened into the map {@link io.marketfeed.api.ProviderSettings#of} takes. The real
 * environment is never consulted, so a developer's own API key cannot change a test's outcome.
 *
 * {@snippet :
 * private static final ReferenceConfig REFERENCE = ReferenceConfig.of(AcmeProvider.class, "acme");
 * Map<String, Object> values = REFERENCE.values(REFERENCE.path() + " { api-key = \"k\", symbols = [\"A\"] }");
 * }
 */
public final class ReferenceConfig {

    private final URL resource;
    private final String path;

    private ReferenceConfig(URL resource, String path) {
        this.resource = resource;
        this.path = path;
    }

    /**
     * @param anchor a class from the provider's jar or classes folder, whose {@code /reference.conf} is read
     * @param providerId the provider's id
     */
    public static ReferenceConfig of(Class<?> anchor, String providerId) {
        URL resource = requireNonNull(anchor.getResource("/reference.conf"),
                () -> "no reference.conf beside " + anchor.getName());
        return new ReferenceConfig(resource, SettingsAssertions.blockPath(providerId));
    }

    /** The block's full path: {@code marketfeed.providers.<id>}. */
    public String path() {
        return path;
    }

    /** The provider block with {@code overrides} (HOCON text, full paths) applied, resolved without env. */
    public Config block(String overrides) {
        Config reference = ConfigFactory.parseURL(resource, ConfigParseOptions.defaults().setAllowMissing(false));
        Config config = ConfigFactory.parseString(overrides).withFallback(reference)
                .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
        return config.getConfig(path);
    }

    /** The non-null leaves of the block as a map for {@code ProviderSettings.of}. */
    public Map<String, Object> values(String overrides) {
        Map<String, Object> values = new HashMap<>();
        for (Map.Entry<String, ConfigValue> entry : block(overrides).entrySet()) {
            values.put(entry.getKey(), entry.getValue().unwrapped());
        }
        return values;
    }

    /** Every leaf path the block declares, including those whose default is null. */
    public Set<String> declaredPaths(String overrides) {
        Set<String> paths = new TreeSet<>();
        collect(block(overrides).root(), "", paths);
        return paths;
    }

    /** Adds every leaf path under {@code object}, resolved or not, to {@code into}, each after {@code prefix}. */
    static void collect(ConfigObject object, String prefix, Set<String> into) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String key = prefix + entry.getKey();
            // Not valueType(): an unresolved substitution (${?ACME_API_KEY}) throws on it.
            if (entry.getValue() instanceof ConfigObject) {
                collect((ConfigObject) entry.getValue(), key + ".", into);
            } else {
                into.add(key);
            }
        }
    }
}
