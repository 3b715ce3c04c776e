package io.marketfeed.sink.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.marketfeed.sink.HoconSinkConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a user's login mistakes look like: one line naming the server (never the password) and the fix. */
class TestPostgresLogin {

    private static final String WRONG_PASSWORD = "Wr0ng-but-secret";

    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    @Test
    void aWrongPasswordIsOneLineThatNeverContainsThePassword() {
        PostgresSink sink = sink(postgres.url(), "user = marketfeed\npassword = \"" + WRONG_PASSWORD + "\"");
        SQLException refused = assertThrows(SQLException.class, sink::open);
        assertEquals("PostgreSQL at " + postgres.url() + " refused the password for user 'marketfeed': check "
                + "sink.password", refused.getMessage());
        assertNoSecret(refused);
        assertNoSecret(sink.toString());
    }

    @Test
    void aMissingPasswordSaysWhichKeyToSet() {
        SQLException refused = assertThrows(SQLException.class, sink(postgres.url(), "user = marketfeed")::open);
        assertEquals("PostgreSQL at " + postgres.url() + " asks for a password for user 'marketfeed': set "
                + "sink.password, best as ${?PGPASSWORD}", refused.getMessage());
    }

    @Test
    void aMissingDatabaseSaysHowToCreateIt() {
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/nosuch";
        SQLException missing = assertThrows(SQLException.class,
                sink(url + "?ApplicationName=hidden", "user = marketfeed\npassword = \"" + PostgresServer.PASSWORD
                        + "\"")::open);
        // The url is shown without its parameters (which may hold anything).
        assertEquals("PostgreSQL at " + url + " has no database 'nosuch': create it (CREATE DATABASE nosuch OWNER "
                + "marketfeed) or fix sink.url", missing.getMessage());
        assertNoSecret(missing);
    }

    @Test
    void aUserWhoMayNotCreateTablesIsToldTheTwoWaysOut() throws Exception {
        try (Connection db = postgres.superuser(); Statement sql = db.createStatement()) {
            sql.execute("CREATE ROLE writer LOGIN PASSWORD '" + WRONG_PASSWORD + "'");
        }
        SQLException refused = assertThrows(SQLException.class,
                sink(postgres.url(), "user = writer\npassword = \"" + WRONG_PASSWORD + "\"")::open);
        assertEquals("PostgreSQL at " + postgres.url() + " does not let user 'writer' create the tables (permission "
                + "denied for schema public): grant it CREATE on schema public, or create the tables and set "
                + "sink.create-schema = false", refused.getMessage());
        assertNoSecret(refused);
    }

    private static PostgresSink sink(String url, String extra) {
        return (PostgresSink) new PostgresSinkFactory().create(HoconSinkConfig.parse("type = postgres\nurl = \""
                + url + "\"\nconnect-timeout = 3s\n" + extra, Path.of(".")));
    }

    /** Neither password is in the exception, its causes, or its printed stack trace; the message is one line. */
    private static void assertNoSecret(SQLException error) {
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
        StringWriter printed = new StringWriter();
        error.printStackTrace(new PrintWriter(printed));
        assertNoSecret(printed.toString());
    }

    private static void assertNoSecret(String text) {
        assertFalse(text.contains(WRONG_PASSWORD), text);
        assertFalse(text.contains(PostgresServer.PASSWORD), text);
    }
}
