package com.example.marketfeed.simplejson;

import static com.example.marketfeed.simplejson.SimplejsonField.*;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.toolkit.JsonFrames;
import io.marketfeed.toolkit.TextFields;
import java.io.IOException;
import java.util.List;

/**
 * Reads a frame's bytes with the connection's streaming parser into its {@link SimplejsonMessage}, in one pass,
 * whatever the order of the fields. Unknown fields, and known fields of an unexpected shape, are skipped. Reading a
 * push allocates nothing: the parser and the message are reused, and values stay wire text until the codec asks
 * for them. Not thread safe: one per connection.
 */
final class SimplejsonFrameReader {

    private final JsonFrames json = new JsonFrames();
    private final SimplejsonMessage message = new SimplejsonMessage();

    /**
     * @return this reader's message, refilled from {@code frame}; valid until the next call
     * @throws IOException when the frame is not a JSON object (Jackson's exceptions are IOExceptions)
     */
    SimplejsonMessage read(InboundFrame frame) throws IOException {
        message.clear();
        JsonParser parser = json.start(frame);
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("empty, or not a JSON object");
        }
        TextFields<SimplejsonField> top = message.top;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {   // names are interned: a switch costs no comparison of characters
                case "event": top.set(EVENT, parser); break;
                case "topic": top.set(TOPIC, parser); break;
                case "channel": top.set(CHANNEL, parser); break;
                case "code": top.set(CODE, parser); break;
                case "msg": top.set(MSG, parser); break;
                case "args": strings(parser, message.args); break;
                case "data": data(parser, message.data); break;
                default: parser.skipChildren();
            }
        }
        return message;
    }

    private static void data(JsonParser parser, TextFields<SimplejsonField> data) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "symbol": data.set(SYMBOL, parser); break;
                case "last": data.set(LAST, parser); break;
                case "bid": data.set(BID, parser); break;
                case "ask": data.set(ASK, parser); break;
                case "px": data.set(PX, parser); break;
                case "sz": data.set(SZ, parser); break;
                case "side": data.set(SIDE, parser); break;
                case "id": data.set(ID, parser); break;
                case "ts": data.set(TS, parser); break;
                default: parser.skipChildren();
            }
        }
    }

    /** The non-blank strings and numbers of an array, trimmed; anything else in it is skipped. */
    private static void strings(JsonParser parser, List<String> into) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item == JsonToken.VALUE_STRING || item.isNumeric()) {
                String text = parser.getText().strip();
                if (!text.isEmpty()) {
                    into.add(text);
                }
            } else {
                parser.skipChildren();
            }
        }
    }
}
