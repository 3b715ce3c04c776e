package io.marketfeed.provider.tickatlas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.toolkit.JsonFrames;
import io.marketfeed.toolkit.TextFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a TickAtlas frame's bytes with one connection's streaming parser into its {@link WireMessage}, in one pass
 * and whatever the order of the fields ({@code type} need not come first). Unknown fields, and known fields of an
 * unexpected shape, are skipped; JSON null leaves a field as it was. Reading a quote or a heartbeat allocates
 * nothing: the parser and the message are reused, values stay wire text until the codec asks for them. Not thread
 * safe: one per connection.
 */
final class TickAtlasFrameReader {

    private final JsonFrames json = new JsonFrames();
    private final WireMessage message = new WireMessage();

    /**
     * @return this reader's message, refilled from {@code frame}; valid until the next call
     * @throws IOException when the frame is not a JSON object (Jackson's exceptions are IOExceptions)
     */
    WireMessage read(InboundFrame frame) throws IOException {
        message.clear();
        JsonParser parser = json.start(frame);
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("empty, or not a JSON object");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            readTopLevel(parser, name, value);
        }
        return message;
    }

    private void readTopLevel(JsonParser parser, String name, JsonToken value) throws IOException {
        switch (name) {
            case "data":
                if (value == JsonToken.START_OBJECT) {
                    message.hasData = true;
                }
                readObject(parser, value, message.data, message.dataTime, message.dataTimestamp);
                break;
            case "error":
                if (value == JsonToken.START_OBJECT) {
                    readObject(parser, value, message.error, null, null);
                } else {
                    readScalar(parser, name, message.top, message.topTime, message.topTimestamp);
                }
                break;
            case "symbols": message.symbols = readStrings(parser, value); break;
            default: readScalar(parser, name, message.top, message.topTime, message.topTimestamp);
        }
    }

    /**
     * Keeps the current value as the field {@code name}, when the decoder reads it: a time in its
     * {@link WireTime} (none for the error object, whose times nobody reads), anything else in {@code into}.
     */
    private static void readScalar(JsonParser parser, String name, TextFields<TickAtlasField> into, WireTime time,
            WireTime timestamp) throws IOException {
        TickAtlasField field = TickAtlasField.named(name);
        if (field == TickAtlasField.TIME && time != null) {
            time.set(parser);
        } else if (field == TickAtlasField.TIMESTAMP && timestamp != null) {
            timestamp.set(parser);
        } else if (field == null || field == TickAtlasField.TIME || field == TickAtlasField.TIMESTAMP) {
            parser.skipChildren();
        } else {
            // For numbers the text is the literal as sent, so 1.08420 keeps its five decimals; JSON null is kept as
            // sent without a value, so that a null where a number must be is reported as a bad value.
            into.set(field, parser);
        }
    }

    private static void readObject(JsonParser parser, JsonToken value, TextFields<TickAtlasField> into,
            WireTime time, WireTime timestamp) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            readScalar(parser, name, into, time, timestamp);
        }
    }

    /** An array of scalars as text; a lone string is taken as a list of one, JSON null as absent. */
    private static List<String> readStrings(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        if (value == JsonToken.VALUE_STRING) {
            strings.add(parser.getText());
            return strings;
        }
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return strings;
        }
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item.isStructStart()) {
                parser.skipChildren();
            } else if (item == JsonToken.VALUE_STRING) {
                strings.add(parser.getText());
            }
        }
        return strings;
    }
}
