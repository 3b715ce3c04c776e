package com.example.marketfeed.simplejson;

import static com.example.marketfeed.simplejson.SimplejsonConfigKeys.API_KEY;
import static com.example.marketfeed.simplejson.SimplejsonConfigKeys.API_KEY_ENV;

import io.marketfeed.api.protocol.Disposition;

/**
 * What the server's failure signals mean, and what the messages tell the user to fix: only a bad key is fatal,
 * every other close is retried. Server text is quoted as sent: the runtime masks credentials in it, escapes control
 * characters and caps its length before it reaches a log or an event. Stateless.
 */
final class SimplejsonDispositions {

    /** The close code the server sends for a missing, unknown or revoked key. */
    static final int CLOSE_INVALID_KEY = 4001;

    private static final String CHECK_KEY = "check marketfeed.providers.simplejson." + API_KEY + " / " + API_KEY_ENV;

    private SimplejsonDispositions() {
    }

    /** Close 4001 is fatal; every other close (restarts, 1006 drops, 1011 errors) is retried. */
    static Disposition close(int code, String reason) {
        String said = reason == null || reason.isBlank() ? "" : ": " + reason.strip();
        if (code == CLOSE_INVALID_KEY) {
            return Disposition.fatal("simplejson refused the API key (close 4001" + said + "); " + CHECK_KEY);
        }
        return Disposition.retry("simplejson closed the connection (close " + code + said + ")");
    }

    /** A handshake refused with HTTP 401: the key, and which setting to fix. */
    static Disposition unauthorized() {
        return Disposition.fatal("simplejson refused the API key at the handshake (HTTP 401); " + CHECK_KEY);
    }

    /** An {@code error} that refuses nothing: the server's text and code, as a warning. */
    static Disposition error(String described) {
        return Disposition.warn("simplejson error: " + described);
    }
}
