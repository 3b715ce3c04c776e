package io.marketfeed.sink.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.HoconSinkConfig;
import io.marketfeed.sink.SampleEvents;
import io.marketfeed.sink.json.JsonlEncoder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** The Kafka sink against a real KRaft broker (one node, controller and broker in one) started in this JVM. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestKafkaSink {

    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void everyKindArrivesOnItsTopicWithKeyExactValueAndHeaders() throws Exception {
        List<MarketEvent> events = SampleEvents.everyKind();
        try (Closing sink = open("topic-prefix = \"kinds.\"")) {
            sink.get().write(new EventBatch(42, 1000, events));
        }
        List<ConsumerRecord<String, byte[]>> records = consume(topics("kinds."), events.size());
        assertEquals(events.size(), records.size());
        records.sort(Comparator.comparingLong(r -> Long.parseLong(header(r, EventRecords.SEQ_HEADER))));
        List<String> keys = List.of("sahmk:2222", "tickatlas:EURUSD", "alltick:BTCUSDT", "alltick:AAPL.US",
                "sahmk:1120", "alltick:ETHUSDT", "sahmk", "screener:005930", "sahmk:sahmk-1", "sahmk:sahmk-1",
                "tickatlas");
        for (int i = 0; i < events.size(); i++) {
            MarketEvent event = events.get(i);
            ConsumerRecord<String, byte[]> record = records.get(i);
            assertEquals("kinds." + event.type(), record.topic());
            assertEquals(keys.get(i), record.key());
            assertEquals(line(event), value(record));
            assertEquals("42", header(record, EventRecords.RUN_HEADER));
            assertEquals(String.valueOf(1000 + i), header(record, EventRecords.SEQ_HEADER));
            assertEquals(event.receivedAt().toEpochMilli(), record.timestamp());
        }
        String quote = value(records.get(0));
        assertTrue(quote.contains("\"changePercent\":-0.5357142857142857142857,"), quote);
        assertTrue(quote.contains("\"volume\":12345678901234567890,"), quote);
        assertTrue(quote.contains("\"previousClose\":28.000,"), quote);
        assertTrue(quote.contains("\"time\":\"2026-12-04T14:30:00.123456789Z\""), quote);
        String trade = value(records.get(2));
        assertTrue(trade.contains("\"price\":98765.4321098765,\"size\":0.00000001,"), trade);
        assertTrue(value(records.get(4)).contains("\"close\":80.50,"), value(records.get(4)));
        assertTrue(value(records.get(7)).contains("Volume \u00d73 \u2014 \\\"unusual\\\""), value(records.get(7)));
    }

    @Test
    @Order(2)
    void createsTheMissingTopicsAndLeavesExistingOnesAlone() throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic("made.quote", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            open("topic-prefix = \"made.\", partitions = 2, topics { alert = \"made-alerts\" }").close();
            Map<String, TopicDescription> topics = admin.describeTopics(topics("made.")).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertEquals(9, topics.size());
            assertEquals(1, topics.get("made.quote").partitions().size());
            assertEquals(2, topics.get("made.trade").partitions().size());
            assertEquals(2, topics.get("made-alerts").partitions().size());
            assertFalse(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("made.alert"));
        }
    }

    @Test
    @Order(3)
    void aBrokerThatNeverAnswersFailsOpenAndWriteInBoundedTime() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        String block = "type = kafka\nbootstrap-servers = \"127.0.0.1:" + port + "\"\ncreate-topics = false\n"
                + "properties { max.block.ms = 1500 }";
        try (Closing sink = new Closing(new KafkaSinkFactory().create(HoconSinkConfig.parse(block, Path.of("."))))) {
            sink.get().open();
            long start = System.nanoTime();
            IOException error = assertThrows(IOException.class,
                    () -> sink.get().write(new EventBatch(1, 1, SampleEvents.everyKind())));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // One metadata wait, not one per event: 11 events would take 16.5 s.
            assertTrue(millis < 5_000, millis + " ms");
            assertTrue(error.getMessage().contains("11 of 11 events"), error.getMessage());
        }
        String creating = "type = kafka\nbootstrap-servers = \"127.0.0.1:" + port + "\"\n"
                + "properties { request.timeout.ms = 1000, delivery.timeout.ms = 2000 }";
        try (Closing sink = new Closing(new KafkaSinkFactory().create(HoconSinkConfig.parse(creating, Path.of("."))))) {
            long start = System.nanoTime();
            IOException error = assertThrows(IOException.class, () -> sink.get().open());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 6_000, millis + " ms");
            assertTrue(error.getMessage().contains("could not list the topics"), error.getMessage());
        }
    }

    @Test
    @Order(4)
    void aStoppedBrokerFailsTheWriteInBoundedTimeAndWritesResumeAfterItsRestart() throws Exception {
        List<MarketEvent> events = SampleEvents.stream(300);
        EventBatch before = new EventBatch(7, 0, events.subList(0, 100));
        EventBatch during = new EventBatch(7, 100, events.subList(100, 200));
        try (Closing sink = open("topic-prefix = \"restart.\"")) {
            sink.get().write(before);
            BrokerServer broker = cluster.brokers().values().iterator().next();
            broker.shutdown();
            broker.awaitShutdown();

            long start = System.nanoTime();
            IOException error = assertThrows(IOException.class, () -> sink.get().write(during));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 16_000, "defaults bound a write to about 15 s, took " + millis + " ms");
            assertTrue(error.getMessage().contains("were not acknowledged"), error.getMessage());
            sink.get().close();

            broker.startup();
            cluster.waitForReadyBrokers();
            // What the writer does: reopen and write the same batch again until the store takes it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    sink.get().open();
                    sink.get().write(during);
                    break;
                } catch (IOException e) {
                    sink.get().close();
                    assertTrue(System.nanoTime() < deadline, "no write succeeded after the restart: " + e);
                }
            }
        }
        Set<Long> sequences = consume(topics("restart."), 200).stream()
                .map(r -> Long.parseLong(header(r, EventRecords.SEQ_HEADER))).collect(Collectors.toSet());
        for (long seq = 0; seq < 200; seq++) {
            assertTrue(sequences.contains(seq), "event " + seq + " is missing");
        }
    }

    private static Closing open(String keys) throws Exception {
        String block = "type = kafka\nbootstrap-servers = \"" + cluster.bootstrapServers() + "\"\n" + keys;
        Closing sink = new Closing(new KafkaSinkFactory().create(HoconSinkConfig.parse(block, Path.of("."))));
        sink.get().open();
        return sink;
    }

    private static List<String> topics(String prefix) {
        return KafkaSettings.KINDS.stream().map(kind -> kind.equals("alert") && prefix.equals("made.")
                ? "made-alerts" : prefix + kind).collect(Collectors.toList());
    }

    /** The records of the topics from the start, until at least {@code count} arrived (fails after 30 s). */
    private static List<ConsumerRecord<String, byte[]>> consume(Collection<String> topics, int count) {
        Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertTrue(records.size() >= count, records.size() + " of " + count + " records on " + topics);
        return records;
    }

    private static String line(MarketEvent event) {
        JsonlEncoder encoder = new JsonlEncoder();
        encoder.write(event);
        String text = encoder.text();
        assertTrue(text.endsWith("}\n"), text);
        return text.substring(0, text.length() - 1);
    }

    private static String value(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, name + " header");
        return new String(header.value(), StandardCharsets.US_ASCII);
    }

    /** A sink closed by try-with-resources. */
    private record Closing(io.marketfeed.sink.Sink get) implements AutoCloseable {
        @Override
        public void close() {
            get.close();
        }
    }
}
