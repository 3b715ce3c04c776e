package io.marketfeed.sink.questdb;

import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.HoconSinkConfig;
import io.questdb.ServerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real QuestDB server for one test class, run in the test's JVM from the {@code org.questdb:questdb} jar, on
 * loopback, with a fresh data folder and a free HTTP port, and HTTP basic authentication on ({@link #USER} /
 * {@link #PASSWORD}) so that the sink's login is exercised. PostgreSQL wire and ILP over TCP are off: the sink uses
 * HTTP only. The server logs to {@code target/questdb-server.log}.
 *
 * <p>Register with {@code @RegisterExtension static final QuestDbServer questdb = new QuestDbServer();}: it starts
 * before the class's tests and stops (deleting its data) after them. Used by one test thread.
 */
final class QuestDbServer implements BeforeAllCallback, AfterAllCallback {

    static final String USER = "marketfeed";
    static final String PASSWORD = "Qd-8w!kz41";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(15);

    private Path root;
    private int httpPort;
    private ServerMain server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        root = Files.createTempDirectory("marketfeed-questdb");
        quietLogging();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** QuestDB reads its log configuration once per JVM, from the file the {@code out} property names. */
    private static void quietLogging() throws IOException {
        if (System.getProperty("out") == null) {
            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            Path config = target.resolve("questdb-log.conf");
            Files.writeString(config, "writers=file\n"
                    + "w.file.class=io.questdb.log.LogFileWriter\n"
                    + "w.file.location=" + target.resolve("questdb-server.log") + "\n"
                    + "w.file.level=INFO,ERROR,CRITICAL,ADVISORY\n");
            System.setProperty("out", config.toString());
        }
    }

    private void start() {
        Map<String, String> env = new HashMap<>();
        // Port 0 picks a free port the first time; a restart takes the same one again.
        env.put("QDB_HTTP_BIND_TO", "127.0.0.1:" + httpPort);
        env.put("QDB_HTTP_USER", USER);
        env.put("QDB_HTTP_PASSWORD", PASSWORD);
        env.put("QDB_HTTP_MIN_ENABLED", "false");
        env.put("QDB_PG_ENABLED", "false");
        env.put("QDB_LINE_TCP_ENABLED", "false");
        env.put("QDB_LINE_UDP_ENABLED", "false");
        env.put("QDB_TELEMETRY_ENABLED", "false");
        server = ServerMain.create(root.toString(), env);
        server.start();
        httpPort = server.getHttpServerPort();
    }

    /** Stops the server, keeping its data. */
    void stop() {
        if (server != null) {
            ServerMain running = server;
            server = null;
            running.close();
        }
    }

    /** Starts the stopped server again on the same port with the same data. */
    void restart() {
        if (server == null) {
            start();
        }
    }

    int httpPort() {
        return httpPort;
    }

    /** A sink block for this server (with its login), with {@code extra} HOCON lines appended. */
    HoconSinkConfig config(String extra) {
        return HoconSinkConfig.parse("type = questdb\nhost = \"127.0.0.1\"\nhttp-port = " + httpPort
                + "\nusername = " + USER + "\npassword = \"" + PASSWORD + "\"\n" + extra, Path.of("."));
    }

    /** A sink made by the factory from {@link #config}. */
    QuestDbSink sink(String extra) {
        return (QuestDbSink) new QuestDbSinkFactory().create(config(extra));
    }

    /** Runs SQL as {@link #USER} (through the sink's own {@code /exec} client). */
    QuestDbSql.Result sql(String sql) throws IOException {
        return new QuestDbSql(new QuestDbSettings("127.0.0.1", httpPort, "", Optional.of(USER),
                Optional.of(PASSWORD), Duration.ofSeconds(10), "")).run(sql);
    }

    /** The single value {@code sql} answers. */
    String value(String sql) throws IOException {
        List<List<String>> rows = sql(sql).rows();
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError("expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).get(0);
    }

    /** The rows in the quotes and trades tables of {@code prefix} together. */
    long quotesAndTrades(String prefix) throws IOException {
        return Long.parseLong(value("SELECT count() FROM " + prefix + "quotes"))
                + Long.parseLong(value("SELECT count() FROM " + prefix + "trades"));
    }

    /**
     * Waits until every committed write has been applied to its table and so shows in queries (QuestDB applies
     * its write-ahead log in the background).
     */
    void awaitApplied() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + APPLY_TIMEOUT.toNanos();
        while (true) {
            QuestDbSql.Result tables = sql("SELECT name, writerTxn, sequencerTxn, suspended FROM wal_tables()");
            boolean applied = true;
            for (int row = 0; row < tables.rows().size(); row++) {
                if ("true".equals(tables.value(row, "suspended"))) {
                    throw new AssertionError("QuestDB suspended table " + tables.value(row, "name"));
                }
                applied &= tables.value(row, "writerTxn").equals(tables.value(row, "sequencerTxn"));
            }
            if (applied) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("QuestDB did not apply its WAL within " + APPLY_TIMEOUT + ": " + tables.rows());
            }
            Thread.sleep(20);
        }
    }
}
