package io.marketfeed.app.config;

import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Endpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The URLs each enabled provider will dial, as {@code config} prints them: each endpoint's {@link Endpoint#uri()}
 * with the credential the runtime adds (a query parameter, a header, or a first message) shown masked, and any
 * credential written into the URL itself (user info, a query parameter whose name says it is one) masked too.
 */
public final class DialledUrls {

    /** Query parameter names that hold credentials, besides what {@link SecretKeys} says. */
    private static final List<String> SECRET_PARAMETER_WORDS = List.of("key", "token", "secret", "pass", "auth",
            "sig", "credential", "session");

    private DialledUrls() {
    }

    /** One line per endpoint of every enabled provider: {@code sahmk quotes  wss://…/ws/v1/stocks/?api_key=****}. */
    public static List<String> lines(List<EnabledProvider> providers) {
        List<String[]> rows = new ArrayList<>();
        for (EnabledProvider provider : providers) {
            for (Endpoint endpoint : provider.protocol().endpoints()) {
                rows.add(new String[] {provider.id() + " " + endpoint.id(), describe(endpoint)});
            }
        }
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            lines.add(String.format(Locale.ROOT, "%-" + Math.max(1, width) + "s  %s", row[0], row[1]));
        }
        return lines;
    }

    /** The endpoint's URL as it will be dialled, credentials masked, and how the credential travels otherwise. */
    static String describe(Endpoint endpoint) {
        AuthStyle auth = endpoint.auth();
        String added = auth.kind() == AuthStyle.Kind.QUERY_PARAMETER ? auth.name() + "=" + SecretKeys.MASK : "";
        String url = masked(endpoint.uri(), added);
        switch (auth.kind()) {
            case HEADER:
                return url + "  (header " + auth.name() + ": " + SecretKeys.MASK + ")";
            case FIRST_MESSAGE:
                return url + "  (credential sent in the first message)";
            default:
                return url;
        }
    }

    /** {@code uri} with user info and credential-like query values masked, and {@code extra} appended to its query. */
    static String masked(URI uri, String extra) {
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            return "(an unreadable URL, not shown)";
        }
        StringBuilder text = new StringBuilder();
        text.append(uri.getScheme()).append("://");
        if (uri.getRawUserInfo() != null) {
            text.append(SecretKeys.MASK).append('@');
        }
        String host = uri.getHost() != null ? uri.getHost() : uri.getRawAuthority().replaceFirst("^.*@", "");
        text.append(host);
        if (uri.getHost() != null && uri.getPort() >= 0) {
            text.append(':').append(uri.getPort());
        }
        text.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        List<String> parameters = new ArrayList<>();
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            for (String parameter : uri.getRawQuery().split("&", -1)) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                parameters.add(equals >= 0 && isSecretParameter(name) ? name + "=" + SecretKeys.MASK : parameter);
            }
        }
        if (!extra.isEmpty()) {
            parameters.add(extra);
        }
        if (!parameters.isEmpty()) {
            text.append('?').append(String.join("&", parameters));
        }
        return text.toString();
    }

    private static boolean isSecretParameter(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SecretKeys.isSecret(lower) || SECRET_PARAMETER_WORDS.stream().anyMatch(lower::contains);
    }
}
