package io.marketfeed.provider.screener;

import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads settings while collecting problems instead of stopping at the first one, so that a user fixes their
 * configuration in one round. A getter that finds a problem records it and returns a placeholder that only
 * lets validation continue: {@link #throwIfAny()} always fails before a placeholder can be used.
 *
 * <p>Not thread safe; one instance per {@link ScreenerSettings#from} call.
 */
final class SettingsReader {

    private final ProviderSettings source;
    private final List<SettingsProblem> problems = new ArrayList<>();
    private final Set<String> failed = new HashSet<>();

    SettingsReader(ProviderSettings source) {
        this.source = source;
    }

    ProviderSettings source() {
        return source;
    }

    int problemCount() {
        return problems.size();
    }

    void problem(String path, String message) {
        problems.add(source.problem(path, message));
        failed.add(path);
    }

    /** Whether a problem was found at {@code path}; its value is then a placeholder, not worth checking. */
    boolean failed(String path) {
        return failed.contains(path);
    }

    void addAll(List<SettingsProblem> more) {
        problems.addAll(more);
    }

    boolean bool(String path) {
        return required(path, () -> source.bool(path), false);
    }

    int integer(String path) {
        return required(path, () -> source.integer(path), 0);
    }

    String string(String path) {
        return required(path, () -> source.string(path), "");
    }

    Duration duration(String path) {
        return required(path, () -> source.duration(path), Duration.ZERO);
    }

    List<String> stringList(String path) {
        return required(path, () -> source.stringList(path), List.of());
    }

    /** An optional key; empty when absent, null in HOCON or unreadable (then a problem is recorded). */
    Optional<String> optionalString(String path) {
        return source.hasPath(path) ? Optional.of(read(path, () -> source.string(path), "")) : Optional.empty();
    }

    /** An optional whole number; empty when absent, null in HOCON or unreadable (then a problem is recorded). */
    OptionalInt optionalInteger(String path) {
        if (!source.hasPath(path)) {
            return OptionalInt.empty();
        }
        int before = problems.size();
        int value = read(path, () -> source.integer(path), 0);
        return problems.size() == before ? OptionalInt.of(value) : OptionalInt.empty();
    }

    /** Checks that an optional key has the right type, so that later typed reads cannot throw. */
    void checkOptionalInteger(String path) {
        if (source.hasPath(path)) {
            read(path, () -> source.integer(path), 0);
        }
    }

    /** Like {@link #checkOptionalInteger}, for durations. */
    void checkOptionalDuration(String path) {
        if (source.hasPath(path)) {
            read(path, () -> source.duration(path), Duration.ZERO);
        }
    }

    /**
     * A credential. The source's own error text is never used here: it might quote the value.
     */
    Optional<Secret> secret(String path) {
        try {
            return source.secret(path);
        } catch (IllegalArgumentException e) {
            problem(path, "must be a string");
            return Optional.empty();
        }
    }

    /** Fails with every problem found so far, if any. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
    }

    private <T> T required(String path, Supplier<T> getter, T placeholder) {
        if (!source.hasPath(path)) {
            problem(path, "is not set (its default is in the Screener provider's reference.conf; "
                    + "settings built by hand must set it)");
            return placeholder;
        }
        return read(path, getter, placeholder);
    }

    private <T> T read(String path, Supplier<T> getter, T placeholder) {
        try {
            return getter.get();
        } catch (IllegalArgumentException e) {
            problem(path, withoutPath(path, String.valueOf(e.getMessage())));
            return placeholder;
        }
    }

    /** The getters' messages start with the full path, which the problem already shows. */
    private String withoutPath(String path, String message) {
        String prefix = source.fullPath(path);
        return message.startsWith(prefix) ? message.substring(prefix.length()).trim() : message;
    }
}
