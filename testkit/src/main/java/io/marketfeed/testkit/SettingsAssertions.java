package io.marketfeed.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.marketfeed.runtime.ProviderHost;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsProblem;
import io.marketfeed.api.protocol.FeedProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The two settings tests every provider has (style rule 9), for the provider's block in its
 * {@code reference.conf} ({@code marketfeed.providers.<id>}), read with Typesafe Config as the runner reads it:
 *
 * <ul>
 *   <li>{@link #assertDefaults}: the reference defaults plus a minimal map (typically only a credential)
 *       make a working provider;</li>
 *   <li>{@link #assertFullMapping}: a map sets <em>every</em> key of the block to a value other than its
 *       default, and the provider accepts it; it fails as soon as someone adds a key to {@code reference.conf}
 *       without adding it here.</li>
 * </ul>
 *
 * {@snippet :
 * @Test
 * void defaults() {
 *     FeedProtocol protocol = SettingsAssertions.assertDefaults(new AcmeProvider(), Map.of("api-key", "k"));
 *     assertEquals(Duration.ofSeconds(30), protocol.heartbeat(protocol.endpoints().get(0)).interval());
 * }
 *
 * @Test
 * void fullMapping() {
 *     FeedProtocol protocol = SettingsAssertions.assertFullMapping(new AcmeProvider(), Map.of(
 *             "enabled", false, "api-key", "k", "endpoint", "wss://eu.acme.example",
 *             "symbols", List.of("AAPL"), "heartbeat.interval", "5s", "heartbeat.timeout", "20s"));
 *     // ... then assert that each value arrived where it belongs
 * }
 * }
 *
 * <p>The environment is never consulted: a substitution such as {@code ${?ACME_API_KEY}} stays unset, so a
 * developer's own credentials cannot change a test's outcome. Values may be given as the runner would produce
 * them (strings such as {@code "30s"}, numbers, booleans, lists of strings) or as {@link Duration}s and
 * {@link Secret}s.
 */
public final class SettingsAssertions {

    private SettingsAssertions() {
    }

    /** The path of a provider's block: {@code marketfeed.providers.<id>}. */
    public static String blockPath(String providerId) {
        return "marketfeed.providers." + providerId;
    }

    /**
     * The defaults of a provider's block, flattened to relative keys ({@code "heartbeat.interval"}); keys whose
     * default is {@code null} are left out, as the runner leaves them out.
     */
    public static Map<String, Object> referenceDefaults(String providerId) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> entry : block(providerId).entrySet()) {
            out.put(entry.getKey(), plain(entry.getValue()));
        }
        return out;
    }

    /**
     * Every leaf key the block declares, including those whose default is {@code null} or an optional
     * substitution that is unset ({@code api-key = ${?ACME_API_KEY}}).
     */
    public static Set<String> referenceKeys(String providerId) {
        block(providerId);
        // Read before resolution: resolving drops a key whose optional substitution is unset.
        ConfigValue value = ConfigFactory.parseResources(loader(), "reference.conf").root();
        for (String segment : List.of("marketfeed", "providers", providerId)) {
            value = ((ConfigObject) value).get(segment);
        }
        Set<String> keys = new TreeSet<>();
        ReferenceConfig.collect((ConfigObject) value, "", keys);
        return keys;
    }

    /** Settings made of the reference defaults with {@code values} on top. */
    public static ProviderSettings defaultsWith(String providerId, Map<String, ?> values) {
        Map<String, Object> merged = new LinkedHashMap<>(referenceDefaults(providerId));
        merged.putAll(values);
        return ProviderSettings.of(providerId, merged);
    }

    /**
     * The defaults test: the reference defaults plus {@code minimal} must be accepted. Every key of
     * {@code minimal} must be declared in the block (a typo would otherwise pass unnoticed).
     *
     * @return the protocol the provider built, for asserting the default values
     */
    public static FeedProtocol assertDefaults(MarketFeedProvider provider, Map<String, ?> minimal) {
        String id = provider.id();
        Set<String> declared = referenceKeys(id);
        Set<String> undeclared = new TreeSet<>(minimal.keySet());
        undeclared.removeAll(declared);
        if (!undeclared.isEmpty()) {
            fail("the minimal settings name keys " + undeclared + " that " + blockPath(id)
                    + " in reference.conf does not declare; declared: " + declared);
        }
        return create(provider, defaultsWith(id, minimal), "the reference defaults plus " + minimal.keySet());
    }

    /**
     * The full-mapping test: {@code values} must set every key the block declares, each to a value other than its
     * default, and the provider must accept them. Fails naming the keys that are missing (someone added a key to
     * {@code reference.conf} without testing it), not declared, or still at their default.
     *
     * @return the protocol the provider built, for asserting that each value arrived where it belongs
     */
    public static FeedProtocol assertFullMapping(MarketFeedProvider provider, Map<String, ?> values) {
        String id = provider.id();
        Config block = block(id);
        Set<String> declared = referenceKeys(id);
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(values.keySet());
        Set<String> undeclared = new TreeSet<>(values.keySet());
        undeclared.removeAll(declared);
        List<String> unchanged = new ArrayList<>();
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            if (declared.contains(entry.getKey()) && DefaultValue.sameAs(block, entry.getKey(), entry.getValue())) {
                unchanged.add(entry.getKey() + " = " + shown(entry.getValue()));
            }
        }
        List<String> complaints = new ArrayList<>();
        if (!missing.isEmpty()) {
            complaints.add("no value for " + missing + ": add each to the full-mapping test with a value other than"
                    + " its default, and assert where it arrives");
        }
        if (!undeclared.isEmpty()) {
            complaints.add("values for keys reference.conf does not declare: " + undeclared);
        }
        if (!unchanged.isEmpty()) {
            complaints.add("values equal to the default, which proves nothing: " + unchanged);
        }
        if (!complaints.isEmpty()) {
            fail("full mapping of " + blockPath(id) + ": " + String.join("; ", complaints));
        }
        return create(provider, ProviderSettings.of(id, values), "the full mapping");
    }

    /**
     * Expects {@code create} to refuse the settings with a {@link SettingsException} (not any other exception)
     * whose problems all name paths in the provider's block.
     *
     * @return the exception, for asserting the problems
     */
    public static SettingsException assertInvalid(MarketFeedProvider provider, ProviderSettings settings) {
        FeedProtocol protocol;
        try {
            protocol = ProviderHost.create(provider, settings);
        } catch (SettingsException e) {
            String prefix = blockPath(provider.id()) + ".";
            for (SettingsProblem problem : e.problems()) {
                if (!problem.path().startsWith(prefix)) {
                    fail("a settings problem must name a full path under " + prefix + ", got " + problem);
                }
            }
            return e;
        } catch (RuntimeException e) {
            throw new AssertionError("create must report bad settings with a SettingsException listing every "
                    + "problem, but threw " + e, e);
        }
        return fail("create accepted settings it should refuse: " + settings.paths() + " -> " + protocol);
    }

    /** The problem paths of an exception, relative to the provider's block, in order. */
    public static List<String> relativePaths(String providerId, SettingsException exception) {
        String prefix = blockPath(providerId) + ".";
        List<String> out = new ArrayList<>();
        for (SettingsProblem problem : exception.problems()) {
            out.add(problem.path().startsWith(prefix) ? problem.path().substring(prefix.length()) : problem.path());
        }
        return out;
    }

    private static FeedProtocol create(MarketFeedProvider provider, ProviderSettings settings, String what) {
        try {
            return ProviderHost.create(provider, settings);
        } catch (SettingsException e) {
            StringBuilder problems = new StringBuilder();
            e.problems().forEach(problem -> problems.append("\n  ").append(problem));
            return fail(provider.id() + " refused " + what + ":" + problems);
        }
    }

    private static ClassLoader loader() {
        return Thread.currentThread().getContextClassLoader();
    }

    private static Config block(String providerId) {
        Config reference = ConfigFactory.parseResources(loader(), "reference.conf")
                .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false).setAllowUnresolved(true));
        String path = blockPath(providerId);
        if (!reference.hasPathOrNull(path)) {
            return fail("no reference.conf on the class path has a " + path + " block; a provider ships its "
                    + "defaults there");
        }
        try {
            return reference.getConfig(path);
        } catch (ConfigException e) {
            return fail(path + " in reference.conf is not a block: " + e.getMessage());
        }
    }

    private static Object plain(ConfigValue value) {
        if (value.valueType() == ConfigValueType.LIST) {
            return new ArrayList<>((List<?>) value.unwrapped());
        }
        return value.unwrapped();
    }

    private static String shown(Object value) {
        return value instanceof Secret ? value.toString() : String.valueOf(value);
    }
}
