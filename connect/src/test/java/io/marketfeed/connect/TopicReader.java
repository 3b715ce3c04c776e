package io.marketfeed.connect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * Reads topics of one partition each from the start, keeping every record read, and waits for a condition on them.
 * Owned by the test thread.
 */
final class TopicReader implements AutoCloseable {

    /** A record as text. */
    record Text(String topic, String key, String value, long timestamp, Map<String, String> headers) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Text> records = new ArrayList<>();

    TopicReader(EmbeddedKafkaCluster kafka, String... topics) {
        consumer = kafka.createConsumer(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            partitions.add(new TopicPartition(topic, 0));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads until some record read so far matches, or fails after {@code timeout}. */
    Text await(Predicate<Text> condition, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Text record : records) {
                if (condition.test(record)) {
                    return record;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what.get() + "; read " + records.size()
                        + " records");
            }
            read();
        }
    }

    /** Reads what has arrived, waiting at most 200 ms. */
    void read() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            records.add(new Text(record.topic(), text(record.key()), text(record.value()), record.timestamp(),
                    headers));
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    List<Text> records() {
        return List.copyOf(records);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
