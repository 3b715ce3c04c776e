package io.marketfeed.provider.tickatlas;

import io.marketfeed.api.protocol.Disposition;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How TickAtlas's error codes, closes and handshake refusals are classified, and what the messages tell the user to
 * fix. The codes are those of the streaming guide's troubleshooting section (seed 003) and protocols.md §3.4:
 * {@code invalid_key}, {@code forbidden}, {@code auth_timeout}, {@code connection_limit}, {@code quota_exceeded}.
 * Per-symbol errors are not handled here: the session reports them as rejections. Server text is quoted as sent:
 * the runtime masks credentials in it and caps its length. Stateless.
 */
final class TickAtlasDispositions {

    static final String INVALID_KEY = "invalid_key";
    static final String FORBIDDEN = "forbidden";
    static final String AUTH_TIMEOUT = "auth_timeout";
    static final String CONNECTION_LIMIT = "connection_limit";
    static final String QUOTA_EXCEEDED = "quota_exceeded";

    /** The codes this class classifies, for spotting them in a close reason. */
    static final List<String> CONNECTION_CODES = List.of(INVALID_KEY, FORBIDDEN, AUTH_TIMEOUT, CONNECTION_LIMIT,
            QUOTA_EXCEEDED);

    /**
     * The guide: "If you believe a stale connection is still counted, wait a few minutes for the server to detect
     * the stale connection and release the slot." A minute between attempts keeps us from adding to the problem.
     */
    static final Duration CONNECTION_LIMIT_DELAY = Duration.ofMinutes(1);

    /** A close that says the quota is spent: reconnecting sooner only shows the same spent quota. */
    static final Duration QUOTA_CLOSE_DELAY = Duration.ofMinutes(1);

    /** A handshake refusal: the key is not checked at the handshake, so this is the front end. */
    static final Duration HANDSHAKE_REFUSED_DELAY = Duration.ofMinutes(1);

    private static final String CHECK_KEY = "check " + TickAtlasConfigKeys.API_KEY_PATH + " / "
            + TickAtlasConfigKeys.API_KEY_ENV;

    private TickAtlasDispositions() {
    }

    /**
     * The disposition of a connection-level error code, or empty for codes that are not connection-level (per
     * symbol, unknown, or none).
     *
     * @param said the server's text, possibly empty
     */
    static Optional<Disposition> forCode(String code, String said) {
        String server = said.isEmpty() ? "" : ": " + said;
        switch (code == null ? "" : code) {
            case INVALID_KEY:
                return Optional.of(Disposition.fatal("TickAtlas refused the API key (invalid_key" + server
                        + "): it does not exist or was revoked; " + CHECK_KEY + " (the TickAtlas dashboard shows "
                        + "the current key; update it if it was rotated)"));
            case FORBIDDEN:
                return Optional.of(Disposition.fatal("TickAtlas refused WebSocket streaming for this key (forbidden"
                        + server + "): the key's plan does not include it (Free and Pay-As-You-Go do not); upgrade "
                        + "to Starter or higher, or " + CHECK_KEY));
            case AUTH_TIMEOUT:
                return Optional.of(Disposition.retry("TickAtlas did not receive the auth message within its deadline "
                        + "(documented: 10 s; auth_timeout" + server + "); reconnecting. If this repeats, a proxy or "
                        + "firewall may be delaying the first message"));
            case CONNECTION_LIMIT:
                return Optional.of(Disposition.retryAfter("TickAtlas refused the connection: this key already has "
                        + "its 2 WebSocket connections open (connection_limit" + server + "). Another process "
                        + "using the same key (another marketfeed, a script, a dashboard) may hold a slot, or a "
                        + "dropped connection is still counted for a few minutes; close the other process or "
                        + "lower " + TickAtlasConfigKeys.MAX_CONNECTIONS_PATH + ". Retrying in "
                        + CONNECTION_LIMIT_DELAY.toSeconds() + " s", CONNECTION_LIMIT_DELAY));
            case QUOTA_EXCEEDED:
                return Optional.of(quotaExceeded(said));
            default:
                return Optional.empty();
        }
    }

    /** The daily quota is spent: the socket stays open, quotes stop until 00:00 UTC. */
    static Disposition quotaExceeded(String said) {
        return Disposition.pause("TickAtlas daily credit quota is used up (quota_exceeded"
                + (said.isEmpty() ? "" : ": " + said) + "): no quotes until the quota resets at 00:00 UTC; the "
                + "connection stays open and resumes by itself. Subscribe to fewer symbols, or upgrade the plan "
                + "for a larger quota");
    }

    /**
     * A close. A reason naming one of the error codes is classified like that error (the server may close right
     * after the error frame, and the close must then not look like a mere network drop); everything else is
     * retried with backoff.
     */
    static Disposition close(int code, String reason) {
        Optional<String> named = codeIn(reason);
        if (named.isPresent()) {
            if (named.get().equals(QUOTA_EXCEEDED)) {
                return Disposition.retryAfter("TickAtlas closed the connection because the daily credit quota is "
                        + "used up (close " + code + "); reconnecting slowly until 00:00 UTC", QUOTA_CLOSE_DELAY);
            }
            return forCode(named.get(), "close " + code).orElseThrow();
        }
        String said = reason == null || reason.isBlank() ? "" : ": " + reason.strip();
        return Disposition.retry("TickAtlas closed the connection (close " + code + said + ")");
    }

    static Disposition handshake(int status) {
        if (status == 401 || status == 403 || status == 429) {
            return Disposition.retryAfter("TickAtlas refused the WebSocket handshake with HTTP " + status + "; the key "
                    + "is only checked after connecting, so this is the front end (rate limiting, a proxy or an "
                    + "outage); retrying in a minute", HANDSHAKE_REFUSED_DELAY);
        }
        return Disposition.retry("handshake refused with HTTP " + status);
    }

    /** Whether an error code says the plan's symbol limit was reached (the runtime shards by it, so it changed). */
    static boolean isSymbolLimit(String code) {
        return code.equals("symbol_limit") || code.equals("max_symbols") || code.equals("max_symbols_exceeded")
                || code.equals("too_many_symbols") || code.equals("subscription_limit");
    }

    /** One of the connection-level codes named in free text ("invalid_key", "Invalid key", "invalid-key"). */
    static Optional<String> codeIn(String text) {
        String normalized = text == null ? "" : text.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return CONNECTION_CODES.stream().filter(normalized::contains).findFirst();
    }
}
