package io.marketfeed.app.provider;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.SpiVersion;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers found with {@link ServiceLoader}. One broken provider jar does not stop discovery: its error
 * is recorded as a {@link Failure}, logged, and shown by {@code marketfeed providers}.
 *
 * <p>Immutable.
 */
public final class ProviderRegistry {

    private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);

    /** Our own providers live in this package; anything else is a third party's. */
    private static final String BUILT_IN_PACKAGE = "io.marketfeed.provider.";

    private final List<Found> providers;
    private final List<Failure> failures;

    private ProviderRegistry(List<Found> providers, List<Failure> failures) {
        this.providers = List.copyOf(providers);
        this.failures = List.copyOf(failures);
    }

    /**
     * A provider that was found.
     *
     * @param provider the instance
     * @param location where its class came from: a jar or class directory
     * @param builtIn whether it ships with Marketfeed
     * @param incompatibility why its SPI version cannot run here; empty when it can
     */
    public record Found(MarketFeedProvider provider, String location, boolean builtIn,
            Optional<String> incompatibility) {
        public Found {
            requireNonNull(provider, "provider is null");
            requireNonNull(location, "location is null");
            requireNonNull(incompatibility, "incompatibility is null");
        }

        public String id() {
            return provider.id();
        }
    }

    /**
     * A provider that could not be loaded.
     *
     * @param what the provider class or jar, as far as known
     * @param reason the error
     */
    public record Failure(String what, String reason) {
    }

    /** Every provider visible to {@code loader}. */
    public static ProviderRegistry discover(ClassLoader loader) {
        List<MarketFeedProvider> instances = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Iterator<MarketFeedProvider> iterator = ServiceLoader.load(MarketFeedProvider.class, loader).iterator();
        // ServiceLoader goes on after an error; the bound only guards against a loader that never advances.
        for (int attempts = 0; attempts < 1_000; attempts++) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                instances.add(iterator.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                failures.add(new Failure("a provider listed in META-INF/services/" + MarketFeedProvider.class
                        .getName(), describe(e)));
            }
        }
        return of(instances, failures);
    }

    /** A registry of given providers (tests, embedding). */
    public static ProviderRegistry of(List<MarketFeedProvider> instances) {
        return of(instances, List.of());
    }

    private static ProviderRegistry of(List<MarketFeedProvider> instances, List<Failure> failures) {
        List<Found> found = new ArrayList<>();
        List<Failure> allFailures = new ArrayList<>(failures);
        for (MarketFeedProvider provider : instances) {
            String location = location(provider.getClass());
            try {
                String id = provider.id();
                Optional<Found> earlier = found.stream().filter(f -> f.id().equals(id)).findFirst();
                if (earlier.isPresent()) {
                    allFailures.add(new Failure(provider.getClass().getName() + " (" + location + ")",
                            "duplicate provider id '" + id + "', already provided by "
                                    + earlier.get().provider().getClass().getName() + " ("
                                    + earlier.get().location() + ")"));
                    continue;
                }
                found.add(new Found(provider, location, provider.getClass().getName().startsWith(BUILT_IN_PACKAGE),
                        SpiVersion.incompatibility(provider.spiVersion())));
            } catch (RuntimeException | LinkageError e) {
                allFailures.add(new Failure(provider.getClass().getName() + " (" + location + ")", describe(e)));
            }
        }
        for (Failure failure : allFailures) {
            log.warn("Could not load provider {}: {}", failure.what(), failure.reason());
        }
        return new ProviderRegistry(found, allFailures);
    }

    public List<Found> providers() {
        return providers;
    }

    public List<Failure> failures() {
        return failures;
    }

    public Optional<Found> find(String id) {
        return providers.stream().filter(found -> found.id().equals(id)).findFirst();
    }

    /** The ids found, in discovery order. */
    public List<String> ids() {
        return providers.stream().map(Found::id).collect(Collectors.toList());
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

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e.getCause() == null ? message : message + ": " + describe(e.getCause());
    }
}
