package io.marketfeed.sink.kafka;

import io.marketfeed.sink.Sink;
import io.marketfeed.sink.SinkConfig;
import io.marketfeed.sink.SinkFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code kafka} sink: every event becomes one Kafka record, produced idempotently with {@code acks=all}.
 *
 * <pre>
 * marketfeed.sinks = [{
 *   type = kafka
 *   bootstrap-servers = "kafka1:9092,kafka2:9092"
 *   topic-prefix = "marketfeed."          # topics marketfeed.quote, marketfeed.trade, ...
 *   topics { trade = "ticks" }            # optional: another topic for some kinds
 *   create-topics = true, partitions = 3, replication-factor = 1
 *   properties { "compression.type" = "lz4" }   # any other producer setting
 *   # sasl-username = "marketfeed", sasl-password = ${?KAFKA_PASSWORD}, sasl-mechanism = scram-sha-512
 * }]
 * </pre>
 *
 * <h2>Records</h2>
 * <ul>
 * <li><b>Topic</b>: {@code <topic-prefix><kind>}, one per {@code MarketEvent.type()}: {@code quote},
 * {@code trade}, {@code candle}, {@code book}, {@code market}, {@code alert}, {@code gap}, {@code connection},
 * {@code status}; {@code topics} replaces single ones. With {@code create-topics} (the default) {@code open}
 * creates the missing ones with {@code partitions} and {@code replication-factor} and leaves existing ones
 * alone.</li>
 * <li><b>Key</b> (UTF-8 text): {@code provider:symbol} for quote, trade, candle, book and alerts about a symbol;
 * {@code provider:connection} for gap and connection events; {@code provider} for market, status and alerts
 * without a symbol. One key goes to one partition, so the events of a symbol stay in order.</li>
 * <li><b>Value</b> (UTF-8 JSON): the event's line of the jsonl output ({@code JsonlEncoder}) without the
 * newline. Every object starts with {@code type} and {@code provider}, ends with {@code receivedAt}, and leaves
 * out absent values. Decimals are JSON numbers written exactly as received ({@code 28.000} stays
 * {@code 28.000}: read them as decimals, not doubles); instants are ISO-8601 UTC strings with up to nine
 * fraction digits. The other fields per type:
 * <ul>
 * <li>{@code quote}: {@code symbol}, then the decimals {@code price change changePercent volume bid ask open high
 * low previousClose}, {@code time};</li>
 * <li>{@code trade}: {@code symbol price size value side} ({@code buy}/{@code sell}, absent when unknown)
 * {@code tradeId time};</li>
 * <li>{@code candle}: {@code symbol interval} (ISO-8601 duration, {@code PT1M}) {@code openTime open high low close
 * volume};</li>
 * <li>{@code book}: {@code symbol}, {@code bids} and {@code asks} (arrays of {@code {price, size, orders}}, in
 * the provider's order), {@code time};</li>
 * <li>{@code market}: {@code market status message time};</li>
 * <li>{@code alert}: {@code symbol kind message time};</li>
 * <li>{@code gap}: {@code connection}, {@code symbols} (array), {@code from to reason};</li>
 * <li>{@code connection}: {@code connection state reason attempt nextAttemptIn} (milliseconds);</li>
 * <li>{@code status}: {@code kind message}, {@code details} (object of text).</li>
 * </ul></li>
 * <li><b>Timestamp</b>: {@code receivedAt} in epoch milliseconds (CreateTime).</li>
 * <li><b>Headers</b> (ASCII decimal text): {@code marketfeed-run}, the writer's run id, and {@code marketfeed-seq},
 * the event's sequence number in that run. Together they identify the event: a batch that failed is sent again
 * whole, and Kafka's idempotence only removes duplicates within one producer session (the sink makes a new
 * producer after a failure or restart), so a consumer that must not see an event twice drops records whose
 * {@code (run, seq)} it has seen.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * A write returns once every record is acknowledged by all in-sync replicas, or throws (and the writer retries
 * the batch, spooling new events meanwhile). So that a broker that is down fails a write in bounded time, the
 * sink sets {@code max.block.ms=5000} (waiting for a topic's metadata, once per write), {@code request.timeout.ms=5000}
 * and {@code delivery.timeout.ms=10000} (waiting for acknowledgements): a write fails within about 15 s. Each can
 * be changed in {@code properties}; {@code delivery.timeout.ms} must stay at least {@code linger.ms} (Kafka's
 * default 5) plus {@code request.timeout.ms}. {@code close} waits at most 2 s for records in flight.
 */
public final class KafkaSinkFactory implements SinkFactory {

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public String description() {
        return "Kafka topics, one per event kind (idempotent producer, JSON values)";
    }

    @Override
    public Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("bootstrap-servers", "brokers to connect to, host:port separated by commas (required)");
        keys.put("topic-prefix", "topics are <prefix><kind>, such as marketfeed.quote (default \"marketfeed.\")");
        keys.put("topics", "object of kind = topic for kinds that go elsewhere, such as { trade = \"ticks\" }");
        keys.put("create-topics", "create the missing topics when opening (default true)");
        keys.put("partitions", "partitions of a created topic (default 3)");
        keys.put("replication-factor", "replicas of a created topic (default 1; 3 in production clusters)");
        keys.put("properties", "object of extra producer settings, such as { \"compression.type\" = \"lz4\" }");
        keys.put("security-protocol", "plaintext, ssl, sasl_plaintext or sasl_ssl (sasl_ssl with sasl-username)");
        keys.put("sasl-mechanism", "plain, scram-sha-256 or scram-sha-512 (default scram-sha-512)");
        keys.put("sasl-username", "user name for SASL authentication");
        keys.put("sasl-password", "password for SASL authentication; write ${?KAFKA_PASSWORD} to take it from the"
                + " environment");
        return keys;
    }

    @Override
    public Sink create(SinkConfig config) {
        return new KafkaSink(KafkaSettings.read(config));
    }
}
