package io.marketfeed.sink.sqlite;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.EventTables;
import io.marketfeed.sink.json.ValueText;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@link EventTables} layout in SQLite: decimals and times as TEXT exactly as received, JSON as TEXT,
 * integers as INTEGER. Creates the tables when missing, and inserts a batch with one
 * batched statement per table, ignoring rows whose {@code (run_id, seq)} is already there, then upserts
 * {@code latest_quote} (a field a quote lacks keeps its earlier value; later quotes of a batch win).
 *
 * <p>Used by one sink's writer thread, on one connection; the caller commits.
 */
final class SqliteTables implements AutoCloseable {

    private static final int QUOTE_FIELDS = Quote.Field.values().length;
    /** symbol, the decimal fields, time. */
    private static final int QUOTE_COLUMNS = QUOTE_FIELDS + 2;

    private final String prefix;
    private final ValueText text = new ValueText();
    private final List<PreparedStatement> used = new ArrayList<>();
    private final Map<String, String[]> latest = new LinkedHashMap<>();
    private final Object[] row = new Object[16];
    private final Map<EventTables.Table, PreparedStatement> inserts = new HashMap<>();
    private PreparedStatement latestQuote;

    /** @param prefix put before every table name ({@code "market."} for an attached database), may be empty */
    SqliteTables(String prefix) {
        this.prefix = prefix;
    }

    /** The statements that create every missing table. */
    public List<String> createStatements() {
        List<String> statements = new ArrayList<>();
        for (EventTables.Table table : EventTables.ALL) {
            statements.add("CREATE TABLE IF NOT EXISTS " + prefix + table.name() + " ("
                    + columns(table.allColumns(), true) + ", PRIMARY KEY (run_id, seq))" + " WITHOUT ROWID");
        }
        List<EventTables.Column> latest = latestColumns();
        statements.add("CREATE TABLE IF NOT EXISTS " + prefix + EventTables.LATEST_QUOTE + " ("
                + columns(latest, true) + ", PRIMARY KEY (provider, symbol))" + " WITHOUT ROWID");
        return statements;
    }

    /** Creates the missing tables. */
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : createStatements()) {
                statement.execute(sql);
            }
        }
    }

    /** Prepares the insert statements on {@code connection}. */
    public void prepare(Connection connection) throws SQLException {
        for (EventTables.Table table : EventTables.ALL) {
            List<EventTables.Column> columns = table.allColumns();
            inserts.put(table, connection.prepareStatement("INSERT INTO " + prefix + table.name() + " ("
                    + columns(columns, false) + ") VALUES (" + placeholders(columns)
                    + ") ON CONFLICT (run_id, seq) DO NOTHING"));
        }
        List<EventTables.Column> latest = latestColumns();
        String table = prefix + EventTables.LATEST_QUOTE;
        String updates = latest.stream().skip(2)
                .map(c -> c.name() + " = COALESCE(excluded." + c.name() + ", " + EventTables.LATEST_QUOTE + "."
                        + c.name() + ")")
                .collect(Collectors.joining(", "));
        latestQuote = connection.prepareStatement("INSERT INTO " + table + " (" + columns(latest, false)
                + ") VALUES (" + placeholders(latest) + ") ON CONFLICT (provider, symbol) DO UPDATE SET " + updates);
    }

    /**
     * Adds every event of {@code batch} to its table, then upserts {@code latest_quote} once per provider and
     * symbol with the batch's quotes merged in order (a later field wins, a missing one keeps the earlier);
     * does not commit.
     */
    public void insert(EventBatch batch) throws SQLException {
        used.clear();
        latest.clear();
        for (int i = 0; i < batch.size(); i++) {
            MarketEvent event = batch.event(i);
            EventTables.Table table = EventTables.tableOf(event);
            PreparedStatement insert = inserts.get(table);
            insert.setLong(1, batch.runId());
            insert.setLong(2, batch.sequence(i));
            insert.setString(3, event.provider());
            insert.setString(4, text.instant(event.receivedAt()));
            if (event instanceof Quote) {
                String[] values = quoteTexts((Quote) event);
                for (int c = 0; c < values.length; c++) {
                    setText(insert, 5 + c, values[c]);
                }
                merge((Quote) event, values);
            } else {
                EventTables.values(event, row);
                List<EventTables.Column> columns = table.columns();
                for (int c = 0; c < columns.size(); c++) {
                    bind(insert, 5 + c, columns.get(c).type(), row[c]);
                }
            }
            insert.addBatch();
            if (!used.contains(insert)) {
                used.add(insert);
            }
        }
        for (PreparedStatement insert : used) {
            insert.executeBatch();
        }
        if (!latest.isEmpty()) {
            for (String[] values : latest.values()) {
                for (int c = 0; c < values.length; c++) {
                    setText(latestQuote, 1 + c, values[c]);
                }
                latestQuote.addBatch();
            }
            latestQuote.executeBatch();
        }
    }

    /** A quote's columns as text: symbol, each decimal field, time. */
    private String[] quoteTexts(Quote quote) {
        String[] values = new String[QUOTE_COLUMNS];
        values[0] = quote.symbol();
        for (int f = 0; f < QUOTE_FIELDS; f++) {
            if (quote.hasDecimal(f)) {
                values[1 + f] = quote.isCompact(f) ? text.plain(quote.unscaled(f), quote.scale(f))
                        : quote.decimal(f).toPlainString();
            }
        }
        values[QUOTE_COLUMNS - 1] = quote.time() == null ? null : text.instant(quote.time());
        return values;
    }

    /** Folds {@code values} into the batch's latest row of the quote's provider and symbol. */
    private void merge(Quote quote, String[] values) {
        // latest_quote's columns: provider, the quote's columns, received_at.
        String[] merged = latest.computeIfAbsent(quote.provider() + '\u0000' + quote.symbol(), key -> {
            String[] row = new String[QUOTE_COLUMNS + 2];
            row[0] = quote.provider();
            return row;
        });
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null) {
                merged[1 + c] = values[c];
            }
        }
        merged[merged.length - 1] = text.instant(quote.receivedAt());
    }

    private static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    @Override
    public void close() {
        List<PreparedStatement> statements = new ArrayList<>(inserts.values());
        statements.add(latestQuote);
        inserts.clear();
        latestQuote = null;
        for (PreparedStatement statement : statements) {
            try {
                if (statement != null) {
                    statement.close();
                }
            } catch (SQLException ignored) {
                // Closing the connection releases it anyway.
            }
        }
    }

    private static String type(EventTables.ColumnType type) {
        return type == EventTables.ColumnType.INTEGER ? "INTEGER" : "TEXT";
    }

    private void bind(PreparedStatement statement, int index, EventTables.ColumnType type, Object value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, type == EventTables.ColumnType.INTEGER ? Types.BIGINT : Types.VARCHAR);
        } else if (type == EventTables.ColumnType.INTEGER) {
            statement.setLong(index, (Long) value);
        } else if (type == EventTables.ColumnType.DECIMAL) {
            statement.setString(index, ((BigDecimal) value).toPlainString());
        } else if (type == EventTables.ColumnType.TIME) {
            statement.setString(index, text.instant((Instant) value));
        } else {
            statement.setString(index, (String) value); // text and JSON
        }
    }

    /** provider, symbol, the quote's fields, time, received_at. */
    private static List<EventTables.Column> latestColumns() {
        List<EventTables.Column> columns = new ArrayList<>();
        columns.add(new EventTables.Column("provider", EventTables.ColumnType.TEXT));
        columns.addAll(EventTables.QUOTES.columns());
        columns.add(new EventTables.Column("received_at", EventTables.ColumnType.TIME));
        return columns;
    }

    private String columns(List<EventTables.Column> columns, boolean typed) {
        return columns.stream().map(c -> typed ? c.name() + " " + type(c.type())
                + (isKey(c) ? " NOT NULL" : "") : c.name()).collect(Collectors.joining(", "));
    }

    private static boolean isKey(EventTables.Column column) {
        return column.name().equals("run_id") || column.name().equals("seq") || column.name().equals("provider");
    }

    private String placeholders(List<EventTables.Column> columns) {
        return columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    }
}
