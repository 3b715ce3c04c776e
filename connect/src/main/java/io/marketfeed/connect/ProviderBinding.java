package io.marketfeed.connect;

import io.marketfeed.runtime.ProviderHost;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsProblem;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.runtime.ProviderDefaults;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * One provider found in the plugin directory (by {@link ServiceLoader}, in the connector's class loader) and how the
 * connector's configuration becomes its settings: the defaults of its {@code reference.conf}, the
 * {@code provider.<key>} options, the symbols in {@code symbols.setting} and one credential in its {@code api-key}
 * or {@code token}. Validation is the provider's own {@code create()}: the runner's messages, each mapped to the
 * connector key that sets the value.
 *
 * <p>Immutable; any thread.
 */
final class ProviderBinding {

    private static final List<String> CREDENTIAL_KEYS = List.of("api-key", "token");

    private final MarketFeedProvider provider;
    private final Config reference;
    private final Optional<String> credentialKey;
    private final ClassLoader loader;

    private ProviderBinding(MarketFeedProvider provider, Config reference, Optional<String> credentialKey,
            ClassLoader loader) {
        this.provider = provider;
        this.reference = reference;
        this.credentialKey = credentialKey;
        this.loader = loader;
    }

    /**
     * The provider with this id in {@code loader}.
     *
     * @throws IllegalArgumentException naming the providers found when none has the id
     */
    static ProviderBinding find(String id, ClassLoader loader) {
        List<String> ids = new ArrayList<>();
        ServiceLoader<MarketFeedProvider> found = ServiceLoader.load(MarketFeedProvider.class, loader);
        for (var iterator = found.iterator(); iterator.hasNext(); ) {
            MarketFeedProvider candidate;
            try {
                candidate = iterator.next();
            } catch (ServiceConfigurationError e) {
                continue; // a broken third-party jar: the others still count
            }
            if (candidate.id().equals(id)) {
                String path = "marketfeed.providers." + id;
                Config reference = ConfigFactory.defaultReference(loader);
                return new ProviderBinding(candidate, reference.hasPath(path) ? reference.getConfig(path)
                        : ConfigFactory.empty(), credentialKey(id, loader), loader);
            }
            ids.add(candidate.id());
        }
        throw new IllegalArgumentException("no provider '" + id + "' in the plugin directory; found: "
                + (ids.isEmpty() ? "none" : String.join(", ", new TreeSet<>(ids))));
    }

    String id() {
        return provider.id();
    }

    MarketFeedProvider provider() {
        return provider;
    }

    /** The provider's credential key ({@code api-key} or {@code token}), empty for a provider without one. */
    Optional<String> credentialKey() {
        return credentialKey;
    }

    /**
     * The credential key the provider's block declares, read before substitution: resolved, a key such as
     * {@code api-key = ${?TICKATLAS_API_KEY}} is absent while the variable is unset.
     */
    private static Optional<String> credentialKey(String id, ClassLoader loader) {
        ConfigValue block = ConfigFactory.parseResourcesAnySyntax(loader, "reference").root();
        for (String name : List.of("marketfeed", "providers", id)) {
            if (!(block instanceof ConfigObject object) || object.get(name) == null) {
                return Optional.empty();
            }
            block = object.get(name);
        }
        ConfigObject provider = block instanceof ConfigObject object ? object : null;
        return CREDENTIAL_KEYS.stream().filter(key -> provider != null && provider.containsKey(key)).findFirst();
    }

    /**
     * The provider's settings.
     *
     * @param options the {@code provider.<key>} values, without the prefix
     * @param symbolsSetting the list the symbols go to
     * @param credential the credential, or null
     * @param maxConnections {@code limits.max-connections} for a task's share of a key, or 0 for the configured one
     */
    ProviderSettings settings(Map<String, String> options, String symbolsSetting, List<String> symbols,
            String credential, int maxConnections) {
        Map<String, Object> values = new LinkedHashMap<>();
        options.forEach((key, text) -> values.put(key, isList(key) ? split(text) : text));
        values.put(symbolsSetting, List.copyOf(symbols));
        if (credential != null) {
            credentialKey().ifPresent(key -> values.put(key, credential));
        }
        if (maxConnections > 0) {
            values.put("limits.max-connections", maxConnections);
        }
        return ProviderDefaults.with(provider.id(), values, loader);
    }

    /**
     * Builds the protocol, as the runner does before any socket opens.
     *
     * @throws SettingsException with every problem the provider found
     */
    FeedProtocol create(ProviderSettings settings) {
        return ProviderHost.create(provider, settings);
    }

    /** The options that are not keys of the provider's block, each with what to write instead. */
    List<String> unknownOptions(Map<String, String> options) {
        List<String> unknown = new ArrayList<>();
        for (String key : options.keySet()) {
            if (!reference.hasPathOrNull(key) || CREDENTIAL_KEYS.contains(key)) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    /** Whether the provider's own option {@code key} is a list (written comma separated in the connector). */
    private boolean isList(String key) {
        if (!reference.hasPathOrNull(key) || reference.getIsNull(key)) {
            return false;
        }
        ConfigValue value = reference.getValue(key);
        return value.valueType() == ConfigValueType.LIST;
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The connector key that sets a provider setting: {@code symbols}, {@code credentials}, or
     * {@code provider.<key>}.
     */
    String connectorKey(SettingsProblem problem, String symbolsSetting) {
        String prefix = "marketfeed.providers." + provider.id() + ".";
        String key = problem.path().startsWith(prefix) ? problem.path().substring(prefix.length()) : problem.path();
        if (key.equals(symbolsSetting)) {
            return ConnectorConfig.SYMBOLS;
        }
        if (CREDENTIAL_KEYS.contains(key)) {
            return ConnectorConfig.CREDENTIALS;
        }
        return ConnectorConfig.PROVIDER_OPTION + key;
    }

    /**
     * A provider's message as the connector shows it: the runner's words, except that a missing credential is set
     * in {@code credentials}, not in an environment variable.
     */
    static String message(SettingsProblem problem, String connectorKey) {
        if (connectorKey.equals(ConnectorConfig.CREDENTIALS) && problem.message().startsWith("is not set")) {
            return "is required by this provider: set credentials, preferably as a ConfigProvider reference such as"
                    + " ${file:/etc/kafka/secrets/marketfeed.properties:keys}";
        }
        return problem.message();
    }

    @Override
    public String toString() {
        return "provider " + provider.id() + " " + provider.version();
    }
}
