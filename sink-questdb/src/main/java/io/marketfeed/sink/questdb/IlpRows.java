package io.marketfeed.sink.questdb;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.EventTables;
import io.marketfeed.sink.EventTables.Column;
import io.marketfeed.sink.EventTables.Table;
import io.questdb.client.Sender;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts events into an ILP {@link Sender}'s buffer as rows of the {@link QuestDbSchema} tables: the symbols first
 * (ILP wants them before the other fields), then {@code run_id}, {@code seq} and the event's values, stamped with
 * its {@code received_at}. Absent values are left out, which QuestDB stores as NULL.
 *
 * <p>Decimals go as ILP protocol 3 decimal fields in their exact plain digits ({@code 1000} for {@code 1E+3});
 * QuestDB refuses (rather than rounds) a value its column cannot hold exactly. Times go with their nanoseconds.
 *
 * <p>Used by one writer thread (it reuses one row array).
 */
final class IlpRows {

    /** A table as the rows need it: its QuestDB name, its columns and which of them are symbols. */
    private static final class Layout {
        final String name;
        final List<Column> columns;
        final boolean[] symbol;

        Layout(String name, List<Column> columns) {
            this.name = name;
            this.columns = columns;
            this.symbol = new boolean[columns.size()];
            for (int i = 0; i < symbol.length; i++) {
                symbol[i] = QuestDbSchema.isSymbol(columns.get(i));
            }
        }
    }

    private final Map<Table, Layout> layouts = new IdentityHashMap<>();
    private final Object[] row;

    IlpRows(QuestDbSettings settings) {
        int widest = 0;
        for (Table table : EventTables.ALL) {
            layouts.put(table, new Layout(settings.tableName(table.name()), table.columns()));
            widest = Math.max(widest, table.columns().size());
        }
        this.row = new Object[widest];
    }

    /** Adds the row of {@code event}, whose id is {@code (runId, seq)}, to the sender's buffer. */
    void add(Sender sender, long runId, long seq, MarketEvent event) {
        Layout layout = layouts.get(EventTables.tableOf(event));
        EventTables.values(event, row);
        sender.table(layout.name).symbol("provider", event.provider());
        for (int i = 0; i < layout.symbol.length; i++) {
            if (layout.symbol[i] && row[i] != null) {
                sender.symbol(layout.columns.get(i).name(), (String) row[i]);
            }
        }
        sender.longColumn("run_id", runId).longColumn("seq", seq);
        for (int i = 0; i < layout.symbol.length; i++) {
            Object value = row[i];
            if (!layout.symbol[i] && value != null) {
                field(sender, layout.columns.get(i), value);
            }
            row[i] = null;
        }
        sender.at(event.receivedAt());
    }

    private static void field(Sender sender, Column column, Object value) {
        String name = column.name();
        switch (column.type()) {
            case DECIMAL:
                sender.decimalColumn(name, ((BigDecimal) value).toPlainString());
                break;
            case TIME:
                sender.timestampColumn(name, (Instant) value);
                break;
            case INTEGER:
                sender.longColumn(name, ((Number) value).longValue());
                break;
            default:
                sender.stringColumn(name, (String) value);
        }
    }
}
