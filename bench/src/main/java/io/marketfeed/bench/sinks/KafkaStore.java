package io.marketfeed.bench.sinks;

import io.marketfeed.sink.HoconSinkConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker in this JVM: one KRaft node, controller and broker in one, from Kafka's test kit (its logs in
 * a temporary folder it deletes at the end). The sink's defaults: topics created with 3 partitions, replication
 * factor 1, an idempotent producer with {@code acks=all}. An area is a topic prefix.
 */
final class KafkaStore implements Store {

    private static final long TIMEOUT_SECONDS = 30;

    private final KafkaClusterTestKit cluster;
    private final Admin admin;

    private KafkaStore(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.admin = cluster.admin();
    }

    static KafkaStore start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaStore(cluster);
        } catch (Exception | LinkageError e) {
            cluster.close();
            throw e;
        }
    }

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public String describe() {
        return "Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion() + ", one KRaft node (test kit) in "
                + "the harness's JVM on 127.0.0.1; topics of 3 partitions, replication factor 1; the sink's producer "
                + "defaults (idempotent, acks=all)";
    }

    @Override
    public HoconSinkConfig config(String area) {
        return HoconSinkConfig.parse("type = kafka\nname = " + area + "\nbootstrap-servers = \""
                + cluster.bootstrapServers() + "\"\ntopic-prefix = \"" + area + ".\"", java.nio.file.Path.of("."));
    }

    /** The records in the area's quote and trade topics: the sum of their partitions' end offsets. */
    @Override
    public long count(String area) throws Exception {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (TopicPartition partition : partitions(area)) {
            ends.put(partition, OffsetSpec.latest());
        }
        long records = 0;
        for (ListOffsetsResultInfo end : admin.listOffsets(ends).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .values()) {
            records += end.offset();
        }
        return records;
    }

    /** The size of the area's partitions in the broker's log folders, as the broker reports it. */
    @Override
    public long bytes(String area) throws Exception {
        Set<TopicPartition> mine = Set.copyOf(partitions(area));
        long bytes = 0;
        Map<Integer, Map<String, LogDirDescription>> brokers = admin.describeLogDirs(cluster.brokers().keySet())
                .allDescriptions().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (Map<String, LogDirDescription> dirs : brokers.values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    if (mine.contains(replica.getKey())) {
                        bytes += replica.getValue().size();
                    }
                }
            }
        }
        return bytes;
    }

    private List<TopicPartition> partitions(String area) throws Exception {
        List<String> topics = List.of(area + ".quote", area + ".trade");
        return admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values().stream()
                .flatMap(topic -> topic.partitions().stream()
                        .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                .toList();
    }

    @Override
    public void close() {
        admin.close();
        try {
            cluster.close();
        } catch (Exception e) {
            System.err.println("sinks: stopping the Kafka broker: " + e);
        }
    }
}
