package io.marketfeed.sink.postgres;

import io.marketfeed.sink.EventTables;
import io.marketfeed.sink.EventTables.Column;
import io.marketfeed.sink.EventTables.ColumnType;
import io.marketfeed.sink.EventTables.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sink's tables in one schema: their SQL, and making sure they exist with usable columns.
 *
 * <p>Types: {@code numeric} without precision for decimals (exact, keeps the scale: {@code 1.10} stays
 * {@code 1.10}), {@code timestamptz} for times (microseconds: finer digits are dropped, see {@link RowBinder}),
 * {@code bigint} for integers, {@code text} for text and {@code jsonb} for JSON (which keeps numbers exact but not
 * the order of an object's keys). Every event table has the primary key {@code (run_id, seq)}, which makes writing
 * a batch twice harmless; {@code latest_quote} has {@code (provider, symbol)}.
 *
 * <p>Immutable; any thread.
 */
final class PostgresSchema {

    /** The tables are missing or unusable: says which and what to do, in one line. */
    static final class Mismatch extends SQLException {

        private static final long serialVersionUID = 1L;

        Mismatch(String message, String sqlState) {
            super(message, sqlState);
        }
    }

    /** A table as the catalog shows it: column name to type ({@code numeric(12,2)}), and whether we may write it. */
    private record Existing(Map<String, String> columns, boolean writable) {
    }

    private final PostgresSettings settings;
    private final String quotedSchema;

    PostgresSchema(PostgresSettings settings) {
        this.settings = settings;
        this.quotedSchema = '"' + settings.schema().replace("\"", "\"\"") + '"';
    }

    /** Every column of {@code latest_quote}: provider, the quote table's own columns, received_at. */
    static List<Column> latestQuoteColumns() {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("provider", ColumnType.TEXT));
        columns.addAll(EventTables.QUOTES.columns());
        columns.add(new Column("received_at", ColumnType.TIME));
        return List.copyOf(columns);
    }

    String qualified(String table) {
        return quotedSchema + "." + table;
    }

    /** The batched insert of {@code table}, skipping an event already written. */
    String insert(Table table) {
        List<Column> columns = table.allColumns();
        return "INSERT INTO " + qualified(table.name()) + " (" + names(columns) + ") VALUES (" + placeholders(columns)
                + ") ON CONFLICT (run_id, seq) DO NOTHING";
    }

    /** The upsert of {@code latest_quote}: a column the new row lacks keeps its value. */
    String upsertLatestQuote() {
        List<Column> columns = latestQuoteColumns();
        String table = EventTables.LATEST_QUOTE;
        String updates = columns.stream().skip(2)
                .map(c -> c.name().equals("received_at") ? "received_at = EXCLUDED.received_at"
                        : c.name() + " = COALESCE(EXCLUDED." + c.name() + ", " + table + "." + c.name() + ")")
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + qualified(table) + " (" + names(columns) + ") VALUES (" + placeholders(columns)
                + ") ON CONFLICT (provider, symbol) DO UPDATE SET " + updates;
    }

    /**
     * Creates the schema and tables that are missing (when {@code create-schema} is on; else reports them) and
     * checks that the tables that exist have every column, decimals as unconstrained {@code numeric} and times as
     * {@code timestamptz}. Runs in the connection's current transaction; the caller commits.
     */
    void prepare(Connection connection) throws SQLException {
        Map<String, List<Column>> wanted = new LinkedHashMap<>();
        for (Table table : EventTables.ALL) {
            wanted.put(table.name(), table.allColumns());
        }
        wanted.put(EventTables.LATEST_QUOTE, latestQuoteColumns());

        if (!schemaExists(connection)) {
            requireCreate("schema " + quotedSchema);
            execute(connection, "CREATE SCHEMA IF NOT EXISTS " + quotedSchema);
        }
        Map<String, Existing> existing = existingTables(connection);
        for (Map.Entry<String, List<Column>> table : wanted.entrySet()) {
            Existing columns = existing.get(table.getKey());
            if (columns == null) {
                requireCreate("table " + qualified(table.getKey()));
                execute(connection, createTable(table.getKey(), table.getValue()));
            } else {
                check(table.getKey(), table.getValue(), columns);
            }
        }
    }

    private String createTable(String table, List<Column> columns) {
        boolean latest = table.equals(EventTables.LATEST_QUOTE);
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualified(table)).append(" (");
        for (Column column : columns) {
            String name = column.name();
            boolean key = latest ? name.equals("provider") || name.equals("symbol") || name.equals("received_at")
                    : EventTables.COMMON.contains(column);
            sql.append(name).append(' ').append(sqlType(column.type())).append(key ? " NOT NULL, " : ", ");
        }
        return sql.append(latest ? "PRIMARY KEY (provider, symbol))" : "PRIMARY KEY (run_id, seq))").toString();
    }

    static String sqlType(ColumnType type) {
        switch (type) {
            case DECIMAL:
                return "numeric";
            case TIME:
                return "timestamptz";
            case INTEGER:
                return "bigint";
            case JSON:
                return "jsonb";
            case TEXT:
            default:
                return "text";
        }
    }

    private void check(String table, List<Column> columns, Existing existing) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (Column column : columns) {
            String type = existing.columns().get(column.name());
            if (type == null) {
                missing.add(column.name());
            } else if (column.type() == ColumnType.DECIMAL && !type.equals("numeric")
                    || column.type() == ColumnType.TIME && !type.equals("timestamp with time zone")) {
                throw new Mismatch(prefix() + "column " + qualified(table) + "." + column.name() + " is "
                        + type + ", which would change the values: make it "
                        + (column.type() == ColumnType.DECIMAL ? "numeric without precision or scale" : "timestamptz")
                        + ", or use a new schema (" + settings.key("schema") + ")", "42804");
            }
        }
        if (!missing.isEmpty()) {
            throw new Mismatch(prefix() + "table " + qualified(table) + " lacks the column(s) "
                    + String.join(", ", missing) + ": add them, or use a new schema (" + settings.key("schema")
                    + ") and let the sink create its tables there", "42703");
        }
        if (!existing.writable()) {
            boolean latest = table.equals(EventTables.LATEST_QUOTE);
            throw new Mismatch(prefix() + "does not let user '" + settings.effectiveUser() + "' write table "
                    + qualified(table) + ": GRANT SELECT, INSERT" + (latest ? ", UPDATE" : "") + " ON "
                    + qualified(table) + " TO " + settings.effectiveUser() + ", or fix " + settings.key("user"),
                    "42501");
        }
    }

    private void requireCreate(String what) throws SQLException {
        if (!settings.createSchema()) {
            throw new Mismatch(prefix() + "has no " + what + " and " + settings.key("create-schema")
                    + " is false: set it to true, or open the sink once with it true as a user who may create "
                    + "tables", "42P01");
        }
    }

    private boolean schemaExists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            query.setString(1, settings.schema());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * The schema's tables, read from the catalog (information_schema would hide the columns of a table the user may
     * not use); writable when the user may write it as the sink does.
     */
    private Map<String, Existing> existingTables(Connection connection) throws SQLException {
        Map<String, Existing> tables = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT c.relname, a.attname, "
                + "format_type(a.atttypid, a.atttypmod), has_table_privilege(c.oid, 'INSERT') AND "
                // ON CONFLICT reads the key columns; latest_quote is also updated.
                + "has_any_column_privilege(c.oid, 'SELECT') AND (c.relname <> '" + EventTables.LATEST_QUOTE
                + "' OR has_table_privilege(c.oid, 'UPDATE')) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                + "c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid WHERE n.nspname = ? AND c.relkind IN "
                + "('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped")) {
            query.setString(1, settings.schema());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    boolean writable = rows.getBoolean(4);
                    tables.computeIfAbsent(rows.getString(1), name -> new Existing(new HashMap<>(), writable))
                            .columns().put(rows.getString(2), rows.getString(3));
                }
            }
        }
        return tables;
    }

    private String prefix() {
        return "PostgreSQL at " + settings.shownUrl() + " ";
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String names(List<Column> columns) {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    private static String placeholders(List<Column> columns) {
        return columns.stream().map(c -> c.type() == ColumnType.JSON ? "?::jsonb" : "?")
                .collect(Collectors.joining(", "));
    }
}
