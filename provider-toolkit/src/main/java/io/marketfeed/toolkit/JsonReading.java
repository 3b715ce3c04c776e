package io.marketfeed.toolkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.protocol.InboundFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The walks every frame reader makes over a {@link JsonFrames} parser, written once: the frame as an object, a flat
 * object of scalars into {@link TextFields}, an array of such objects into a {@link TextFieldsList}, an array of
 * scalars as text. A value of another shape than expected is skipped whole, never an error: the decoder then finds
 * the field absent (or sent without a value) and says so. Only {@link #strings} allocates (for rare frames). Stateless.
 *
 * {@snippet :
 * JsonParser parser = JsonReading.object(json, frame);          // IOException unless an object
 * while (parser.nextToken() == JsonToken.FIELD_NAME) {
 *     String name = parser.currentName();
 *     JsonToken value = parser.nextToken();
 *     switch (name) {
 *         case "data": JsonReading.object(parser, value, FIELDS, message.data); break;
 *         case "bids": JsonReading.objects(parser, value, FIELDS, message.bids); break;
 *         default: JsonReading.scalar(parser, name, FIELDS, message.top);
 *     }
 * }
 * }
 */
public final class JsonReading {

    private JsonReading() {
    }

    /**
     * Starts reading {@code frame}, whose root must be an object: returns the parser after its {@code START_OBJECT}.
     *
     * @throws IOException when the frame is empty, is not JSON, or its root is not an object
     */
    public static JsonParser object(JsonFrames json, InboundFrame frame) throws IOException {
        JsonParser parser = json.start(frame);
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("empty, or not a JSON object");
        }
        return parser;
    }

    /**
     * Whether the current value ({@code value}, just read) is {@code expected} (an object's or an array's start), to
     * be walked; if not, it is skipped whole.
     */
    public static boolean enter(JsonParser parser, JsonToken value, JsonToken expected) throws IOException {
        if (value == expected) {
            return true;
        }
        parser.skipChildren();
        return false;
    }

    /**
     * The current value as field {@code name} of {@code into} when {@code fields} knows the name; skipped otherwise.
     * A structure where a scalar belongs is kept as sent without a value ({@link TextFields#set(Enum, JsonParser)}).
     */
    public static <F extends Enum<F>> void scalar(JsonParser parser, String name, FieldNames<F> fields,
            TextFields<F> into) throws IOException {
        F field = fields.field(name);
        if (field == null) {
            parser.skipChildren();
        } else {
            into.set(field, parser);
        }
    }

    /** An object of scalars into {@code into}: the fields {@code fields} knows; anything else is skipped. */
    public static <F extends Enum<F>> void object(JsonParser parser, JsonToken value, FieldNames<F> fields,
            TextFields<F> into) throws IOException {
        if (!enter(parser, value, JsonToken.START_OBJECT)) {
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            scalar(parser, name, fields, into);
        }
    }

    /**
     * An array of objects of scalars, an element each into {@code into}, which is marked present even when the value
     * is not an array; elements that are not objects are skipped.
     */
    public static <F extends Enum<F>> void objects(JsonParser parser, JsonToken value, FieldNames<F> fields,
            TextFieldsList<F> into) throws IOException {
        into.markPresent();
        if (!enter(parser, value, JsonToken.START_ARRAY)) {
            return;
        }
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item == JsonToken.START_OBJECT) {
                object(parser, item, fields, into.add());
            } else {
                parser.skipChildren();
            }
        }
    }

    /**
     * An array of scalars (strings and numbers) as their text, in order; a lone string or number is a list of one,
     * JSON null is null (absent); other elements and values are skipped. Allocates: for rare frames (acknowledgements,
     * lists of symbols).
     */
    public static List<String> strings(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        if (value == JsonToken.VALUE_STRING || value.isNumeric()) {
            strings.add(parser.getText());
            return strings;
        }
        if (!enter(parser, value, JsonToken.START_ARRAY)) {
            return strings;
        }
        JsonToken item;
        while ((item = parser.nextToken()) != null && item != JsonToken.END_ARRAY) {
            if (item == JsonToken.VALUE_STRING || item.isNumeric()) {
                strings.add(parser.getText());
            } else {
                parser.skipChildren();
            }
        }
        return strings;
    }
}
