package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.Secret;
import java.time.Duration;
import java.util.Optional;

/**
 * How a connection authenticates. The runtime applies it: it adds the query parameter or header when it
 * connects (and never logs them), or sends {@link ProtocolSession#authMessage()} first and enforces the
 * deadline. {@link #toString()} never shows the credential.
 */
public final class AuthStyle {

    /** The kinds of authentication. */
    public enum Kind {
        /** No credentials. */
        NONE,
        /** A query parameter on the URL: {@code ?api_key=…}. */
        QUERY_PARAMETER,
        /** A handshake header: {@code Authorization: Bearer …}. */
        HEADER,
        /** A first message after the handshake, answered before a deadline. */
        FIRST_MESSAGE
    }

    private static final AuthStyle NONE = new AuthStyle(Kind.NONE, "", null, Duration.ZERO);

    private final Kind kind;
    private final String name;
    private final Secret secret;
    private final Duration deadline;

    private AuthStyle(Kind kind, String name, Secret secret, Duration deadline) {
        this.kind = kind;
        this.name = name;
        this.secret = secret;
        this.deadline = deadline;
    }

    public static AuthStyle none() {
        return NONE;
    }

    public static AuthStyle queryParameter(String name, Secret value) {
        return new AuthStyle(Kind.QUERY_PARAMETER, requireNonNull(name, "name is null"),
                requireNonNull(value, "value is null"), Duration.ZERO);
    }

    public static AuthStyle header(String name, Secret value) {
        return new AuthStyle(Kind.HEADER, requireNonNull(name, "name is null"), requireNonNull(value, "value is null"),
                Duration.ZERO);
    }

    /**
     * The session's {@link ProtocolSession#authMessage()} is sent as soon as the socket opens; the server
     * must signal {@link DecodeOutput#ready()} within {@code deadline} or the connection is replaced.
     */
    public static AuthStyle firstMessage(Duration deadline) {
        return new AuthStyle(Kind.FIRST_MESSAGE, "", null, requireNonNull(deadline, "deadline is null"));
    }

    public Kind kind() {
        return kind;
    }

    /** The query parameter or header name; empty for other kinds. */
    public String name() {
        return name;
    }

    /** The credential for {@link Kind#QUERY_PARAMETER} and {@link Kind#HEADER}. */
    public Optional<Secret> secret() {
        return Optional.ofNullable(secret);
    }

    /** For {@link Kind#FIRST_MESSAGE}: how long the server may take to accept it. */
    public Duration deadline() {
        return deadline;
    }

    @Override
    public String toString() {
        switch (kind) {
            case QUERY_PARAMETER: return "query parameter '" + name + "'";
            case HEADER: return "header '" + name + "'";
            case FIRST_MESSAGE: return "first message (deadline " + deadline + ")";
            default: return "none";
        }
    }
}
