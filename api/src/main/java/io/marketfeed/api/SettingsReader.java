package io.marketfeed.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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

    /**
     * A credential that normally comes from an environment variable ({@code api-key = ${?SAHMK_API_KEY}} in
     * {@code reference.conf}). Missing while the provider is enabled, or holding white space or control
     * characters (usually a trailing newline from a file or a shell substitution), is a problem that names the
     * variable, never the value.
     *
     * @param required whether the provider needs it (normally: whether it is enabled)
     * @param environmentVariable the variable that sets it, such as {@code SAHMK_API_KEY}
     * @param description what to put there, such as {@code SAHMK key (shmk_live_... or shmk_test_...)}
     * @return the credential, empty when absent
     */
    public Secret credential(String path, boolean required, String environmentVariable, String description) {
        Secret value = secret(path).orElse(Secret.of(""));
        if (value.isEmpty() && required) {
            problem(path, "is not set: set the environment variable " + environmentVariable + " to your "
                    + description + ", or disable the provider");
        } else if (!value.isEmpty() && value.reveal().chars()
                .anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            problem(path, "contains white space or control characters; check " + environmentVariable);
        }
        return value;
    }

    /**
     * A provider's base WebSocket URL: {@code ws} or {@code wss}, a host, optionally a port, and no credentials,
     * query, fragment or path (the provider appends its paths). Its text is never quoted in a message: a user
     * may have pasted a URL that carries a key.
     *
     * @param example a valid value for messages, such as {@code wss://api.sahmk.sa}
     * @param credentialSource where the credential comes from instead, such as {@code api-key (SAHMK_API_KEY)}
     * @param appendedPaths what the provider appends, for messages, such as {@code /ws/v1/stocks/}
     * @return {@code scheme://authority}, or a placeholder when a problem was recorded
     */
    public URI baseUrl(String path, String example, String credentialSource, String appendedPaths) {
        URI placeholder = URI.create("wss://invalid.invalid");
        String text = string(path).trim();
        if (failed(path)) {
            return placeholder;
        }
        if (text.isEmpty()) {
            problem(path, "must be a ws:// or wss:// URL such as " + example);
            return placeholder;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problem(path, "is not a valid URL; expected something like " + example);
            return placeholder;
        }
        int before = problemCount();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            problem(path, "must use the ws or wss scheme, such as " + example);
        }
        if (uri.getRawUserInfo() != null) {
            problem(path, "must not contain credentials; they come from " + credentialSource);
        }
        if (uri.getHost() == null) {
            problem(path, "must name a host, such as " + example);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problem(path, "must not have a query or fragment; the credential comes from " + credentialSource);
        }
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!rawPath.isEmpty() && !rawPath.equals("/")) {
            problem(path, "must be a base URL without a path (" + appendedPaths + " is appended), such as "
                    + example);
        }
        return problemCount() != before ? placeholder : URI.create(scheme + "://" + uri.getRawAuthority());
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
