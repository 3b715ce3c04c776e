package io.marketfeed.app.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsProblem;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.app.provider.ProviderRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    public ConfigValidator(ProviderRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /** @throws ConfigurationException with every problem found */
    public ValidatedConfig validate(LoadedConfig loaded) {
        Problems problems = new Problems();
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
        problems.throwIfAny();
        return new ValidatedConfig(loaded, app, enabled);
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
            create(found.get(), settings, problems).ifPresent(protocol ->
                    enabled.add(new EnabledProvider(found.get().provider(), settings, protocol)));
        }
        boolean anyEnabled = configured.stream()
                .filter(id -> registry.find(id).isPresent() || registry.failureFor(id).isPresent())
                .anyMatch(id -> loaded.flag(ConfigPaths.provider(id, ConfigPaths.PROVIDER_ENABLED)));
        if (!anyEnabled) {
            problems.add(new SettingsProblem(ConfigPaths.PROVIDERS, "", "no provider is enabled; set "
                    + ConfigPaths.PROVIDERS + ".<id>.enabled = true for one of: "
                    + (registry.ids().isEmpty() ? "(no providers were found)" : String.join(", ", registry.ids()))));
        }
        return enabled;
    }

    private static Optional<FeedProtocol> create(ProviderRegistry.Found found, TypesafeProviderSettings settings,
            Problems problems) {
        String path = ConfigPaths.provider(found.id());
        try {
            return Optional.of(requireNonNull(found.provider().create(settings), "create() returned null"));
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
