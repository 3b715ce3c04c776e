package io.marketfeed.provider.sahmk;

import io.marketfeed.api.protocol.Disposition;
import java.time.Duration;

/**
 * How SAHMK's failure signals are classified, and what the messages tell the user to fix. Close codes
 * follow protocols.md §1.7: the SDK's 4401/4403 and the docs' 4000/4001 are all handled because the two
 * sources disagree. Server text is quoted as sent: the runtime masks credentials in it. Stateless.
 */
final class SahmkDispositions {

    static final int CLOSE_GENERIC_FAILURE = 4000;
    static final int CLOSE_INVALID_KEY = 4001;
    static final int CLOSE_AUTHENTICATION = 4401;
    static final int CLOSE_ENTITLEMENT = 4403;

    /** SAHMK has no published retry hint for a refused handshake; a minute avoids tripping its front end. */
    static final Duration FORBIDDEN_HANDSHAKE_DELAY = Duration.ofMinutes(1);

    private static final String CHECK_KEY = "check marketfeed.providers.sahmk.api-key / "
            + SahmkConfigKeys.API_KEY_ENV;
    private static final String CHECK_PLAN = "check that the account's plan includes WebSocket streaming "
            + "(Pro, Business or Enterprise; depth and trades may need their own entitlement) and that the "
            + "account is active and verified";

    private SahmkDispositions() {
    }

    static Disposition close(int code, String reason) {
        String said = reason == null || reason.isBlank() ? "" : ": " + reason.strip();
        switch (code) {
            case CLOSE_AUTHENTICATION:
                return Disposition.fatal("SAHMK authentication failed (close 4401" + said + "); " + CHECK_KEY);
            case CLOSE_INVALID_KEY:
                return Disposition.fatal("SAHMK says the API key is invalid or missing (close 4001" + said + "); "
                        + CHECK_KEY);
            case CLOSE_ENTITLEMENT:
                return Disposition.fatal("SAHMK denied access (close 4403" + said + "); " + CHECK_PLAN);
            default:
                // 4000 is "generic connection or server failure"; deploys close cleanly. All are transient.
                return Disposition.retry("SAHMK closed the connection (close " + code + said + ")");
        }
    }

    static Disposition forbiddenHandshake(boolean originConfigured) {
        String origin = originConfigured
                ? "; SAHMK's front end has been seen to refuse handshakes that carry an Origin header, so try "
                        + "removing marketfeed.providers.sahmk.origin"
                : "";
        return Disposition.retryAfter("SAHMK refused the handshake (HTTP 403): " + CHECK_PLAN + origin,
                FORBIDDEN_HANDSHAKE_DELAY);
    }

    static Disposition unauthorizedHandshake() {
        return Disposition.fatal("SAHMK refused the API key at the handshake (HTTP 401); " + CHECK_KEY);
    }

    /** An {@code error} in place of {@code connected}: the SDK never retries it, and neither do we. */
    static Disposition connectRefused(String serverMessage) {
        return Disposition.fatal("SAHMK refused the connection: " + serverMessage + "; " + CHECK_KEY + ", and "
                + CHECK_PLAN);
    }
}
