package io.marketfeed.runtime.internal;

import io.marketfeed.api.Secret;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Endpoint;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handshake to an endpoint carries: the URL with the credential and the session's own parameters (a
 * resumption token) as query parameters, and the headers with the credential when the endpoint wants it there.
 * The only place credentials are revealed for the handshake.
 *
 * <p>Stateless; thread safe.
 */
final class HandshakeRequest {

    private HandshakeRequest() {
    }

    /** The endpoint's URL with the query-parameter credential and {@code sessionParameters} added, encoded. */
    static URI uri(Endpoint endpoint, Map<String, Secret> sessionParameters) {
        Map<String, Secret> parameters = new LinkedHashMap<>();
        AuthStyle auth = endpoint.auth();
        if (auth.kind() == AuthStyle.Kind.QUERY_PARAMETER) {
            parameters.put(auth.name(), auth.secret().orElseThrow());
        }
        parameters.putAll(sessionParameters);
        StringBuilder uri = new StringBuilder(endpoint.uri().toString());
        char separator = endpoint.uri().getRawQuery() == null ? '?' : '&';
        for (Map.Entry<String, Secret> parameter : parameters.entrySet()) {
            uri.append(separator).append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(parameter.getValue().reveal(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    /** The endpoint's headers, with the credential when it is sent as a header. */
    static Map<String, String> headers(Endpoint endpoint) {
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        AuthStyle auth = endpoint.auth();
        if (auth.kind() == AuthStyle.Kind.HEADER) {
            headers.put(auth.name(), auth.secret().orElseThrow().reveal());
        }
        return headers;
    }
}
