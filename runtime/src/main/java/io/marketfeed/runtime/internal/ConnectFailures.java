package io.marketfeed.runtime.internal;

import io.marketfeed.api.Secret;
import io.marketfeed.api.protocol.Endpoint;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns a failed connection attempt or a close into one readable line: what happened, in the user's terms, and
 * what to check. Exception texts from the network stack can be long dumps of its internal state; they never
 * reach these lines (the whole chain goes to DEBUG, scrubbed of credentials, via {@link #debugChain}).
 */
final class ConnectFailures {

    /** How much of a refused handshake's body, and of a close reason, a line shows. */
    static final int SHOWN_CHARACTERS = 200;

    /** Object identities in state dumps as Jetty prints them: {@code HttpConnection@6b112987}, {@code oejc.}. */
    private static final Pattern INTERNAL_STATE = Pattern.compile("[\\w$\\]]@[0-9a-f]{6,}\\b|\\boej[a-z]*\\.");
    private static final Pattern WHITE_SPACE = Pattern.compile("[\\s\\p{Cntrl}]+");
    private static final Pattern HTML = Pattern.compile("\\s*<(?:!doctype|html|head|body|title|h1)\\b",
            Pattern.CASE_INSENSITIVE);
    /** Elements whose content is not text a reader sees. */
    private static final Pattern HTML_HIDDEN = Pattern.compile("<(script|style)\\b.*?</\\1\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern HTML_ELEMENTS = Pattern.compile("<[^>]*>");

    private ConnectFailures() {
    }

    /** The line for a connection attempt that failed before the socket opened. */
    static String describe(Throwable failure, Endpoint endpoint, List<Secret> secrets, Duration connectTimeout) {
        String address = address(endpoint.uri());
        Throwable root = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Transport.HandshakeException refused) {
                return refused(refused, endpoint, secrets);
            }
            if (cause instanceof Transport.BadUrlException) {
                return badUrl(cause, endpoint, secrets);
            }
            if (cause instanceof CertificateRefusal refusal) {
                return refusal.line(address, host(endpoint.uri()), text -> shown(text, endpoint, secrets));
            }
            root = cause;
        }
        String lower = message(root).toLowerCase(Locale.ROOT);
        if (root instanceof TimeoutException || root instanceof SocketTimeoutException
                || (root instanceof ConnectException && lower.contains("timed out"))) {
            return "no answer to the WebSocket handshake from " + address + " within "
                    + Durations.format(connectTimeout) + " (connect-timeout); check that the endpoint URL is right, "
                    + "that the server is up, and that no firewall or proxy holds the connection";
        }
        if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            return "host not found: " + host(endpoint.uri()) + "; check the host name in the endpoint URL, and DNS";
        }
        if (root instanceof NoRouteToHostException
                || (root instanceof SocketException && (lower.contains("unreachable") || lower.contains("no route")))) {
            return "no route to " + address + "; check the network connection and the host of the endpoint URL";
        }
        if (root instanceof ConnectException) {
            return "connection refused by " + address + "; check the host and port of the endpoint URL, and that "
                    + "the server is up";
        }
        if (root instanceof SSLException) {
            return tlsFailed(address, root, endpoint, secrets);
        }
        SSLException tls = tlsFailure(failure);
        if (tls != null && (root instanceof EOFException || root instanceof ClosedChannelException)) {
            // The TLS engine failed and closed the connection; which of the two reaches us first is a race.
            return tlsFailed(address, tls, endpoint, secrets);
        }
        if (root instanceof EOFException || root instanceof ClosedChannelException) {
            return address + " closed the connection without answering the WebSocket handshake; check that the "
                    + "endpoint URL (scheme, host, port, path) is a WebSocket endpoint";
        }
        if (root instanceof SocketException && lower.contains("reset")) {
            return address + " reset the connection during the WebSocket handshake; check that the endpoint URL "
                    + "(scheme, host, port, path) is a WebSocket endpoint";
        }
        String said = said(message(root), endpoint, secrets);
        return "cannot connect to " + address + ": " + root.getClass().getSimpleName()
                + (said.isEmpty() ? "" : ": " + said) + "; check the endpoint URL and the network";
    }

    /** The line for a close: code, its meaning, and the reason the server gave. */
    static String describeClose(int code, String reason, Endpoint endpoint, List<Secret> secrets) {
        String said = said(reason, endpoint, secrets);
        if (code == 1006) {
            // Jetty's placeholder when the socket ended without a close frame; "connection lost" says it already.
            if (said.equalsIgnoreCase("Session Closed")) {
                said = "";
            }
            return "connection lost (1006" + (said.isEmpty() ? "" : ": " + said) + ")";
        }
        String meaning = closeMeaning(code);
        return "closed by server with " + code + (meaning.isEmpty() ? "" : " (" + meaning + ")")
                + (said.isEmpty() ? "" : " \"" + said + "\"");
    }

    private static String refused(Transport.HandshakeException refused, Endpoint endpoint, List<Secret> secrets) {
        int status = refused.status();
        StringBuilder line = new StringBuilder("handshake refused with HTTP ").append(status);
        String phrase = shown(refused.reasonPhrase(), endpoint, secrets);
        if (!phrase.isEmpty()) {
            line.append(' ').append(phrase);
        }
        String body = body(refused, endpoint, secrets);
        if (!body.isEmpty()) {
            line.append(": ").append(body);
        }
        line.append("; ").append(whatToCheck(status, shown(refused.location(), endpoint, secrets)));
        return line.toString();
    }

    /**
     * The first {@value #SHOWN_CHARACTERS} characters of a refused handshake's body, on one line, scrubbed; an HTML
     * page (a proxy's or a server's error page) is shown as its text, without the markup.
     */
    static String body(Transport.HandshakeException refused, Endpoint endpoint, List<Secret> secrets) {
        String body = refused.body();
        if (HTML.matcher(body).lookingAt()) {
            body = HTML_ELEMENTS.matcher(HTML_HIDDEN.matcher(body).replaceAll(" ")).replaceAll(" ")
                    .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&#39;", "'").replace("&amp;", "&");
        }
        return shown(body, endpoint, secrets);
    }

    private static String whatToCheck(int status, String location) {
        if (status >= 300 && status < 400) {
            return "the server redirects" + (location.isEmpty() ? "" : " to " + location)
                    + "; check the endpoint URL (ws:// or wss://, host, path)";
        }
        switch (status) {
            case 400:
                return "check the endpoint URL's path and query";
            case 401:
            case 403:
                return "check the credential (API key or token) and that the account's plan covers this endpoint";
            case 404:
                return "check the path of the endpoint URL";
            case 429:
                return "the server is limiting connection attempts";
            default:
                return status >= 500 ? "the server, or a proxy in front of it, is failing"
                        : "check the endpoint URL";
        }
    }

    private static String badUrl(Throwable cause, Endpoint endpoint, List<Secret> secrets) {
        return "the endpoint URL " + shown(endpoint.uri().toString(), endpoint, secrets) + " cannot be dialled"
                + parenthesised(said(message(cause), endpoint, secrets))
                + "; check the provider's endpoint setting (ws:// or wss://, then a host)";
    }

    /**
     * Text we did not write, made fit for one line: credentials scrubbed, white space and control characters
     * collapsed, and at most {@value #SHOWN_CHARACTERS} characters.
     */
    static String shown(String text, Endpoint endpoint, List<Secret> secrets) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String clean = WHITE_SPACE.matcher(Redaction.redact(text, endpoint, secrets)).replaceAll(" ").strip();
        if (clean.length() > SHOWN_CHARACTERS) {
            int end = SHOWN_CHARACTERS;
            if (Character.isHighSurrogate(clean.charAt(end - 1))) {
                end--;
            }
            clean = clean.substring(0, end) + "…";
        }
        return clean;
    }

    /**
     * An exception message or a close reason, as {@link #shown}, except that a dump of the network stack's
     * internal state is left out (empty): it says nothing to a user, and goes to DEBUG.
     */
    static String said(String text, Endpoint endpoint, List<Secret> secrets) {
        String clean = shown(text, endpoint, secrets);
        return INTERNAL_STATE.matcher(clean).find() ? "" : clean;
    }

    /** The whole chain with its stack traces, credentials scrubbed: for DEBUG only. */
    static String debugChain(Throwable failure, Endpoint endpoint, List<Secret> secrets) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 12; cause = cause.getCause(), depth++) {
            out.append(depth == 0 ? "" : "\nCaused by: ").append(cause.getClass().getName());
            String message = cause.getMessage();
            if (message != null) {
                out.append(": ").append(Redaction.redact(message, endpoint, secrets));
            }
            for (StackTraceElement frame : cause.getStackTrace()) {
                out.append("\n\tat ").append(frame);
            }
        }
        return out.toString();
    }

    static String closeMeaning(int code) {
        switch (code) {
            case 1000: return "normal closure";
            case 1001: return "going away";
            case 1002: return "protocol error";
            case 1003: return "unsupported data";
            case 1005: return "no status";
            case 1007: return "invalid payload";
            case 1008: return "policy violation";
            case 1009: return "message too big";
            case 1010: return "extension required";
            case 1011: return "server error";
            case 1012: return "service restart";
            case 1013: return "try again later";
            case 1014: return "bad gateway";
            case 1015: return "TLS failure";
            default: return "";
        }
    }

    private static String parenthesised(String text) {
        return text.isEmpty() ? "" : " (" + text + ")";
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? "" : failure.getMessage();
    }

    private static String host(URI uri) {
        return uri.getHost() == null ? String.valueOf(uri.getAuthority()) : uri.getHost();
    }

    /** {@code host:port}, with the scheme's default port when the URL names none. */
    static String address(URI uri) {
        int port = uri.getPort();
        if (port < 0) {
            port = "wss".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
        String host = host(uri);
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String tlsFailed(String address, Throwable tls, Endpoint endpoint, List<Secret> secrets) {
        return "TLS handshake with " + address + " failed" + parenthesised(said(message(tls), endpoint, secrets))
                + "; check the scheme (wss:// for a TLS server, ws:// for a plain one), and that the server's "
                + "certificate is valid for " + host(endpoint.uri()) + " and trusted by this Java";
    }

    /** The first TLS failure in the chain (suppressed ones too), or null. */
    private static SSLException tlsFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException ssl) {
                return ssl;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (suppressed instanceof SSLException ssl) {
                    return ssl;
                }
            }
        }
        return null;
    }
}
