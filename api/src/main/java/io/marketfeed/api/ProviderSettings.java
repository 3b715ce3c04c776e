package io.marketfeed.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Read-only view of one provider's configuration block ({@code marketfeed.providers.<id>}), with paths
 * relative to that block ({@code "symbols"}, {@code "heartbeat.interval"}).
 *
 * <p>The runner backs this with HOCON and has already checked presence and types against the provider's
 * {@code reference.conf}; a provider checks domain rules (ranges, URL schemes, combinations) and reports
 * all of them at once with {@link SettingsException}. An embedding application can use {@link #of}.
 *
 * <p>Getters throw {@link IllegalArgumentException} naming the path when a value is missing or has the
 * wrong type.
 */
public interface ProviderSettings {

    /** The provider id this block belongs to. */
    String providerId();

    boolean hasPath(String path);

    String string(String path);

    default Optional<String> optionalString(String path) {
        return hasPath(path) ? Optional.of(string(path)) : Optional.empty();
    }

    int integer(String path);

    boolean bool(String path);

    Duration duration(String path);

    List<String> stringList(String path);

    /** A credential; empty when the path is absent or blank. */
    Optional<Secret> secret(String path);

    /** Every leaf path set in this block, for diagnostics. */
    Set<String> paths();

    /** Where a value came from, such as {@code app.conf:12}; empty when not known. */
    default String origin(String path) {
        return "";
    }

    /** The full config path of a relative one, for messages: {@code marketfeed.providers.<id>.<path>}. */
    default String fullPath(String path) {
        return "marketfeed.providers." + providerId() + "." + path;
    }

    /** A problem at {@code path}, with its origin filled in. */
    default SettingsProblem problem(String path, String message) {
        return new SettingsProblem(fullPath(path), origin(path), message);
    }

    /**
     * A view in which {@code paths} look unset: after reporting mistyped values yourself, pass this to
     * {@link CommonSettings#problems} so it reports the remaining problems instead of failing on those.
     */
    default ProviderSettings without(Set<String> paths) {
        return new WithoutPaths(this, paths);
    }

    /**
     * Settings from a map, for embedding without the runner. Keys are relative paths with dots; values
     * are strings, numbers, booleans, {@link Duration}s, {@link Secret}s or lists of strings. Durations may
     * also be strings such as {@code "500ms"}, {@code "30s"}, {@code "2m"}.
     */
    static ProviderSettings of(String providerId, Map<String, ?> values) {
        return new MapProviderSettings(providerId, values);
    }
}
