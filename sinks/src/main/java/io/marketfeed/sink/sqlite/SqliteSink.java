package io.marketfeed.sink.sqlite;

import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.Sink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Writes into an SQLite database file through {@code sqlite-jdbc}: WAL journal ({@code synchronous=NORMAL} by
 * default: a committed batch survives a crash of the process), one transaction per batch, a table per event kind
 * and {@code latest_quote} kept by upsert (see {@link SqliteTables}).
 *
 * <p>Decimals are stored as TEXT in columns declared TEXT, exactly as received ({@code 27.850} stays
 * {@code 27.850}): SQLite's NUMERIC or REAL affinity would turn them into doubles. Compare or sum them with
 * {@code CAST(price AS NUMERIC)} where a rounded value is good enough. Times are ISO-8601 UTC text
 * ({@code 2026-12-04T14:30:00.123456789Z}), which SQLite's date functions read. Each table's primary key is
 * {@code (run_id, seq)}: a batch written twice is ignored the second time.
 *
 * <p>Used by its writer thread only.
 */
final class SqliteSink implements Sink {

    private final Path path;
    private final String synchronous;
    private Connection connection;
    private SqliteTables tables;

    SqliteSink(Path path, String synchronous) {
        this.path = path;
        this.synchronous = synchronous;
    }

    @Override
    public void open() throws SQLException, IOException {
        Path folder = path.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IOException("the folder of the SQLite database " + path + " does not exist; create it or "
                    + "set the sink's path");
        }
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + path);
        } catch (SQLException e) {
            throw new SQLException("cannot open the SQLite database " + path + ": " + e.getMessage(), e);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=" + synchronous.toUpperCase(Locale.ROOT));
            statement.execute("PRAGMA busy_timeout=5000");
        }
        tables = new SqliteTables("");
        connection.setAutoCommit(false);
        tables.create(connection);
        connection.commit();
        tables.prepare(connection);
    }

    @Override
    public void write(EventBatch batch) throws SQLException {
        try {
            tables.insert(batch);
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // The connection is closed and opened again by the writer anyway.
            }
            throw new SQLException("SQLite " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (tables != null) {
            tables.close();
            tables = null;
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Nothing to do: the file stays consistent (WAL).
            }
            connection = null;
        }
    }
}
