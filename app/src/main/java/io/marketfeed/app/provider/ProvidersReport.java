package io.marketfeed.app.provider;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.SpiVersion;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The text of {@code marketfeed providers}: a header with the SPI version and the plugin folder, one block per
 * provider found (usable or refused, with the reason), then every plugin or provider that failed to load with
 * its path and the reason. The layout is fixed, so that people can compare two listings and scripts can grep.
 */
public final class ProvidersReport {

    private static final String FIELD = "  %-14s%s%n";

    private final ProviderRegistry registry;
    private final Optional<Predicate<String>> enabled;

    /**
     * @param registry the providers found
     * @param enabled when a configuration was given: whether it enables a provider id
     */
    public ProvidersReport(ProviderRegistry registry, Optional<Predicate<String>> enabled) {
        this.registry = requireNonNull(registry, "registry is null");
        this.enabled = requireNonNull(enabled, "enabled is null");
    }

    public String render() {
        StringBuilder text = new StringBuilder();
        int count = registry.providers().size();
        text.append(plural(count, "provider")).append(" found (this Marketfeed has SPI ").append(SpiVersion.CURRENT)
                .append(")\n");
        registry.plugins().folder().ifPresent(folder -> text.append("plugin folder: ").append(folder)
                .append(registry.plugins().folderExists() ? " (" + plural(registry.plugins().plugins().size(),
                        "plugin") + ")" : " (not found, so no plugins)").append('\n'));
        for (ProviderRegistry.Found found : registry.providers()) {
            text.append('\n');
            describe(text, found);
        }
        if (!registry.failures().isEmpty()) {
            text.append("\nCould not load:\n");
            for (ProviderRegistry.Failure failure : registry.failures()) {
                text.append("  - ").append(failure.what()).append(": ").append(failure.reason()).append('\n');
            }
        }
        return text.toString();
    }

    private void describe(StringBuilder text, ProviderRegistry.Found found) {
        MarketFeedProvider provider = found.provider();
        boolean compatible = SpiVersion.incompatibility(safely(provider::spiVersion)).isEmpty();
        text.append(found.id()).append('\n');
        text.append(String.format(FIELD, "description:", safely(provider::description)));
        text.append(String.format(FIELD, "version:", safely(provider::version)));
        text.append(String.format(FIELD, "SPI version:", safely(provider::spiVersion)
                + (compatible ? " (compatible)" : " (incompatible)")));
        text.append(String.format(FIELD, "capabilities:", safely(() -> capabilities(provider))));
        text.append(String.format(FIELD, "from:", found.from()));
        text.append(String.format(FIELD, "status:", found.refusal().map(reason -> "refused: " + reason)
                .orElse("loaded")));
        enabled.ifPresent(test -> text.append(String.format(FIELD, "enabled:", test.test(found.id()) ? "yes"
                : "no")));
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** Lower case with '-', as written in configuration; sorted for a stable listing. */
    private static String capabilities(MarketFeedProvider provider) {
        TreeSet<String> names = provider.capabilities().stream()
                .map(FeedCapability::name)
                .map(name -> name.toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.toCollection(TreeSet::new));
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    /** A provider's describing methods should not throw; if one does, the listing still goes on. */
    private static String safely(Supplier<String> value) {
        try {
            return String.valueOf(value.get());
        } catch (RuntimeException | LinkageError e) {
            return "(failed: " + e + ")";
        }
    }
}
