package io.marketfeed.testkit;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One WebSocket upgrade request a {@link ScriptedServer} received, accepted or refused.
 *
 * @param connection the id of the connection it opened (1, 2, …), or 0 when it was refused
 * @param at when it arrived
 * @param path the request path, such as {@code /ws/v1/stocks/}
 * @param query the raw query string, empty when there was none
 * @param parameters the query parameters, decoded, each with all its values in order
 * @param headers the request headers, names in lower case, each with all its values in order
 * @param status 101 when accepted, otherwise the HTTP status it was refused with
 */
public record Handshake(long connection, Instant at, String path, String query, Map<String, List<String>> parameters,
        Map<String, List<String>> headers, int status) {

    public Handshake {
        requireNonNull(at, "at is null");
        requireNonNull(path, "path is null");
        requireNonNull(query, "query is null");
        parameters = Map.copyOf(parameters);
        headers = Map.copyOf(headers);
    }

    /** The HTTP status of an accepted WebSocket upgrade. */
    public static final int SWITCHING_PROTOCOLS = 101;

    /** Whether the upgrade was accepted. */
    public boolean accepted() {
        return status == SWITCHING_PROTOCOLS;
    }

    /** The first value of a query parameter. */
    public Optional<String> parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of a header; the name is matched ignoring case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The parameters of a raw query string, decoded; a value that cannot be decoded is kept as is. */
    static Map<String, List<String>> parameters(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            out.computeIfAbsent(decode(name), key -> new ArrayList<>()).add(decode(value));
        }
        return out;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
