package io.marketfeed.sink.questdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.SinkFixtures;
import io.marketfeed.sink.EventTables;
import io.marketfeed.sink.EventTables.Column;
import io.marketfeed.sink.EventTables.Table;
import io.marketfeed.sink.SampleEvents;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link QuestDbSink} against a real QuestDB: exact values, idempotent writes, refused values, the table check. */
class TestQuestDbSink {

    @RegisterExtension
    static final QuestDbServer questdb = new QuestDbServer();

    @Test
    void everyKindOfEventRoundTripsWithExactValues() throws Exception {
        List<MarketEvent> events = SampleEvents.everyKind();
        writeAll("table-prefix = rt_", new EventBatch(1_700_000_000_000L, 41, events));
        questdb.awaitApplied();

        for (int i = 0; i < events.size(); i++) {
            assertRowEquals(questdb, "rt_", 1_700_000_000_000L, 41 + i, events.get(i));
        }
        // The same, spelled out for values a careless store changes: digits beyond a double, magnitudes, nanos.
        String[][] spelledOut = {
            {"quotes.price", "41", "27.85000000000000000000000000000000000000"},
            {"quotes.change_percent", "41", "-0.53571428571428571428570000000000000000"},
            {"quotes.volume", "41", "12345678901234567890.00000000000000000000000000000000000000"},
            {"trades.price", "43", "98765.43210987650000000000000000000000000000"},
            {"trades.size", "43", "0.00000001000000000000000000000000000000"},
            {"trades.price", "44", "1000.00000000000000000000000000000000000000"},
            {"quotes.received_at", "41", "2026-12-04T14:30:00.124456789Z"},
            {"quotes.time", "41", "2026-12-04T14:30:00.123456789Z"},
        };
        for (String[] check : spelledOut) {
            String[] tableAndColumn = check[0].split("\\.");
            assertEquals(check[2], questdb.value("SELECT " + tableAndColumn[1] + " FROM rt_" + tableAndColumn[0]
                    + " WHERE seq = " + check[1]), check[0]);
        }
        assertEquals("[{\"price\":3500.12,\"size\":1.5,\"orders\":3},{\"price\":3500.1,\"size\":0.25}]",
                questdb.value("SELECT bids FROM rt_books"));
        assertEquals("Market opened\nline two", questdb.value("SELECT message FROM rt_market_status"));
        assertEquals("Volume \u00d73 \u2014 \"unusual\"", questdb.value("SELECT message FROM rt_alerts"));
        assertEquals("t-1\"x", questdb.value("SELECT trade_id FROM rt_trades WHERE seq = 43"));
        assertNull(questdb.value("SELECT side FROM rt_trades WHERE seq = 44"));
        assertNull(questdb.value("SELECT value FROM rt_trades WHERE seq = 43"));
        // Sums are exact too: a DECIMAL column, not a DOUBLE one.
        assertEquals("98765.43210988650000000000000000000000000000", questdb.value("SELECT sum(price + size) "
                + "FROM rt_trades WHERE seq = 43"));
        for (Table table : EventTables.ALL) {
            QuestDbSql.Result columns = questdb.sql("table_columns('rt_" + table.name() + "')");
            for (int row = 0; row < columns.rows().size(); row++) {
                String name = columns.value(row, "column");
                String type = columns.value(row, "type");
                Column column = table.allColumns().stream().filter(c -> c.name().equals(name))
                        .findFirst().orElseThrow(() -> new AssertionError("unexpected column " + name));
                String expected = column.type() == EventTables.ColumnType.DECIMAL ? "DECIMAL(76,38)"
                        : column.type() == EventTables.ColumnType.TIME ? "TIMESTAMP_NS" : type;
                assertEquals(expected, type, table.name() + "." + name);
            }
        }
    }

    @Test
    void aBatchWrittenTwiceIsStoredOnce() throws Exception {
        List<MarketEvent> events = SampleEvents.stream(1_000);
        writeAll("table-prefix = twice_",
                new EventBatch(7, 0, events.subList(0, 600)),
                new EventBatch(7, 0, events.subList(0, 600)),
                // Overlapping: 500..599 again, 600..999 new.
                new EventBatch(7, 500, events.subList(500, 1_000)),
                // Another run may reuse sequence numbers.
                new EventBatch(8, 0, events.subList(0, 10)));
        // Written again by a sink opened anew, as the writer does after a failure.
        writeAll("table-prefix = twice_", new EventBatch(7, 0, events.subList(0, 600)));
        questdb.awaitApplied();

        assertEquals(1010, questdb.quotesAndTrades("twice_"));
        assertEquals("1000", questdb.value("SELECT count_distinct(seq) FROM (SELECT seq FROM twice_quotes WHERE "
                + "run_id = 7 UNION ALL SELECT seq FROM twice_trades WHERE run_id = 7)"));
        for (int i : new int[] {0, 4, 599, 600, 999}) {
            assertRowEquals(questdb, "twice_", 7, i, events.get(i));
        }
    }

    @Test
    void aDecimalTooLongForItsColumnFailsTheBatchInsteadOfBeingRounded() throws Exception {
        Instant t = SampleEvents.T0;
        BigDecimal tooLong = new BigDecimal("1." + "1".repeat(39));
        EventBatch batch = new EventBatch(3, 0, List.of(
                new Trade("p", "OK", new BigDecimal("2.5"), BigDecimal.ONE, null, Side.BUY, null, t, t),
                new Trade("p", "LONG", tooLong, BigDecimal.ONE, null, Side.BUY, null, t, t.plusNanos(1))));
        QuestDbSink sink = questdb.sink("table-prefix = long_");
        sink.open();
        try {
            IOException refused = assertThrows(IOException.class, () -> sink.write(batch));
            String message = refused.getMessage();
            assertTrue(message.startsWith("QuestDB at http://127.0.0.1:" + questdb.httpPort() + " refused the "
                    + "batch: "), message);
            assertTrue(message.contains("column: price") && message.contains("loss of precision"), message);
            assertTrue(!message.contains("\n") && !message.contains("\\n"), message);
            // The sink stays usable: the next batch goes through.
            sink.write(new EventBatch(3, 2, List.of(batch.event(0))));
        } finally {
            sink.close();
        }
        questdb.awaitApplied();
        // The refused request was all or nothing for its table: the valid trade beside the long one is not there.
        assertEquals("1", questdb.value("SELECT count() FROM long_trades"));
        assertEquals("2", questdb.value("SELECT seq FROM long_trades"));
    }

    @Test
    void anExistingTableThatWouldChangeValuesOrStoreThemTwiceIsRefused() throws Exception {
        questdb.sql("CREATE TABLE lossy_trades (run_id LONG, seq LONG, provider SYMBOL, received_at TIMESTAMP_NS, "
                + "symbol SYMBOL, price DOUBLE, size DECIMAL(76, 38), value DECIMAL(76, 38), side SYMBOL, "
                + "trade_id VARCHAR, time TIMESTAMP_NS) TIMESTAMP(received_at) PARTITION BY DAY WAL "
                + "DEDUP UPSERT KEYS(received_at, run_id, seq)");
        IOException lossy = assertThrows(IOException.class, () -> questdb.sink("table-prefix = lossy_").open());
        assertEquals("QuestDB at http://127.0.0.1:" + questdb.httpPort() + ": table lossy_trades has column price "
                + "of type DOUBLE, which would not keep decimals exact: it must be DECIMAL(76, 38); drop or rename the "
                + "table, or set sink.table-prefix to write new tables", lossy.getMessage());

        questdb.sql("CREATE TABLE plain_alerts (run_id LONG, seq LONG, provider SYMBOL, received_at TIMESTAMP_NS, "
                + "symbol SYMBOL, kind SYMBOL, message VARCHAR, time TIMESTAMP_NS) TIMESTAMP(received_at) "
                + "PARTITION BY DAY WAL");
        IOException duplicating = assertThrows(IOException.class,
                () -> questdb.sink("table-prefix = plain_").open());
        assertEquals("QuestDB at http://127.0.0.1:" + questdb.httpPort() + ": table plain_alerts does not "
                + "deduplicate on (received_at, run_id, seq), so a batch written again would be stored twice: run "
                + "ALTER TABLE plain_alerts DEDUP ENABLE UPSERT KEYS(received_at, run_id, seq) (a WAL table is "
                + "needed)", duplicating.getMessage());

        // Doing what the message says is enough.
        questdb.sql("ALTER TABLE plain_alerts DEDUP ENABLE UPSERT KEYS(received_at, run_id, seq)");
        questdb.awaitApplied();
        writeAll("table-prefix = plain_", new EventBatch(1, 0, SampleEvents.everyKind()),
                new EventBatch(1, 0, SampleEvents.everyKind()));
        questdb.awaitApplied();
        assertEquals("1", questdb.value("SELECT count() FROM plain_alerts"));
    }

    /** Opens a sink with {@code extra} settings, writes the batches and closes it. */
    private static void writeAll(String extra, EventBatch... batches) throws Exception {
        SinkFixtures.writeAll(questdb.sink(extra), batches);
    }

    /**
     * Reads back from {@code server} the row of {@code (runId, seq)} and compares every column with what {@link EventTables#values}
     * gives for {@code event}: decimals digit for digit at the column's scale, times to the nanosecond.
     */
    static void assertRowEquals(QuestDbServer server, String prefix, long runId, long seq, MarketEvent event)
            throws IOException {
        Table table = EventTables.tableOf(event);
        QuestDbSql.Result found = server.sql("SELECT * FROM " + prefix + table.name() + " WHERE run_id = "
                + runId + " AND seq = " + seq);
        assertEquals(1, found.rows().size(), table.name() + " " + runId + "/" + seq + ": " + found.rows());
        assertEquals(event.provider(), found.value(0, "provider"));
        assertEquals(event.receivedAt(), Instant.parse(found.value(0, "received_at")));
        Object[] expected = new Object[table.columns().size()];
        EventTables.values(event, expected);
        for (int i = 0; i < expected.length; i++) {
            Column column = table.columns().get(i);
            String stored = found.value(0, column.name());
            String where = table.name() + "." + column.name() + " of seq " + seq;
            if (expected[i] == null) {
                assertNull(stored, where);
                continue;
            }
            switch (column.type()) {
                case DECIMAL:
                    // setScale throws rather than rounds: the expected value itself must fit the column.
                    assertEquals(((BigDecimal) expected[i]).setScale(QuestDbSchema.DECIMAL_SCALE).toPlainString(),
                            stored, where);
                    break;
                case TIME:
                    assertEquals(expected[i], Instant.parse(stored), where);
                    break;
                case INTEGER:
                    assertEquals(((Number) expected[i]).longValue(), Long.parseLong(stored), where);
                    break;
                default:
                    assertEquals(expected[i], stored, where);
            }
        }
    }
}
