package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Field names across the frames of one connection: always the names sent (whatever the last frame had at that
 * place), and the same {@code String} each time a name comes again, so that a decoder's switch on names costs no
 * allocation; many names, long names and escaped names included.
 */
class TestFieldNamesAcrossFrames {

    private final JsonFrames frames = new JsonFrames();

    /** The top-level field names of {@code json}, an object of scalars. */
    private List<String> names(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonParser parser = frames.start(bytes, 0, bytes.length);
        List<String> names = new ArrayList<>();
        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            names.add(parser.currentName());
            parser.nextToken();
            parser.skipChildren();
        }
        return names;
    }

    private static String object(List<String> names) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":").append(i);
        }
        return json.append('}').toString();
    }

    @Test
    void aNameComesBackAsTheSameStringInAnyOrder() throws IOException {
        List<String> first = names("{\"type\":\"quote\",\"symbol\":\"A\",\"price\":1}");
        List<String> same = names("{\"type\":\"quote\",\"symbol\":\"B\",\"price\":2}");
        List<String> reordered = names("{\"price\":3,\"type\":\"quote\",\"symbol\":\"C\"}");
        assertEquals(List.of("type", "symbol", "price"), same);
        for (int i = 0; i < 3; i++) {
            assertSame(first.get(i), same.get(i));
        }
        assertEquals(List.of("price", "type", "symbol"), reordered);
        assertSame(first.get(2), reordered.get(0));
        assertSame(first.get(0), reordered.get(1));
    }

    @Test
    void aNameThatOnlyStartsLikeTheLastFramesIsReadWhole() throws IOException {
        names("{\"ab\":1,\"x\":2}");
        assertEquals(List.of("abc", "x"), names("{\"abc\":1,\"x\":2}"));
        assertEquals(List.of("a", "x"), names("{\"a\":1,\"x\":2}"));
        assertEquals(List.of("ab", "y"), names("{\"ab\":1,\"y\":2}"));
        assertEquals(List.of("ab"), names("{\"ab\":1}"));
        assertEquals(List.of("ba"), names("{\"ba\":1}"));
    }

    @Test
    void hundredsOfNamesAndPlacesBeyondTheRememberedOnes() throws IOException {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add("field" + i);
        }
        List<String> first = names(object(many));
        assertEquals(many, first);
        List<String> again = names(object(many));
        assertEquals(many, again);
        for (int i = 0; i < 300; i++) {
            assertSame(first.get(i), again.get(i), many.get(i));
        }
        List<String> reversed = new ArrayList<>(many);
        java.util.Collections.reverse(reversed);
        List<String> backwards = names(object(reversed));
        assertEquals(reversed, backwards);
        assertSame(first.get(0), backwards.get(299), "found by the table, not by its place");
    }

    @Test
    void longAndEscapedNamesAreReadAsSent() throws IOException {
        String long65 = "n".repeat(65);
        String long64 = "m".repeat(64);
        assertEquals(List.of(long65, long64, "ab", "é"), names("{\"" + long65 + "\":1,\"" + long64 + "\":2,"
                + "\"a\\u0062\":3,\"\\u00e9\":4}"));
        assertEquals(List.of(long65, long64, "ab", "é"), names("{\"" + long65 + "\":1,\"" + long64 + "\":2,"
                + "\"a\\u0062\":3,\"é\":4}"));
        List<String> first = names("{\"" + long64 + "\":1}");
        assertSame(first.get(0), names("{\"" + long64 + "\":1}").get(0), "64 characters are still remembered");
    }

    @Test
    void anEmptyObjectHasNoNames() throws IOException {
        names("{\"a\":1}");
        assertEquals(List.of(), names("{}"));
        byte[] bytes = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        JsonParser parser = frames.start(bytes, 0, bytes.length);
        assertNull(parser.currentName());
    }
}
