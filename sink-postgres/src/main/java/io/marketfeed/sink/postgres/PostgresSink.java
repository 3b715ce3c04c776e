package io.marketfeed.sink.postgres;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.EventTables;
import io.marketfeed.sink.EventTables.Column;
import io.marketfeed.sink.EventTables.Table;
import io.marketfeed.sink.Sink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes events to PostgreSQL: one table per event kind ({@link EventTables}) and the upserted
 * {@code latest_quote}, in the layout {@link PostgresSchema} describes.
 *
 * <p>Each batch is one transaction: per table one batched {@code INSERT ... ON CONFLICT (run_id, seq) DO NOTHING}
 * (the driver sends it as multi-row inserts), so a batch written again changes nothing; then the batch's quotes
 * merged into {@code latest_quote} ({@link LatestQuotes}); then the commit. Any failure rolls back and throws with
 * a one-line message ({@link PostgresErrors}); the writer then closes the sink, opens it again and retries. The
 * connect, login and socket timeouts ({@link PostgresSettings#connectionProperties()}) make a dead server fail
 * the call within seconds instead of hanging it.
 *
 * <p>Used by one writer thread, as {@link Sink} says.
 */
public final class PostgresSink implements Sink {

    private final PostgresSettings settings;
    private final PostgresSchema schema;
    private final PostgresErrors errors;
    private final LatestQuotes latestQuotes = new LatestQuotes();
    private final Map<Table, Insert> inserts = new IdentityHashMap<>();
    private final Object[] row = new Object[maxColumns()];

    private Connection connection;
    private PreparedStatement upsertLatest;

    /** The statement of one table and whether the current batch added rows to it. */
    private static final class Insert {
        final PreparedStatement statement;
        final List<Column> columns;
        boolean pending;

        Insert(PreparedStatement statement, List<Column> columns) {
            this.statement = statement;
            this.columns = columns;
        }
    }

    PostgresSink(PostgresSettings settings) {
        this.settings = settings;
        this.schema = new PostgresSchema(settings);
        this.errors = new PostgresErrors(settings);
    }

    @Override
    public void open() throws SQLException {
        if (connection != null) {
            throw new IllegalStateException("already open");
        }
        try {
            connection = new org.postgresql.Driver().connect(settings.url(), settings.connectionProperties());
            if (connection == null) {
                throw new SQLException("the url is not a PostgreSQL url", "08001");
            }
            connection.setAutoCommit(false);
            schema.prepare(connection);
            connection.commit();
            for (Table table : EventTables.ALL) {
                inserts.put(table, new Insert(connection.prepareStatement(schema.insert(table)),
                        table.allColumns()));
            }
            upsertLatest = connection.prepareStatement(schema.upsertLatestQuote());
        } catch (PostgresSchema.Mismatch e) {
            close();
            throw e;
        } catch (SQLException e) {
            close();
            throw errors.connecting(e);
        }
    }

    @Override
    public void write(EventBatch batch) throws SQLException {
        if (connection == null) {
            throw new IllegalStateException("not open");
        }
        try {
            for (int i = 0; i < batch.size(); i++) {
                MarketEvent event = batch.event(i);
                Insert insert = inserts.get(EventTables.tableOf(event));
                bindEvent(insert, batch.runId(), batch.sequence(i), event);
                insert.statement.addBatch();
                insert.pending = true;
                if (event instanceof Quote) {
                    latestQuotes.add((Quote) event);
                }
            }
            for (Table table : EventTables.ALL) {
                Insert insert = inserts.get(table);
                if (insert.pending) {
                    insert.pending = false;
                    insert.statement.executeBatch();
                }
            }
            latestQuotes.upsert(upsertLatest);
            connection.commit();
        } catch (SQLException e) {
            discardBatch();
            throw errors.writing(e);
        } catch (RuntimeException e) {
            discardBatch();
            throw e;
        }
    }

    private void bindEvent(Insert insert, long runId, long sequence, MarketEvent event) throws SQLException {
        PreparedStatement statement = insert.statement;
        statement.setLong(1, runId);
        statement.setLong(2, sequence);
        statement.setString(3, RowBinder.textWithoutNul(event.provider()));
        statement.setObject(4, RowBinder.time(event.receivedAt()));
        EventTables.values(event, row);
        int common = EventTables.COMMON.size();
        for (int i = common; i < insert.columns.size(); i++) {
            RowBinder.bind(statement, i + 1, insert.columns.get(i).type(), row[i - common]);
        }
    }

    /** Drops what a failed batch left in the statements and rolls its transaction back. */
    private void discardBatch() {
        latestQuotes.clear();
        for (Insert insert : inserts.values()) {
            insert.pending = false;
            try {
                insert.statement.clearBatch();
            } catch (SQLException ignored) {
                // The connection is gone; close() discards the statement anyway.
            }
        }
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is gone; the server rolls back the transaction itself.
        }
    }

    @Override
    public void close() {
        inserts.clear();
        upsertLatest = null;
        latestQuotes.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Nothing to release that the server does not release itself when the socket closes.
            }
            connection = null;
        }
    }

    private static int maxColumns() {
        int max = 0;
        for (Table table : EventTables.ALL) {
            max = Math.max(max, table.columns().size());
        }
        return max;
    }

    @Override
    public String toString() {
        return "PostgresSink[" + settings.shownUrl() + ", schema " + settings.schema() + "]";
    }
}
