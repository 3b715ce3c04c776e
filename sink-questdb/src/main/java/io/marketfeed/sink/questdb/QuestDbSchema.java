package io.marketfeed.sink.questdb;

import io.marketfeed.sink.EventTables;
import io.marketfeed.sink.EventTables.Column;
import io.marketfeed.sink.EventTables.ColumnType;
import io.marketfeed.sink.EventTables.Table;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The QuestDB layout of {@link EventTables}: how each column is typed, the {@code CREATE TABLE} of each table,
 * and the check that a table found on the server (perhaps made by someone else) keeps decimals exact and
 * deduplicates.
 *
 * <ul>
 *   <li>Decimals: {@code DECIMAL(76, 38)}, exact to 38 digits on either side of the point (QuestDB's widest).
 *   <li>Times: {@code TIMESTAMP_NS}, to the nanosecond; {@code received_at} is the designated timestamp, and
 *       the tables are partitioned by day.
 *   <li>Identifiers with few distinct values (provider, symbol, side, kind, state...): {@code SYMBOL}; other text
 *       and JSON: {@code VARCHAR}; integers: {@code LONG}.
 *   <li>Every table is a WAL table with {@code DEDUP UPSERT KEYS(received_at, run_id, seq)}: a row written again
 *       replaces the one with the same keys instead of adding a second.
 * </ul>
 *
 * <p>Immutable; any thread.
 */
final class QuestDbSchema {

    static final int DECIMAL_PRECISION = 76;
    static final int DECIMAL_SCALE = 38;

    /** The dedup keys; QuestDB requires the designated timestamp among them. */
    static final List<String> KEYS = List.of("received_at", "run_id", "seq");

    /** Text columns whose values repeat (a few hundred distinct at most): stored once each, as QuestDB symbols. */
    private static final Set<String> SYMBOLS = Set.of("provider", "symbol", "side", "market", "status", "kind",
            "connection", "state");

    private final QuestDbSettings settings;

    QuestDbSchema(QuestDbSettings settings) {
        this.settings = settings;
    }

    /** Whether the values of {@code column} are written as ILP symbols. */
    static boolean isSymbol(Column column) {
        return column.type() == ColumnType.TEXT && SYMBOLS.contains(column.name());
    }

    /** The QuestDB type of {@code column}. */
    static String type(Column column) {
        switch (column.type()) {
            case DECIMAL:
                return "DECIMAL(" + DECIMAL_PRECISION + ", " + DECIMAL_SCALE + ")";
            case TIME:
                return "TIMESTAMP_NS";
            case INTEGER:
                return "LONG";
            default:
                return isSymbol(column) ? "SYMBOL" : "VARCHAR";
        }
    }

    /** Creates {@code table} unless it exists. */
    String create(Table table) {
        StringJoiner columns = new StringJoiner(", ");
        for (Column column : table.allColumns()) {
            columns.add(quoted(column.name()) + " " + type(column));
        }
        StringJoiner keys = new StringJoiner(", ");
        KEYS.forEach(key -> keys.add(quoted(key)));
        return "CREATE TABLE IF NOT EXISTS " + quoted(settings.tableName(table.name())) + " (" + columns
                + ") TIMESTAMP(" + quoted("received_at") + ") PARTITION BY DAY WAL DEDUP UPSERT KEYS(" + keys + ")";
    }

    /** Lists the columns of {@code table} as {@link #check} reads them. */
    String describe(Table table) {
        return "table_columns('" + settings.tableName(table.name()) + "')";
    }

    /**
     * Throws when the table, as {@link #describe} found it, would change values or store an event twice: a
     * missing column, a decimal column that is not {@code DECIMAL}, or dedup not on {@link #KEYS}.
     */
    void check(Table table, QuestDbSql.Result found) throws IOException {
        String name = settings.tableName(table.name());
        for (Column column : table.allColumns()) {
            int row = rowOf(found, column.name());
            if (row < 0) {
                throw mismatch(name, "has no column " + column.name() + ": add it (ALTER TABLE " + name
                        + " ADD COLUMN " + column.name() + " " + type(column) + "), or drop the table so that the "
                        + "sink creates it");
            }
            String type = found.value(row, "type");
            if (column.type() == ColumnType.DECIMAL && (type == null || !type.startsWith("DECIMAL"))) {
                throw mismatch(name, "has column " + column.name() + " of type " + type + ", which would not keep "
                        + "decimals exact: it must be " + type(column) + "; drop or rename the table, or set "
                        + settings.key("table-prefix") + " to write new tables");
            }
            if (column.name().equals("received_at") && !"true".equals(found.value(row, "designated"))) {
                throw mismatch(name, "does not have received_at as its designated timestamp: drop or rename the "
                        + "table, or set " + settings.key("table-prefix") + " to write new tables");
            }
            if (KEYS.contains(column.name()) && !"true".equals(found.value(row, "upsertKey"))) {
                throw mismatch(name, "does not deduplicate on (received_at, run_id, seq), so a batch written "
                        + "again would be stored twice: run ALTER TABLE " + name + " DEDUP ENABLE UPSERT KEYS("
                        + String.join(", ", KEYS) + ") (a WAL table is needed)");
            }
        }
    }

    private IOException mismatch(String table, String what) {
        return new IOException("QuestDB at " + settings.shownUrl() + ": table " + table + " " + what);
    }

    private static int rowOf(QuestDbSql.Result found, String column) {
        for (int row = 0; row < found.rows().size(); row++) {
            if (column.equals(found.value(row, "column"))) {
                return row;
            }
        }
        return -1;
    }

    private static String quoted(String identifier) {
        return '"' + identifier + '"';
    }
}
