package io.marketfeed.provider.alltick;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.marketfeed.api.protocol.InboundFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an AllTick frame's bytes with Jackson's streaming parser into an {@link AlltickMessage}, in one pass and
 * whatever the order of the fields ({@code cmd_id} need not come first). Unknown fields, and known fields of an
 * unexpected shape, are skipped. Thread safe: it keeps no state besides the shared factory.
 */
final class AlltickFrameReader {

    /** Thread safe once built. Source snippets stay out of parse errors: they end up in problem messages. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private AlltickFrameReader() {
    }

    /** @throws IOException when the frame is not a JSON object (Jackson's exceptions are IOExceptions) */
    static AlltickMessage read(InboundFrame frame) throws IOException {
        try (JsonParser parser = JSON.createParser(frame.array(), frame.offset(), frame.length())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("empty, or not a JSON object");
            }
            AlltickMessage message = new AlltickMessage();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "cmd_id": message.cmdId = scalar(parser, value); break;
                    case "seq_id": message.seqId = scalar(parser, value); break;
                    case "trace": message.trace = scalar(parser, value); break;
                    case "ret": message.ret = scalar(parser, value); break;
                    case "msg": message.msg = scalar(parser, value); break;
                    case "data": readData(parser, value, message); break;
                    default: parser.skipChildren();
                }
            }
            return message;
        }
    }

    private static void readData(JsonParser parser, JsonToken value, AlltickMessage message) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken field = parser.nextToken();
            switch (name) {
                case "code": message.code = scalar(parser, field); break;
                case "seq": message.seq = scalar(parser, field); break;
                case "tick_time": message.tickTime = scalar(parser, field); break;
                case "price": message.price = scalar(parser, field); break;
                // The GitBook field table misspells it "volumn"; the examples use "volume".
                case "volume": case "volumn": message.volume = scalar(parser, field); break;
                case "turnover": message.turnover = scalar(parser, field); break;
                case "trade_direction": message.tradeDirection = scalar(parser, field); break;
                case "bids": message.bids = levels(parser, field); break;
                case "asks": message.asks = levels(parser, field); break;
                case "symbol_list": codes(parser, field, message.symbolList); break;
                default: parser.skipChildren();
            }
        }
    }

    /** A scalar as its literal text (so 32.50 keeps its scale); null for JSON null and for structures. */
    private static String scalar(JsonParser parser, JsonToken value) throws IOException {
        if (value.isStructStart()) {
            parser.skipChildren();
            return null;
        }
        return value == JsonToken.VALUE_NULL ? null : parser.getText();
    }

    private static List<AlltickMessage.Level> levels(JsonParser parser, JsonToken value) throws IOException {
        List<AlltickMessage.Level> levels = new ArrayList<>();
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return value == JsonToken.VALUE_NULL ? null : levels;
        }
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            AlltickMessage.Level level = new AlltickMessage.Level();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken field = parser.nextToken();
                switch (name) {
                    case "price": level.price = scalar(parser, field); break;
                    case "volume": case "volumn": level.volume = scalar(parser, field); break;
                    default: parser.skipChildren();
                }
            }
            levels.add(level);
        }
        return levels;
    }

    /** {@code [{"code":"A"},…]}, or leniently {@code ["A",…]}. */
    private static void codes(JsonParser parser, JsonToken value, List<String> into) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item == JsonToken.VALUE_STRING) {
                add(into, parser.getText());
            } else if (item == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken field = parser.nextToken();
                    if (name.equals("code") && field == JsonToken.VALUE_STRING) {
                        add(into, parser.getText());
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    private static void add(List<String> into, String code) {
        String stripped = code.strip();
        if (!stripped.isEmpty() && !into.contains(stripped)) {
            into.add(stripped);
        }
    }
}
