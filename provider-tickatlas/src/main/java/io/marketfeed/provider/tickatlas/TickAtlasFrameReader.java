package io.marketfeed.provider.tickatlas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.toolkit.FieldNames;
import io.marketfeed.toolkit.JsonFrames;
import io.marketfeed.toolkit.JsonReading;
import java.io.IOException;

/**
 * Reads a TickAtlas frame's bytes with one connection's streaming parser into its {@link TickAtlasMessage}, in one
 * pass and whatever the order of the fields ({@code type} need not come first): {@code data} and an {@code error}
 * object into their parts, {@code symbols} as a list, every other field at the top level. Unknown fields, and known
 * fields of an unexpected shape, are skipped; JSON null leaves a field as it was. Reading a quote or a heartbeat
 * allocates nothing: the parser and the message are reused, values stay wire text until the codec asks for them.
 * Not thread safe: one per connection.
 */
final class TickAtlasFrameReader {

    private final JsonFrames json = new JsonFrames();
    private final FieldNames<TickAtlasField> fields = FieldNames.of(TickAtlasField.class, TickAtlasField::wire);
    private final TickAtlasMessage message = new TickAtlasMessage();

    /**
     * @return this reader's message, refilled from {@code frame}; valid until the next call
     * @throws IOException when the frame is not a JSON object (Jackson's exceptions are IOExceptions)
     */
    TickAtlasMessage read(InboundFrame frame) throws IOException {
        message.clear();
        JsonParser parser = JsonReading.object(json, frame);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean data = name.equals("data");
            if (name.equals("symbols")) {
                message.symbols = JsonReading.strings(parser, value);
            } else if (value == JsonToken.START_OBJECT && (data || name.equals("error"))) {
                message.hasData |= data;
                JsonReading.object(parser, value, fields, data ? message.data : message.error);
            } else {
                // For numbers the text is the literal as sent, so 1.08420 keeps its five decimals; JSON null is kept
                // as sent without a value, so that a null where a number must be is reported as a bad value. A
                // "data" that is no object is skipped (it names no field); an "error" that is text is ERROR.
                JsonReading.scalar(parser, name, fields, message.top);
            }
        }
        return message;
    }
}
