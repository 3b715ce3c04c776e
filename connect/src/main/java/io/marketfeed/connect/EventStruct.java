package io.marketfeed.connect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The one Connect schema of every Marketfeed event ({@code record.value=struct}), and the conversion of an event's
 * jsonl line into it. The fields are those of the jsonl schema (README "Event schema"), all optional but
 * {@code type} and {@code provider}; decimals are strings written exactly as received ({@code "27.850"}), because
 * a Connect {@code Decimal} has one fixed scale per field and vendors send prices with varying scales; times are
 * ISO-8601 UTC strings with up to nine fraction digits, as in the jsonl line; {@code attempt},
 * {@code nextAttemptIn} (milliseconds) and book levels' {@code orders} are integers.
 *
 * <p>Building the Struct from the line (rather than from the event) keeps one encoder of the event model, the
 * jsonl one; a field the line has and the schema lacks is an error, which the tests' every-kind sample catches.
 * Stateless; any thread.
 */
final class EventStruct {

    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> STRINGS = List.of("symbol", "price", "change", "changePercent", "volume",
            "bid", "ask", "open", "high", "low", "close", "previousClose", "size", "value", "side", "tradeId",
            "interval", "openTime", "market", "status", "message", "kind", "connection", "state", "reason", "from",
            "to", "time");

    static final Schema LEVEL = SchemaBuilder.struct().name("io.marketfeed.BookLevel").version(1)
            .field("price", Schema.OPTIONAL_STRING_SCHEMA)
            .field("size", Schema.OPTIONAL_STRING_SCHEMA)
            .field("orders", Schema.OPTIONAL_INT64_SCHEMA)
            .optional().build();

    static final Schema SCHEMA = schema();

    private EventStruct() {
    }

    private static Schema schema() {
        SchemaBuilder builder = SchemaBuilder.struct().name("io.marketfeed.Event").version(1)
                .doc("A Marketfeed event; see docs/kafka-connect.md")
                .field("type", Schema.STRING_SCHEMA)
                .field("provider", Schema.STRING_SCHEMA);
        STRINGS.forEach(name -> builder.field(name, Schema.OPTIONAL_STRING_SCHEMA));
        builder.field("attempt", Schema.OPTIONAL_INT64_SCHEMA)
                .field("nextAttemptIn", Schema.OPTIONAL_INT64_SCHEMA)
                .field("symbols", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
                .field("bids", SchemaBuilder.array(LEVEL).optional().build())
                .field("asks", SchemaBuilder.array(LEVEL).optional().build())
                .field("details", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).optional().build())
                .field("receivedAt", Schema.STRING_SCHEMA);
        return builder.build();
    }

    /**
     * The Struct of one jsonl line.
     *
     * @throws IllegalStateException naming a field the schema does not have
     */
    static Struct of(String line) {
        try (JsonParser parser = JSON.createParser(line)) {
            parser.nextToken();
            return object(parser, SCHEMA);
        } catch (IOException e) {
            throw new UncheckedIOException("not a jsonl line: " + line, e);
        }
    }

    private static Struct object(JsonParser parser, Schema schema) throws IOException {
        Struct struct = new Struct(schema);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            Field field = schema.field(name);
            if (field == null) {
                throw new IllegalStateException("the jsonl field '" + name + "' has no place in " + schema.name()
                        + ": add it to EventStruct");
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.VALUE_NULL) {
                continue;
            }
            struct.put(field, value(parser, token, name, field.schema()));
        }
        return struct;
    }

    private static Object value(JsonParser parser, JsonToken token, String name, Schema schema) throws IOException {
        switch (schema.type()) {
            case ARRAY:
                List<Object> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(schema.valueSchema().type() == Schema.Type.STRUCT
                            ? object(parser, schema.valueSchema()) : parser.getText());
                }
                return items;
            case MAP:
                Map<String, String> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    map.put(key, parser.getText());
                }
                return map;
            case INT64:
                return parser.getLongValue();
            default:
                if (token.isStructStart()) {
                    throw new IllegalStateException("the jsonl field '" + name + "' is not a " + schema.type());
                }
                return parser.getText(); // a number's text as written: the decimal exactly
        }
    }
}
