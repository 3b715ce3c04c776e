package io.marketfeed.bench.connect;

import io.marketfeed.bench.Fmt;
import io.marketfeed.bench.Machine;
import io.marketfeed.bench.Report;
import io.marketfeed.bench.server.BlastServer;
import io.marketfeed.bench.server.QuoteBlock;
import io.marketfeed.bench.throughput.ThroughputSection;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.tickatlas.TickAtlasOptions;
import io.marketfeed.simulator.tickatlas.TickAtlasPlan;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

/**
 * {@code bench/run --only connect}: the Kafka Connect source connector in an in-process Connect cluster (one KRaft
 * broker, two workers, {@code scheduled.rebalance.max.delay.ms=5000}), loaded from its plugin directory
 * ({@code connect/target/plugins}, built by {@code mvn -pl connect package}) as a worker loads it.
 *
 * <ol>
 * <li>Records per second one task sustains into the broker: the SAHMK provider against the bench's blast server
 * (pre-encoded quotes as fast as the socket takes them), one task; rate = records ÷ time from the first record in
 * the topic to the last, read from the topic's end offsets. Twice: the worker's producer defaults, then
 * {@code producer.override.linger.ms=10}, {@code batch.size=262144}, {@code compression.type=lz4}.</li>
 * <li>Failover: TickAtlas simulator, two tasks on two keys; the worker running task 0 is removed, and the time is
 * taken from that call to the receive time of the first record of task 0's shard from its new run (the record's
 * {@code marketfeed-run} header differs). The worker is added back between trials.</li>
 * </ol>
 *
 * <p>Prints one Markdown table (the bench's) to stdout; progress to stderr. Single threaded.
 */
public final class ConnectBench {

    private static final String SECTION = "connect";
    private static final String CONNECTOR = "io.marketfeed.connect.MarketfeedSourceConnector";
    /** A daily credit quota the failover trials cannot spend (no forecast warnings). */
    private static final long QUOTA = 1_000_000_000L;

    private ConnectBench() {
    }

    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(args.length > 0 ? args[0] : "connect/target/plugins").toAbsolutePath();
        boolean quick = List.of(args).contains("--quick");
        if (!Files.isDirectory(plugins.resolve("marketfeed-connect"))) {
            System.err.println("connect bench: no plugin directory in " + plugins + "; run mvn -pl connect -am package");
            System.exit(2);
        }
        Report report = new Report();
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.path", plugins.toString());
        worker.put("scheduled.rebalance.max.delay.ms", "5000");
        worker.put("offset.flush.interval.ms", "1000");
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name("marketfeed-bench").numBrokers(1)
                .numWorkers(2).workerProps(worker).build();
        long started = System.nanoTime();
        try {
            connect.start();
            System.err.printf("connect: cluster up in %s%n", Fmt.seconds((System.nanoTime() - started) / 1e9));
            long frames = quick ? 200_000 : 1_000_000;
            throughput(connect, report, "a", frames, Map.of());
            throughput(connect, report, "b", frames, Map.of("producer.override.linger.ms", "10",
                    "producer.override.batch.size", "262144", "producer.override.compression.type", "lz4"));
            failover(connect, report, quick ? 1 : 3);
        } finally {
            connect.stop();
        }
        report.note(SECTION, "one KRaft broker and two Connect workers in this JVM (" + Machine.cores() + ", "
                + Machine.jvmOptions() + "); the connector from " + plugins + " through plugin.path");
        System.out.print(report.markdown());
    }

    private static void throughput(EmbeddedConnectCluster connect, Report report, String run, long frames,
            Map<String, String> producer) throws Exception {
        QuoteBlock block = ThroughputSection.quoteBlock();
        String prefix = "bench-" + run + ".";
        connect.kafka().createTopic(prefix + "quote", 3);
        try (BlastServer server = BlastServer.start(block, BlastServer.Plan.blast(frames))) {
            Map<String, String> config = new HashMap<>(producer);
            config.put("connector.class", CONNECTOR);
            config.put("tasks.max", "1");
            config.put("provider", "sahmk");
            config.put("symbols", String.join(",", server.symbols()));
            config.put("credentials", "shmk_test_FAKE_bench");
            config.put("provider.endpoint", server.baseUrl());
            config.put("topic.prefix", prefix);
            topicCreation(config);
            connect.configureConnector("blast-" + run, config);
            List<TopicPartition> partitions = List.of(new TopicPartition(prefix + "quote", 0),
                    new TopicPartition(prefix + "quote", 1), new TopicPartition(prefix + "quote", 2));
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            long first = 0;
            long firstCount = 0;
            long count = 0;
            while (count < frames && System.nanoTime() < deadline) {
                count = 0;
                for (TopicPartition partition : partitions) {
                    count += connect.kafka().endOffset(partition);
                }
                if (first == 0 && count > 0) {
                    first = System.nanoTime();
                    firstCount = count;
                }
                Thread.sleep(20); // sampling the end offsets
            }
            if (first == 0) {
                report.row(SECTION, "records/s one task sustains into the broker", "no record within 3 minutes", "–",
                        Report.Verdict.MISSED);
                connect.deleteConnector("blast-" + run);
                return;
            }
            double seconds = (System.nanoTime() - first) / 1e9;
            String settings = producer.isEmpty() ? "worker's producer defaults" : "linger.ms=10, batch.size=256 KiB, lz4";
            report.row(SECTION, "records/s one task sustains into the broker (" + settings + ")",
                    Fmt.rate((count - firstCount) / seconds) + "; " + Fmt.count(count) + " of " + Fmt.count(frames)
                    + " quotes in the topic", "all " + Fmt.count(frames), Report.Verdict.of(count == frames));
            System.err.printf("connect: run %s: %d records in %.2f s%n", run, count, seconds);
            connect.deleteConnector("blast-" + run);
        }
    }

    private static void failover(EmbeddedConnectCluster connect, Report report, int trials) throws Exception {
        String one = "tk_test_FAKE_bench_one";
        String two = "tk_test_FAKE_bench_two";
        TickAtlasSimulation simulation = new TickAtlasSimulation(TickAtlasOptions.builder()
                .key(one, TickAtlasPlan.PRO.withDailyQuota(QUOTA)).key(two, TickAtlasPlan.PRO.withDailyQuota(QUOTA))
                .updateInterval(Duration.ofMillis(20))
                .heartbeatInterval(Duration.ofSeconds(1)).build());
        connect.kafka().createTopic("marketfeed.quote", 1);
        List<Long> times = new ArrayList<>();
        try (SimulatorServer server = SimulatorServer.builder().port(0).add(simulation).start();
                KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumer(Map.of(
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"))) {
            Map<String, String> config = new HashMap<>();
            config.put("connector.class", CONNECTOR);
            config.put("tasks.max", "2");
            config.put("provider", "tickatlas");
            config.put("symbols", "EURUSD,GBPUSD,USDJPY,XAUUSD");
            config.put("credentials", one + "," + two);
            config.put("provider.endpoint", TickAtlasSimulation.baseUrl(server));
            config.put("provider.plan", "pro");
            config.put("provider.limits.max-symbols-per-connection", "2");
            config.put("provider.heartbeat.interval", "1s");
            config.put("provider.heartbeat.timeout", "5s");
            topicCreation(config);
            connect.configureConnector("failover", config);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("failover", 2, "2 tasks");
            List<String> shard = List.of(connect.taskConfigs("failover").get(0).config().get("task.symbols")
                    .split(","));
            TopicPartition partition = new TopicPartition("marketfeed.quote", 0);
            consumer.assign(List.of(partition));
            for (int trial = 0; trial < trials; trial++) {
                String run = next(consumer, shard, null).run();
                String before = task(connect).workerId();
                WorkerHandle victim = connect.workers().stream()
                        .filter(w -> before.endsWith(":" + w.url().getPort())).findFirst().orElseThrow();
                long lost = System.currentTimeMillis();
                connect.removeWorker(victim);
                long resumed = next(consumer, shard, run).time();
                times.add(resumed - lost);
                System.err.printf("connect: failover trial %d: %d ms%n", trial + 1, resumed - lost);
                connect.addWorker();
                connect.assertions().assertAtLeastNumWorkersAreUp(2, "the worker is back");
                connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("failover", 2, "2 tasks again");
            }
            connect.deleteConnector("failover");
        }
        times.sort(Long::compare);
        report.row(SECTION, "failover: worker lost → first record of the moved shard (scheduled.rebalance.max.delay.ms"
                + "=5000)", "median " + Fmt.millis(times.get(times.size() / 2)) + ", worst "
                + Fmt.millis(times.get(times.size() - 1)) + " (" + trials + " trial(s))", "≤ 10 s",
                Report.Verdict.of(times.get(times.size() - 1) <= 10_000));
    }

    /** Connect creates the topics the connector writes to that do not exist yet (connection, status, ...). */
    private static void topicCreation(Map<String, String> config) {
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.default.replication.factor", "1");
    }

    private static ConnectorStateInfo.TaskState task(EmbeddedConnectCluster connect) {
        return connect.connectorStatus("failover").tasks().stream().filter(t -> t.id() == 0).findFirst()
                .orElseThrow();
    }

    /** A record of a shard: its task run and its receive time. */
    private record Seen(String run, long time) {
    }

    /** The next record of {@code shard} whose run is not {@code not}. */
    private static Seen next(KafkaConsumer<byte[], byte[]> consumer, List<String> shard, String not) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                String key = new String(record.key(), StandardCharsets.UTF_8);
                String run = new String(record.headers().lastHeader("marketfeed-run").value(), StandardCharsets.UTF_8);
                if (shard.contains(key.substring(key.indexOf(':') + 1)) && !run.equals(not)) {
                    return new Seen(run, record.timestamp());
                }
            }
        }
        throw new IllegalStateException("no record of " + shard + " within 90 s");
    }
}
