package io.marketfeed.sink.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.SinkFixtures;
import io.marketfeed.sink.HoconSinkConfig;
import io.marketfeed.sink.SampleEvents;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.Executable;

/**
 * A server that goes away, stops answering, or never answers: the sink's calls fail within the configured
 * timeouts with a one-line message, and work again once the server is back.
 */
class TestPostgresOutage {

    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    @Test
    void aStoppedServerFailsTheWriteAndARestartedOneTakesItAgain() throws Exception {
        List<MarketEvent> events = SampleEvents.stream(300);
        PostgresSink sink = postgres.sink("schema = stopped\nconnect-timeout = 2s\nsocket-timeout = 3s");
        sink.open();
        sink.write(new EventBatch(1, 0, events.subList(0, 100)));

        postgres.stop();
        SQLException lost = failsWithin(Duration.ofSeconds(5),
                () -> sink.write(new EventBatch(1, 100, events.subList(100, 200))));
        assertTrue(lost.getMessage().startsWith("PostgreSQL at " + postgres.url() + " lost the connection while "
                + "writing (the batch is retried): "), lost.getMessage());
        assertFalse(lost.getMessage().contains("\n"));
        sink.close();
        SQLException refused = failsWithin(Duration.ofSeconds(4), sink::open);
        assertEquals("PostgreSQL at " + postgres.url() + " refused the connection: start PostgreSQL there, or fix "
                + "the host and port in sink.url", refused.getMessage());

        postgres.restart();
        SinkFixtures.writeAll(sink, new EventBatch(1, 100, events.subList(100, 200)),
                new EventBatch(1, 200, events.subList(200, 300)));
        assertEquals(300, rows("stopped", 1));
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "freezes the server process with kill -STOP")
    void aServerThatStopsAnsweringFailsTheWriteWithinTheSocketTimeout() throws Exception {
        List<MarketEvent> events = SampleEvents.stream(20);
        PostgresSink sink = postgres.sink("name = frozen\nschema = frozen\nsocket-timeout = 2s");
        sink.open();
        sink.write(new EventBatch(2, 0, events.subList(0, 10)));
        long backend = backendOf("marketfeed frozen");

        signal(backend, "STOP");
        try {
            long start = System.nanoTime();
            SQLException silent = failsWithin(Duration.ofSeconds(8),
                    () -> sink.write(new EventBatch(2, 10, events.subList(10, 20))));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1_500), "failed before the timeout");
            assertEquals("PostgreSQL at " + postgres.url() + " did not answer within 2 s while writing "
                    + "(sink.socket-timeout); the batch is retried", silent.getMessage());
        } finally {
            signal(backend, "CONT");
        }
        sink.close();
        SinkFixtures.writeAll(sink, new EventBatch(2, 10, events.subList(10, 20)));
        assertEquals(20, rows("frozen", 2));
    }

    @Test
    void aServerThatNeverAnswersFailsOpenWithinTheConnectTimeout() throws Exception {
        // Accepts connections (the kernel completes them) but never says a word.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/market";
            PostgresSink sink = (PostgresSink) new PostgresSinkFactory().create(HoconSinkConfig.parse(
                    "type = postgres\nurl = \"" + url + "\"\nuser = x\nconnect-timeout = 1s", Path.of(".")));
            SQLException timedOut = failsWithin(Duration.ofSeconds(5), sink::open);
            assertEquals("PostgreSQL at " + url + " did not answer within 1 s: check that the server is up and "
                    + "reachable, or raise sink.connect-timeout", timedOut.getMessage());
            sink.close();
        }
    }

    private static SQLException failsWithin(Duration bound, Executable call) {
        long start = System.nanoTime();
        SQLException failure = assertThrows(SQLException.class, call);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(bound) < 0, "took " + took.toMillis() + " ms, more than " + bound.toMillis());
        return failure;
    }

    /** The process id of the server process serving the sink whose connection has {@code applicationName}. */
    private static long backendOf(String applicationName) throws SQLException {
        try (Connection db = postgres.superuser(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name = '"
                        + applicationName + "'")) {
            assertTrue(rows.next(), "no connection named " + applicationName);
            long pid = rows.getLong(1);
            assertFalse(rows.next(), "more than one connection named " + applicationName);
            return pid;
        }
    }

    private static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill -" + signal + " did not finish");
        assertEquals(0, kill.exitValue(), "kill -" + signal + " " + pid + ": " + output);
    }

    private static long rows(String schema, long runId) throws SQLException {
        try (Connection db = postgres.superuser(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT (SELECT count(*) FROM " + schema + ".quotes WHERE run_id = "
                        + runId + ") + (SELECT count(*) FROM " + schema + ".trades WHERE run_id = " + runId + ")")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
