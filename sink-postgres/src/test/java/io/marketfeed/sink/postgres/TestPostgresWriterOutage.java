package io.marketfeed.sink.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Trade;
import io.marketfeed.sink.HoconSinkConfig;
import io.marketfeed.sink.SampleEvents;
import io.marketfeed.sink.SinkStats;
import io.marketfeed.sink.SinkWriter;
import io.marketfeed.sink.WriterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path a collector takes when its database goes away mid-run: a {@link SinkWriter} over the PostgreSQL
 * sink, fed a steady stream, while the server is stopped for a few seconds and started again on the same data and
 * port. Nothing may be lost, repeated or reordered: what arrived during the outage waits in the disk spool and is
 * written once the server is back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestPostgresWriterOutage {

    /** 40,000 events at 5,000 events/s: 8 s of stream, the outage in the middle of it. */
    private static final int EVENTS = 40_000;
    private static final int CHUNK = 50;
    private static final long CHUNK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Small, so that the spool takes over 0.2 s into the outage instead of 2 s. */
    private static final int QUEUE_CAPACITY = 1_000;
    /** The outage lasts until this many events went through the spool: about 3 s of stream. */
    private static final int SPOOLED_DURING_OUTAGE = 15_000;
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    @TempDir
    Path dir;

    @Test
    void aServerStoppedMidRunLosesNothingAndEveryEventIsWrittenOnceInOrder() throws Exception {
        List<MarketEvent> events = SampleEvents.stream(EVENTS);
        int[] spooledSample;
        // The writer's defaults (100 events / 200 ms), a small memory queue, retries at most 0.5 s apart.
        HoconSinkConfig config = postgres.config("name = outage\nschema = outage\nconnect-timeout = 2s\n"
                + "socket-timeout = 3s\nqueue-capacity = " + QUEUE_CAPACITY + "\nretry { initial-delay = 50ms, "
                + "max-delay = 500ms }");
        WriterSettings settings = WriterSettings.read(config, dir);
        assertEquals(100, settings.batchSize());
        SinkWriter writer = SinkWriter.start("outage", new PostgresSinkFactory().create(config), settings);
        try {
            Thread producer = new Thread(() -> feed(writer, events), "outage-producer");
            producer.start();
            try {
                await("the first 2,000 events written", () -> writer.stats().written() >= 2_000);
                postgres.stop();
                long receivedWhenStopped = writer.stats().received();

                await("events spooled and writes failing while the server is down",
                        () -> writer.stats().spooledTotal() >= SPOOLED_DURING_OUTAGE
                                && writer.stats().failures() >= 2);
                SinkStats down = writer.stats();
                assertTrue(down.spooled() > 0, down.toString());
                assertTrue(down.failures() > 0, down.toString());
                assertTrue(down.down().isPresent(), down.toString());
                assertTrue(down.lastError().orElse("").startsWith("PostgreSQL at " + postgres.url()),
                        down.toString());
                assertTrue(down.written() < down.received(), down.toString());

                // Received while down and past the memory queue: these went through the spool.
                long spooledFrom = receivedWhenStopped + QUEUE_CAPACITY;
                spooledSample = new int[] {(int) spooledFrom, (int) (spooledFrom + down.received()) / 2,
                        (int) down.received() - 1};
                postgres.restart();
                await("the stream fed to its end", () -> !producer.isAlive());
            } finally {
                producer.join(TimeUnit.SECONDS.toMillis(20));
            }
            SinkStats stats = writer.close(Duration.ofSeconds(20));

            assertEquals(EVENTS, stats.received(), stats.toString());
            assertEquals(EVENTS, stats.written(), stats.toString());
            assertEquals(0, stats.pending(), stats.toString());
            assertEquals(0, stats.spooled(), stats.toString());
            assertEquals(0, stats.dropped(), stats.toString());
            assertTrue(stats.spooledTotal() >= SPOOLED_DURING_OUTAGE, stats.toString());
            try (Stream<Path> left = Files.list(dir.resolve("spool").resolve("outage"))) {
                assertEquals(List.of(), left.filter(file -> file.toString().endsWith(".spool")).toList());
            }
            try (Connection db = postgres.superuser()) {
                assertEveryEventOnceInOrder(db, events);
                int[] sample = IntStream.concat(IntStream.of(0, 1, 4, EVENTS - 2, EVENTS - 1),
                        IntStream.of(spooledSample)).toArray();
                assertExactRows(db, events, sample);
                assertLatestQuotes(db, events);
            }
        } finally {
            writer.close(Duration.ofSeconds(1)); // stops the writer after a failure; a no-op once closed
        }
    }

    /** Feeds {@code events} at 5,000 events/s, {@link #CHUNK} at a time, each chunk ended by onCaughtUp. */
    private static void feed(SinkWriter writer, List<MarketEvent> events) {
        long start = System.nanoTime();
        for (int from = 0; from < events.size(); from += CHUNK) {
            LockSupport.parkNanos(start + (from / CHUNK) * CHUNK_NANOS - System.nanoTime());
            for (int i = from; i < Math.min(from + CHUNK, events.size()); i++) {
                writer.onEvent(events.get(i));
            }
            writer.onCaughtUp();
        }
    }

    /**
     * Counts per table; one run; each sequence number 0..n-1 once; and the batches committed in the order of their
     * sequence numbers (a row's {@code xmin} is its transaction, and transaction ids only grow).
     */
    private static void assertEveryEventOnceInOrder(Connection db, List<MarketEvent> events) throws SQLException {
        long trades = events.stream().filter(Trade.class::isInstance).count();
        assertEquals(String.valueOf(EVENTS - trades), text(db, "SELECT count(*) FROM outage.quotes"));
        assertEquals(String.valueOf(trades), text(db, "SELECT count(*) FROM outage.trades"));
        assertEquals("1", text(db, "SELECT count(DISTINCT run_id) FROM (SELECT run_id FROM outage.quotes UNION ALL "
                + "SELECT run_id FROM outage.trades) r"));
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery("SELECT seq, xmin::text::bigint "
                + "FROM (SELECT seq, xmin FROM outage.quotes UNION ALL SELECT seq, xmin FROM outage.trades) r "
                + "ORDER BY seq")) {
            long expected = 0;
            long lastTransaction = 0;
            while (rows.next()) {
                assertEquals(expected, rows.getLong(1), "sequence numbers are not 0..n-1 each once");
                long transaction = rows.getLong(2);
                assertTrue(transaction >= lastTransaction, "event " + expected + " was committed before event "
                        + (expected - 1));
                lastTransaction = transaction;
                expected++;
            }
            assertEquals(EVENTS, expected);
        }
    }

    /**
     * Every row holds the event of its sequence number, and the sampled rows (among them events received while the
     * server was down, which went through the spool) every value of it.
     */
    private static void assertExactRows(Connection db, List<MarketEvent> events, int[] sample) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery("SELECT seq, symbol, price::text "
                + "FROM (SELECT seq, symbol, price FROM outage.quotes UNION ALL SELECT seq, symbol, price FROM "
                + "outage.trades) r ORDER BY seq")) {
            while (rows.next()) {
                MarketEvent event = events.get(rows.getInt(1));
                String symbol = event instanceof Quote quote ? quote.symbol() : ((Trade) event).symbol();
                String price = (event instanceof Quote quote ? quote.price() : ((Trade) event).price()).toPlainString();
                assertEquals(List.of(symbol, price), List.of(rows.getString(2), rows.getString(3)),
                        "event " + rows.getInt(1));
            }
        }
        for (int seq : sample) {
            MarketEvent event = events.get(seq);
            if (event instanceof Quote quote) {
                assertEquals(List.of("sahmk", quote.symbol(), quote.price().toPlainString(),
                        quote.bid().toPlainString(), "null", micros(quote.time()), micros(quote.receivedAt())),
                        row(db, "SELECT provider, symbol, price::text, bid::text, coalesce(ask::text, 'null'), "
                                + utc("time") + ", " + utc("received_at") + " FROM outage.quotes WHERE seq = " + seq));
            } else {
                Trade trade = (Trade) event;
                assertEquals(List.of("sahmk", trade.symbol(), trade.price().toPlainString(),
                        trade.size().toPlainString(), "null", "sell", trade.tradeId(), micros(trade.time()),
                        micros(trade.receivedAt())),
                        row(db, "SELECT provider, symbol, price::text, size::text, coalesce(value::text, 'null'), "
                                + "side, trade_id, " + utc("time") + ", " + utc("received_at")
                                + " FROM outage.trades WHERE seq = " + seq));
            }
        }
    }

    /** latest_quote holds each symbol's last quote: an older batch written after a newer one would show here. */
    private static void assertLatestQuotes(Connection db, List<MarketEvent> events) throws SQLException {
        Map<String, String> last = new HashMap<>();
        for (MarketEvent event : events) {
            if (event instanceof Quote quote) {
                last.put(quote.symbol(), quote.price().toPlainString());
            }
        }
        Map<String, String> stored = new HashMap<>();
        try (Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT symbol, price::text FROM outage.latest_quote")) {
            while (rows.next()) {
                stored.put(rows.getString(1), rows.getString(2));
            }
        }
        assertEquals(last, stored);
    }

    /** An instant as {@link #utc} shows it: UTC, whole microseconds (the sink drops finer digits). */
    private static String micros(Instant instant) {
        return MICROS.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** A timestamptz column as text: {@code 2026-12-04T14:30:00.123456Z}. */
    private static String utc(String column) {
        return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    }

    private static List<String> row(Connection db, String query) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            assertTrue(rows.next(), "no row for " + query);
            String[] values = new String[rows.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rows.getString(i + 1);
            }
            assertFalse(rows.next(), "more than one row for " + query);
            return List.of(values);
        }
    }

    private static String text(Connection db, String query) throws SQLException {
        return row(db, query).get(0);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 20 s: " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
