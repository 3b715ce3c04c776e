package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The one line a user reads when a server sends a malformed frame ({@link JsonFrames#reason}): it names what was
 * wrong and where in the value, in Jackson's words where Jackson's parser gives the same reason.
 */
class TestMalformedFrameReasons {

    private final JsonFrames frames = new JsonFrames();

    private String reason(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try {
            JsonParser parser = frames.start(bytes, 0, bytes.length);
            while (parser.nextToken() != null) {
                parser.getText();
            }
        } catch (IOException e) {
            return JsonFrames.reason(e);
        }
        return fail("accepted: " + json);
    }

    private static final String A_VALUE = "expected a valid value (JSON String, Number, Array, Object or token "
            + "'null', 'true' or 'false')";
    private static final String WAS_EXPECTING = "was expecting (JSON String, Number, Array, Object or token 'null', "
            + "'true' or 'false')";

    @Test
    void aMalformedFrameIsRefusedWithAReasonNamingTheFault() {
        String[][] cases = {
            {"{\"a\":1", "Unexpected end-of-input: expected close marker for Object"},
            {"[1,2", "Unexpected end-of-input: expected close marker for Array"},
            {"{\"a\":truex}", "Unrecognized token 'truex': " + WAS_EXPECTING},
            // The token as written, not what follows the point where it went wrong.
            {"{\"a\":tru}", "Unrecognized token 'tru': " + WAS_EXPECTING},
            {"{\"a\":nul", "Unrecognized token 'nul': " + WAS_EXPECTING},
            {"{\"a\":trés}", "Unrecognized token 'trés': " + WAS_EXPECTING},
            {"{\"a\":nullnullnullnullnullnullnullnull}", "Unrecognized token 'nullnullnullnullnullnullnullnull': "
                + WAS_EXPECTING},
            {"{\"a\":\"\\q\"}", "Unrecognized character escape 'q' (code 113)"},
            {"{\"a\":-}", "Unexpected character ('}' (code 125)) in numeric value: expected digit (0-9) to follow "
                + "minus sign, for valid numeric value"},
            {"{\"a\":01}", "Invalid numeric value: Leading zeroes not allowed"},
            {"{\"a\":x}", "Unexpected character ('x' (code 120)): " + A_VALUE},
            {"{\"a\":~}", "Unexpected character ('~' (code 126)): " + A_VALUE},
            {"{\"a\": }", "Unexpected character ('}' (code 125)): " + A_VALUE},
            {"{\"a\":[1}", "Unexpected character ('}' (code 125)): was expecting comma to separate Array entries"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], reason(c[0]), c[0]);
        }
    }

    @Test
    void controlCharactersAreNamedByTheirCode() {
        assertEquals("Unexpected character (CTRL-CHAR, code 1): expected a valid value (JSON String, Number, Array, "
                + "Object or token 'null', 'true' or 'false')", reason("{\"a\":\u0001}"));
        assertEquals("Unexpected character (CTRL-CHAR, code 127): expected a valid value (JSON String, Number, Array, "
                + "Object or token 'null', 'true' or 'false')", reason("{\"a\":\u007f}"));
        assertEquals("Unexpected character (CTRL-CHAR, code 31): " + A_VALUE, reason("{\"a\":\u001f}"));
    }

    @Test
    void aByteBeyondAsciiIsNotCalledAControlCharacter() {
        assertEquals("Unexpected character (byte 0xc3, not ASCII): " + A_VALUE, reason("{\"a\":é}"));
    }

    @Test
    void anEmptyFrameHasNoValue() throws IOException {
        JsonParser parser = frames.start(new byte[0], 0, 0);
        assertEquals(null, parser.nextToken());
        assertEquals(false, frames.valueEndsFrame());
    }
}
