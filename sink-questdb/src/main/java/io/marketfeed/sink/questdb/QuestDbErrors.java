package io.marketfeed.sink.questdb;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Turns failures of the ILP client and of {@code /exec} into one line for people: which server, what went wrong,
 * and which key or action fixes it. Never quotes the password (nothing here has it). The original exception
 * stays the cause.
 *
 * <p>Immutable; any thread.
 */
final class QuestDbErrors {

    private final QuestDbSettings settings;

    QuestDbErrors(QuestDbSettings settings) {
        this.settings = settings;
    }

    /** Connecting or sending over HTTP failed ({@code /exec}). */
    IOException unreachable(IOException e) {
        if (e instanceof UnknownHostException) {
            return failure("cannot be reached: unknown host " + settings.host() + ": fix " + settings.key("host"), e);
        }
        if (e instanceof SocketTimeoutException) {
            return timedOut(e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return refusedConnection(e);
        }
        return failure("cannot be reached (" + oneLine(e.getMessage()) + "): check the server and "
                + settings.key("host") + " / " + settings.key("http-port"), e);
    }

    /** The server answered an {@code /exec} request with an HTTP error. */
    IOException rejected(int status, String serverError, String sql) {
        if (status == 401 || status == 403) {
            return login(null);
        }
        return failure("refused \"" + sql + "\": " + oneLine(serverError) + " (HTTP " + status + ")", null);
    }

    /** The ILP client failed to flush a batch; its message says why. */
    IOException writing(RuntimeException e) {
        String message = oneLine(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("could not connect") || lower.contains("connection refused")) {
            return refusedConnection(e);
        }
        if (lower.contains("http-status=401") || lower.contains("http-status=403")
                || lower.contains("authentication error")) {
            return login(e);
        }
        if (lower.contains("timed out") || lower.contains("timeout")) {
            return timedOut(e);
        }
        if (lower.contains("http-status=")) {
            return failure("refused the batch: " + message.replaceFirst("^Could not flush buffer: ", ""), e);
        }
        return failure("could not take the batch: " + message.replaceFirst("^Could not flush buffer: ", ""), e);
    }

    private IOException refusedConnection(Exception e) {
        return failure("refused the connection: start QuestDB there, or fix " + settings.key("host") + " and "
                + settings.key("http-port"), e);
    }

    private IOException timedOut(Exception e) {
        return failure("did not answer within " + settings.requestTimeout().toMillis() + " ms ("
                + settings.key("request-timeout") + "): check that the server is up, or raise it", e);
    }

    private IOException login(Exception e) {
        return failure(settings.username().isPresent()
                ? "refused the login of user '" + settings.username().get() + "': check " + settings.key("username")
                        + " and " + settings.key("password")
                : "asks for a login (http.user/http.password): set " + settings.key("username") + " and "
                        + settings.key("password"), e);
    }

    private IOException failure(String what, Exception cause) {
        return new IOException("QuestDB at " + settings.shownUrl() + " " + what, cause);
    }

    /** One line: line breaks, escaped ones too ({@code \n} as two characters, as the ILP client writes them). */
    static String oneLine(String text) {
        return text == null ? "(no message)" : text.replace("\\n", " ").strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
