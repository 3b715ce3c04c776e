package io.marketfeed.sink;

import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.model.Trade;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The relational layout every table-based sink writes (SQLite, PostgreSQL, QuestDB): one table per event kind,
 * each starting with the {@link #COMMON} columns, and how an event becomes a row. A store maps the
 * {@link ColumnType}s to its own types; decimals must stay exact (text or an exact numeric type, never a
 * floating-point one).
 *
 * <p>Stateless; shared by every thread.
 */
public final class EventTables {

    /** The kind of a column's values, as {@link #values} gives them. */
    public enum ColumnType {
        /** A {@link String}. */
        TEXT,
        /** A {@link BigDecimal}, exact. */
        DECIMAL,
        /** An {@link java.time.Instant}. */
        TIME,
        /** A {@link Long}. */
        INTEGER,
        /** A {@link String} holding JSON (book levels, gap symbols, status details). */
        JSON
    }

    /** A column; {@code name} is lower-case snake case, a valid identifier everywhere. */
    public record Column(String name, ColumnType type) {
    }

    /**
     * A table.
     *
     * @param name the table's name
     * @param eventType the {@link MarketEvent#type()} whose events it holds
     * @param columns the columns after {@link #COMMON}, in the order {@link #values} fills them
     */
    public record Table(String name, String eventType, List<Column> columns) {

        /** {@link #COMMON} and then {@link #columns()}: every column, in the order a table is created with. */
        public List<Column> allColumns() {
            List<Column> all = new ArrayList<>(COMMON);
            all.addAll(columns);
            return List.copyOf(all);
        }
    }

    /**
     * The columns every table starts with: {@code run_id} and {@code seq} (the event's id, see
     * {@link EventBatch}; unique together), the provider and the local receive time.
     */
    public static final List<Column> COMMON = List.of(column("run_id", ColumnType.INTEGER),
            column("seq", ColumnType.INTEGER), column("provider", ColumnType.TEXT),
            column("received_at", ColumnType.TIME));

    public static final Table QUOTES = new Table("quotes", "quote", quoteColumns());
    public static final Table TRADES = new Table("trades", "trade", List.of(column("symbol", ColumnType.TEXT),
            column("price", ColumnType.DECIMAL), column("size", ColumnType.DECIMAL),
            column("value", ColumnType.DECIMAL), column("side", ColumnType.TEXT), column("trade_id", ColumnType.TEXT),
            column("time", ColumnType.TIME)));
    public static final Table CANDLES = new Table("candles", "candle", List.of(column("symbol", ColumnType.TEXT),
            column("interval_seconds", ColumnType.INTEGER), column("open_time", ColumnType.TIME),
            column("open", ColumnType.DECIMAL), column("high", ColumnType.DECIMAL), column("low", ColumnType.DECIMAL),
            column("close", ColumnType.DECIMAL), column("volume", ColumnType.DECIMAL)));
    public static final Table BOOKS = new Table("books", "book", List.of(column("symbol", ColumnType.TEXT),
            column("bids", ColumnType.JSON), column("asks", ColumnType.JSON), column("time", ColumnType.TIME)));
    public static final Table MARKET_STATUS = new Table("market_status", "market",
            List.of(column("market", ColumnType.TEXT), column("status", ColumnType.TEXT),
                    column("message", ColumnType.TEXT), column("time", ColumnType.TIME)));
    public static final Table ALERTS = new Table("alerts", "alert", List.of(column("symbol", ColumnType.TEXT),
            column("kind", ColumnType.TEXT), column("message", ColumnType.TEXT), column("time", ColumnType.TIME)));
    public static final Table GAPS = new Table("gaps", "gap", List.of(column("connection", ColumnType.TEXT),
            column("symbols", ColumnType.JSON), column("from_time", ColumnType.TIME),
            column("to_time", ColumnType.TIME), column("reason", ColumnType.TEXT)));
    public static final Table CONNECTION_EVENTS = new Table("connection_events", "connection",
            List.of(column("connection", ColumnType.TEXT), column("state", ColumnType.TEXT),
                    column("reason", ColumnType.TEXT), column("attempt", ColumnType.INTEGER),
                    column("next_attempt_ms", ColumnType.INTEGER)));
    public static final Table STATUS_EVENTS = new Table("status_events", "status",
            List.of(column("kind", ColumnType.TEXT), column("message", ColumnType.TEXT),
                    column("details", ColumnType.JSON)));

    /** Every table, in a fixed order. */
    public static final List<Table> ALL = List.of(QUOTES, TRADES, CANDLES, BOOKS, MARKET_STATUS, ALERTS, GAPS,
            CONNECTION_EVENTS, STATUS_EVENTS);

    /**
     * The table kept by upsert with the latest value of every quote field per {@code (provider, symbol)}: a
     * quote that lacks a field keeps the one before. Columns: {@code provider}, then {@link #QUOTES}' columns
     * (its first is {@code symbol}), then {@code received_at}.
     */
    public static final String LATEST_QUOTE = "latest_quote";

    private EventTables() {
    }

    /** The table {@code event} goes to. */
    public static Table tableOf(MarketEvent event) {
        if (event instanceof Quote) {
            return QUOTES;
        } else if (event instanceof Trade) {
            return TRADES;
        } else if (event instanceof Candle) {
            return CANDLES;
        } else if (event instanceof BookSnapshot) {
            return BOOKS;
        } else if (event instanceof MarketStatus) {
            return MARKET_STATUS;
        } else if (event instanceof Alert) {
            return ALERTS;
        } else if (event instanceof GapEvent) {
            return GAPS;
        } else if (event instanceof ConnectionEvent) {
            return CONNECTION_EVENTS;
        } else if (event instanceof StatusEvent) {
            return STATUS_EVENTS;
        }
        throw new IllegalArgumentException("no table for " + event.getClass().getName());
    }

    /**
     * Fills {@code row} (at least as long as the table's {@link Table#columns()}) with the values of
     * {@code event}'s table-specific columns, {@code null} where absent, typed as {@link ColumnType} says.
     */
    public static void values(MarketEvent event, Object[] row) {
        if (event instanceof Quote) {
            Quote quote = (Quote) event;
            row[0] = quote.symbol();
            Quote.Field[] fields = Quote.Field.values();
            for (int i = 0; i < fields.length; i++) {
                row[1 + i] = quote.hasDecimal(i) ? quote.decimal(i) : null;
            }
            row[1 + fields.length] = quote.time();
        } else if (event instanceof Trade) {
            Trade trade = (Trade) event;
            fill(row, trade.symbol(), trade.price(), trade.size(), trade.value(),
                    trade.side() == Side.UNKNOWN ? null : trade.side().name().toLowerCase(Locale.ROOT),
                    trade.tradeId(), trade.time());
        } else if (event instanceof Candle) {
            Candle candle = (Candle) event;
            fill(row, candle.symbol(), candle.interval().getSeconds(), candle.openTime(), candle.open(),
                    candle.high(), candle.low(), candle.close(), candle.volume());
        } else if (event instanceof BookSnapshot) {
            BookSnapshot book = (BookSnapshot) event;
            fill(row, book.symbol(), levels(book.bids()), levels(book.asks()), book.time());
        } else if (event instanceof MarketStatus) {
            MarketStatus status = (MarketStatus) event;
            fill(row, status.market(), status.status(), status.message(), status.time());
        } else if (event instanceof Alert) {
            Alert alert = (Alert) event;
            fill(row, alert.symbol(), alert.kind(), alert.message(), alert.time());
        } else if (event instanceof GapEvent) {
            GapEvent gap = (GapEvent) event;
            fill(row, gap.connection(), strings(gap.symbols()), gap.from(), gap.to(), gap.reason());
        } else if (event instanceof ConnectionEvent) {
            ConnectionEvent connection = (ConnectionEvent) event;
            fill(row, connection.connection(), connection.state().label(), connection.reason(),
                    (long) connection.attempt(),
                    connection.nextAttemptIn() == null ? null : connection.nextAttemptIn().toMillis());
        } else if (event instanceof StatusEvent) {
            StatusEvent status = (StatusEvent) event;
            fill(row, status.kind(), status.message(), details(status.details()));
        } else {
            throw new IllegalArgumentException("no table for " + event.getClass().getName());
        }
    }

    private static List<Column> quoteColumns() {
        Quote.Field[] fields = Quote.Field.values();
        Column[] columns = new Column[fields.length + 2];
        columns[0] = column("symbol", ColumnType.TEXT);
        for (int i = 0; i < fields.length; i++) {
            columns[1 + i] = column(snakeCase(fields[i].accessor()), ColumnType.DECIMAL);
        }
        columns[columns.length - 1] = column("time", ColumnType.TIME);
        return List.of(columns);
    }

    static String snakeCase(String camel) {
        StringBuilder name = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                name.append('_').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static Column column(String name, ColumnType type) {
        return new Column(name, type);
    }

    private static void fill(Object[] row, Object... values) {
        System.arraycopy(values, 0, row, 0, values.length);
    }

    /** Book levels as a JSON array: {@code [{"price":651.12,"size":100,"orders":3}]}, decimals exact. */
    static String levels(List<BookLevel> levels) {
        StringBuilder json = new StringBuilder(16 + levels.size() * 40).append('[');
        for (int i = 0; i < levels.size(); i++) {
            BookLevel level = levels.get(i);
            json.append(i == 0 ? "{" : ",{").append("\"price\":").append(plain(level.price()))
                    .append(",\"size\":").append(plain(level.size()));
            if (level.orders() != null) {
                json.append(",\"orders\":").append(level.orders());
            }
            json.append('}');
        }
        return json.append(']').toString();
    }

    private static String strings(List<String> values) {
        StringBuilder json = new StringBuilder().append('[');
        for (int i = 0; i < values.size(); i++) {
            json.append(i == 0 ? "" : ",");
            quoted(json, values.get(i));
        }
        return json.append(']').toString();
    }

    private static String details(Map<String, String> details) {
        StringBuilder json = new StringBuilder().append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : new TreeMap<>(details).entrySet()) {
            json.append(first ? "" : ",");
            first = false;
            quoted(json, entry.getKey());
            json.append(':');
            quoted(json, entry.getValue());
        }
        return json.append('}').toString();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "null" : value.toPlainString();
    }

    private static void quoted(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
