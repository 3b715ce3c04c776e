package com.example.marketfeed.simplejson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.marketfeed.api.protocol.InboundFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses a frame's bytes with Jackson's streaming parser into a {@link WireMessage}, in one pass, whatever the
 * order of the fields. Unknown fields, and known fields of an unexpected shape, are skipped. Thread safe: the
 * only state is the shared factory.
 */
final class SimplejsonFrameReader {

    /** Thread safe once built. Source snippets stay out of parse errors: those end up in problem messages. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** The {@code data} fields the decoder reads; the rest are skipped, never stored. */
    private static final Set<String> DATA_FIELDS = Set.of("symbol", "last", "bid", "ask", "px", "sz", "side", "id",
            "ts");

    private SimplejsonFrameReader() {
    }

    /** @throws IOException when the frame is not a JSON object (Jackson's exceptions are IOExceptions) */
    static WireMessage read(InboundFrame frame) throws IOException {
        try (JsonParser parser = JSON.createParser(frame.array(), frame.offset(), frame.length())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("empty, or not a JSON object");
            }
            WireMessage message = new WireMessage();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "event": message.event = scalar(parser, value); break;
                    case "topic": message.topic = scalar(parser, value); break;
                    case "channel": message.channel = scalar(parser, value); break;
                    case "code": message.code = scalar(parser, value); break;
                    case "msg": message.msg = scalar(parser, value); break;
                    case "args": message.args = strings(parser, value); break;
                    case "data": data(parser, value, message); break;
                    default: parser.skipChildren();
                }
            }
            return message;
        }
    }

    /** A scalar as its wire text (for numbers the literal as sent); null for JSON null, objects and arrays. */
    private static String scalar(JsonParser parser, JsonToken value) throws IOException {
        if (value.isStructStart()) {
            parser.skipChildren();
            return null;
        }
        return value == JsonToken.VALUE_NULL ? null : parser.getText();
    }

    /** The strings and numbers of an array; anything else in it is skipped. */
    private static List<String> strings(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        List<String> strings = new ArrayList<>();
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item.isStructStart()) {
                parser.skipChildren();
            } else if (item == JsonToken.VALUE_STRING || item.isNumeric()) {
                strings.add(parser.getText());
            }
        }
        return strings;
    }

    private static void data(JsonParser parser, JsonToken value, WireMessage message) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            String text = scalar(parser, token);
            if (text != null && DATA_FIELDS.contains(name)) {
                message.data.put(name, text);
            } else if (DATA_FIELDS.contains(name)) {
                // Sent, but JSON null or a structure: no value, yet not "not sent" either (a bad value).
                message.data.remove(name);
                message.sentWithoutValue.put(name, token == JsonToken.VALUE_NULL ? "null"
                        : token == JsonToken.START_OBJECT ? "{…}" : "[…]");
            }
        }
    }
}
