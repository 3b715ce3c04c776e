package io.marketfeed.sink.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.EventTables;
import io.marketfeed.sink.HoconSinkConfig;
import io.marketfeed.sink.SampleEvents;
import io.marketfeed.sink.Sink;
import io.marketfeed.sink.SinkConfigException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite sink on a real database file: exact values, one row per event id, latest quotes merged. */
class SqliteSinkTest {

    @TempDir
    Path dir;

    @Test
    void everyKindIsStoredWithItsExactValuesAndReadableTypes() throws Exception {
        Path file = dir.resolve("m.db");
        Sink sink = sink("{type = sqlite, path = \"" + file + "\"}");
        List<MarketEvent> events = SampleEvents.everyKind();
        sink.open();
        sink.write(new EventBatch(7, 0, events));
        sink.close();

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = db.createStatement()) {
            for (int i = 0; i < events.size(); i++) {
                MarketEvent event = events.get(i);
                EventTables.Table table = EventTables.tableOf(event);
                Object[] expected = new Object[16];
                EventTables.values(event, expected);
                try (ResultSet row = sql.executeQuery("SELECT * FROM " + table.name() + " WHERE run_id = 7 AND seq = "
                        + i)) {
                    assertTrue(row.next(), "row " + i + " of " + table.name());
                    assertEquals(event.provider(), row.getString("provider"));
                    assertEquals(event.receivedAt().toString(), row.getString("received_at"));
                    for (int c = 0; c < table.columns().size(); c++) {
                        EventTables.Column column = table.columns().get(c);
                        Object value = expected[c];
                        String text = value == null ? null : value instanceof BigDecimal
                                ? ((BigDecimal) value).toPlainString() : value.toString();
                        assertEquals(text, row.getString(column.name()), table.name() + "." + column.name());
                        if (value != null && column.type() == EventTables.ColumnType.DECIMAL) {
                            // Stored as text, not turned into a double by a numeric affinity.
                            assertEquals("text", typeOf(db, table.name(), column.name(), i));
                        }
                    }
                }
            }
            try (ResultSet row = sql.executeQuery("SELECT price, change_percent, volume FROM quotes WHERE seq = 0")) {
                row.next();
                assertEquals("27.850", row.getString(1));
                assertEquals("-0.5357142857142857142857", row.getString(2));
                assertEquals("12345678901234567890", row.getString(3));
            }
            try (ResultSet mode = sql.executeQuery("PRAGMA journal_mode")) {
                mode.next();
                assertEquals("wal", mode.getString(1));
            }
        }
    }

    @Test
    void aBatchWrittenAgainAddsNothingAndLatestQuoteKeepsFieldsAQuoteLacks() throws Exception {
        Path file = dir.resolve("m.db");
        Sink sink = sink("{type = sqlite, path = \"" + file + "\"}");
        Quote first = Quote.builder("p", "S", SampleEvents.T0).price(new BigDecimal("10.50"))
                .bid(new BigDecimal("10.40")).build();
        Quote second = Quote.builder("p", "S", SampleEvents.T0.plusSeconds(1)).bid(new BigDecimal("10.45")).build();
        Quote third = Quote.builder("p", "S", SampleEvents.T0.plusSeconds(2)).ask(new BigDecimal("10.60")).build();
        sink.open();
        sink.write(new EventBatch(1, 0, List.of(first, second)));
        sink.write(new EventBatch(1, 0, List.of(first, second))); // again, after an unknown outcome
        sink.write(new EventBatch(1, 2, List.of(third)));
        sink.close();

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = db.createStatement()) {
            try (ResultSet count = sql.executeQuery("SELECT count(*) FROM quotes")) {
                count.next();
                assertEquals(3, count.getInt(1));
            }
            try (ResultSet latest = sql.executeQuery("SELECT price, bid, ask, received_at FROM latest_quote")) {
                assertTrue(latest.next());
                assertEquals("10.50", latest.getString(1));
                assertEquals("10.45", latest.getString(2));
                assertEquals("10.60", latest.getString(3));
                assertEquals(third.receivedAt().toString(), latest.getString(4));
                assertTrue(!latest.next());
            }
        }
    }

    @Test
    void aFolderThatDoesNotExistIsNamedAndABadValueIsRefusedWithItsKey() {
        Sink sink = sink("{type = sqlite, path = \"" + dir.resolve("missing/m.db") + "\"}");
        Exception error = assertThrows(Exception.class, sink::open);
        assertTrue(error.getMessage().contains("does not exist; create it or set the sink's path"),
                error.getMessage());
        sink.close();

        SinkConfigException wrong = assertThrows(SinkConfigException.class,
                () -> sink("{type = sqlite, synchronous = sometimes}"));
        assertEquals("sink.synchronous", wrong.path());
        assertTrue(wrong.problem().contains("must be one of full, normal"), wrong.problem());
    }

    @Test
    void openAfterAFailureWorksOnTheSameFile() throws Exception {
        Path file = dir.resolve("m.db");
        Sink sink = sink("{type = sqlite, path = \"" + file + "\"}");
        sink.open();
        sink.write(new EventBatch(1, 0, SampleEvents.stream(10)));
        sink.close();
        sink.open(); // tables exist already
        sink.write(new EventBatch(1, 10, SampleEvents.stream(10)));
        sink.close();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = db.createStatement();
                ResultSet count = sql.executeQuery("SELECT (SELECT count(*) FROM quotes) + (SELECT count(*) FROM trades)")) {
            count.next();
            assertEquals(20, count.getInt(1));
        }
    }

    private Sink sink(String hocon) {
        return new SqliteSinkFactory().create(HoconSinkConfig.parse(hocon, dir));
    }

    private static String typeOf(Connection db, String table, String column, int seq) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet type = sql.executeQuery("SELECT typeof(" + column + ") FROM " + table + " WHERE seq = " + seq)) {
            type.next();
            return type.getString(1);
        }
    }
}
