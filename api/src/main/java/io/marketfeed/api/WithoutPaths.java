package io.marketfeed.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A view of settings in which some paths look unset. {@link io.marketfeed.api.CommonSettings#problems} throws
 * at the first value of the wrong type; hiding the values already reported as mistyped lets it report the
 * remaining problems instead of hiding them.
 */
final class WithoutPaths implements ProviderSettings {

    private final ProviderSettings source;
    private final Set<String> hidden;

    WithoutPaths(ProviderSettings source, Set<String> hidden) {
        this.source = source;
        this.hidden = Set.copyOf(hidden);
    }

    @Override public String providerId() { return source.providerId(); }
    @Override public boolean hasPath(String path) { return !hidden.contains(path) && source.hasPath(path); }
    @Override public String string(String path) { return source.string(visible(path)); }
    @Override public int integer(String path) { return source.integer(visible(path)); }
    @Override public boolean bool(String path) { return source.bool(visible(path)); }
    @Override public Duration duration(String path) { return source.duration(visible(path)); }
    @Override public List<String> stringList(String path) { return source.stringList(visible(path)); }
    @Override public Optional<Secret> secret(String path) {
        return hidden.contains(path) ? Optional.empty() : source.secret(path);
    }
    @Override public Set<String> paths() {
        return source.paths().stream().filter(path -> !hidden.contains(path)).collect(Collectors.toSet());
    }
    @Override public String origin(String path) { return source.origin(path); }
    @Override public String fullPath(String path) { return source.fullPath(path); }

    private String visible(String path) {
        if (hidden.contains(path)) {
            throw new IllegalArgumentException(source.fullPath(path) + " is not set");
        }
        return path;
    }
}
