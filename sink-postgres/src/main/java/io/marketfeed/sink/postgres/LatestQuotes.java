package io.marketfeed.sink.postgres;

import io.marketfeed.api.model.Quote;
import io.marketfeed.sink.EventTables.Column;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code latest_quote} rows of one batch: the batch's quotes merged per {@code (provider, symbol)} in order (a
 * later quote's fields win, a field it lacks keeps the earlier one's), then upserted one row per symbol.
 *
 * <p>Merging first is what keeps the later quote winning: the driver rewrites a batch into one multi-row
 * {@code INSERT}, and PostgreSQL refuses to update the same row twice in one statement. The rows go in key order so
 * that two writers sharing the table lock rows in the same order and cannot deadlock.
 *
 * <p>Owned by the sink's writer thread.
 */
final class LatestQuotes {

    private record Key(String provider, String symbol) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::provider).thenComparing(Key::symbol);

    private final List<Column> columns = PostgresSchema.latestQuoteColumns();
    private final int decimals;
    private final int timeIndex;
    private final int receivedIndex;
    private final Map<Key, Object[]> rows = new TreeMap<>(ORDER);

    LatestQuotes() {
        decimals = Quote.Field.values().length;
        timeIndex = 2 + decimals;
        receivedIndex = timeIndex + 1;
        if (columns.size() != receivedIndex + 1) {
            throw new IllegalStateException("latest_quote columns do not match Quote's fields: " + columns);
        }
    }

    /** Merges {@code quote} into its symbol's row. */
    void add(Quote quote) {
        Object[] row = rows.computeIfAbsent(new Key(quote.provider(), quote.symbol()), key -> {
            Object[] fresh = new Object[columns.size()];
            fresh[0] = key.provider();
            fresh[1] = key.symbol();
            return fresh;
        });
        for (int field = 0; field < decimals; field++) {
            if (quote.hasDecimal(field)) {
                row[2 + field] = quote.decimal(field);
            }
        }
        if (quote.time() != null) {
            row[timeIndex] = quote.time();
        }
        row[receivedIndex] = quote.receivedAt();
    }

    /** Upserts the merged rows with {@code upsert} ({@link PostgresSchema#upsertLatestQuote()}) and forgets them. */
    void upsert(PreparedStatement upsert) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try {
            for (Object[] row : rows.values()) {
                for (int i = 0; i < row.length; i++) {
                    RowBinder.bind(upsert, i + 1, columns.get(i).type(), row[i]);
                }
                upsert.addBatch();
            }
            upsert.executeBatch();
        } finally {
            rows.clear();
        }
    }

    /** Forgets the rows of a batch that failed. */
    void clear() {
        rows.clear();
    }
}
