package io.marketfeed.provider.screener;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The access token shared by every connection of one provider instance, and when to refresh it. The server
 * checks the token only at connect (it never closes a socket on expiry), so a refreshed token matters for the
 * next connect: {@link ScreenerSession#queryParameters()} reads the newest one. Thread safe.
 */
final class TokenState {

    /** {@code ACCESS_TOKEN_EXPIRE_MINUTES = 15}: assumed when a token carries no readable {@code exp}. */
    static final Duration SERVER_ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);
    /** An {@code expires_in} longer than this (a year) is no lifetime (one of 2^63 seconds overflowed the clock). */
    static final Duration MAX_LIFETIME = Duration.ofDays(366);
    /** A refresh request unanswered for this long may be sent again (by any connection). */
    static final Duration REFRESH_RETRY = Duration.ofSeconds(30);

    private static final JsonFactory JSON = new JsonFactory();

    private final Optional<Secret> refreshToken;
    private final Duration beforeExpiry;
    private final Clock clock;
    private Secret access;
    private Instant expiresAt;
    private Instant refreshSentAt;

    TokenState(Optional<Secret> access, Optional<Secret> refreshToken, Duration beforeExpiry, Clock clock) {
        this.access = access.orElse(null);
        this.refreshToken = refreshToken;
        this.beforeExpiry = beforeExpiry;
        this.clock = clock;
        this.expiresAt = this.access == null ? null
                : expiry(this.access).orElse(clock.instant().plus(SERVER_ACCESS_TOKEN_LIFETIME));
    }

    synchronized Optional<Secret> access() {
        return Optional.ofNullable(access);
    }

    synchronized Instant expiresAt() {
        return expiresAt;
    }

    Optional<Secret> refreshToken() {
        return refreshToken;
    }

    /** Whether a refresh should be sent now; if so, marks it as sent (so one connection sends it). */
    synchronized boolean claimRefresh() {
        if (refreshToken.isEmpty() || access == null || expiresAt == null) {
            return false;
        }
        Instant now = clock.instant();
        if (now.isBefore(expiresAt.minus(beforeExpiry))) {
            return false;
        }
        if (refreshSentAt != null && now.isBefore(refreshSentAt.plus(REFRESH_RETRY))) {
            return false;
        }
        refreshSentAt = now;
        return true;
    }

    /**
     * {@code token_refreshed}: the new token and its lifetime (its exp claim wins when readable; a lifetime that is
     * not positive or longer than {@link #MAX_LIFETIME} is none, and the server's is assumed).
     */
    synchronized void refreshed(Secret token, long expiresInSeconds) {
        access = token;
        Instant now = clock.instant();
        expiresAt = expiry(token).orElseGet(() -> now.plus(expiresInSeconds > 0
                && expiresInSeconds <= MAX_LIFETIME.getSeconds() ? Duration.ofSeconds(expiresInSeconds)
                : SERVER_ACCESS_TOKEN_LIFETIME));
        refreshSentAt = null;
    }

    /** A transient refresh failure: try again at the next check. */
    synchronized void refreshFailed() {
        refreshSentAt = null;
    }

    /** The {@code exp} claim of a JWT, read without verifying it (the provider has no key; the server checks). */
    static Optional<Instant> expiry(Secret token) {
        String[] parts = token.reveal().split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            try (JsonParser parser = JSON.createParser(payload)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return Optional.empty();
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals("exp") && value.isNumeric()) {
                        return Optional.of(Instant.ofEpochSecond(parser.getLongValue()));
                    }
                    parser.skipChildren();
                }
            }
        } catch (Exception e) {
            // Not a JWT we can read: the server's lifetime is assumed.
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "TokenState[expires " + expiresAt + "]";
    }
}
