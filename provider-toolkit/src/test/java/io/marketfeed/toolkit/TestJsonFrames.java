package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestJsonFrames {

    private final JsonFrames json = new JsonFrames();

    /** Every token of a frame as text, the way a decoder walks it. */
    private List<String> tokens(String frame) throws IOException {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        JsonParser parser = json.start(bytes, 0, bytes.length);
        List<String> tokens = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            tokens.add(token == JsonToken.FIELD_NAME ? parser.currentName()
                    : token.isScalarValue() ? parser.getText() : token.asString());
        }
        return tokens;
    }

    @Test
    void framesAreReadOneAfterAnotherEachToItsEnd() throws IOException {
        assertEquals(List.of("{", "a", "1.50", "b", "x", "}"), tokens("{\"a\":1.50,\"b\":\"x\"}"));
        assertEquals(List.of("{", "a", "2", "c", "[", "1", "2", "]", "}"), tokens("{\"a\":2,\"c\":[1,2]}"));
        assertEquals(List.of("[", "1", "]"), tokens("[1]\n"), "trailing blanks are fine");
        assertEquals(List.of("{", "z", "true", "}"), tokens("{\"z\":true}"));
    }

    @Test
    void aTruncatedOrMalformedFrameDoesNotLeakIntoTheNext() throws IOException {
        IOException cut = assertThrows(IOException.class, () -> tokens("{\"a\":"));
        assertEquals("Unexpected end-of-input: expected close marker for Object", JsonFrames.reason(cut));
        assertEquals(List.of("{", "b", "1", "}"), tokens("{\"b\":1}"));
        assertThrows(IOException.class, () -> tokens("[1,2"));
        assertThrows(IOException.class, () -> tokens("\"unterminated"));
        assertEquals(List.of("{", "c", "2", "}"), tokens("{\"c\":2}"));
        assertEquals(List.of("42"), tokens("42"), "a frame is complete: a number at its end is whole");
        assertEquals(List.of("{", "d", "3", "}"), tokens("{\"d\":3}"));
        assertThrows(IOException.class, () -> tokens("{\"a\":tru}"));
        assertEquals(List.of("{", "e", "4", "}"), tokens("{\"e\":4}"));
        assertEquals(List.of("{", "}", "{", "}"), tokens("{}{}"), "two values in one frame are both read");
        assertEquals(List.of("{", "f", "5", "}"), tokens("{\"f\":5}"));
    }

    /** How a decoder that stops at the end of the root object reads a frame. */
    private List<String> rootObject(String frame) throws IOException {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        JsonParser parser = json.start(bytes, 0, bytes.length);
        List<String> tokens = new ArrayList<>();
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("not an object");
        }
        tokens.add("{");
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            tokens.add(token == JsonToken.FIELD_NAME ? parser.currentName() : parser.getText());
        }
        tokens.add("}");
        return tokens;
    }

    @Test
    void whateverFollowsTheRootObjectNeverReachesTheNextFrame() throws IOException {
        for (String tail : List.of(" 4", " t", " \"ab", " xyz", " {\"x\":", "}", " [1", " 12.5e")) {
            assertEquals(List.of("{", "a", "1", "}"), rootObject("{\"a\":1}" + tail), tail);
            assertEquals(List.of("{", "b", "2", "}"), rootObject("{\"b\":2}"), "after " + tail);
            assertEquals(List.of("{", "a", "1", "}"), tokens("{\"a\":1}"));
            assertEquals(List.of("{", "c", "x", "}"), rootObject("{\"c\":\"x\"}"), "after " + tail);
        }
    }

    @Test
    void aFrameFailingOnItsFirstTokenCostsNoOtherFrame() throws IOException {
        assertEquals(List.of("{", "a", "1", "}"), rootObject("{\"a\":1}"));
        assertThrows(IOException.class, () -> tokens("x{\"a\":1}"));
        assertEquals(List.of("{", "b", "2", "}"), rootObject("{\"b\":2}"));
        assertThrows(IOException.class, () -> rootObject("[1]"));
        assertEquals(List.of("{", "c", "3", "}"), rootObject("{\"c\":3}"));
    }

    @Test
    void framesEndingInBlanksKeepTheParser() throws IOException {
        byte[] frame = "{\"a\":1}\r\n".getBytes(StandardCharsets.UTF_8);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            rootObject("{\"a\":1}\r\n");
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        long count = 0;
        for (int i = 0; i < 10_000; i++) {
            JsonParser parser = json.start(frame, 0, frame.length);
            while (parser.nextToken() != JsonToken.END_OBJECT) {
                count++;
            }
        }
        long perFrame = (threads.getCurrentThreadAllocatedBytes() - before) / 10_000;
        assertEquals(30_000, count);
        assertTrue(perFrame < 16, "bytes allocated per frame: " + perFrame);
    }

    @Test
    void aFrameLeftHalfReadDoesNotLeakIntoTheNext() throws IOException {
        byte[] first = "{\"a\":{\"b\":1},\"c\":2}".getBytes(StandardCharsets.UTF_8);
        JsonParser parser = json.start(first, 0, first.length);
        assertEquals(JsonToken.START_OBJECT, parser.nextToken());
        assertEquals(JsonToken.FIELD_NAME, parser.nextToken());
        assertEquals(List.of("{", "x", "1", "}"), tokens("{\"x\":1}"));
    }

    @Test
    void skipChildrenThrowsAtTheEndOfATruncatedFrame() throws IOException {
        byte[] bytes = "{\"a\":[1,[2,{\"b\":".getBytes(StandardCharsets.UTF_8);
        JsonParser parser = json.start(bytes, 0, bytes.length);
        parser.nextToken();
        parser.nextToken();
        assertEquals(JsonToken.START_ARRAY, parser.nextToken());
        assertThrows(IOException.class, parser::skipChildren);
        assertEquals(List.of("{", "}"), tokens("{}"));
    }

    @Test
    void afterACompleteValueTheEndOfTheFrameIsNull() throws IOException {
        byte[] bytes = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        JsonParser parser = json.start(bytes, 0, bytes.length);
        parser.nextToken();
        parser.skipChildren();
        assertNull(parser.nextToken());
        assertNull(parser.nextToken());
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(JsonFrames.MAX_DEPTH + 1) + "]".repeat(JsonFrames.MAX_DEPTH + 1);
        assertThrows(IOException.class, () -> tokens(deep));
    }

    @Test
    void offsetsWithinALargerArrayAreHonoured() throws IOException {
        byte[] bytes = "xx{\"a\":1}yy".getBytes(StandardCharsets.UTF_8);
        JsonParser parser = json.start(bytes, 2, 7);
        List<JsonToken> tokens = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            tokens.add(token);
        }
        assertEquals(List.of(JsonToken.START_OBJECT, JsonToken.FIELD_NAME, JsonToken.VALUE_NUMBER_INT,
                JsonToken.END_OBJECT), tokens);
    }

    @Test
    void readingFramesAllocatesNothingOnceWarm() throws IOException {
        byte[] frame = ("{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":32.50,\"volume\":1200300,"
                + "\"updated_at\":\"2026-02-10T12:19:22+00:00\"}}").getBytes(StandardCharsets.UTF_8);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += walk(frame);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            sum += walk(frame);
        }
        long perFrame = (threads.getCurrentThreadAllocatedBytes() - before) / 10_000;
        assertTrue(sum > 0);
        assertTrue(perFrame < 16, "bytes allocated per frame: " + perFrame);
    }

    private int walk(byte[] frame) throws IOException {
        JsonParser parser = json.start(frame, 0, frame.length);
        int count = 0;
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            count += parser.getTextLength();
        }
        return count;
    }

    @Test
    void reasonLeavesOutTheLocation() {
        IOException e = assertThrows(IOException.class, () -> tokens("{\"a\":tru}"));
        String reason = JsonFrames.reason(e);
        assertTrue(reason.startsWith("Unrecognized token"), reason);
        assertTrue(!reason.contains("line:") && !reason.contains("start marker"), reason);
    }
}
