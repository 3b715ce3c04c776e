package io.marketfeed.provider.tickatlas;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.marketfeed.api.protocol.InboundFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a TickAtlas frame's bytes with Jackson's streaming parser into a {@link WireMessage}, in one pass and
 * whatever the order of the fields ({@code type} need not come first). Unknown fields, and known fields of an
 * unexpected shape, are skipped. Thread safe: it keeps no state besides the shared factory.
 */
final class TickAtlasFrameReader {

    /** Thread safe once built. Source snippets stay out of parse errors: they end up in problem messages. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private TickAtlasFrameReader() {
    }

    /**
     * @throws IOException when the frame is not a JSON object (Jackson's exceptions are IOExceptions)
     */
    static WireMessage read(InboundFrame frame) throws IOException {
        try (JsonParser parser = JSON.createParser(frame.array(), frame.offset(), frame.length())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("empty, or not a JSON object");
            }
            WireMessage message = new WireMessage();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                readTopLevel(parser, name, value, message);
            }
            return message;
        }
    }

    private static void readTopLevel(JsonParser parser, String name, JsonToken value, WireMessage message)
            throws IOException {
        switch (name) {
            case "data":
                if (value == JsonToken.START_OBJECT) {
                    message.hasData = true;
                }
                readObject(parser, value, message.data);
                break;
            case "error":
                if (value == JsonToken.START_OBJECT) {
                    readObject(parser, value, message.error);
                } else {
                    readScalar(parser, name, value, message.top);
                }
                break;
            case "symbols": message.symbols = readStrings(parser, value); break;
            default: readScalar(parser, name, value, message.top);
        }
    }

    private static void readScalar(JsonParser parser, String name, JsonToken value, WireFields into)
            throws IOException {
        if (value.isStructStart()) {
            parser.skipChildren();
            return;
        }
        WireFields.Field field = WireFields.Field.named(name);
        if (field != null && value != JsonToken.VALUE_NULL) {
            // For numbers getText() is the literal as sent, so 1.08420 keeps its five decimals.
            into.set(field, parser.getText());
        }
    }

    private static void readObject(JsonParser parser, JsonToken value, WireFields into) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            readScalar(parser, name, parser.nextToken(), into);
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
