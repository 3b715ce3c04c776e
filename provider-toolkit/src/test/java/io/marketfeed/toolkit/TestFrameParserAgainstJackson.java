package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The frame parser must read what Jackson's own byte parser reads: the same tokens with the same text, and an
 * error where Jackson has one, on valid JSON of every shape and on the same JSON damaged at random.
 */
class TestFrameParserAgainstJackson {

    private static final JsonFactory JACKSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JsonFrames.MAX_DEPTH).build())
            .build();

    private final JsonFrames frames = new JsonFrames();

    /** The tokens read, then "ERROR" if reading failed. */
    private static List<String> read(JsonParser parser) {
        List<String> out = new ArrayList<>();
        try {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    out.add("name:" + parser.currentName());
                } else if (token.isScalarValue()) {
                    out.add(token + ":" + parser.getText() + ":"
                            + new String(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength()));
                } else {
                    out.add(token.asString() + ":" + parser.getParsingContext().inRoot());
                }
            }
        } catch (IOException e) {
            out.add("ERROR");
        }
        return out;
    }

    private void assertSame(byte[] bytes) throws IOException {
        if (notDetectedAsUtf8(bytes)) {
            return;
        }
        List<String> expected;
        try (JsonParser jackson = JACKSON.createParser(bytes)) {
            expected = read(jackson);
        }
        List<String> actual = read(frames.start(bytes, 0, bytes.length));
        String shown = "'" + new String(bytes, StandardCharsets.UTF_8) + "' " + java.util.Arrays.toString(bytes);
        int last = expected.size() - 1;
        if (last >= 0 && expected.get(last).equals("ERROR") && actual.size() == expected.size() + 1
                && actual.get(last).startsWith("name:") && actual.get(last + 1).equals("ERROR")) {
            // Jackson reads a field's value together with its name, so it reports a bad value one token earlier.
            assertEquals(expected.subList(0, last), actual.subList(0, last), shown);
            return;
        }
        assertEquals(expected, actual, shown);
    }

    @Test
    void handPickedShapes() throws IOException {
        for (String json : List.of("{}", "[]", "{\"a\":1}", "{\"a\":[1,2.5,-3e4,true,false,null,\"x\"]}", "  [ ]  ",
                "{\"a\":\"\\u00e9\\n\\\"\\\\\\/\\b\\f\\r\\t\"}", "{\"\u00e9t\u00e9\":\"\u65e5\u672c\ud83d\ude00\"}",
                "0", "-0", "1.5E+10", "\"root\"", "true", "{} {}", "[1] [2]", "{\"a\":01}", "{\"a\":1.}",
                "{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":1,}", "[1,]", "{,}",
                "{\"a\" 1}", "{'a':1}", "{a:1}", "[NaN]", "[Infinity]", "{\"a\":\"\t\"}", "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12\"}", "{\"a\":1}}", "]", "}", "{\"a\":[}", "[1 2]", "{\"a\":1 \"b\":2}", "", "   ",
                "/* c */ {}", "{\"a\":1} // c", "[\"\\ud800\"]", "[1]x", "[truex]", "[1x]", "[-x]", "[\"a\"\"b\"]")) {
            assertSame(json.getBytes(StandardCharsets.UTF_8));
        }
        assertSame(new byte[] {'[', '"', (byte) 0xff, '"', ']'});
        assertSame(new byte[] {'[', '"', (byte) 0xc3, '"', ']'});
        assertSame(new byte[] {'[', '"', (byte) 0xe2, (byte) 0x82, '"', ']'});
        assertSame(new byte[] {'[', '"', (byte) 0xc0, (byte) 0x80, '"', ']'});
        assertSame(("[".repeat(JsonFrames.MAX_DEPTH) + "]".repeat(JsonFrames.MAX_DEPTH)).getBytes(StandardCharsets.UTF_8));
        assertSame(("[".repeat(JsonFrames.MAX_DEPTH + 1) + "]".repeat(JsonFrames.MAX_DEPTH + 1))
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void randomDocumentsAndTheirDamagedCopies() throws IOException {
        Random random = new Random(Long.getLong("frames.seed", 20261204));
        for (int i = 0, cases = Integer.getInteger("frames.cases", 20_000); i < cases; i++) {
            StringBuilder json = new StringBuilder();
            value(json, random, 0);
            byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
            assertSame(bytes);
            assertSame(damaged(bytes, random));
        }
    }

    /**
     * Jackson guesses the encoding of a byte array from its first four bytes (a zero byte among them means UTF-16
     * or UTF-32, a BOM is skipped); a WebSocket text frame is UTF-8, so such input says nothing here.
     */
    private static boolean notDetectedAsUtf8(byte[] bytes) {
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return bytes.length >= 2 && ((bytes[0] & 0xff) == 0xfe || (bytes[0] & 0xff) == 0xff
                || (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb);
    }

    private static byte[] damaged(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return bytes;
        }
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(4)) {
            case 0:
                return java.util.Arrays.copyOf(bytes, at);
            case 1: {
                byte[] out = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
                return out;
            }
            case 2: {
                byte[] out = bytes.clone();
                String damage = "{}[]\",:\\ 0-.eE+tfnu\u0001x";
                out[at] = (byte) damage.charAt(random.nextInt(damage.length()));
                return out;
            }
            default: {
                byte[] out = bytes.clone();
                out[at] = (byte) random.nextInt(256);
                return out;
            }
        }
    }

    private static void value(StringBuilder json, Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 5 : 7);
        switch (kind) {
            case 0: number(json, random); break;
            case 1: string(json, random); break;
            case 2: json.append("true"); break;
            case 3: json.append(random.nextBoolean() ? "false" : "null"); break;
            case 4: string(json, random); break;
            case 5: {
                json.append('{');
                int fields = random.nextInt(5);
                for (int i = 0; i < fields; i++) {
                    if (i > 0) {
                        json.append(',');
                    }
                    blanks(json, random);
                    string(json, random);
                    json.append(':');
                    blanks(json, random);
                    value(json, random, depth + 1);
                }
                json.append('}');
                break;
            }
            default: {
                json.append('[');
                int items = random.nextInt(5);
                for (int i = 0; i < items; i++) {
                    if (i > 0) {
                        json.append(", ");
                    }
                    value(json, random, depth + 1);
                }
                json.append(']');
            }
        }
    }

    private static void blanks(StringBuilder json, Random random) {
        if (random.nextInt(4) == 0) {
            json.append(" \n\t\r".charAt(random.nextInt(4)));
        }
    }

    private static void number(StringBuilder json, Random random) {
        if (random.nextBoolean()) {
            json.append('-');
        }
        json.append(random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(999_999));
        if (random.nextBoolean()) {
            json.append('.').append(random.nextInt(100_000));
        }
        if (random.nextInt(5) == 0) {
            json.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "+")
                    .append(random.nextInt(40));
        }
    }

    private static void string(StringBuilder json, Random random) {
        json.append('"');
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(10)) {
                case 0: json.append("\\n"); break;
                case 1: json.append("\\u00").append("0123456789abcdef".charAt(random.nextInt(16)))
                        .append("0123456789ABCDEF".charAt(random.nextInt(16))); break;
                case 2: json.append("\\\""); break;
                case 3: json.append('\u00e9'); break;
                case 4: json.append("\ud83d\ude00"); break;
                case 5: json.append('\u65e5'); break;
                default: json.append((char) ('a' + random.nextInt(26)));
            }
        }
        json.append('"');
    }
}
