package io.marketfeed.testkit;

import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Settings with some paths replaced: how the kit makes invalid variants of a provider's test settings. */
final class OverlaySettings implements ProviderSettings {

    private final ProviderSettings base;
    private final ProviderSettings overrides;

    OverlaySettings(ProviderSettings base, Map<String, ?> overrides) {
        this.base = base;
        this.overrides = ProviderSettings.of(base.providerId(), overrides);
    }

    private ProviderSettings source(String path) {
        return overrides.hasPath(path) ? overrides : base;
    }

    /** The paths whose values were replaced. */
    Set<String> replacedPaths() {
        return overrides.paths();
    }

    @Override
    public String providerId() {
        return base.providerId();
    }

    @Override
    public boolean hasPath(String path) {
        return source(path).hasPath(path);
    }

    @Override
    public String string(String path) {
        return source(path).string(path);
    }

    @Override
    public int integer(String path) {
        return source(path).integer(path);
    }

    @Override
    public boolean bool(String path) {
        return source(path).bool(path);
    }

    @Override
    public Duration duration(String path) {
        return source(path).duration(path);
    }

    @Override
    public List<String> stringList(String path) {
        return source(path).stringList(path);
    }

    @Override
    public Optional<Secret> secret(String path) {
        return source(path).secret(path);
    }

    @Override
    public Set<String> paths() {
        Set<String> paths = new TreeSet<>(base.paths());
        paths.addAll(overrides.paths());
        return paths;
    }

    @Override
    public String origin(String path) {
        return overrides.hasPath(path) ? "conformance kit" : base.origin(path);
    }

    @Override
    public String toString() {
        return "settings of " + providerId() + " with " + overrides.paths() + " replaced";
    }
}
