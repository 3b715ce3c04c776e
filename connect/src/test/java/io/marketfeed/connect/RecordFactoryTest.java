package io.marketfeed.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.SampleEvents;
import io.marketfeed.sink.json.EventKeys;
import io.marketfeed.sink.json.JsonlEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.junit.jupiter.api.Test;
/** Records have the Kafka sink's layout, for every kind of event, in both value forms. */
class RecordFactoryTest {

    private static final Map<String, String> PARTITION = Map.of("provider", "sahmk", "shard", "3");

    private static String line(MarketEvent event) {
        JsonlEncoder encoder = new JsonlEncoder();
        encoder.write(event);
        String text = encoder.text();
        return text.substring(0, text.length() - 1);
    }

    private static Map<String, String> topics() {
        return new ConnectorConfig(Map.of("provider", "sahmk", "symbols", "2222", "topics", "gap=lifecycle"))
                .topics();
    }

    @Test
    void jsonValuesAreTheSinksLinesWithKeyHeadersTimestampAndOffset() {
        RecordFactory factory = new RecordFactory(topics(), PARTITION, 42, false);
        SimpleHeaderConverter headers = new SimpleHeaderConverter();
        List<MarketEvent> events = SampleEvents.everyKind();
        long seq = 1000;
        for (MarketEvent event : events) {
            SourceRecord record = factory.record(event, ++seq);
            assertEquals(line(event), record.value(), "value of a " + event.type());
            assertEquals(event.type().equals("gap") ? "lifecycle" : "marketfeed." + event.type(), record.topic());
            assertEquals(EventKeys.key(event), record.key());
            assertEquals(event.receivedAt().toEpochMilli(), record.timestamp());
            assertEquals(PARTITION, record.sourcePartition());
            assertEquals(Map.of("seq", seq, "time", event.receivedAt().toEpochMilli()), record.sourceOffset());
            byte[] run = headers.fromConnectHeader("t", "marketfeed-run", null,
                    record.headers().lastWithName("marketfeed-run").value());
            assertEquals("42", new String(run, StandardCharsets.US_ASCII), "header bytes as the sink writes them");
            assertEquals(Long.toString(seq), record.headers().lastWithName("marketfeed-seq").value());
        }
        assertTrue(events.stream().map(MarketEvent::type).distinct().count() >= 9, "every kind is covered");
    }

    @Test
    void structValuesKeepEveryFieldAndDecimalsExactly() {
        RecordFactory factory = new RecordFactory(topics(), PARTITION, 42, true);
        for (MarketEvent event : SampleEvents.everyKind()) {
            Struct struct = (Struct) factory.record(event, 1).value();
            struct.validate();
            assertEquals(event.type(), struct.getString("type"));
            assertNotNull(struct.getString("receivedAt"));
            String line = line(event);
            for (var field : struct.schema().fields()) {
                Object value = struct.get(field);
                if (value instanceof String text && field.schema().type() == org.apache.kafka.connect.data.Schema.Type.STRING) {
                    String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(text));
                    assertTrue(line.contains("\"" + field.name() + "\":" + text)
                            || line.contains("\"" + field.name() + "\":\"" + quoted + "\""),
                            field.name() + "=" + text + " as written in " + line);
                }
            }
        }
    }
}
