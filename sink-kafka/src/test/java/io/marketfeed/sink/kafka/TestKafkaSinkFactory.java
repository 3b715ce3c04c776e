package io.marketfeed.sink.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.sink.HoconSinkConfig;
import io.marketfeed.sink.SinkConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kafka sink's keys: defaults, overrides, and the messages for wrong values. No broker needed. */
class TestKafkaSinkFactory {

    private static final String BASE = "type = kafka\nbootstrap-servers = \"k1:9092, k2:9093\"\n";

    @Test
    void defaultsGiveAnIdempotentProducerWithBoundedTimeoutsAndOneTopicPerKind() {
        KafkaSettings settings = settings("");
        assertEquals("k1:9092, k2:9093", settings.bootstrapServers);
        assertEquals("marketfeed.quote", settings.topics.get("quote"));
        assertEquals("marketfeed.connection", settings.topics.get("connection"));
        assertEquals(9, settings.topics.size());
        assertTrue(settings.createTopics);
        assertEquals(3, settings.partitions);
        assertEquals(1, settings.replicationFactor);
        Map<String, Object> producer = settings.producerProperties();
        assertEquals(true, producer.get("enable.idempotence"));
        assertEquals("all", producer.get("acks"));
        assertEquals("5000", producer.get("max.block.ms"));
        assertEquals("5000", producer.get("request.timeout.ms"));
        assertEquals("10000", producer.get("delivery.timeout.ms"));
        assertEquals("marketfeed-kafka", producer.get("client.id"));
        assertFalse(producer.containsKey("security.protocol"));
    }

    @Test
    void topicsPartitionsAndProducerPropertiesCanBeChanged() {
        KafkaSettings settings = settings("topic-prefix = \"md-\"\ntopics { trade = ticks }\ncreate-topics = false\n"
                + "partitions = 12\nreplication-factor = 3\n"
                + "properties { compression.type = lz4, \"linger.ms\" = 20, delivery.timeout.ms = 30000 }");
        assertEquals("md-quote", settings.topics.get("quote"));
        assertEquals("ticks", settings.topics.get("trade"));
        assertFalse(settings.createTopics);
        assertEquals(12, settings.partitions);
        assertEquals(3, settings.replicationFactor);
        Map<String, Object> producer = settings.producerProperties();
        assertEquals("lz4", producer.get("compression.type"));
        assertEquals("20", producer.get("linger.ms"));
        assertEquals("30000", producer.get("delivery.timeout.ms"));
        assertEquals(30000, settings.apiTimeoutMillis());
        assertEquals("all", producer.get("acks"));
    }

    @Test
    void wrongValuesAreReportedWithTheirKeyAndTheFix() {
        assertProblem("type = kafka", "sink.bootstrap-servers", "is required");
        assertProblem("type = kafka\nbootstrap-servers = \"k1\"", "sink.bootstrap-servers", "host:port");
        assertProblem(BASE + "topics { trades = x }", "sink.topics", "the kinds are quote, trade");
        assertProblem(BASE + "topic-prefix = \"a b/\"", "sink.topic-prefix", "Kafka topic names are");
        assertProblem(BASE + "topics { gap = \"\" }", "sink.topics", "for gap events");
        assertProblem(BASE + "partitions = 0", "sink.partitions", "from 1");
        assertProblem(BASE + "properties { acks = 1 }", "sink.properties", "idempotence needs acks=all");
        assertProblem(BASE + "properties { enable.idempotence = false }", "sink.properties", "always produces");
        assertProblem(BASE + "properties { linger.msx = 5 }", "sink.properties", "\"linger.msx\" is not a Kafka");
        assertProblem(BASE + "properties { linger.ms = soon }", "sink.properties", "linger.ms");
        assertProblem(BASE + "properties { request.timeout.ms = 20000 }", "sink.properties",
                "delivery.timeout.ms (10000) must be at least linger.ms (5) + request.timeout.ms (20000)");
        assertProblem(BASE + "security-protocol = tls", "sink.security-protocol", "plaintext, sasl_plaintext");
    }

    @Test
    void saslCredentialsGoOnlyToTheClientProperties() {
        String password = "pa\"ss\\word-XYZ";
        KafkaSettings settings = settings("sasl-username = feed\nsasl-password = \"" + password.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"\nsasl-mechanism = PLAIN");
        Map<String, Object> producer = settings.producerProperties();
        assertEquals("SASL_SSL", producer.get("security.protocol"));
        assertEquals("PLAIN", producer.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"feed\""
                + " password=\"pa\\\"ss\\\\word-XYZ\";", producer.get("sasl.jaas.config"));
        assertEquals(producer.get("sasl.jaas.config"), settings.adminProperties().get("sasl.jaas.config"));
        assertFalse(settings.toString().contains("XYZ"));
        assertFalse(new KafkaSinkFactory().create(config("sasl-username = feed\nsasl-password = " + "s3cret-XYZ"))
                .toString().contains("XYZ"));

        KafkaSettings scram = settings("sasl-username = feed\nsasl-password = x\nsecurity-protocol = sasl_plaintext");
        assertEquals("SCRAM-SHA-512", scram.producerProperties().get("sasl.mechanism"));
        assertEquals("SASL_PLAINTEXT", scram.producerProperties().get("security.protocol"));

        assertProblem(BASE + "sasl-username = feed", "sink.sasl-password", "${?KAFKA_PASSWORD}");
        SinkConfigException orphan = assertProblem(BASE + "sasl-password = hush-XYZ", "sink.sasl-username",
                "is required");
        assertFalse(orphan.getMessage().contains("XYZ"));
        assertProblem(BASE + "sasl-username = feed\nsasl-password = x\nproperties { sasl.jaas.config = y }",
                "sink.properties", "security keys set it");
    }

    @Test
    void everyKeyTheSinkReadsIsDocumented() {
        Map<String, String> keys = new KafkaSinkFactory().keys();
        for (String key : HoconSinkConfig.parse(BASE + "topic-prefix = a, topics { quote = q }, create-topics = true,"
                + " partitions = 1, replication-factor = 1, properties {}, security-protocol = sasl_ssl,"
                + " sasl-mechanism = plain, sasl-username = u, sasl-password = p", Path.of(".")).block().root()
                .keySet()) {
            assertTrue(key.equals("type") || keys.containsKey(key), key + " is not documented");
        }
        assertEquals("kafka", new KafkaSinkFactory().type());
    }

    private static HoconSinkConfig config(String keys) {
        return HoconSinkConfig.parse(BASE + keys, Path.of("."));
    }

    private static KafkaSettings settings(String keys) {
        return KafkaSettings.read(config(keys));
    }

    private static SinkConfigException assertProblem(String block, String path, String fragment) {
        SinkConfigException problem = assertThrows(SinkConfigException.class,
                () -> new KafkaSinkFactory().create(HoconSinkConfig.parse(block, Path.of("."))));
        assertEquals(path, problem.path(), problem.getMessage());
        assertTrue(problem.problem().contains(fragment), problem.getMessage());
        assertFalse(problem.getMessage().contains("\n"), problem.getMessage());
        return problem;
    }
}
