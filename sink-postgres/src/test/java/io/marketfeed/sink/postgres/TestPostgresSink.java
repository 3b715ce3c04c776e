package io.marketfeed.sink.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.SinkFixtures;
import io.marketfeed.sink.EventTables;
import io.marketfeed.sink.EventTables.Column;
import io.marketfeed.sink.EventTables.Table;
import io.marketfeed.sink.SampleEvents;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PostgresSink} against a real PostgreSQL: exact values, idempotent writes, latest_quote, the schema. */
class TestPostgresSink {

    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    @Test
    void everyKindOfEventRoundTripsWithExactValues() throws Exception {
        List<MarketEvent> events = SampleEvents.everyKind();
        SinkFixtures.writeAll(postgres.sink("schema = roundtrip"), new EventBatch(1_700_000_000_000L, 41, events));

        try (Connection db = postgres.superuser()) {
            for (int i = 0; i < events.size(); i++) {
                assertRowEquals(db, "roundtrip", 1_700_000_000_000L, 41 + i, events.get(i));
            }
            // The same, spelled out for values a careless store changes: scale, digits beyond a double, nanos.
            assertEquals("27.850", text(db, "SELECT price FROM roundtrip.quotes WHERE seq = 41"));
            assertEquals("-0.5357142857142857142857",
                    text(db, "SELECT change_percent FROM roundtrip.quotes WHERE seq = 41"));
            assertEquals("12345678901234567890", text(db, "SELECT volume FROM roundtrip.quotes WHERE seq = 41"));
            assertEquals("0.00000001", text(db, "SELECT size FROM roundtrip.trades WHERE seq = 43"));
            assertEquals("80.50", text(db, "SELECT close FROM roundtrip.candles WHERE seq = 45"));
            assertEquals("2026-12-04T14:30:00.124456Z",
                    text(db, "SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') "
                            + "FROM roundtrip.quotes WHERE seq = 41"));
            assertEquals("[{\"size\": 1.5, \"price\": 3500.12, \"orders\": 3}, {\"size\": 0.25, \"price\": 3500.1}]",
                    text(db, "SELECT bids::text FROM roundtrip.books"));
            assertEquals("3500.12", text(db, "SELECT bids->0->>'price' FROM roundtrip.books"));
            assertEquals("Market opened\nline two", text(db, "SELECT message FROM roundtrip.market_status"));
            assertEquals("Volume \u00d73 \u2014 \"unusual\"", text(db, "SELECT message FROM roundtrip.alerts"));
            assertEquals("t-1\"x", text(db, "SELECT trade_id FROM roundtrip.trades WHERE seq = 43"));
            assertNull(text(db, "SELECT side FROM roundtrip.trades WHERE seq = 44"));
            assertEquals("3", text(db, "SELECT details->>'dropped' FROM roundtrip.status_events"));
            assertEquals("numeric", text(db, "SELECT data_type FROM information_schema.columns "
                    + "WHERE table_schema = 'roundtrip' AND table_name = 'trades' AND column_name = 'price'"));
        }
    }

    @Test
    void aBatchWrittenTwiceIsStoredOnce() throws Exception {
        List<MarketEvent> events = SampleEvents.stream(1_000);
        SinkFixtures.writeAll(postgres.sink("schema = twice"), new EventBatch(7, 0, events.subList(0, 600)),
                new EventBatch(7, 0, events.subList(0, 600)),
                // Overlapping: 500..599 again, 600..999 new.
                new EventBatch(7, 500, events.subList(500, 1_000)),
                // Another run may reuse sequence numbers.
                new EventBatch(8, 0, events.subList(0, 10)));
        try (Connection db = postgres.superuser()) {
            assertEquals("1010", text(db, "SELECT (SELECT count(*) FROM twice.quotes) + (SELECT count(*) FROM "
                    + "twice.trades)"));
            assertEquals("1000", text(db, "SELECT count(DISTINCT seq) FROM (SELECT seq FROM twice.quotes WHERE "
                    + "run_id = 7 UNION ALL SELECT seq FROM twice.trades WHERE run_id = 7) s"));
            for (int i : new int[] {0, 4, 599, 600, 999}) {
                assertRowEquals(db, "twice", 7, i, events.get(i));
            }
        }
    }

    @Test
    void latestQuoteMergesPartialQuotesAndTheLaterQuoteOfABatchWins() throws Exception {
        Instant t = SampleEvents.T0;
        SinkFixtures.writeAll(postgres.sink("schema = latest"), new EventBatch(1, 0, List.of(
                Quote.builder("p", "AAA", t).price(dec("1.10")).bid(dec("1.00")).volume(dec("5")).time(t).build())),
                new EventBatch(1, 1, List.of(
                        Quote.builder("p", "AAA", t.plusSeconds(1)).price(dec("1.20")).build(),
                        Quote.builder("p", "BBB", t.plusSeconds(1)).ask(dec("9.000")).build(),
                        Quote.builder("p", "AAA", t.plusSeconds(2)).ask(dec("1.30")).build(),
                        Quote.builder("q", "AAA", t.plusSeconds(2)).price(dec("7")).build(),
                        Quote.builder("p", "AAA", t.plusSeconds(3)).price(dec("1.250")).time(t.plusSeconds(3))
                                .build())),
                // A quote alone in its batch still only overwrites the fields it has.
                new EventBatch(1, 6, List.of(Quote.builder("p", "AAA", t.plusSeconds(4)).bid(dec("1.01")).build())));
        try (Connection db = postgres.superuser()) {
            assertEquals("1.250|1.01|1.30|5|" + (t.getEpochSecond() + 3) + "|" + (t.getEpochSecond() + 4),
                    text(db, "SELECT concat_ws('|', price, bid, ask, volume, extract(epoch FROM time)::bigint, "
                            + "extract(epoch FROM received_at)::bigint) FROM latest.latest_quote "
                            + "WHERE provider = 'p' AND symbol = 'AAA'"));
            assertEquals("9.000", text(db, "SELECT ask FROM latest.latest_quote WHERE symbol = 'BBB'"));
            assertNull(text(db, "SELECT price FROM latest.latest_quote WHERE symbol = 'BBB'"));
            assertEquals("7", text(db, "SELECT price FROM latest.latest_quote WHERE provider = 'q'"));
            assertEquals("3", text(db, "SELECT count(*) FROM latest.latest_quote"));
            assertEquals("7", text(db, "SELECT count(*) FROM latest.quotes"));
        }
    }

    @Test
    void nulCharactersBecomeReplacementCharactersInsteadOfFailingTheBatchForever() throws Exception {
        SinkFixtures.writeAll(postgres.sink("schema = nul"), new EventBatch(1, 0, List.of(new StatusEvent("p\0x",
                "kind", "a\0b", Map.of("k\0", "v\0w"), SampleEvents.T0))));
        try (Connection db = postgres.superuser()) {
            assertEquals("p\uFFFDx|a\uFFFDb|v\uFFFDw", text(db,
                    "SELECT concat_ws('|', provider, message, details->>'k\uFFFD') FROM nul.status_events"));
        }
        assertEquals("{\"a\\\\u0000\":\"\\ufffd\"}", RowBinder.jsonWithoutNul("{\"a\\\\u0000\":\"\\u0000\"}"));
    }

    @Test
    void withoutCreateSchemaMissingTablesAreReportedAndExistingOnesUsed() throws Exception {
        PostgresSink strict = postgres.sink("schema = prepared\ncreate-schema = false");
        SQLException missing = assertThrows(SQLException.class, strict::open);
        assertEquals("PostgreSQL at " + postgres.url() + " has no schema \"prepared\" and sink.create-schema is "
                + "false: set it to true, or open the sink once with it true as a user who may create tables",
                missing.getMessage());

        PostgresSink creating = postgres.sink("schema = prepared");
        creating.open();
        creating.close();
        try (Connection db = postgres.superuser(); Statement sql = db.createStatement()) {
            sql.execute("DROP TABLE prepared.alerts");
        }
        SQLException missingTable = assertThrows(SQLException.class, strict::open);
        assertTrue(missingTable.getMessage().contains("has no table \"prepared\".alerts and sink.create-schema is "
                + "false"), missingTable.getMessage());

        creating.open();
        creating.close();
        SinkFixtures.writeAll(strict, new EventBatch(1, 0, SampleEvents.everyKind()));
        try (Connection db = postgres.superuser()) {
            assertEquals("1", text(db, "SELECT count(*) FROM prepared.alerts"));
        }
    }

    @Test
    void aTableThatWouldChangeValuesIsRefusedWithTheColumnNamed() throws Exception {
        try (Connection db = postgres.superuser(); Statement sql = db.createStatement()) {
            sql.execute("CREATE SCHEMA lossy AUTHORIZATION " + PostgresServer.USER);
            sql.execute("CREATE TABLE lossy.trades (run_id bigint, seq bigint, provider text, received_at "
                    + "timestamptz, symbol text, price double precision, size numeric, value numeric, side text, "
                    + "trade_id text, time timestamptz, PRIMARY KEY (run_id, seq))");
            sql.execute("CREATE TABLE lossy.candles (run_id bigint, seq bigint, provider text, received_at "
                    + "timestamptz, symbol text, PRIMARY KEY (run_id, seq))");
            sql.execute("ALTER TABLE lossy.trades OWNER TO " + PostgresServer.USER);
        }
        PostgresSink sink = postgres.sink("schema = lossy");
        SQLException wrongType = assertThrows(SQLException.class, sink::open);
        assertEquals("PostgreSQL at " + postgres.url() + " column \"lossy\".trades.price is double precision, which "
                + "would change the values: make it numeric without precision or scale, or use a new schema "
                + "(sink.schema)", wrongType.getMessage());

        try (Connection db = postgres.superuser(); Statement sql = db.createStatement()) {
            sql.execute("ALTER TABLE lossy.trades ALTER COLUMN price TYPE numeric(12,2)");
        }
        assertTrue(assertThrows(SQLException.class, sink::open).getMessage().contains("price is numeric(12,2)"));

        try (Connection db = postgres.superuser(); Statement sql = db.createStatement()) {
            sql.execute("ALTER TABLE lossy.trades ALTER COLUMN price TYPE numeric");
        }
        SQLException lacking = assertThrows(SQLException.class, sink::open);
        assertTrue(lacking.getMessage().contains("table \"lossy\".candles lacks the column(s) interval_seconds, "
                + "open_time, open, high, low, close, volume: add them"), lacking.getMessage());

        try (Connection db = postgres.superuser(); Statement sql = db.createStatement()) {
            sql.execute("ALTER TABLE lossy.candles ADD interval_seconds bigint, ADD open_time timestamptz, "
                    + "ADD open numeric, ADD high numeric, ADD low numeric, ADD close numeric, ADD volume numeric");
        }
        assertEquals("PostgreSQL at " + postgres.url() + " does not let user 'marketfeed' write table "
                + "\"lossy\".candles: GRANT SELECT, INSERT ON \"lossy\".candles TO marketfeed, or fix sink.user",
                assertThrows(SQLException.class, sink::open).getMessage());

        try (Connection db = postgres.superuser(); Statement sql = db.createStatement()) {
            sql.execute("GRANT INSERT ON lossy.candles TO " + PostgresServer.USER);
        }
        assertThrows(SQLException.class, sink::open);
        try (Connection db = postgres.superuser(); Statement sql = db.createStatement()) {
            sql.execute("GRANT SELECT ON lossy.candles TO " + PostgresServer.USER);
        }
        SinkFixtures.writeAll(sink, new EventBatch(1, 0, SampleEvents.everyKind()));
        try (Connection db = postgres.superuser()) {
            assertRowEquals(db, "lossy", 1, 4, SampleEvents.everyKind().get(4));
        }
    }

    @Test
    void aSchemaNameIsUsedAsWritten() throws Exception {
        SinkFixtures.writeAll(postgres.sink("schema = \"Market \\\"Data\\\"\""),
                new EventBatch(1, 0, SampleEvents.stream(3)));
        try (Connection db = postgres.superuser()) {
            assertEquals("3", text(db, "SELECT count(*) FROM \"Market \"\"Data\"\"\".quotes"));
        }
    }

    @Test
    void aFailedBatchLeavesNothingBehind() throws Exception {
        PostgresSink sink = postgres.sink("schema = atomic");
        sink.open();
        try (Connection db = postgres.superuser(); Statement sql = db.createStatement()) {
            // A constraint the sink does not know about makes the trade of the batch fail after its quote went in.
            sql.execute("ALTER TABLE atomic.trades ADD CHECK (symbol <> 'BAD')");
            List<MarketEvent> events = new ArrayList<>(SampleEvents.stream(4));
            events.add(new io.marketfeed.api.model.Trade("p", "BAD", dec("1"), dec("1"), null,
                    io.marketfeed.api.model.Side.BUY, null, null, SampleEvents.T0));
            SQLException refused = assertThrows(SQLException.class, () -> sink.write(new EventBatch(1, 0, events)));
            assertTrue(refused.getMessage().startsWith("PostgreSQL at " + postgres.url() + " refused a write: new row "
                    + "for relation \"trades\" violates check constraint"), refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"));
            assertEquals("0", text(db, "SELECT count(*) FROM atomic.quotes"));
            assertEquals("0", text(db, "SELECT count(*) FROM atomic.latest_quote"));
        } finally {
            sink.close();
        }
    }

    /** Checks the stored row of {@code event} column by column against what {@link EventTables#values} gives. */
    private static void assertRowEquals(Connection db, String schema, long runId, long seq, MarketEvent event)
            throws SQLException {
        Table table = EventTables.tableOf(event);
        Object[] expected = new Object[table.columns().size()];
        EventTables.values(event, expected);
        try (PreparedStatement query = db.prepareStatement("SELECT * FROM " + schema + "." + table.name()
                + " WHERE run_id = ? AND seq = ?")) {
            query.setLong(1, runId);
            query.setLong(2, seq);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), table.name() + " has no row " + runId + "/" + seq);
                assertEquals(event.provider(), row.getString("provider"));
                assertEquals(event.receivedAt().truncatedTo(ChronoUnit.MICROS), instant(row, "received_at"));
                for (int i = 0; i < table.columns().size(); i++) {
                    Column column = table.columns().get(i);
                    String what = table.name() + "." + column.name() + " of " + seq;
                    Object value = expected[i];
                    switch (column.type()) {
                        case DECIMAL:
                            BigDecimal stored = row.getBigDecimal(column.name());
                            assertEquals(value == null ? null : ((BigDecimal) value).toPlainString(),
                                    stored == null ? null : stored.toPlainString(), what);
                            break;
                        case TIME:
                            assertEquals(value == null ? null : ((Instant) value).truncatedTo(ChronoUnit.MICROS),
                                    instant(row, column.name()), what);
                            break;
                        case INTEGER:
                            assertEquals(value == null ? null : ((Number) value).longValue(),
                                    row.getObject(column.name()), what);
                            break;
                        case JSON:
                            assertEquals(value == null ? null : text(db, "SELECT '" + ((String) value)
                                    .replace("'", "''") + "'::jsonb::text"), row.getString(column.name()), what);
                            break;
                        default:
                            assertEquals(value, row.getString(column.name()), what);
                    }
                }
            }
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static String text(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql);
            return rows.getString(1);
        }
    }

    private static BigDecimal dec(String text) {
        return new BigDecimal(text);
    }
}
