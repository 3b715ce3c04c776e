package io.marketfeed.api;

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
 * <p>For providers: build a settings record with one reader, then call {@link #throwIfAny()}.
 * {@snippet :
 * SettingsReader in = new SettingsReader(settings);
 * String endpoint = in.string("endpoint");
 * List<String> symbols = in.stringList("symbols");
 * in.addAll(CommonSettings.problems(settings.without(in.failedPaths())));
 * in.throwIfAny();
 * }
 *
 * <p>Not thread safe; one instance per settings record being built.
 */
public final class SettingsReader {

    private final ProviderSettings source;
    private final List<SettingsProblem> problems = new ArrayList<>();
    private final Set<String> failed = new HashSet<>();

    public SettingsReader(ProviderSettings source) {
        this.source = source;
    }

    public ProviderSettings source() {
        return source;
    }

    public int problemCount() {
        return problems.size();
    }

    public void problem(String path, String message) {
        problems.add(source.problem(path, message));
        failed.add(path);
    }

    /** The paths a problem was found at. */
    public Set<String> failedPaths() {
        return Set.copyOf(failed);
    }

    /** Whether a problem was found at {@code path}; its value is then a placeholder, not worth checking. */
    public boolean failed(String path) {
        return failed.contains(path);
    }

    public void addAll(List<SettingsProblem> more) {
        problems.addAll(more);
    }

    public boolean bool(String path) {
        return required(path, () -> source.bool(path), false);
    }

    public int integer(String path) {
        return required(path, () -> source.integer(path), 0);
    }

    public String string(String path) {
        return required(path, () -> source.string(path), "");
    }

    public Duration duration(String path) {
        return required(path, () -> source.duration(path), Duration.ZERO);
    }

    public List<String> stringList(String path) {
        return required(path, () -> source.stringList(path), List.of());
    }

    /** An optional key; empty when absent, null in HOCON or unreadable (then a problem is recorded). */
    public Optional<String> optionalString(String path) {
        return source.hasPath(path) ? Optional.of(read(path, () -> source.string(path), "")) : Optional.empty();
    }

    /** An optional whole number; empty when absent, null in HOCON or unreadable (then a problem is recorded). */
    public OptionalInt optionalInteger(String path) {
        if (!source.hasPath(path)) {
            return OptionalInt.empty();
        }
        int before = problems.size();
        int value = read(path, () -> source.integer(path), 0);
        return problems.size() == before ? OptionalInt.of(value) : OptionalInt.empty();
    }

    /** Checks that an optional key has the right type, so that later typed reads cannot throw. */
    public void checkOptionalInteger(String path) {
        if (source.hasPath(path)) {
            read(path, () -> source.integer(path), 0);
        }
    }

    /** Like {@link #checkOptionalInteger}, for durations. */
    public void checkOptionalDuration(String path) {
        if (source.hasPath(path)) {
            read(path, () -> source.duration(path), Duration.ZERO);
        }
    }

    /**
     * A credential. The source's own error text is never used here: it might quote the value.
     */
    public Optional<Secret> secret(String path) {
        try {
            return source.secret(path);
        } catch (IllegalArgumentException e) {
            problem(path, "must be a string");
            return Optional.empty();
        }
    }

    /** Fails with every problem found so far, if any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
    }

    private <T> T required(String path, Supplier<T> getter, T placeholder) {
        if (!source.hasPath(path)) {
            problem(path, "is not set (its default is in the " + source.providerId() + " provider's reference.conf; "
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
