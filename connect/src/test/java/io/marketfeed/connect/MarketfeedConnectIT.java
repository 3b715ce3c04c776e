package io.marketfeed.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.tickatlas.TickAtlasOptions;
import io.marketfeed.simulator.tickatlas.TickAtlasPlan;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The connector in an in-process Connect cluster (one KRaft broker, two workers) against the TickAtlas simulator.
 * The connector is not on this test's class path: the workers load it from the plugin directory that
 * {@code mvn package} built ({@code plugin.path}), in its own class loader, as a real deployment does. The keys
 * reach it through the worker's {@code FileConfigProvider}. The workers run with exactly-once source support
 * (KIP-618), and the topics are read committed.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MarketfeedConnectIT {

    private static final String KEY_ONE = "tk_test_FAKE_connect_one";
    private static final String KEY_TWO = "tk_test_FAKE_connect_two";
    private static final String REVOKED = "tk_test_FAKE_connect_revoked";
    private static final List<String> SYMBOLS = List.of("EURUSD", "GBPUSD", "USDJPY", "XAUUSD");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TickAtlasSimulation simulation;
    private static SimulatorServer server;
    private static EmbeddedConnectCluster connect;
    private static Path secrets;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void start() throws IOException {
        TickAtlasPlan plan = TickAtlasPlan.PRO.withDailyQuota(1_000_000_000L); // no credit forecast warnings
        simulation = new TickAtlasSimulation(TickAtlasOptions.builder().key(KEY_ONE, plan).key(KEY_TWO, plan)
                .updateInterval(Duration.ofMillis(50))
                .heartbeatInterval(Duration.ofSeconds(1)).build());
        server = SimulatorServer.builder().port(0).add(simulation).start();
        secrets = Files.createTempFile("marketfeed-connect-it", ".properties");
        Files.writeString(secrets, "tickatlas.keys=" + KEY_ONE + "," + KEY_TWO + "\nrevoked=" + REVOKED + "\n");
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.path", System.getProperty("marketfeed.connect.plugins"));
        worker.put("scheduled.rebalance.max.delay.ms", "5000");
        worker.put("offset.flush.interval.ms", "500");
        // KIP-618: each poll batch and its offsets in one transaction; the readers below read committed records only.
        worker.put("exactly.once.source.support", "enabled");
        worker.put("config.providers", "file");
        worker.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1"); // one broker: transactions need this
        broker.put("transaction.state.log.min.isr", "1");
        connect = new EmbeddedConnectCluster.Builder().name("marketfeed-it").numBrokers(1).numWorkers(2)
                .brokerProps(broker).workerProps(worker).build();
        connect.start();
        for (String kind : List.of("quote", "candle", "gap", "connection", "status")) {
            connect.kafka().createTopic("marketfeed." + kind, 1);
        }
    }

    @AfterAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    static void stop() throws IOException {
        try {
            if (connect != null) {
                connect.stop();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (secrets != null) {
                Files.deleteIfExists(secrets);
            }
        }
    }

    private static Map<String, String> connector(String credentials, String symbols, int maxTasks) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.marketfeed.connect.MarketfeedSourceConnector");
        config.put("tasks.max", Integer.toString(maxTasks));
        config.put("provider", "tickatlas");
        config.put("symbols", symbols);
        config.put("credentials", credentials);
        config.put("provider.endpoint", TickAtlasSimulation.baseUrl(server));
        config.put("provider.plan", "pro");
        config.put("provider.limits.max-symbols-per-connection", "2");
        config.put("provider.heartbeat.interval", "1s");
        config.put("provider.heartbeat.timeout", "5s");
        return config;
    }

    @Test
    @Order(1)
    void recordsArriveAndAMovedTaskResumesAfterAGapRecord() throws Exception {
        String reference = "${file:" + secrets + ":tickatlas.keys}";
        connect.configureConnector("quotes", connector(reference, String.join(",", SYMBOLS), 4));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("quotes", 2,
                "4 symbols at 2 per connection make 2 connection groups: 2 tasks, although tasks.max is 4");

        List<TaskInfo> tasks = connect.taskConfigs("quotes");
        for (TaskInfo task : tasks) {
            assertEquals(reference, task.config().get("credentials"), "the worker stored the reference, not the keys");
            assertFalse(task.config().toString().contains("tk_test_FAKE"), task.config().toString());
        }
        List<String> shard0 = Arrays.asList(tasks.get(0).config().get("task.symbols").split(","));

        try (TopicReader reader = new TopicReader(connect.kafka(), "marketfeed.quote", "marketfeed.gap",
                "marketfeed.candle", "marketfeed.connection", "marketfeed.status")) {
            for (String symbol : SYMBOLS) {
                reader.await(r -> r.key().equals("tickatlas:" + symbol), WAIT, () -> "a quote of " + symbol);
            }
            TopicReader.Text quote = reader.await(r -> r.topic().equals("marketfeed.quote"), WAIT, () -> "a quote");
            assertTrue(quote.value().startsWith("{\"type\":\"quote\",\"provider\":\"tickatlas\",\"symbol\":\""),
                    quote.value());
            assertTrue(quote.headers().keySet().containsAll(List.of("marketfeed-run", "marketfeed-seq")),
                    quote.toString());
            assertEquals(Instant.parse(json(quote).path("receivedAt").asText()).toEpochMilli(), quote.timestamp());

            // Remove the worker that runs task 0; wait until the survivor runs it (not only "RUNNING": the dead
            // worker's status lingers), then for the shard's data after a gap record.
            String before = taskWorker("quotes", 0);
            WorkerHandle victim = connect.workers().stream().filter(w -> before.endsWith(":" + w.url().getPort()))
                    .findFirst().orElseThrow(() -> new AssertionError("no worker " + before + " in " + connect.workers()));
            String oldRun = lastRun(reader, shard0);
            long lost = System.currentTimeMillis();
            connect.removeWorker(victim);
            await(() -> {
                ConnectorStateInfo.TaskState task = task("quotes", 0);
                return task != null && task.state().equals("RUNNING") && !task.workerId().equals(before);
            }, Duration.ofSeconds(60), "task 0 running on the surviving worker");
            TopicReader.Text gap = reader.await(r -> r.topic().equals("marketfeed.gap")
                    && json(r).path("connection").asText().equals("tickatlas/connect-shard-0"), WAIT,
                    () -> "a gap record of shard 0");
            TopicReader.Text resumed = reader.await(r -> shard0.contains(symbol(r)) && r.topic().endsWith("quote")
                    && !r.headers().get("marketfeed-run").equals(oldRun), WAIT, () -> "shard 0's quotes again");

            JsonNode window = json(gap);
            Instant from = Instant.parse(window.path("from").asText());
            Instant to = Instant.parse(window.path("to").asText());
            Instant lastOld = lastRecord(reader, oldRun);
            assertFalse(from.isAfter(lastOld), "the gap starts no later than the old task's last record: " + gap);
            assertFalse(to.isAfter(Instant.parse(json(resumed).path("receivedAt").asText())),
                    "and ends no later than the new task's first: " + gap);
            assertEquals(shard0, JSON.convertValue(window.path("symbols"), List.class));
            System.out.printf("failover: worker removed -> first quote of the moved shard: %d ms%n",
                    resumed.timestamp() - lost);
            List<String> ids = reader.records().stream()
                    .map(r -> r.headers().get("marketfeed-run") + "/" + r.headers().get("marketfeed-seq")).toList();
            assertEquals(ids.size(), new java.util.HashSet<>(ids).size(), "exactly once: no (run, seq) twice");
        }

        SubscriptionHistory history = new SubscriptionHistory(simulation.observation());
        assertEquals(List.of(), history.doubleSubscriptions(), "no symbol on two connections at once");
        assertTrue(history.mostConnectionsPerKey().values().stream().allMatch(n -> n <= 2),
                history.mostConnectionsPerKey().toString());
        assertEquals(0, simulation.counters().connectionLimitRefusals());
        assertTrue(history.connections() >= 3, "two tasks, then the moved one: " + history.connections());
        connect.deleteConnector("quotes");
    }

    @Test
    @Order(2)
    void aRefusedKeyFailsTheTaskWithWhatToFix() throws Exception {
        connect.configureConnector("refused", connector("${file:" + secrets + ":revoked}", "EURUSD", 1));
        await(() -> {
            ConnectorStateInfo.TaskState task = task("refused", 0);
            return task != null && task.state().equals("FAILED");
        }, WAIT, "the task FAILED");
        String trace = task("refused", 0).trace();
        assertTrue(trace.contains("TickAtlas refused the API key (invalid_key") && trace.contains("fix the connector"
                + " configuration"), trace);
        assertFalse(trace.contains(REVOKED), "no key in the trace");
        connect.deleteConnector("refused");
    }

    @Test
    @Order(3)
    void noKeyReachesTheLogs() {
        String logs = capturedLogs();
        assertTrue(logs.contains("tasks.max is 4 but 2 task(s) run"), "the connector said why it runs fewer tasks");
        for (String key : List.of(KEY_ONE, KEY_TWO, REVOKED)) {
            assertFalse(logs.contains(key), key + " in the logs");
        }
    }

    /** Every line logged in this JVM (the workers', the broker's, the connector's), with its exceptions' messages. */
    @SuppressWarnings("unchecked")
    private static String capturedLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = (ListAppender<ILoggingEvent>) root.getAppender("CAPTURED");
        StringBuilder text = new StringBuilder();
        synchronized (captured) {
            for (ILoggingEvent event : captured.list) {
                text.append(event.getFormattedMessage()).append('\n');
                for (IThrowableProxy e = event.getThrowableProxy(); e != null; e = e.getCause()) {
                    text.append(e.getClassName()).append(": ").append(e.getMessage()).append('\n');
                }
            }
        }
        return text.toString();
    }

    private static String taskWorker(String connector, int id) {
        return Optional.ofNullable(task(connector, id)).map(ConnectorStateInfo.TaskState::workerId).orElseThrow();
    }

    private static ConnectorStateInfo.TaskState task(String connector, int id) {
        try {
            return connect.connectorStatus(connector).tasks().stream().filter(t -> t.id() == id).findFirst()
                    .orElse(null);
        } catch (RuntimeException e) {
            return null; // the REST call failed during the rebalance: asked again
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(100); // polling the REST API; the condition is what is waited for
        }
    }

    private static String lastRun(TopicReader reader, List<String> shard) {
        reader.read();
        List<TopicReader.Text> records = reader.records();
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).topic().equals("marketfeed.quote") && shard.contains(symbol(records.get(i)))) {
                return records.get(i).headers().get("marketfeed-run");
            }
        }
        throw new AssertionError("no record of " + shard);
    }

    /** The receive time of the last record of a task run, on any topic. */
    private static Instant lastRecord(TopicReader reader, String run) {
        return reader.records().stream().filter(r -> run.equals(r.headers().get("marketfeed-run")))
                .map(r -> Instant.ofEpochMilli(r.timestamp())).max(Instant::compareTo).orElseThrow();
    }

    private static String symbol(TopicReader.Text record) {
        return json(record).path("symbol").asText();
    }

    private static JsonNode json(TopicReader.Text record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + record.value(), e);
        }
    }
}
