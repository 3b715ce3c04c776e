package io.marketfeed.provider.sahmk;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.toolkit.FieldNames;
import io.marketfeed.toolkit.JsonFrames;
import io.marketfeed.toolkit.JsonReading;
import java.io.IOException;

/**
 * Reads a SAHMK frame's bytes with one connection's streaming parser into its {@link SahmkMessage}, in one pass
 * and whatever the order of the fields ({@code type} need not come first). Unknown fields, and known fields
 * of an unexpected shape, are skipped. Reading a quote allocates nothing: the parser and the message are
 * reused, values stay wire text until the codec asks for them. Not thread safe: one per connection.
 */
final class SahmkFrameReader {

    private final JsonFrames json = new JsonFrames();
    private final SahmkMessage message = new SahmkMessage();
    private final FieldNames<SahmkField> fields = FieldNames.of(SahmkField.class, SahmkField::wire);

    /**
     * @return this reader's message, refilled from {@code frame}; valid until the next call
     * @throws IOException when the frame is not a JSON object (Jackson's exceptions are IOExceptions)
     */
    SahmkMessage read(InboundFrame frame) throws IOException {
        message.clear();
        JsonParser parser = JsonReading.object(json, frame);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            readTopLevel(parser, name, value);
        }
        return message;
    }

    private void readTopLevel(JsonParser parser, String name, JsonToken value) throws IOException {
        switch (name) {
            case "data": JsonReading.object(parser, value, fields, message.data); break;
            case "limits": JsonReading.object(parser, value, fields, message.limits); break;
            case "symbols": message.symbols = JsonReading.strings(parser, value); break;
            case "bids": JsonReading.objects(parser, value, fields, message.bids); break;
            case "asks": JsonReading.objects(parser, value, fields, message.asks); break;
            case "events": JsonReading.objects(parser, value, fields, message.events); break;
            default: JsonReading.scalar(parser, name, fields, message.top);
        }
    }
}
