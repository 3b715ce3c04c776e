package io.marketfeed.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads settings while collecting problems instead of stopping at the first one, so that a user fixes their
 * configuration in one round. A getter that finds a problem records it and returns a placeholder that only
 * lets validation continue: {@link #throwIfAny()} always fails before a placeholder can be used.
 *
 * <p>For providers: build a settings record with one reader, then call {@link #throwIfAny()}. Read only the
 * provider's own keys: the host checks and applies {@code heartbeat.*}, {@code limits.*} and {@code credits.*}
 * ({@link CommonSettings}, SPI 1.3). The optional toolkit's {@code SettingsChecks} adds the usual domain checks.
 * {@snippet :
 * SettingsReader in = new SettingsReader(settings);
 * boolean enabled = in.bool("enabled");
 * Secret key = in.credential("api-key", enabled, "ACME_API_KEY", "Acme key");
 * URI url = in.webSocketUrl("endpoint", "wss://stream.acme.example/ws", "api-key (ACME_API_KEY)");
 * List<String> symbols = SettingsChecks.symbols(in, "symbols", AcmeSymbols::isWellFormed, "an Acme symbol", "AAPL");
 * in.throwIfAny();
 * }
 *
 * <p>Not thread safe; one instance per settings record being built.
 */
public final class SettingsReader {

    private static final URI PLACEHOLDER = URI.create("wss://invalid.invalid");

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
     * A provider's base WebSocket URL only: {@code ws} or {@code wss}, a host, optionally a port, and no
     * credentials, query, fragment or path (the provider appends its paths). Its text is never quoted in a message:
     * a user may have pasted a URL that carries a key. Providers whose users copy URLs from the vendor's
     * documentation should use {@link #webSocketUrl} or {@link #endpointUrls}, which also take the full URL.
     *
     * @param example a valid value for messages, such as {@code wss://api.sahmk.sa}
     * @param credentialSource where the credential comes from instead, such as {@code api-key (SAHMK_API_KEY)}
     * @param appendedPaths what the provider appends, for messages, such as {@code /ws/v1/stocks/}
     * @return {@code scheme://authority}, or a placeholder when a problem was recorded
     */
    public URI baseUrl(String path, String example, String credentialSource, String appendedPaths) {
        String text = string(path).trim();
        if (failed(path)) {
            return PLACEHOLDER;
        }
        URI uri = parseWebSocketUrl(path, text, example, credentialSource);
        if (uri == PLACEHOLDER) {
            return PLACEHOLDER;
        }
        if (!isBaseUrl(uri)) {
            problem(path, "must be a base URL without a path (" + appendedPaths + " is appended), such as "
                    + example);
            return PLACEHOLDER;
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /**
     * A provider's WebSocket URL in either form a user may write: a <em>base URL</em> ({@code ws} or {@code wss},
     * a host, optionally a port, and no path or only {@code /}), to which the provider appends its documented path
     * ({@link #resolve}), or the <em>full URL</em> as the vendor documents it
     * ({@code wss://tickatlas.com/ws/v1/quotes}), used exactly as given. Either way without credentials, query or
     * fragment: the credential has its own key and the runtime adds it when connecting. Its text is never quoted in
     * a message: a user may have pasted a URL that carries a key.
     *
     * @param example a valid value for messages, such as {@code wss://tickatlas.com/ws/v1/quotes}
     * @param credentialSource where the credential comes from instead, and how it is sent, such as
     *     {@code api-key (SAHMK_API_KEY), which is added as ?api_key= when connecting}
     * @return {@code scheme://authority} for a base URL, {@code scheme://authority/path} (the path as written) for a
     *     full one, or a placeholder when a problem was recorded
     */
    public URI webSocketUrl(String path, String example, String credentialSource) {
        String text = string(path).trim();
        if (failed(path)) {
            return PLACEHOLDER;
        }
        return parseWebSocketUrl(path, text, example, credentialSource);
    }

    /** Whether a URL from {@link #webSocketUrl} is a base URL (the provider appends its path to it). */
    public static boolean isBaseUrl(URI url) {
        String path = url.getRawPath();
        return path == null || path.isEmpty() || path.equals("/");
    }

    /**
     * The URL to dial: a base URL with the provider's documented path appended, a full URL as it is.
     *
     * @param url a URL from {@link #webSocketUrl}
     * @param documentedPath the path the vendor documents, such as {@code /ws/v1/quotes}
     */
    public static URI resolve(URI url, String documentedPath) {
        if (!isBaseUrl(url)) {
            return url;
        }
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + documentedPath);
    }

    /**
     * The URLs of a provider with several endpoints, each at its own documented path on one host (SAHMK's
     * channels, AllTick's stock and other endpoints). Each endpoint's URL is, in this order:
     * <ol>
     * <li>{@code perEndpointKey.<id>} when set: a full URL used as given, or a base URL to which that endpoint's
     * documented path is appended;</li>
     * <li>otherwise derived from {@code baseKey}: a base URL gets each documented path appended; a full URL that
     * is one of the documented URLs (its path ends in one of the documented paths, with or without a trailing
     * {@code /}, after an optional prefix such as a proxy's) is used as given for its endpoint, and the others get
     * their documented paths after the same prefix on the same host; any other full URL is used as given when only
     * one endpoint needs it.</li>
     * </ol>
     * A full URL in {@code baseKey} whose path is none of the documented ones, while more than one needed endpoint
     * has no URL of its own, is a problem naming the keys to use instead. An unknown id under
     * {@code perEndpointKey} is a problem too.
     *
     * @param baseKey the single key, normally {@code endpoint}
     * @param perEndpointKey the object of per-endpoint keys, normally {@code endpoints}
     * @param documentedPaths endpoint id → its documented path, in the order to list them in messages
     * @param needed the ids of the endpoints this configuration uses; the others get a URL only when one follows
     *     from the settings, and are never the reason for a problem
     * @param baseExample a base URL for messages, such as {@code wss://quote.alltick.co}
     * @param credentialSource where the credential comes from instead, such as {@code token (ALLTICK_TOKEN)}
     * @return endpoint id → URL to dial, for every id of {@code documentedPaths} in its order; placeholders after
     *     a problem or where no URL follows
     */
    public Map<String, URI> endpointUrls(String baseKey, String perEndpointKey, Map<String, String> documentedPaths,
            Set<String> needed, String baseExample, String credentialSource) {
        Map<String, URI> own = new LinkedHashMap<>();
        for (Map.Entry<String, String> endpoint : documentedPaths.entrySet()) {
            String key = perEndpointKey + "." + endpoint.getKey();
            if (source.hasPath(key)) {
                URI url = webSocketUrl(key, baseExample + endpoint.getValue(), credentialSource);
                wrongEndpointsPath(key, url, endpoint.getKey(), documentedPaths, baseExample);
                own.put(endpoint.getKey(), resolve(url, endpoint.getValue()));
            }
        }
        unknownEndpointKeys(perEndpointKey, documentedPaths.keySet());
        Set<String> fromBase = new LinkedHashSet<>(documentedPaths.keySet());
        fromBase.retainAll(needed);
        fromBase.removeAll(own.keySet());
        Map<String, URI> derived = derivedUrls(baseKey, perEndpointKey, documentedPaths, fromBase, baseExample,
                credentialSource);
        Map<String, URI> out = new LinkedHashMap<>();
        for (String id : documentedPaths.keySet()) {
            out.put(id, own.containsKey(id) ? own.get(id) : derived.getOrDefault(id, PLACEHOLDER));
        }
        return out;
    }

    /** The URLs that follow from {@code baseKey}; problems only for what {@code fromBase} needs. */
    private Map<String, URI> derivedUrls(String baseKey, String perEndpointKey, Map<String, String> documentedPaths,
            Set<String> fromBase, String baseExample, String credentialSource) {
        String firstPath = documentedPaths.values().iterator().next();
        if (fromBase.isEmpty() && !source.hasPath(baseKey)) {
            return Map.of();
        }
        int before = problemCount();
        URI url = webSocketUrl(baseKey, baseExample + " or " + baseExample + firstPath, credentialSource);
        if (problemCount() != before) {
            return Map.of();
        }
        Map<String, URI> out = new LinkedHashMap<>();
        if (isBaseUrl(url)) {
            documentedPaths.forEach((id, documented) -> out.put(id, resolve(url, documented)));
            return out;
        }
        String written = withoutTrailingSlash(url.getRawPath());
        String matched = null;
        for (Map.Entry<String, String> endpoint : documentedPaths.entrySet()) {
            String documented = withoutTrailingSlash(endpoint.getValue());
            if (written.endsWith(documented) && (matched == null
                    || documented.length() > withoutTrailingSlash(documentedPaths.get(matched)).length())) {
                matched = endpoint.getKey();
            }
        }
        if (matched == null) {
            if (fromBase.size() == 1) {
                out.put(fromBase.iterator().next(), url);
            } else if (fromBase.size() > 1) {
                List<String> keys = new ArrayList<>();
                fromBase.forEach(id -> keys.add(perEndpointKey + "." + id));
                problem(baseKey, "has a path that is none of the documented ones (" + String.join(", ",
                        documentedPaths.values()) + "), so it cannot serve " + String.join(" and ", fromBase)
                        + " at once; write the base URL such as " + baseExample + ", or a documented URL such as "
                        + baseExample + firstPath + " (the others are derived from it), or give each its URL in "
                        + String.join(" and ", keys));
            }
            return out;
        }
        String prefix = written.substring(0, written.length()
                - withoutTrailingSlash(documentedPaths.get(matched)).length());
        String origin = url.getScheme() + "://" + url.getRawAuthority();
        for (Map.Entry<String, String> endpoint : documentedPaths.entrySet()) {
            out.put(endpoint.getKey(), endpoint.getKey().equals(matched) ? url
                    : URI.create(origin + prefix + endpoint.getValue()));
        }
        return out;
    }

    /** A URL for one endpoint with another endpoint's documented path: surely pasted into the wrong key. */
    private void wrongEndpointsPath(String key, URI url, String id, Map<String, String> documentedPaths,
            String baseExample) {
        if (isBaseUrl(url)) {
            return;
        }
        String written = withoutTrailingSlash(url.getRawPath());
        if (written.endsWith(withoutTrailingSlash(documentedPaths.get(id)))) {
            return;
        }
        for (Map.Entry<String, String> other : documentedPaths.entrySet()) {
            if (!other.getKey().equals(id) && written.endsWith(withoutTrailingSlash(other.getValue()))) {
                problem(key, "has the path of the " + other.getKey() + " endpoint (" + other.getValue() + "); the "
                        + id + " endpoint's URL ends in " + documentedPaths.get(id) + ", such as " + baseExample
                        + documentedPaths.get(id));
                return;
            }
        }
    }

    private void unknownEndpointKeys(String perEndpointKey, Set<String> ids) {
        String prefix = perEndpointKey + ".";
        if (source.paths().contains(perEndpointKey)) {
            problem(perEndpointKey, "must be an object with one URL per endpoint, such as " + perEndpointKey + " { "
                    + String.join(", ", ids.stream().map(id -> id + " = \"...\"").toList()) + " }");
        }
        for (String path : new TreeSet<>(source.paths())) {
            if (path.startsWith(prefix) && !ids.contains(path.substring(prefix.length())) && !failed(path)) {
                problem(path, "is not an endpoint of this provider; the endpoints are " + String.join(", ", ids)
                        + " (" + String.join(", ", ids.stream().map(id -> prefix + id).toList()) + ")");
            }
        }
    }

    private static String withoutTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private URI parseWebSocketUrl(String path, String text, String example, String credentialSource) {
        if (text.isEmpty()) {
            problem(path, "must be a ws:// or wss:// URL such as " + example);
            return PLACEHOLDER;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problem(path, "is not a valid URL; expected something like " + example);
            return PLACEHOLDER;
        }
        int before = problemCount();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            problem(path, "must use the ws or wss scheme, such as " + example
                    + (scheme.equals("http") || scheme.equals("https") ? " (ws for http, wss for https)" : ""));
        }
        if (uri.getRawUserInfo() != null) {
            problem(path, "must not contain credentials; they come from " + credentialSource);
        }
        if (uri.getHost() == null) {
            problem(path, "must name a host, such as " + example);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problem(path, "must not have a query or fragment (the part from '?' or '#'): remove it and write the URL "
                    + "as " + example + "; the credential comes from " + credentialSource);
        }
        if (problemCount() != before) {
            return PLACEHOLDER;
        }
        String rawPath = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
        return URI.create(scheme + "://" + uri.getRawAuthority() + rawPath);
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
