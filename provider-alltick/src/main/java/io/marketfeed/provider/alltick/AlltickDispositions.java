package io.marketfeed.provider.alltick;

import io.marketfeed.api.protocol.Disposition;
import java.time.Duration;

/**
 * How AllTick's failure signals are classified (protocols.md §4.8), and what the messages tell the user to fix.
 * AllTick documents no WebSocket close codes, so closes are classified by what preceded them: every close is
 * retried, and a {@code ret} that explains it (401, 606) is reported by the session.
 */
final class AlltickDispositions {

    /** How long to stay away after {@code 429 rate limit} or {@code 605 too many requests}: AllTick says nothing. */
    static final Duration RATE_LIMIT_BACKOFF = Duration.ofMinutes(1);

    private static final String CHECK_TOKEN = "check marketfeed.providers.alltick.token ("
            + AlltickConfigKeys.TOKEN_ENV + "), and that the AllTick account has not expired";

    private AlltickDispositions() {
    }

    /** {@code 401 token invalid}: wrong token or expired account; retrying cannot help. */
    static Disposition tokenRefused(String said) {
        return Disposition.fatal("AllTick refused the token (ret 401" + said + "); " + CHECK_TOKEN);
    }

    /** {@code 429} or {@code 605}: over the plan's request frequency; stay away for a while. */
    static Disposition rateLimited(int ret, String said) {
        return Disposition.retryAfter("AllTick is limiting the request rate (ret " + ret + said
                + "); reconnecting in " + RATE_LIMIT_BACKOFF.toSeconds() + "s at the earliest", RATE_LIMIT_BACKOFF);
    }

    /** {@code 606}: too many requests or connections; the server closes the connection. */
    static Disposition tooManyRequests(String said, Duration reconnectGap) {
        return Disposition.retryAfter("AllTick closes the connection for too many requests or connections (ret 606"
                + said + "); reconnecting after at least " + reconnectGap.toMillis() + " ms; if this repeats, check "
                + "marketfeed.providers.alltick.plan and limits.max-connections", reconnectGap);
    }

    /** {@code 400}, {@code 201}, {@code 601}: AllTick could not read a request; a bug, so it is not repeated. */
    static Disposition malformed(int ret, String said, String what) {
        return Disposition.warn("AllTick refused " + what + " as malformed (ret " + ret + said + "); this is a bug "
                + "in the AllTick provider, please report it; the request is not repeated");
    }

    /** Any other {@code ret}. */
    static Disposition unexpected(int ret, String said, String what) {
        return Disposition.warn("AllTick answered " + what + " with ret " + ret + said);
    }

    static Disposition close(int code, String reason) {
        String said = reason == null || reason.isBlank() ? "" : ": " + reason.strip();
        return Disposition.retry("AllTick closed the connection (close " + code + said + ")");
    }

    /** A handshake AllTick refused: 401 and 403 mean the token. */
    static Disposition handshake(int httpStatus) {
        if (httpStatus == 401 || httpStatus == 403) {
            return Disposition.fatal("AllTick refused the token at the handshake (HTTP " + httpStatus + "); "
                    + CHECK_TOKEN);
        }
        if (httpStatus == 429) {
            return Disposition.retryAfter("AllTick is limiting connection attempts (HTTP 429)", RATE_LIMIT_BACKOFF);
        }
        return Disposition.retry("AllTick refused the handshake with HTTP " + httpStatus);
    }

    /**
     * {@code " token invalid"}-style suffix from a response's {@code msg}, empty when it has none. Quoted as sent:
     * the runtime masks, escapes and caps all server text in what a provider reports.
     */
    static String said(String msg) {
        return msg == null || msg.isBlank() ? "" : " " + msg.strip();
    }
}
