package io.marketfeed.app.provider;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.SpiVersion;
import io.marketfeed.app.config.ConfigPaths;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every provider Marketfeed found: those on the class path (found with {@link java.util.ServiceLoader}) and
 * those of the plugins in the plugin folder ({@link PluginLoader}). Nothing here stops discovery: a provider that
 * cannot be created or named is a {@link Failure}; one that cannot be used (built for another SPI version, or
 * sharing its id with another) is {@link Found} with the reason it is refused. Both are shown by
 * {@code marketfeed providers}, warned about by {@code run}, and become configuration errors only when the
 * configuration enables that provider.
 *
 * <p>Immutable.
 */
public final class ProviderRegistry {

    /** Our own providers live in this package; anything else on the class path is a third party's. */
    private static final String BUILT_IN_PACKAGE = "io.marketfeed.provider.";

    private final List<Found> providers;
    private final List<Failure> failures;
    private final PluginReport plugins;
    private final Config pluginReference;

    private ProviderRegistry(List<Found> providers, List<Failure> failures, PluginReport plugins,
            Config pluginReference) {
        this.providers = List.copyOf(providers);
        this.failures = List.copyOf(failures);
        this.plugins = plugins;
        this.pluginReference = pluginReference;
    }

    /** Where a provider came from. */
    public enum Source {
        /** Ships with Marketfeed. */
        BUILT_IN("built-in"),
        /** Someone else's jar on the class path. */
        CLASS_PATH("class path"),
        /** A plugin in the plugin folder. */
        PLUGIN("plugin");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A provider that was found.
     *
     * @param provider the instance
     * @param id its id, asked once
     * @param source where it came from
     * @param location the jar or class directory of its class
     * @param refusal why it cannot be used here (SPI version, duplicate id); empty when it can
     */
    public record Found(MarketFeedProvider provider, String id, Source source, String location,
            Optional<String> refusal) {
        public Found {
            requireNonNull(provider, "provider is null");
            requireNonNull(id, "id is null");
            requireNonNull(source, "source is null");
            requireNonNull(location, "location is null");
            requireNonNull(refusal, "refusal is null");
        }

        public boolean builtIn() {
            return source == Source.BUILT_IN;
        }

        /** For people: {@code built-in, /…/marketfeed-provider-sahmk.jar}, {@code plugin, /…/plugins/acme.jar}. */
        public String from() {
            return source.label() + ", " + location;
        }
    }

    /**
     * A plugin, or a provider, that could not be loaded.
     *
     * @param what the plugin's path, or the jar (or class folder) on the class path
     * @param reason what went wrong, and what to do when known
     * @param ids the provider ids it was meant to provide, as far as known (from a plugin's
     *     {@code reference.conf}), so that enabling one of them can say why it is missing
     */
    public record Failure(String what, String reason, Set<String> ids) {
        public Failure {
            requireNonNull(what, "what is null");
            requireNonNull(reason, "reason is null");
            ids = Set.copyOf(ids);
        }
    }

    /** The providers on the class path of {@code loader}, without plugins. */
    public static ProviderRegistry discover(ClassLoader loader) {
        return discover(loader, PluginReport.none());
    }

    /** The providers on the class path of {@code loader} and those of {@code plugins}. */
    public static ProviderRegistry discover(ClassLoader loader, PluginReport plugins) {
        Collector collector = new Collector();
        PluginLoader.eachProvider(loader, provider -> collector.add(provider, Optional.empty()), error ->
                collector.failures.add(new Failure("a provider listed in META-INF/services/"
                        + MarketFeedProvider.class.getName() + " on the class path", PluginLoader.describe(error),
                        Set.of())));
        for (PluginReport.Plugin plugin : plugins.plugins()) {
            collector.add(plugin);
        }
        return collector.build(plugins);
    }

    /** A registry of given providers (tests, embedding). */
    public static ProviderRegistry of(List<MarketFeedProvider> instances) {
        Collector collector = new Collector();
        instances.forEach(provider -> collector.add(provider, Optional.empty()));
        return collector.build(PluginReport.none());
    }

    /** Every provider found, usable or not: class path first, then plugins in path order. */
    public List<Found> providers() {
        return providers;
    }

    public List<Failure> failures() {
        return failures;
    }

    /** What the plugin folder held. */
    public PluginReport plugins() {
        return plugins;
    }

    /**
     * The plugins' {@code reference.conf} blocks, to merge below the class path's: for each plugin, the
     * {@code marketfeed.providers.<id>} blocks of the ids it provides, and of ids that nobody provides (its failed
     * providers, so that enabling one is explained rather than called unknown). A plugin never sets defaults for
     * another's provider, nor anything outside {@code marketfeed.providers}.
     */
    public Config pluginReference() {
        return pluginReference;
    }

    /** The first provider with this id; {@link Found#refusal()} says whether it can be used. */
    public Optional<Found> find(String id) {
        return providers.stream().filter(found -> found.id().equals(id)).findFirst();
    }

    /** The failure that explains why a provider with this id is missing, when one is known. */
    public Optional<Failure> failureFor(String id) {
        return failures.stream().filter(failure -> failure.ids().contains(id)).findFirst();
    }

    /** The ids found, in discovery order, each once. */
    public List<String> ids() {
        return providers.stream().map(Found::id).distinct().collect(Collectors.toList());
    }

    /** One line per failure and refused provider, for stderr when a command starts. */
    public List<String> warnings() {
        List<String> lines = new ArrayList<>();
        for (Failure failure : failures) {
            lines.add("warning: could not load " + failure.what() + ": " + failure.reason());
        }
        for (Found found : providers) {
            found.refusal().ifPresent(refusal -> lines.add("warning: provider '" + found.id() + "' (" + found.from()
                    + ") cannot be used: " + refusal));
        }
        return lines;
    }

    /** The jar or directory a class was loaded from; "unknown" for classes without a code source. */
    static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url == null) {
            return "unknown";
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return url.toString();
        }
    }

    /** Collects providers and failures, then applies the checks that need all of them. */
    private static final class Collector {
        private final List<Found> found = new ArrayList<>();
        private final List<Failure> failures = new ArrayList<>();
        private final List<PluginReport.Plugin> plugins = new ArrayList<>();
        private final List<Set<String>> pluginIds = new ArrayList<>();

        void add(PluginReport.Plugin plugin) {
            int before = found.size();
            List<String> problems = new ArrayList<>(plugin.problems());
            for (MarketFeedProvider provider : plugin.providers()) {
                add(provider, Optional.of(plugin)).ifPresent(problems::add);
            }
            Set<String> provided = found.subList(before, found.size()).stream().map(Found::id)
                    .collect(Collectors.toSet());
            // A failure without an id is attributed to the ids the plugin's reference.conf promised but nothing gave.
            Set<String> missing = new HashSet<>(plugin.declaredIds());
            missing.removeAll(provided);
            for (String problem : problems) {
                failures.add(new Failure(plugin.path().toString(), problem, missing));
            }
            plugins.add(plugin);
            pluginIds.add(provided);
        }

        /** Adds one provider; returns why it cannot be, when its id or SPI version cannot be asked. */
        Optional<String> add(MarketFeedProvider provider, Optional<PluginReport.Plugin> plugin) {
            Class<?> type = provider.getClass();
            String location = location(type);
            Source source = plugin.isPresent() ? Source.PLUGIN
                    : type.getName().startsWith(BUILT_IN_PACKAGE) ? Source.BUILT_IN : Source.CLASS_PATH;
            String problem;
            try {
                String id = provider.id();
                String spiVersion = provider.spiVersion();
                if (id == null || id.isBlank()) {
                    problem = "provider " + type.getName() + " has no id: id() returned "
                            + (id == null ? "null" : "'" + id + "'");
                } else {
                    found.add(new Found(provider, id, source, location, SpiVersion.incompatibility(spiVersion)
                            .map(reason -> reason + advice(spiVersion))));
                    return Optional.empty();
                }
            } catch (RuntimeException | LinkageError e) {
                problem = "provider " + type.getName() + ": asking its id or SPI version failed: "
                        + PluginLoader.describe(e);
            }
            if (plugin.isEmpty()) {
                failures.add(new Failure(location, problem, Set.of()));
            }
            return Optional.of(problem);
        }

        ProviderRegistry build(PluginReport report) {
            List<Found> checked = new ArrayList<>();
            for (Found each : found) {
                // Two providers with one id: Marketfeed will not pick one behind the operator's back.
                List<String> others = found.stream().filter(other -> other != each && other.id().equals(each.id()))
                        .map(Found::from).collect(Collectors.toList());
                if (others.isEmpty()) {
                    checked.add(each);
                    continue;
                }
                String duplicate = "the id '" + each.id() + "' is also provided by " + String.join(" and ", others)
                        + "; remove one of them";
                checked.add(new Found(each.provider(), each.id(), each.source(), each.location(), Optional.of(
                        each.refusal().map(refusal -> refusal + "; " + duplicate).orElse(duplicate))));
            }
            return new ProviderRegistry(checked, failures, report, reference(checked));
        }

        private Config reference(List<Found> all) {
            Set<String> everyId = all.stream().map(Found::id).collect(Collectors.toSet());
            Config reference = ConfigFactory.empty();
            for (int i = 0; i < plugins.size(); i++) {
                PluginReport.Plugin plugin = plugins.get(i);
                for (String id : plugin.declaredIds()) {
                    if (pluginIds.get(i).contains(id) || !everyId.contains(id)) {
                        reference = reference.withFallback(plugin.reference().withOnlyPath(ConfigPaths.provider(id)));
                    }
                }
            }
            return reference;
        }

        /** What to do about a provider built for another major SPI version; the minor case says it already. */
        private static String advice(String spiVersion) {
            String host = SpiVersion.CURRENT.split("\\.")[0];
            String provider = String.valueOf(spiVersion).trim().split("\\.")[0];
            return provider.equals(host) ? "" : "; use a version of it built for SPI " + host + ".x";
        }
    }
}
