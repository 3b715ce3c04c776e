package io.marketfeed.provider.sahmk;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.toolkit.FieldNames;
import io.marketfeed.toolkit.JsonFrames;
import io.marketfeed.toolkit.TextFields;
import io.marketfeed.toolkit.TextFieldsList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a SAHMK frame's bytes with one connection's streaming parser into its {@link SahmkMessage}, in one pass
 * and whatever the order of the fields ({@code type} need not come first). Unknown fields, and known fields
 * of an unexpected shape, are skipped. Reading a quote allocates nothing: the parser and the message are
 * reused, values stay wire text until the codec asks for them. Not thread safe: one per connection.
 */
final class SahmkFrameReader {

    private final JsonFrames json = new JsonFrames();
    private final SahmkMessage message = new SahmkMessage();
    private final FieldNames<SahmkField> fields = new FieldNames<>(SahmkField.byName());

    /**
     * @return this reader's message, refilled from {@code frame}; valid until the next call
     * @throws IOException when the frame is not a JSON object (Jackson's exceptions are IOExceptions)
     */
    SahmkMessage read(InboundFrame frame) throws IOException {
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
            case "data": readObject(parser, value, message.data); break;
            case "limits": readObject(parser, value, message.limits); break;
            case "symbols": message.symbols = readStrings(parser, value); break;
            case "bids": readObjects(parser, value, message.bids); break;
            case "asks": readObjects(parser, value, message.asks); break;
            case "events": readObjects(parser, value, message.events); break;
            default: readScalar(parser, name, message.top);
        }
    }

    private void readScalar(JsonParser parser, String name, TextFields<SahmkField> into) throws IOException {
        SahmkField field = fields.field(name);
        if (field == null) {
            parser.skipChildren();
        } else {
            into.set(field, parser);
        }
    }

    private void readObject(JsonParser parser, JsonToken value, TextFields<SahmkField> into)
            throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            readScalar(parser, name, into);
        }
    }

    /** An array of scalars as text; a lone string is taken as a list of one, JSON null as absent. */
    private static List<String> readStrings(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        if (value == JsonToken.VALUE_STRING || value.isNumeric()) {
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
            } else if (item == JsonToken.VALUE_STRING || item.isNumeric()) {
                strings.add(parser.getText());
            }
        }
        return strings;
    }

    private void readObjects(JsonParser parser, JsonToken value, TextFieldsList<SahmkField> into)
            throws IOException {
        into.markPresent();
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item == JsonToken.START_OBJECT) {
                readObject(parser, item, into.add());
            } else if (item.isStructStart()) {
                parser.skipChildren();
            }
        }
    }
}
