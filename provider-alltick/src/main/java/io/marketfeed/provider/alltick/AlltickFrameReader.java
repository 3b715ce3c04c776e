package io.marketfeed.provider.alltick;

import static io.marketfeed.provider.alltick.AlltickField.*;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.toolkit.JsonFrames;
import io.marketfeed.toolkit.TextFields;
import io.marketfeed.toolkit.TextFieldsList;
import io.marketfeed.toolkit.WholeNumber;
import java.io.IOException;
import java.util.List;

/**
 * Reads an AllTick frame's bytes with one connection's streaming parser into its {@link AlltickMessage}, in one
 * pass and whatever the order of the fields ({@code cmd_id} need not come first). Unknown fields, and known fields
 * of an unexpected shape, are skipped. Reading a push or a heartbeat reply allocates nothing: the parser and the
 * message are reused, values stay wire text until the codec asks for them. Not thread safe: one per connection.
 */
final class AlltickFrameReader {

    private final JsonFrames json = new JsonFrames();
    private final AlltickMessage message = new AlltickMessage();

    /**
     * @return this reader's message, refilled from {@code frame}; valid until the next call
     * @throws IOException when the frame is not a JSON object (Jackson's exceptions are IOExceptions)
     */
    AlltickMessage read(InboundFrame frame) throws IOException {
        message.clear();
        JsonParser parser = json.start(frame);
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("empty, or not a JSON object");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "cmd_id": number(parser, value, message.cmdId, message.top, CMD_ID); break;
                case "seq_id": number(parser, value, message.seqId, null, null); break;
                case "trace": message.traceLength = scalar(parser, value, message.top, TRACE); break;
                case "ret": number(parser, value, message.ret, message.top, RET); break;
                case "msg": scalar(parser, value, message.top, MSG); break;
                case "data": readData(parser, value); break;
                default: parser.skipChildren();
            }
        }
        return message;
    }

    private void readData(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        TextFields<AlltickField> data = message.data;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken field = parser.nextToken();
            switch (name) {
                case "code": scalar(parser, field, data, CODE); break;
                case "seq": scalar(parser, field, data, SEQ); break;
                case "tick_time": scalar(parser, field, data, TICK_TIME); break;
                case "price": scalar(parser, field, data, PRICE); break;
                // The GitBook field table misspells it "volumn"; the examples use "volume".
                case "volume": case "volumn": scalar(parser, field, data, VOLUME); break;
                case "turnover": scalar(parser, field, data, TURNOVER); break;
                case "trade_direction": scalar(parser, field, data, TRADE_DIRECTION); break;
                case "bids": levels(parser, field, message.bids); break;
                case "asks": levels(parser, field, message.asks); break;
                case "symbol_list": codes(parser, field, message.symbolList); break;
                default: parser.skipChildren();
            }
        }
    }

    /**
     * Keeps a scalar as its literal text (so 32.50 keeps its scale); JSON null and structures (skipped) make the
     * field absent, as a later duplicate of it would, but sent ({@link TextFields#sent}: a bad value).
     *
     * @return the length of the text as sent, -1 when absent
     */
    private static int scalar(JsonParser parser, JsonToken value, TextFields<AlltickField> into, AlltickField field)
            throws IOException {
        into.set(field, parser);
        switch (value) {
            case START_OBJECT: case START_ARRAY: case VALUE_NULL: return -1;
            case VALUE_TRUE: return 4;
            case VALUE_FALSE: return 5;
            default: return parser.getTextLength();
        }
    }

    /** A whole number of the envelope, also kept as text when {@code into} is given (for messages). */
    private static void number(JsonParser parser, JsonToken value, WholeNumber number,
            TextFields<AlltickField> into, AlltickField field) throws IOException {
        if (value.isStructStart()) {
            parser.skipChildren();
            number.clear();
            if (into != null) {
                into.set(field, (String) null);
            }
            return;
        }
        number.read(parser);
        if (into != null) {
            into.set(field, parser);
        }
    }

    /**
     * One side of a book: an element per level object (its {@code price} and {@code volume}); other elements are
     * skipped. A second occurrence of the side replaces the first.
     */
    private static void levels(JsonParser parser, JsonToken value, TextFieldsList<AlltickField> into)
            throws IOException {
        into.clear();
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        into.markPresent();
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            TextFields<AlltickField> level = into.add();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken field = parser.nextToken();
                switch (name) {
                    case "price": scalar(parser, field, level, PRICE); break;
                    case "volume": case "volumn": scalar(parser, field, level, VOLUME); break;
                    default: parser.skipChildren();
                }
            }
        }
    }

    /** {@code [{"code":"A"},…]}, or leniently {@code ["A",…]}. Responses only: allocates. */
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
