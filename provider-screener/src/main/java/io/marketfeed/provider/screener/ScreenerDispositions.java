package io.marketfeed.provider.screener;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.LimitsUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the Screener's failure signals are classified, and what the messages tell the user to fix: closes and
 * refused handshakes (static), and one connection's {@code error} frames (an instance per session, which settles
 * the refused request with its {@link ScreenerRequests}). Not thread safe: owned by its session.
 */
final class ScreenerDispositions {

    /** A whole number as a detail may hold it: {@code 50}, {@code "50"}, {@code 50.0}; up to a million. */
    private static final Pattern WHOLE = Pattern.compile("0*([0-9]{1,6}|1000000)(?:\\.0*)?");
    private static final Pattern MAX_IN_TEXT = Pattern.compile("(?i)max(?:imum)?[^0-9]{0,20}(\\d{1,6})");

    private final String connectionId;
    private final ScreenerRequests requests;
    private final TokenState tokens;
    private boolean genericErrorWarned;

    ScreenerDispositions(String connectionId, ScreenerRequests requests, TokenState tokens) {
        this.connectionId = connectionId;
        this.requests = requests;
        this.tokens = tokens;
    }

    /** 1008 is what the per-IP cap would close with if a server sent it after accepting. */
    static Disposition close(int code, String reason, Duration capBackoff) {
        if (code == 1008) {
            return Disposition.retryAfter("the server closed the connection with 1008 (" + reason + "): probably over "
                    + "its per-IP connection cap; waiting " + capBackoff, capBackoff);
        }
        return Disposition.retry("closed with " + code + (reason.isEmpty() ? "" : " (" + reason + ")"));
    }

    /**
     * HTTP 403 is the per-IP connection cap (the server closes before accepting, which ASGI servers turn into a
     * 403): other programs on this IP may hold connections. Not fatal: retried after a long delay.
     */
    static Disposition connectionCap(Duration capBackoff) {
        return Disposition.retryAfter("the server refused the handshake with HTTP 403, which this server sends "
                + "when the client IP holds its maximum of WebSocket connections (default 5; other programs on "
                + "this IP count too; see " + ScreenerConfigKeys.PREFIX + CommonSettings.MAX_CONNECTIONS
                + "); waiting " + capBackoff, capBackoff);
    }

    /** What an error frame says: its message and code, for the problem it becomes. */
    static String described(ScreenerMessage message) {
        String code = message.top.trimmed(ScreenerField.CODE);
        String said = message.text;
        return (said == null ? "no message given" : "'" + said + "'") + (code == null ? "" : " (code " + code + ")");
    }

    /**
     * An {@code error} frame outside a restoration.
     *
     * @param lostFrom when the connection last received a frame (null before the first): where a loss starts
     */
    void onError(ScreenerMessage message, Instant lostFrom, DecodeOutput out) {
        String code = message.top.trimmed(ScreenerField.CODE);
        String described = described(message);
        ScreenerRequests.Pending request;
        switch (code == null ? "" : code) {
            case "TOO_MANY_TARGETS":
            case "SUBSCRIPTION_LIMIT_EXCEEDED":
                onOverLimit(code, message, described, out);
                return;
            case "RATE_LIMIT_EXCEEDED":
                String limit = message.details == null ? null : message.details.get("rate_limit");
                out.lost(lostFrom, "the server dropped messages to this connection (RATE_LIMIT_EXCEEDED"
                        + (limit == null ? "" : ", " + limit + " messages/s") + ")");
                return;
            case "SUBSCRIBE_ERROR":
                request = requests.refused();
                if (request != null) {
                    out.rejected(request.topic(), request.symbols(), "Screener refused the subscription: "
                            + described);
                } else {
                    out.problem(Disposition.warn("Screener refused a subscription on " + connectionId + ": "
                            + described));
                }
                return;
            case "UNSUBSCRIBE_ERROR":
                requests.take(ScreenerRequests.Kind.UNSUBSCRIBE);
                out.problem(Disposition.warn("Screener refused an unsubscription on " + connectionId + ": "
                        + described));
                return;
            case "INVALID_TOKEN_TYPE":
            case "INVALID_REFRESH_TOKEN":
            case "INVALID_TOKEN":
                requests.take(ScreenerRequests.Kind.REFRESH);
                out.problem(Disposition.fatal("Screener refused the refresh token: " + described + ". Set a valid "
                        + "refresh token (a JWT with type=refresh) in " + ScreenerConfigKeys.REFRESH_TOKEN_ENV + " ("
                        + ScreenerConfigKeys.PREFIX + ScreenerConfigKeys.REFRESH_TOKEN + ") together with a fresh "
                        + "access token, or remove the refresh token to stop refreshing"));
                return;
            case "TOKEN_REFRESH_ERROR":
                requests.take(ScreenerRequests.Kind.REFRESH);
                tokens.refreshFailed();
                out.problem(Disposition.warn("Screener could not refresh the access token on " + connectionId + ": "
                        + described + "; trying again at the next heartbeat"));
                return;
            case "ERROR":
                // Authenticated connections get every error as "ERROR", without details, on every connection of
                // the user: it cannot be matched to a request, so it is reported, not classified.
                out.problem(Disposition.warn("Screener reported an error to this user's connections on "
                        + connectionId + ": " + described + (genericErrorWarned ? "" : ". Authenticated "
                        + "connections receive every error as code ERROR (possibly caused by another connection of "
                        + "the same user), so it is not classified; unanswered requests are treated as applied "
                        + "after the acknowledgement timeout")));
                genericErrorWarned = true;
                return;
            default:
                // No code, MESSAGE_TOO_LARGE, INVALID_JSON, MISSING_TYPE, UNKNOWN_MESSAGE_TYPE, PROCESSING_ERROR,
                // RECONNECT_NOT_SUPPORTED_HERE, SESSION_RESTORATION_FAILED late, and the docs' codes.
                out.problem(Disposition.warn("Screener error on " + connectionId + ": " + described));
        }
    }

    /**
     * Nothing of the request was subscribed: the refused request is the oldest unanswered subscribe (replies are in
     * order, and requests are paced past the 30 ms batch flush). A smaller limit is reported first, then the
     * runtime resends: for {@code TOO_MANY_TARGETS} per request (the server's figure when its message names one,
     * else half the refused request); for {@code SUBSCRIPTION_LIMIT_EXCEEDED} per connection (the server's figure,
     * else what this connection carries without the refused request), which makes the runtime reshard.
     */
    private void onOverLimit(String code, ScreenerMessage message, String described, DecodeOutput out) {
        ScreenerRequests.Pending request = requests.refused();
        if (request == null) {
            out.problem(Disposition.warn("Screener refused a request over a limit (" + code + ") on " + connectionId
                    + ", but none is outstanding: " + described));
            return;
        }
        boolean perRequest = code.equals("TOO_MANY_TARGETS");
        int limit = serverMax(message).orElse(Math.max(1, perRequest ? request.wire().size() / 2
                : requests.targetCount()));
        OptionalInt none = OptionalInt.empty();
        out.limits(perRequest ? new LimitsUpdate(none, OptionalInt.of(limit), none, "")
                : new LimitsUpdate(OptionalInt.of(limit), none, none, ""));
        out.notApplied(request.topic(), request.symbols(), code + ": " + described + (perRequest
                ? "; sending again at most " + limit + " per request" : "; at most " + limit + " per connection"));
    }

    /** The limit a refusal names: {@code details.max*}, or "max: 50" style text in the message. */
    private static OptionalInt serverMax(ScreenerMessage message) {
        Map<String, String> details = message.details == null ? Map.of() : message.details;
        for (Map.Entry<String, String> detail : details.entrySet()) {
            if (detail.getKey().startsWith("max")) {
                Matcher whole = WHOLE.matcher(detail.getValue());
                if (whole.matches() && Integer.parseInt(whole.group(1)) >= 1) {
                    return OptionalInt.of(Integer.parseInt(whole.group(1)));
                }
            }
        }
        String said = message.text;
        Matcher matcher = said == null ? null : MAX_IN_TEXT.matcher(said);
        if (matcher != null && matcher.find() && Integer.parseInt(matcher.group(1)) >= 1) {
            return OptionalInt.of(Integer.parseInt(matcher.group(1)));
        }
        return OptionalInt.empty();
    }
}
