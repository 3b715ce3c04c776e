package io.marketfeed.connect;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.json.EventKeys;
import io.marketfeed.sink.json.JsonlEncoder;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Events as Connect records, with the Kafka sink's layout (KafkaSinkFactory's Javadoc): topic per kind, key
 * {@code provider:symbol} ({@link EventKeys}), value the event's jsonl line without its newline (or its
 * {@link EventStruct}), timestamp the receive time, headers {@code marketfeed-run} and {@code marketfeed-seq} as
 * decimal text. Every record of a task has the task's source partition {@code {provider, shard}} and the offset
 * {@code {seq, time}}: the event's sequence number and receive time in epoch milliseconds.
 *
 * <p>Not thread safe (it reuses one encoder): owned by the task's thread.
 */
final class RecordFactory {

    static final String RUN_HEADER = "marketfeed-run";
    static final String SEQ_HEADER = "marketfeed-seq";
    static final String OFFSET_SEQ = "seq";
    static final String OFFSET_TIME = "time";

    private final JsonlEncoder encoder = new JsonlEncoder();
    private final Map<String, String> topics;
    private final Map<String, ?> partition;
    private final String run;
    private final boolean struct;

    /**
     * @param topics the topic of each kind
     * @param partition the task's source partition
     * @param run this task run's id, as decimal text
     * @param struct whether values are {@link EventStruct}s rather than jsonl strings
     */
    RecordFactory(Map<String, String> topics, Map<String, ?> partition, long run, boolean struct) {
        this.topics = Map.copyOf(topics);
        this.partition = Map.copyOf(partition);
        this.run = Long.toString(run);
        this.struct = struct;
    }

    SourceRecord record(MarketEvent event, long seq) {
        encoder.write(event);
        String text = encoder.text();
        encoder.reset();
        String line = text.substring(0, text.length() - 1); // without the '\n'
        long time = event.receivedAt().toEpochMilli();
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(RUN_HEADER, run);
        headers.addString(SEQ_HEADER, Long.toString(seq));
        Schema schema = struct ? EventStruct.SCHEMA : Schema.STRING_SCHEMA;
        Object value = struct ? EventStruct.of(line) : line;
        return new SourceRecord(partition, Map.of(OFFSET_SEQ, seq, OFFSET_TIME, time), topics.get(event.type()), null,
                Schema.STRING_SCHEMA, EventKeys.key(event), schema, value, time, headers);
    }
}
