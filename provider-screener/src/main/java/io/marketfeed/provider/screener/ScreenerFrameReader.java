package io.marketfeed.provider.screener;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.toolkit.JsonFrames;
import io.marketfeed.toolkit.TextFields;
import io.marketfeed.toolkit.TextFieldsList;
import java.io.IOException;
import java.util.ArrayList;
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
    private ScreenerMessage message = new ScreenerMessage();
    /** Messages and levels made for the frame being read. */
    private int parts;
    private boolean dropMessage;

    /**
     * @return this reader's message, refilled from {@code frame}; valid until the next call
     * @throws IOException when the frame is not a JSON object (Jackson's exceptions are IOExceptions)
     */
    ScreenerMessage read(InboundFrame frame) throws IOException {
        if (dropMessage) {
            message = new ScreenerMessage();
            dropMessage = false;
        } else {
            message.clear();
        }
        parts = 0;
        dropMessage = frame.length() > MAX_RETAINED_FRAME;
        try {
            JsonParser parser = json.start(frame);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("empty, or not a JSON object");
            }
            readObject(parser, message, 0);
            if (!json.valueEndsFrame()) {
                throw new IOException("content after the JSON object");
            }
            dropMessage |= parts > MAX_RETAINED_PARTS;
            return message;
        } catch (IOException | RuntimeException e) {
            dropMessage |= parts > MAX_RETAINED_PARTS;
            throw e;
        }
    }

    /** Reads the object whose START_OBJECT was just consumed into {@code message}. */
    private void readObject(JsonParser parser, ScreenerMessage message, int depth) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "targets": message.targets = strings(parser, value); break;
                case "bids": levels(parser, value, message, message.bids); break;
                case "asks": levels(parser, value, message, message.asks); break;
                case "details": details(parser, value, message); break;
                case "data": scalars(parser, value, message, message.data); break;
                case "restored_subscriptions": message.restored = restored(parser, value); break;
                case "messages": messages(parser, value, message, depth); break;
                default:
                    if (value == JsonToken.VALUE_NULL && name.equals("sequence")) {
                        message.sequenceNull = true;
                    }
                    // JSON null and structures too: kept as sent without a value, so a bad value can be reported.
                    ScreenerField field = ScreenerField.named(name);
                    if (field == ScreenerField.TIMESTAMP) {
                        message.setTimestamp(parser);
                    } else if (field != null) {
                        message.set(message.top, field, parser);
                    } else {
                        parser.skipChildren();
                    }
            }
        }
    }

    private void messages(JsonParser parser, JsonToken value, ScreenerMessage message, int depth)
            throws IOException {
        if (value != JsonToken.START_ARRAY || depth >= MAX_BATCH_DEPTH) {
            parser.skipChildren();
            message.startMessages(false);
            return;
        }
        message.startMessages(true);
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

    /** The scalars the decoder reads of an object ({@code data}); JSON null and structures as sent, no value. */
    private static void scalars(JsonParser parser, JsonToken value, ScreenerMessage message,
            TextFields<ScreenerField> into) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            ScreenerField field = ScreenerField.named(name);
            if (field != null) {
                message.set(into, field, parser);   // JSON null and structures as sent without a value
            } else {
                parser.skipChildren();
            }
        }
    }

    /** {@code details}: every scalar by name (errors only; their names vary, {@code max*} is read by prefix). */
    private static void details(JsonParser parser, JsonToken value, ScreenerMessage message) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        Map<String, String> into = message.details();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken inner = parser.nextToken();
            if (inner.isStructStart()) {
                parser.skipChildren();
            } else if (inner != JsonToken.VALUE_NULL && into.size() < MAX_DETAILS) {
                into.put(name, parser.getText());
            }
        }
    }

    private static Map<String, List<String>> restored(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String type = parser.currentName();
            List<String> targets = strings(parser, parser.nextToken());
            if (targets != null) {
                out.put(type, targets);
            }
        }
        return out;
    }

    /** An array of scalars as text (a lone string is a list of one), or null for anything else. */
    private static List<String> strings(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return new ArrayList<>(List.of(parser.getText()));
        }
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        List<String> out = new ArrayList<>();
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item.isStructStart()) {
                parser.skipChildren();
            } else if (item.isScalarValue() && item != JsonToken.VALUE_NULL) {
                out.add(parser.getText());
            }
        }
        return out;
    }

    /**
     * A book side: objects ({@code price}, {@code quantity}/{@code size}/{@code volume}, {@code orders}/
     * {@code order_count}; JSON null leaves a field as it was) or {@code [price, quantity, orders]} arrays.
     */
    private void levels(JsonParser parser, JsonToken value, ScreenerMessage message,
            TextFieldsList<ScreenerField> into) throws IOException {
        into.clear();
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        into.markPresent();
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            // A level is made when its first field the decoder reads comes: one without any would be left out.
            TextFields<ScreenerField> level = null;
            if (item == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    ScreenerField field = ScreenerField.levelNamed(name);
                    if (field != null) {
                        if (level == null) {
                            parts++;
                            level = message.addLevel(into);
                        }
                        message.set(level, field, parser);   // JSON null and structures as sent without a value
                    } else {
                        parser.skipChildren();
                    }
                }
            } else if (item == JsonToken.START_ARRAY) {
                // [price, quantity] pairs are not what the server sends, but cost nothing to accept.
                int position = 0;
                JsonToken inner;
                while ((inner = parser.nextToken()) != null && inner != JsonToken.END_ARRAY) {
                    if (inner.isStructStart()) {
                        parser.skipChildren();
                        continue;
                    }
                    if (inner != JsonToken.VALUE_NULL && position < LEVEL_POSITIONS.length) {
                        if (level == null) {
                            parts++;
                            level = message.addLevel(into);
                        }
                        message.set(level, LEVEL_POSITIONS[position], parser);
                    }
                    position++;
                }
            } else {
                parser.skipChildren();
            }
        }
    }
}
