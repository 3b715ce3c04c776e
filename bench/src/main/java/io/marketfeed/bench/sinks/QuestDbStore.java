package io.marketfeed.bench.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketfeed.sink.HoconSinkConfig;
import io.questdb.ServerMain;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real QuestDB server in this JVM, from the {@code org.questdb:questdb} jar, on 127.0.0.1 with a free HTTP port
 * (ILP over HTTP and SQL; PostgreSQL wire, ILP over TCP and UDP off), its data in a folder of the harness's and its
 * log in {@code bench-work/questdb-server.log}. An area is a table prefix.
 */
final class QuestDbStore implements Store {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(60);

    private final Path root;
    private final ServerMain server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private QuestDbStore(Path root, ServerMain server) {
        this.root = root;
        this.server = server;
    }

    /** Starts a server on a fresh folder {@code root}; QuestDB's log goes to {@code work}. */
    static QuestDbStore start(Path root, Path work) throws IOException {
        if (System.getProperty("out") == null) {
            // QuestDB reads its log configuration once per JVM, from the file this property names.
            Path config = work.resolve("questdb-log.conf");
            Files.writeString(config, "writers=file\nw.file.class=io.questdb.log.LogFileWriter\nw.file.location="
                    + work.resolve("questdb-server.log") + "\nw.file.level=INFO,ERROR,CRITICAL,ADVISORY\n");
            System.setProperty("out", config.toString());
        }
        Files.createDirectories(root);
        Map<String, String> env = new HashMap<>();
        env.put("QDB_HTTP_BIND_TO", "127.0.0.1:0");
        env.put("QDB_HTTP_MIN_ENABLED", "false");
        env.put("QDB_PG_ENABLED", "false");
        env.put("QDB_LINE_TCP_ENABLED", "false");
        env.put("QDB_LINE_UDP_ENABLED", "false");
        env.put("QDB_TELEMETRY_ENABLED", "false");
        ServerMain server = ServerMain.create(root.toString(), env);
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            DiskUsage.delete(root);
            throw e;
        }
        return new QuestDbStore(root, server);
    }

    @Override
    public String type() {
        return "questdb";
    }

    @Override
    public String describe() {
        return "QuestDB " + ServerMain.class.getPackage().getImplementationVersion()
                + " in the harness's JVM, HTTP on 127.0.0.1 (ILP over HTTP for writes), data on the local disk";
    }

    @Override
    public HoconSinkConfig config(String area) {
        return HoconSinkConfig.parse("type = questdb\nname = " + area + "\nhost = \"127.0.0.1\"\nhttp-port = "
                + server.getHttpServerPort() + "\ntable-prefix = " + area + "_", root);
    }

    /** The rows of the area's quotes and trades, once QuestDB has applied its write-ahead log to them. */
    @Override
    public long count(String area) throws IOException, InterruptedException {
        awaitApplied();
        return Long.parseLong(query("SELECT count() FROM '" + area + "_quotes'").get(0).get(0).asText())
                + Long.parseLong(query("SELECT count() FROM '" + area + "_trades'").get(0).get(0).asText());
    }

    /**
     * Not meaningful at the bench's sizes: QuestDB allocates column files in steps of 16 MiB (a quotes table of a few
     * thousand rows takes 256 MiB), so the bytes per event would measure the step, not the data. {@link #remark}
     * gives what QuestDB reports.
     */
    @Override
    public long bytes(String area) {
        return -1;
    }

    /** The disk space of the area's tables as QuestDB's {@code table_storage()} reports it. */
    @Override
    public String remark(String area) throws IOException, InterruptedException {
        long bytes = 0;
        long rows = 0;
        for (JsonNode table : query("SELECT tableName, rowCount, diskSize FROM table_storage()")) {
            if (table.get(0).asText().startsWith(area + "_")) {
                rows += table.get(1).asLong();
                bytes += table.get(2).asLong();
            }
        }
        return String.format(java.util.Locale.ROOT, "table_storage() reports %.1f MiB on disk for %,d rows (column "
                + "files are allocated in 16 MiB steps, so no per-event figure)", bytes / 1048576.0, rows);
    }

    /** Waits until every committed write shows in queries (QuestDB applies its WAL in the background). */
    private void awaitApplied() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + APPLY_TIMEOUT.toNanos();
        while (true) {
            boolean applied = true;
            for (JsonNode table : query("SELECT name, suspended, writerTxn, sequencerTxn FROM wal_tables()")) {
                if (table.get(1).asBoolean()) {
                    throw new IOException("QuestDB suspended table " + table.get(0).asText());
                }
                applied &= table.get(2).asLong() == table.get(3).asLong();
            }
            if (applied) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("QuestDB did not apply its WAL within " + APPLY_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    /** The rows {@code sql} answers, from the {@code /exec} endpoint. */
    private JsonNode query(String sql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getHttpServerPort()
                + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !answer.has("dataset")) {
            throw new IOException("QuestDB answered " + response.statusCode() + " to " + sql + ": " + response.body());
        }
        return answer.get("dataset");
    }

    @Override
    public void close() {
        server.close();
        DiskUsage.delete(root);
    }
}
