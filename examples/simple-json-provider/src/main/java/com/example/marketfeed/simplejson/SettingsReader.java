package com.example.marketfeed.simplejson;

import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.Secret;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SettingsProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads settings while collecting problems instead of stopping at the first one, so that a user fixes their
 * configuration in one round. A getter that finds a problem records it and returns a placeholder that only
 * lets validation go on; {@link #throwIfAny()} always fails before a placeholder can be used.
 *
 * <p>Not thread safe; one instance per {@link SimplejsonSettings#from} call.
 */
final class SettingsReader {

    private final ProviderSettings source;
    private final List<SettingsProblem> problems = new ArrayList<>();
    private final Set<String> failed = new HashSet<>();

    SettingsReader(ProviderSettings source) {
        this.source = source;
    }

    void problem(String path, String message) {
        problems.add(source.problem(path, message));
        failed.add(path);
    }

    /** Whether {@code path} already has a problem; its value is then a placeholder, not worth checking. */
    boolean failed(String path) {
        return failed.contains(path);
    }

    boolean bool(String path) {
        return required(path, () -> source.bool(path), false);
    }

    String string(String path) {
        return required(path, () -> source.string(path), "");
    }

    List<String> stringList(String path) {
        return required(path, () -> source.stringList(path), List.of());
    }

    /** A required duration that must be positive. */
    Duration positiveDuration(String path) {
        Duration value = required(path, () -> source.duration(path), Duration.ZERO);
        if (!failed(path) && (value.isZero() || value.isNegative())) {
            problem(path, "must be a positive duration, got " + value);
        }
        return value;
    }

    /** An optional whole number of at least 1; only checked, the caller reads it once all is valid. */
    void checkOptionalCount(String path) {
        if (source.hasPath(path)) {
            int value = read(path, () -> source.integer(path), 1);
            if (value < 1) {
                problem(path, "must be at least 1, got " + value);
            }
        }
    }

    /** An optional duration that must not be negative; only checked. */
    void checkOptionalGap(String path) {
        if (source.hasPath(path) && read(path, () -> source.duration(path), Duration.ZERO).isNegative()) {
            problem(path, "must not be negative");
        }
    }

    /** A credential. The source's own error text is never used here: it might quote the value. */
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
            problem(path, "is not set (its default is in the simplejson plugin's reference.conf; settings built "
                    + "by hand must set it)");
            return placeholder;
        }
        return read(path, getter, placeholder);
    }

    /** Getters throw IllegalArgumentException for a wrong type; that becomes a problem, not a failure. */
    private <T> T read(String path, Supplier<T> getter, T placeholder) {
        try {
            return getter.get();
        } catch (IllegalArgumentException e) {
            problem(path, withoutPath(path, String.valueOf(e.getMessage())));
            return placeholder;
        }
    }

    /** The getters' messages start with the full path, which the problem shows already. */
    private String withoutPath(String path, String message) {
        String prefix = source.fullPath(path);
        return message.startsWith(prefix) ? message.substring(prefix.length()).trim() : message;
    }
}
