package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.api.protocol.InboundFrame;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestJsonReading {

    enum Field {
        SYMBOL("symbol"), PRICE("price"), QTY("qty");

        final String wire;

        Field(String wire) {
            this.wire = wire;
        }
    }

    private static final FieldNames<Field> FIELDS = FieldNames.of(Field.class, field -> field.wire);

    private final JsonFrames json = new JsonFrames();
    private final TextFields<Field> top = new TextFields<>(Field.class);
    private final TextFields<Field> data = new TextFields<>(Field.class);
    private final TextFieldsList<Field> levels = new TextFieldsList<>(Field.class);
    private List<String> symbols;

    private static InboundFrame frame(String text) {
        return InboundFrame.text(text, Instant.EPOCH);
    }

    private void read(String text) throws IOException {
        top.clear();
        data.clear();
        levels.clear();
        symbols = null;
        JsonParser parser = JsonReading.object(json, frame(text));
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "data": JsonReading.object(parser, value, FIELDS, data); break;
                case "levels": JsonReading.objects(parser, value, FIELDS, levels); break;
                case "symbols": symbols = JsonReading.strings(parser, value); break;
                default: JsonReading.scalar(parser, name, FIELDS, top);
            }
        }
    }

    @Test
    void aFrameOfEveryShapeIsWalkedWhole() throws IOException {
        read("{\"symbol\":\"2222\",\"other\":{\"x\":[1,2]},\"data\":{\"price\":32.50,\"deep\":{\"qty\":1},\"qty\":\"7\"},"
                + "\"levels\":[{\"price\":1},7,[{\"price\":9}],{\"qty\":2}],\"symbols\":[\"A\",3,{\"B\":1},null,\"C\"]}");
        assertEquals("2222", top.text(Field.SYMBOL));
        assertEquals("32.50", data.text(Field.PRICE));
        assertEquals("7", data.text(Field.QTY), "a nested object is skipped, not read into its parent");
        assertEquals(2, levels.size());
        assertEquals("1", levels.get(0).text(Field.PRICE));
        assertEquals("2", levels.get(1).text(Field.QTY));
        assertEquals(List.of("A", "3", "C"), symbols);
    }

    @Test
    void aValueOfAnotherShapeIsSkippedAndTheNextFieldStillRead() throws IOException {
        read("{\"data\":[{\"price\":1}],\"levels\":{\"price\":1},\"symbols\":{\"a\":[\"b\"]},\"symbol\":\"X\"}");
        assertFalse(data.has(Field.PRICE));
        assertTrue(levels.isPresent(), "sent, though not as a list");
        assertEquals(0, levels.size());
        assertEquals(List.of(), symbols);
        assertEquals("X", top.text(Field.SYMBOL));
        read("{\"symbols\":\"A\"}");
        assertEquals(List.of("A"), symbols, "a lone string is a list of one");
        read("{\"symbols\":null}");
        assertNull(symbols);
        read("{\"symbols\":17}");
        assertEquals(List.of("17"), symbols);
    }

    @Test
    void aRootThatIsNoObjectIsRefused() {
        for (String text : List.of("", "  ", "[1]", "\"x\"", "7")) {
            assertThrows(IOException.class, () -> JsonReading.object(json, frame(text)), text);
        }
    }

    @Test
    void enterSkipsWhatItDoesNotEnter() throws IOException {
        JsonParser parser = json.start(frame("[{\"a\":[1,{}]},2]"));
        assertEquals(JsonToken.START_ARRAY, parser.nextToken());
        JsonToken first = parser.nextToken();
        assertFalse(JsonReading.enter(parser, first, JsonToken.START_ARRAY));
        assertEquals(JsonToken.VALUE_NUMBER_INT, parser.nextToken(), "the object was skipped whole");
        List<JsonToken> rest = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            rest.add(token);
        }
        assertEquals(List.of(JsonToken.END_ARRAY), rest);
    }

    @Test
    void fieldNamesAreMadeFromTheEnumAndRefuseTwoAlike() {
        assertEquals(Field.QTY, FIELDS.field("qty"));
        assertNull(FIELDS.field("QTY"));
        assertThrows(IllegalArgumentException.class, () -> FieldNames.of(Field.class, field -> "same"));
    }

    @Test
    void stringsAreWrittenAsAJsonArray() {
        assertEquals("[\"2222\",\"a\\\"b\"]", JsonText.appendStrings(new StringBuilder(), List.of("2222", "a\"b"))
                .toString());
        assertEquals("[]", JsonText.appendStrings(new StringBuilder(), List.of()).toString());
    }
}
