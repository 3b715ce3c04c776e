package io.marketfeed.sink.kafka;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.EventBatch;
import io.marketfeed.sink.json.EventKeys;
import io.marketfeed.sink.json.JsonlEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns a batch into Kafka records as {@link KafkaSinkFactory} documents them: topic per kind, key
 * {@code provider:symbol}, value the event's jsonl line without its newline, headers with the event's id,
 * timestamp the receive time.
 *
 * <p>Not thread safe (it reuses one encoder): owned by the sink's writer thread.
 */
final class EventRecords {

    /** Header with the writer's run id, as decimal text. */
    static final String RUN_HEADER = "marketfeed-run";
    /** Header with the event's sequence number within the run, as decimal text. */
    static final String SEQ_HEADER = "marketfeed-seq";

    private final JsonlEncoder encoder = new JsonlEncoder();
    private final Map<String, String> topics;

    /** @param topics the topic of each event kind */
    EventRecords(Map<String, String> topics) {
        this.topics = topics;
    }

    /** The records of every event of the batch, in order. */
    List<ProducerRecord<String, byte[]>> of(EventBatch batch) {
        int count = batch.size();
        int[] ends = new int[count];
        encoder.reset();
        for (int i = 0; i < count; i++) {
            encoder.write(batch.event(i));
            ends[i] = encoder.size();
        }
        byte[] lines = encoder.toByteArray();
        encoder.reset();
        byte[] run = ascii(batch.runId());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        int start = 0;
        for (int i = 0; i < count; i++) {
            MarketEvent event = batch.event(i);
            byte[] value = Arrays.copyOfRange(lines, start, ends[i] - 1); // without the '\n'
            start = ends[i];
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.get(event.type()), null,
                    event.receivedAt().toEpochMilli(), EventKeys.key(event), value);
            record.headers().add(RUN_HEADER, run).add(SEQ_HEADER, ascii(batch.sequence(i)));
            records.add(record);
        }
        return records;
    }

    /**
     * {@code provider:symbol} for market data and alerts about a symbol, {@code provider:connection} for gap and
     * connection events, {@code provider} for the others: the events of one key keep their order (one partition).
     */
    private static byte[] ascii(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }
}
