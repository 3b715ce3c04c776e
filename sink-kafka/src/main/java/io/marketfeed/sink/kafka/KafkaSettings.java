package io.marketfeed.sink.kafka;

import com.typesafe.config.ConfigUtil;
import io.marketfeed.sink.SinkConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A Kafka sink's checked configuration (see {@link KafkaSinkFactory} for the keys) and the client properties made
 * from it. The password is kept only inside the client properties; {@link #toString()} never shows it.
 *
 * <p>Immutable; any thread.
 */
final class KafkaSettings {

    /** Every event kind, one topic each: the values of {@code MarketEvent.type()}. */
    static final List<String> KINDS = List.of("quote", "trade", "candle", "book", "market", "alert", "gap",
            "connection", "status");

    /** Defaults that bound how long a write to a broker that is down takes (each overridable in properties). */
    static final Map<String, String> TIMEOUTS = Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000",
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");

    /** Producer properties the sink sets itself, with the reason given when one is found in {@code properties}. */
    private static final Map<String, String> FIXED = Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "use the key bootstrap-servers",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "keys are always text",
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "values are always the jsonl form",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "the sink always produces idempotently",
            ProducerConfig.ACKS_CONFIG, "idempotence needs acks=all, which the sink sets",
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "the sink does not use transactions");

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern SERVER = Pattern.compile("[^\\s:,]+:[0-9]{1,5}|\\[[0-9a-fA-F:.]+\\]:[0-9]{1,5}");

    final String sinkName;
    final String bootstrapServers;
    /** Topic per kind, in {@link #KINDS} order. */
    final Map<String, String> topics;
    final boolean createTopics;
    final int partitions;
    final short replicationFactor;
    private final Map<String, Object> producer;

    private KafkaSettings(String sinkName, String bootstrapServers, Map<String, String> topics, boolean createTopics,
            int partitions, short replicationFactor, Map<String, Object> producer) {
        this.sinkName = sinkName;
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.createTopics = createTopics;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.producer = producer;
    }

    /** Reads and checks the sink's keys; throws {@link SinkConfig#problem} naming the first wrong one. */
    static KafkaSettings read(SinkConfig config) {
        String servers = config.requiredString("bootstrap-servers").trim();
        for (String server : servers.split(",", -1)) {
            if (!SERVER.matcher(server.trim()).matches()) {
                throw config.problem("bootstrap-servers", "must list host:port pairs separated by commas, such as"
                        + " \"kafka1:9092,kafka2:9092\"; \"" + server.trim() + "\" is not one");
            }
        }
        Map<String, String> topics = topics(config);
        boolean create = config.flag("create-topics", true);
        int partitions = config.integer("partitions", 3, 1, 100_000);
        short replication = (short) config.integer("replication-factor", 1, 1, Short.MAX_VALUE);

        Map<String, Object> producer = new LinkedHashMap<>(TIMEOUTS);
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, "marketfeed-" + config.name());
        producer.putAll(security(config));
        for (Map.Entry<String, String> property : config.table("properties").entrySet()) {
            // "linger.ms" = 5 and linger.ms = 5 both mean linger.ms (the table gives the first one in quotes).
            String name = String.join(".", ConfigUtil.splitPath(property.getKey()));
            if (FIXED.containsKey(name)) {
                throw config.problem("properties", "must not set " + name + ": " + FIXED.get(name));
            }
            if (!ProducerConfig.configNames().contains(name)) {
                throw config.problem("properties", "\"" + name + "\" is not a Kafka producer setting; see"
                        + " https://kafka.apache.org/documentation/#producerconfigs");
            }
            if (producer.containsKey(name) && !TIMEOUTS.containsKey(name)
                    && !ProducerConfig.CLIENT_ID_CONFIG.equals(name)) {
                throw config.problem("properties", "must not set " + name + ": the sink's security keys set it");
            }
            producer.put(name, property.getValue());
        }
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        check(config, producer);
        return new KafkaSettings(config.name(), servers, topics, create, partitions, replication, Map.copyOf(producer));
    }

    private static Map<String, String> topics(SinkConfig config) {
        String prefix = config.string("topic-prefix", "marketfeed.");
        Map<String, String> overrides = config.table("topics");
        for (String kind : overrides.keySet()) {
            if (!KINDS.contains(kind)) {
                throw config.problem("topics", "has no event kind \"" + kind + "\"; the kinds are "
                        + String.join(", ", KINDS));
            }
        }
        Map<String, String> topics = new LinkedHashMap<>();
        for (String kind : KINDS) {
            String topic = overrides.getOrDefault(kind, prefix + kind);
            if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
                throw config.problem(overrides.containsKey(kind) ? "topics" : "topic-prefix", "gives the topic name \""
                        + topic + "\" for " + kind + " events; Kafka topic names are 1 to 249 of a-z A-Z 0-9 . _ -");
            }
            topics.put(kind, topic);
        }
        return topics;
    }

    /** The keys for SASL with a user name and password (PLAIN or SCRAM), the common hosted-Kafka setup. */
    private static Map<String, Object> security(SinkConfig config) {
        Map<String, Object> security = new TreeMap<>();
        Optional<String> protocol = config.string("security-protocol").map(p -> config.choice("security-protocol",
                p, Set.of("plaintext", "ssl", "sasl_plaintext", "sasl_ssl")));
        Optional<String> user = config.string("sasl-username");
        Optional<String> password = config.secret("sasl-password");
        if (user.isEmpty()) {
            if (password.isPresent() || config.string("sasl-mechanism").isPresent()) {
                throw config.problem("sasl-username", "is required with sasl-password and sasl-mechanism");
            }
            protocol.ifPresent(p -> security.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                    p.toUpperCase(Locale.ROOT)));
            return security;
        }
        if (password.isEmpty()) {
            throw config.problem("sasl-password", "is required with sasl-username (write ${?KAFKA_PASSWORD} to read it"
                    + " from the environment)");
        }
        String mechanism = config.choice("sasl-mechanism", "scram-sha-512",
                Set.of("plain", "scram-sha-256", "scram-sha-512")).toUpperCase(Locale.ROOT);
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        security.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.orElse("sasl_ssl").toUpperCase(Locale.ROOT));
        security.put(SaslConfigs.SASL_MECHANISM, mechanism);
        security.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=" + jaasQuoted(user.get())
                + " password=" + jaasQuoted(password.get()) + ";");
        return security;
    }

    /** A JAAS option value: in double quotes, with {@code \} and {@code "} escaped. */
    static String jaasQuoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Checks the producer properties' types and ranges as the producer will, before anything connects. */
    private static void check(SinkConfig config, Map<String, Object> producer) {
        Map<String, Object> parsed;
        try {
            parsed = ProducerConfig.configDef().parse(producer);
        } catch (ConfigException e) {
            throw config.problem("properties", e.getMessage());
        }
        long delivery = ((Number) parsed.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).longValue();
        long linger = ((Number) parsed.get(ProducerConfig.LINGER_MS_CONFIG)).longValue();
        long request = ((Number) parsed.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)).longValue();
        if (delivery < linger + request) {
            throw config.problem("properties", "delivery.timeout.ms (" + delivery + ") must be at least linger.ms ("
                    + linger + ") + request.timeout.ms (" + request + ")");
        }
    }

    /** A fresh copy of the producer's properties (secrets included: give it only to the client). */
    Map<String, Object> producerProperties() {
        return new LinkedHashMap<>(producer);
    }

    /** The properties an admin client needs to reach the same cluster as the producer, with the same timeouts. */
    Map<String, Object> adminProperties() {
        Map<String, Object> admin = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : producer.entrySet()) {
            String name = entry.getKey();
            if (name.startsWith("security.") || name.startsWith("sasl.") || name.startsWith("ssl.")
                    || name.equals(CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG)
                    || name.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                    || name.equals(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG)) {
                admin.put(name, entry.getValue());
            }
        }
        admin.put(CommonClientConfigs.CLIENT_ID_CONFIG, producer.get(ProducerConfig.CLIENT_ID_CONFIG) + "-admin");
        admin.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, apiTimeoutMillis());
        return admin;
    }

    /** How long an admin call (listing and creating topics) may take in all. */
    int apiTimeoutMillis() {
        return Integer.parseInt(String.valueOf(producer.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)));
    }

    @Override
    public String toString() {
        return "kafka sink '" + sinkName + "' at " + bootstrapServers;
    }
}
