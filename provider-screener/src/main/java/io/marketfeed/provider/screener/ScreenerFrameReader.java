package io.marketfeed.provider.screener;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.toolkit.FieldNames;
import io.marketfeed.toolkit.JsonFrames;
import io.marketfeed.toolkit.JsonReading;
import io.marketfeed.toolkit.TextFields;
import io.marketfeed.toolkit.TextFieldsList;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Screener frame with one connection's streaming parser into its {@link ScreenerMessage}, in one pass,
 * whatever the order of the fields. A {@code batch}'s {@code messages[]} are read recursively (one level: a batch
 * inside a batch is read too, deeper nesting is skipped). Unknown fields and fields of an unexpected shape are
 * skipped. Reading a quote, a book or a batch of them allocates nothing: the parser and the messages are reused,
 * values stay wire text until the codec asks for them. Not thread safe: one per connection.
 */
final class ScreenerFrameReader {

    private static final int MAX_BATCH_DEPTH = 2;
    /** Most {@code details} scalars kept. */
    private static final int MAX_DETAILS = 64;
    /** A level sent as an array: {@code [price, quantity, orders]}. */
    private static final ScreenerField[] LEVEL_POSITIONS = {ScreenerField.PRICE, ScreenerField.QUANTITY,
        ScreenerField.ORDERS};

    /**
     * A frame that made more messages and levels than this, or was longer than {@link #MAX_RETAINED_FRAME}
     * bytes, leaves nothing for the next: what it grew (reused messages, levels, text) is dropped, so that one
     * huge frame does not make the connection hold its size.
     */
    private static final int MAX_RETAINED_PARTS = 1024;
    private static final int MAX_RETAINED_FRAME = 1 << 20;

    private final JsonFrames json = new JsonFrames();
    private final FieldNames<ScreenerField> fields = FieldNames.of(ScreenerField.class, ScreenerField::wire);
    private final FieldNames<ScreenerField> levelFields = new FieldNames<>(ScreenerField.LEVEL);
    private ScreenerMessage message = new ScreenerMessage();
    /** Messages and levels made for the frame being read. */
    private int parts;

    /**
     * @return this reader's message, refilled from {@code frame}; valid until the next call
     * @throws IOException when the frame is not a JSON object (Jackson's exceptions are IOExceptions)
     */
    ScreenerMessage read(InboundFrame frame) throws IOException {
        if (parts > MAX_RETAINED_PARTS) {
            message = new ScreenerMessage();
        } else {
            message.clear();
        }
        parts = frame.length() > MAX_RETAINED_FRAME ? MAX_RETAINED_PARTS + 1 : 0;
        readObject(JsonReading.object(json, frame), message, 0);
        if (!json.valueEndsFrame()) {
            throw new IOException("content after the JSON object");
        }
        return message;
    }

    /** Reads the object whose START_OBJECT was just consumed into {@code message}. */
    private void readObject(JsonParser parser, ScreenerMessage message, int depth) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "targets": message.targets = JsonReading.strings(parser, value); break;
                case "bids": levels(parser, value, message.bids); break;
                case "asks": levels(parser, value, message.asks); break;
                case "data": JsonReading.object(parser, value, fields, message.data); break;
                case "details": message.details = details(parser, value); break;
                case "restored_subscriptions": message.restored = restored(parser, value); break;
                case "messages": messages(parser, value, message, depth); break;
                // Read whole, however long (TextFields keeps no value over 512 characters): rare frames' texts.
                case "message": message.text = text(parser, value); break;
                case "access_token": message.accessToken = text(parser, value); break;
                default: JsonReading.scalar(parser, name, fields, message.top);
            }
        }
    }

    private void messages(JsonParser parser, JsonToken value, ScreenerMessage message, int depth)
            throws IOException {
        boolean read = value == JsonToken.START_ARRAY && depth < MAX_BATCH_DEPTH;
        message.startMessages(read);
        if (!read) {
            parser.skipChildren();
            return;
        }
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item == JsonToken.START_OBJECT) {
                parts++;
                readObject(parser, message.addMessage(), depth + 1);
            } else {
                parser.skipChildren();
            }
        }
    }

    /**
     * A book side: objects ({@code price}, {@code quantity}/{@code size}/{@code volume}, {@code orders}/
     * {@code order_count}) or {@code [price, quantity, orders]} arrays, where JSON null leaves a place out. A side
     * sent twice is the second.
     */
    private void levels(JsonParser parser, JsonToken value, TextFieldsList<ScreenerField> side) throws IOException {
        side.clear();
        if (!JsonReading.enter(parser, value, JsonToken.START_ARRAY)) {
            return;
        }
        side.markPresent();
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item == JsonToken.START_OBJECT) {
                parts++;
                JsonReading.object(parser, item, levelFields, side.add());
            } else if (item == JsonToken.START_ARRAY) {
                parts++;
                TextFields<ScreenerField> level = side.add();
                JsonToken inner;
                for (int position = 0; (inner = parser.nextToken()) != null && inner != JsonToken.END_ARRAY;
                        position++) {
                    if (inner != JsonToken.VALUE_NULL && position < LEVEL_POSITIONS.length) {
                        level.set(LEVEL_POSITIONS[position], parser);
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    /** {@code details}: its scalars by name (errors only; their names vary, {@code max*} is read by prefix). */
    private static Map<String, String> details(JsonParser parser, JsonToken value) throws IOException {
        if (!JsonReading.enter(parser, value, JsonToken.START_OBJECT)) {
            return null;
        }
        Map<String, String> details = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String text = text(parser, parser.nextToken());
            if (text != null && details.size() < MAX_DETAILS) {
                details.put(name, text);
            }
        }
        return details;
    }

    /** {@code restored_subscriptions}: subscription type → targets, in wire order. */
    private static Map<String, List<String>> restored(JsonParser parser, JsonToken value) throws IOException {
        if (!JsonReading.enter(parser, value, JsonToken.START_OBJECT)) {
            return null;
        }
        Map<String, List<String>> restored = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String type = parser.currentName();
            List<String> targets = JsonReading.strings(parser, parser.nextToken());
            if (targets != null && !targets.isEmpty()) {
                restored.put(type, targets);
            }
        }
        return restored;
    }

    /**
     * A scalar's whole text without surrounding blanks (allocates), or null when blank; JSON null and structures
     * (skipped) are null too.
     */
    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (!value.isScalarValue() || value == JsonToken.VALUE_NULL) {
            parser.skipChildren();
            return null;
        }
        String text = parser.getText().strip();
        return text.isEmpty() ? null : text;
    }
}
