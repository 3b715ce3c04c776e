package io.marketfeed.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's configuration (documented in docs/kafka-connect.md), checked by {@link ConfigDef}, and the
 * provider options it passes through ({@code provider.<key>}, the keys of the provider's block in the runner's
 * configuration). The credentials are a {@link Type#PASSWORD}: Connect shows them as {@code [hidden]}, and
 * {@link #toString()} never shows them.
 *
 * <p>Immutable; any thread.
 */
final class ConnectorConfig extends AbstractConfig {

    static final String PROVIDER = "provider";
    static final String SYMBOLS = "symbols";
    static final String SYMBOLS_SETTING = "symbols.setting";
    static final String CREDENTIALS = "credentials";
    static final String TOPIC_PREFIX = "topic.prefix";
    static final String TOPICS = "topics";
    static final String RECORD_VALUE = "record.value";
    static final String QUEUE_CAPACITY = "queue.capacity";
    static final String BATCH_SIZE = "batch.size";
    /** Prefix of the provider options, such as {@code provider.plan} or {@code provider.heartbeat.timeout}. */
    static final String PROVIDER_OPTION = "provider.";

    /** Every event kind, each to its own topic as in the Kafka sink: the values of {@code MarketEvent.type()}. */
    static final List<String> KINDS = List.of("quote", "trade", "candle", "book", "market", "alert", "gap",
            "connection", "status");

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(PROVIDER, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "The provider id: sahmk, tickatlas, alltick, screener, or a provider jar's id in"
                    + " the plugin directory.", "Marketfeed", 1, Width.SHORT, "Provider")
            .define(SYMBOLS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "The symbols to stream, separated by commas; sharded across the tasks.", "Marketfeed", 2,
                    Width.LONG, "Symbols")
            .define(SYMBOLS_SETTING, Type.STRING, "symbols", new ConfigDef.NonEmptyString(), Importance.LOW,
                    "The provider's list the symbols fill: symbols (quotes), or another such as trades.symbols"
                    + " (AllTick).", "Marketfeed", 3, Width.SHORT, "Symbols setting")
            .define(CREDENTIALS, Type.PASSWORD, "", Importance.HIGH, "The API keys (or tokens), separated by"
                    + " commas; with several, connections are spread over them. Write a ConfigProvider reference,"
                    + " such as ${file:/etc/kafka/secrets/marketfeed.properties:tickatlas.keys}, not the keys. Empty"
                    + " for an anonymous provider.", "Marketfeed", 4, Width.LONG, "Credentials")
            .define(TOPIC_PREFIX, Type.STRING, "marketfeed.", Importance.MEDIUM, "Events go to <prefix><kind>:"
                    + " marketfeed.quote, marketfeed.gap, ... (as the Kafka sink).", "Records", 1, Width.MEDIUM,
                    "Topic prefix")
            .define(TOPICS, Type.LIST, "", Importance.LOW, "kind=topic pairs for kinds that go elsewhere, such as"
                    + " trade=ticks,gap=marketfeed.lifecycle. Kinds: " + String.join(", ", KINDS) + ".", "Records",
                    2, Width.LONG, "Topics")
            .define(RECORD_VALUE, Type.STRING, "json", ConfigDef.ValidString.in("json", "struct"), Importance.MEDIUM,
                    "json: the value is the event's jsonl line as a string (use StringConverter: the bytes are"
                    + " the Kafka sink's). struct: a Struct with the one Marketfeed event schema, decimals as exact"
                    + " strings (for JsonConverter with schemas, Avro, Protobuf).", "Records", 3, Width.SHORT,
                    "Record value")
            .define(QUEUE_CAPACITY, Type.INT, 8192, ConfigDef.Range.between(16, 1 << 22), Importance.LOW,
                    "Events a task holds between the feed and poll(); when full, the task's sockets stop reading"
                    + " (nothing is dropped).", "Tuning", 1, Width.SHORT, "Queue capacity")
            .define(BATCH_SIZE, Type.INT, 2000, ConfigDef.Range.between(1, 1 << 20), Importance.LOW,
                    "Most records one poll() returns.", "Tuning", 2, Width.SHORT, "Batch size");

    ConnectorConfig(Map<String, String> props) {
        super(DEFINITION, props, false);
        topics(); // fails with a ConfigException naming a wrong pair
    }

    String provider() {
        return getString(PROVIDER).trim();
    }

    List<String> symbols() {
        List<String> symbols = new ArrayList<>();
        for (String symbol : getList(SYMBOLS)) {
            if (!symbol.isBlank() && !symbols.contains(symbol.trim())) {
                symbols.add(symbol.trim());
            }
        }
        return symbols;
    }

    String symbolsSetting() {
        return getString(SYMBOLS_SETTING).trim();
    }

    /** The credentials, in order; empty for an anonymous provider. Never log them. */
    List<String> credentials() {
        return split(getPassword(CREDENTIALS));
    }

    static List<String> split(Password password) {
        List<String> keys = new ArrayList<>();
        if (password != null) {
            for (String key : password.value().split(",")) {
                if (!key.isBlank()) {
                    keys.add(key.trim());
                }
            }
        }
        return keys;
    }

    int queueCapacity() {
        return getInt(QUEUE_CAPACITY);
    }

    int batchSize() {
        return getInt(BATCH_SIZE);
    }

    boolean structValues() {
        return getString(RECORD_VALUE).equals("struct");
    }

    /** The topic of each kind. */
    Map<String, String> topics() {
        String prefix = getString(TOPIC_PREFIX).trim();
        Map<String, String> topics = new LinkedHashMap<>();
        KINDS.forEach(kind -> topics.put(kind, prefix + kind));
        List<String> overridden = new ArrayList<>();
        for (String pair : getList(TOPICS)) {
            String[] parts = pair.split("=", 2);
            String kind = parts[0].trim().toLowerCase(Locale.ROOT);
            if (parts.length != 2 || !KINDS.contains(kind)) {
                throw new ConfigException(TOPICS, pair, "must be kind=topic pairs such as trade=ticks; the kinds are "
                        + String.join(", ", KINDS));
            }
            topics.put(kind, parts[1].trim());
            overridden.add(kind);
        }
        topics.forEach((kind, topic) -> {
            if (!TOPIC.matcher(topic).matches()) {
                throw new ConfigException(overridden.contains(kind) ? TOPICS : TOPIC_PREFIX, topic,
                        "is not a valid topic name (letters, digits, '.', '_', '-'; at most 249 characters)");
            }
        });
        return topics;
    }

    /**
     * The provider options: every {@code provider.<key>} of the connector's configuration, without the prefix, in
     * key order.
     */
    static Map<String, String> providerOptions(Map<String, String> props) {
        Map<String, String> options = new TreeMap<>();
        props.forEach((key, value) -> {
            if (key.startsWith(PROVIDER_OPTION) && value != null) {
                options.put(key.substring(PROVIDER_OPTION.length()), value);
            }
        });
        return options;
    }

    @Override
    public String toString() {
        return "marketfeed connector config[provider=" + provider() + ", " + symbols().size() + " symbols, "
                + credentials().size() + " credentials (hidden)]";
    }
}
