package io.marketfeed.app.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsProblem;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.app.provider.ProviderRegistry;
import io.marketfeed.app.sink.ConfiguredSink;
import io.marketfeed.app.sink.SinksReader;
import io.marketfeed.runtime.ProviderHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Validates a whole configuration in one pass, before any connection opens, and reports every problem at
 * once: keys nobody declares (with a suggestion), values of the wrong type, the runner's own rules, provider
 * ids nobody has, and each enabled provider's domain rules from its {@code create()}.
 *
 * <p>Thread safe.
 */
public final class ConfigValidator {

    private final ProviderRegistry registry;
    private final List<SettingsProblem> outside;

    public ConfigValidator(ProviderRegistry registry) {
        this(registry, List.of());
    }

    /**
     * @param outside problems found outside the configuration files but reported with theirs, such as an unknown
     *     {@code MARKETFEED_LOG_LEVEL} or a configured plugin folder that does not exist
     */
    public ConfigValidator(ProviderRegistry registry, List<SettingsProblem> outside) {
        this.registry = requireNonNull(registry, "registry is null");
        this.outside = List.copyOf(outside);
    }

    /** @throws ConfigurationException with every problem found */
    public ValidatedConfig validate(LoadedConfig loaded) {
        Problems problems = new Problems();
        problems.addAll(outside);
        problems.addAll(new UnknownKeyCheck(loaded.known(), registry.ids(), registry.failures().stream()
                .map(failure -> failure.what() + " (" + failure.reason() + ")").collect(Collectors.toList()))
                .check(loaded.merged(), loaded.userLayer()));
        ConfigReader reader = new ConfigReader(loaded.merged());
        AppSettings app = AppSettings.read(reader);
        List<SettingsProblem> read = reader.problems();
        for (SettingsProblem typed : TypeCheck.check(loaded.merged(), loaded.reference(), ConfigPaths.ROOT)) {
            // The runner's reader knows what it wanted ("a whole number"); the generic check only "a number".
            problems.add(read.stream().filter(p -> p.path().equals(typed.path())).findFirst().orElse(typed));
        }
        problems.addUnlessReported(read);
        List<EnabledProvider> enabled = providers(loaded, problems);
        List<String> providerKeys = new java.util.ArrayList<>();
        app.quietSymbols().providers().keySet().forEach(id -> providerKeys.add(ConfigPaths.QUIET_PROVIDERS + "."
                + ConfigUtil.joinPath(id)));
        app.maxMessageSize().providers().keySet().forEach(id -> providerKeys.add(
                ConfigPaths.MAX_MESSAGE_SIZE_PROVIDERS + "." + ConfigUtil.joinPath(id)));
        for (String path : providerKeys) {
            String id = ConfigUtil.splitPath(path).get(ConfigUtil.splitPath(path).size() - 1);
            if (!registry.ids().contains(id)) {
                problems.add(new SettingsProblem(path, loaded.origin(path), "unknown provider id '" + id + "'"
                        + Suggestions.closest(id, registry.ids()).map(s -> "; did you mean '" + s + "'?").orElse("")
                        + "; available providers: " + String.join(", ", registry.ids())));
            }
        }
        SinksReader sinksReader = new SinksReader(Path.of("").toAbsolutePath());
        List<ConfiguredSink> sinks = sinksReader.read(loaded.merged());
        problems.addUnlessReported(sinksReader.problems());
        problems.throwIfAny();
        return new ValidatedConfig(loaded, app, enabled, sinks);
    }

    private List<EnabledProvider> providers(LoadedConfig loaded, Problems problems) {
        List<EnabledProvider> enabled = new ArrayList<>();
        List<String> configured = configuredIds(loaded);
        for (String id : configured) {
            Optional<ProviderRegistry.Found> found = registry.find(id);
            String path = ConfigPaths.provider(id);
            if (!loaded.flag(ConfigPaths.provider(id, ConfigPaths.PROVIDER_ENABLED))) {
                continue;  // disabled blocks are not built, and a missing provider nobody enables is only a warning
            }
            if (found.isEmpty()) {
                // Without a known failure the id is unknown, which the unknown-key check reports.
                registry.failureFor(id).ifPresent(failure -> problems.add(new SettingsProblem(path,
                        ConfigValues.origin(loaded.merged(), path), "provider '" + id + "' is enabled but could not "
                        + "be loaded: " + failure.what() + ": " + failure.reason())));
                continue;
            }
            if (found.get().refusal().isPresent()) {
                problems.add(new SettingsProblem(path, ConfigValues.origin(loaded.merged(), path), "provider '" + id
                        + "' cannot run here: " + found.get().refusal().get() + " (" + found.get().from() + ")"));
                continue;
            }
            TypesafeProviderSettings settings = TypesafeProviderSettings.of(id, loaded.merged());
            Optional<FeedProtocol> protocol = create(found.get(), settings, problems);
            if (protocol.isPresent() && protocol.get().configuredSubscriptions().isEmpty()) {
                // A mistake already reported in the block (a misspelled 'symbolz') explains it better.
                if (!problems.anyUnder(path)) {
                    problems.add(subscribesToNothing(loaded, id));
                }
            } else {
                protocol.ifPresent(created -> enabled.add(new EnabledProvider(found.get().provider(), settings,
                        created)));
            }
        }
        boolean anyEnabled = configured.stream()
                .filter(id -> registry.find(id).isPresent() || registry.failureFor(id).isPresent())
                .anyMatch(id -> loaded.flag(ConfigPaths.provider(id, ConfigPaths.PROVIDER_ENABLED)));
        // A mistake in a provider block (symbols that are not a list) explains why none is enabled better.
        if (!anyEnabled && !problems.anyUnder(ConfigPaths.PROVIDERS)) {
            problems.add(new SettingsProblem(ConfigPaths.PROVIDERS, "", "no provider is enabled; give one "
                    + "its symbols, such as " + ConfigPaths.PROVIDERS + ".<id>.symbols = [...] (a block with symbols "
                    + "is enabled unless it says enabled = false), for one of: "
                    + (registry.ids().isEmpty() ? "(no providers were found)" : String.join(", ", registry.ids()))));
        }
        return enabled;
    }

    /**
     * An enabled provider whose settings subscribe to nothing would connect, stream nothing and end with exit 0.
     * Names where it was enabled, the keys that list what to stream, and a list that is set but switched off.
     */
    private static SettingsProblem subscribesToNothing(LoadedConfig loaded, String id) {
        String enabledPath = ConfigPaths.provider(id, ConfigPaths.PROVIDER_ENABLED);
        List<String> keys = subscriptionKeys(loaded.reference(), ConfigPaths.provider(id));
        String listed = keys.isEmpty() ? "symbols" : keys.size() == 1 ? keys.get(0)
                : String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1);
        StringBuilder message = new StringBuilder("provider '" + id + "' is enabled but has nothing to subscribe to; "
                + "list what to stream in " + listed + ", or set enabled = false");
        for (String key : keys) {
            int dot = key.lastIndexOf('.');
            if (dot < 0) {
                continue;
            }
            String switchKey = key.substring(0, dot) + "." + ConfigPaths.PROVIDER_ENABLED;
            String full = ConfigPaths.provider(id) + ".";
            if (!loaded.texts(full + key).isEmpty() && loaded.merged().hasPath(full + switchKey)
                    && !loaded.flag(full + switchKey)) {
                message.append(" (").append(key).append(" is ignored while ").append(switchKey).append(" = false, ")
                        .append(loaded.origin(full + switchKey)).append(")");
            }
        }
        return new SettingsProblem(enabledPath, loaded.origin(enabledPath), message.toString());
    }

    /** The keys of a provider's reference block that list what to subscribe to, such as {@code depth.symbols}. */
    private static List<String> subscriptionKeys(Config reference, String block) {
        List<String> keys = new ArrayList<>();
        Optional<ConfigValue> value = ConfigValues.valueOrNull(reference, block);
        if (value.isPresent() && value.get() instanceof ConfigObject) {
            collect((ConfigObject) value.get(), "", keys);
        }
        return keys;
    }

    private static void collect(ConfigObject object, String prefix, List<String> keys) {
        for (String key : new TreeSet<>(object.keySet())) {
            ConfigValue child = object.get(key);
            if (child instanceof ConfigObject) {
                collect((ConfigObject) child, prefix + key + ".", keys);
            } else if (ImpliedEnabled.SUBSCRIPTION_KEYS.contains(key)) {
                keys.add(prefix + key);
            }
        }
        // The provider's main list first: symbols, then the others in the reference's order of names.
        keys.sort(Comparator.comparing((String k) -> !k.equals("symbols")));
    }

    private static Optional<FeedProtocol> create(ProviderRegistry.Found found, TypesafeProviderSettings settings,
            Problems problems) {
        String path = ConfigPaths.provider(found.id());
        try {
            return Optional.of(ProviderHost.create(found.provider(), settings));
        } catch (SettingsException e) {
            // A wrongly typed value is already reported, in the runner's words; the provider would repeat it.
            problems.addUnlessReported(e.problems());
        } catch (IllegalArgumentException e) {
            // A provider that stops at its first unreadable value; when the type checks found it, it adds nothing.
            if (!problems.anyUnder(path)) {
                problems.add(new SettingsProblem(path, settings.origin(""), String.valueOf(e.getMessage())));
            }
        } catch (RuntimeException e) {
            problems.add(new SettingsProblem(path, "", "provider '" + found.id()
                    + "' failed to check its settings: " + e));
        }
        return Optional.empty();
    }

    private static List<String> configuredIds(LoadedConfig loaded) {
        List<String> ids = new ArrayList<>();
        if (loaded.merged().hasPath(ConfigPaths.PROVIDERS)) {
            ConfigValue value = loaded.merged().getValue(ConfigPaths.PROVIDERS);
            if (value instanceof ConfigObject) {
                ids.addAll(((ConfigObject) value).keySet());
            }
        }
        return ids;
    }

    /** Problems in the order found, without repeats. */
    private static final class Problems {
        private final List<SettingsProblem> all = new ArrayList<>();

        void add(SettingsProblem problem) {
            if (!all.contains(problem)) {
                all.add(problem);
            }
        }

        void addAll(List<SettingsProblem> problems) {
            problems.forEach(this::add);
        }

        /**
         * Adds those about a path for which (or for whose parent) no earlier check found a problem: the first
         * check to find one explains it best, and a wrong block explains every key missing in it.
         */
        void addUnlessReported(List<SettingsProblem> problems) {
            Set<String> reported = all.stream().map(SettingsProblem::path).collect(Collectors.toSet());
            problems.stream().filter(problem -> reported.stream().noneMatch(path -> problem.path().equals(path)
                    || problem.path().startsWith(path + "."))).forEach(this::add);
        }

        boolean anyUnder(String path) {
            return all.stream().anyMatch(problem -> problem.path().startsWith(path + "."));
        }

        void throwIfAny() {
            if (!all.isEmpty()) {
                throw new ConfigurationException(all);
            }
        }
    }
}
