package io.marketfeed.sink.postgres;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns the driver's exceptions into one line for people: which server (its url without parameters, so never a
 * password), what went wrong, and which key or action fixes it. The driver's exception stays the cause.
 *
 * <p>Immutable; any thread.
 */
final class PostgresErrors {

    private final PostgresSettings settings;

    PostgresErrors(PostgresSettings settings) {
        this.settings = settings;
    }

    /** Connecting, logging in or preparing the tables failed. */
    SQLException connecting(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String user = "user '" + settings.effectiveUser() + "'";
        String message;
        switch (state) {
            case "28P01":
                message = "refused the password for " + user + ": check " + settings.key("password");
                break;
            case "28000":
                message = "refused " + user + " (" + serverText(e) + "): check " + settings.key("user")
                        + " and the server's pg_hba.conf";
                break;
            case "3D000":
                message = "has no database '" + settings.database() + "': create it (CREATE DATABASE "
                        + settings.database() + " OWNER " + settings.effectiveUser() + ") or fix "
                        + settings.key("url");
                break;
            case "42501":
                message = serverText(e).contains("schema")
                        ? "does not let " + user + " create the tables (" + serverText(e) + "): grant it CREATE on "
                                + "schema " + settings.schema() + ", or create the tables and set "
                                + settings.key("create-schema") + " = false"
                        : "refused " + user + " (" + serverText(e) + "): check " + settings.key("user")
                                + " and the user's privileges";
                break;
            case "57P03":
            case "53300":
                message = "does not accept connections now (" + serverText(e) + "); retrying";
                break;
            default:
                if (state.equals("08004") && String.valueOf(e.getMessage()).contains("password")) {
                    message = "asks for a password for " + user + ": set " + settings.key("password")
                            + ", best as ${?PGPASSWORD}";
                } else if (state.startsWith("08")) {
                    message = unreachable(e);
                } else {
                    return wrap("cannot be used: ", e);
                }
        }
        return new SQLException(prefix() + message, e.getSQLState(), e);
    }

    /** Writing a batch failed. */
    SQLException writing(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (cause(e, SocketTimeoutException.class) != null) {
            return new SQLException(prefix() + "did not answer within " + settings.socketTimeout().toSeconds()
                    + " s while writing (" + settings.key("socket-timeout") + "); the batch is retried", state, e);
        }
        if (state.startsWith("08") || state.startsWith("57P")) {
            return wrap("lost the connection while writing (the batch is retried): ", e);
        }
        return wrap("refused a write: ", e);
    }

    private String unreachable(SQLException e) {
        UnknownHostException unknown = cause(e, UnknownHostException.class);
        if (unknown != null) {
            return "cannot be reached: unknown host " + unknown.getMessage() + ": fix " + settings.key("url");
        }
        if (cause(e, SocketTimeoutException.class) != null || String.valueOf(e.getMessage()).contains("timed out")) {
            return "did not answer within " + settings.connectTimeout().toSeconds() + " s: check that the server "
                    + "is up and reachable, or raise " + settings.key("connect-timeout");
        }
        if (cause(e, ConnectException.class) != null || cause(e, NoRouteToHostException.class) != null) {
            return "refused the connection: start PostgreSQL there, or fix the host and port in "
                    + settings.key("url");
        }
        return "cannot be reached (" + oneLine(e.getMessage()) + "): check the server and " + settings.key("url");
    }

    private SQLException wrap(String what, SQLException e) {
        return new SQLException(prefix() + what + serverText(e)
                + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")"), e.getSQLState(), e);
    }

    private String prefix() {
        return "PostgreSQL at " + settings.shownUrl() + " ";
    }

    /** The server's own message without its DETAIL and HINT lines, else the driver's message; one line. */
    private static String serverText(SQLException e) {
        if (e instanceof PSQLException) {
            ServerErrorMessage server = ((PSQLException) e).getServerErrorMessage();
            if (server != null && server.getMessage() != null) {
                return oneLine(server.getMessage());
            }
        }
        SQLException next = e.getNextException();
        String text = e.getMessage();
        if (next != null && next != e) {
            // A failed batch says "Batch entry 3 INSERT INTO ... was aborted"; the reason is the next exception.
            return serverText(next);
        }
        return oneLine(text);
    }

    private static String oneLine(String text) {
        return text == null ? "(no message)" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
