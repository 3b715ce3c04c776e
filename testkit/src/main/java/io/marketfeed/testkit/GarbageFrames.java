package io.marketfeed.testkit;

import io.marketfeed.api.protocol.InboundFrame;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Frames a decoder must survive without throwing: empty, not JSON, binary, huge, deeply nested, of unknown types,
 * and the script's own frames truncated and with their values' types swapped.
 */
final class GarbageFrames {

    /**
     * One frame to feed a decoder.
     *
     * @param name what it is, for failure messages
     */
    record Garbage(String name, byte[] bytes, boolean text) {

        InboundFrame frame() {
            return new InboundFrame(bytes.clone(), 0, bytes.length, text, Instant.now());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final int HUGE = 2 * 1024 * 1024;
    /** Large, yet under the runtime's default message limit of 1 MiB: a connection must survive it. */
    private static final int LARGE_ON_WIRE = 900 * 1024;
    private static final int DEEP = 100_000;

    private final Map<String, Garbage> frames = new LinkedHashMap<>();

    private GarbageFrames() {
    }

    /** The kit's generic garbage, then variations of {@code scriptFrames}, then the script's own extras. */
    static List<Garbage> build(List<String> scriptFrames, List<String> extras) {
        GarbageFrames out = new GarbageFrames();
        out.generic();
        for (String frame : scriptFrames) {
            out.variations(frame);
        }
        for (int i = 0; i < extras.size(); i++) {
            out.text("script malformed frame #" + (i + 1), extras.get(i));
        }
        return new ArrayList<>(out.frames.values());
    }

    /** A short selection for pushing over a real connection. */
    static List<Garbage> forWire(String dataFrame) {
        GarbageFrames out = new GarbageFrames();
        out.text("empty text", "");
        out.text("not JSON", "this is not json");
        out.text("an unclosed object", "{");
        out.text("an empty array", "[]");
        out.text("an unknown type", "{\"type\":\"mf-testkit-unknown\",\"data\":{\"x\":1}}");
        out.text("the data frame truncated", dataFrame.substring(0, dataFrame.length() / 2));
        out.text("the data frame with its values' types swapped", numbersToStrings(stringsToNumbers(dataFrame)));
        out.text("deep nesting", "[".repeat(DEEP));
        out.text("a large string", "{\"type\":\"mf-testkit-unknown\",\"pad\":\"" + "a".repeat(LARGE_ON_WIRE)
                + "\"}");
        out.binary("random binary", random(257, 7));
        out.binary("empty binary", new byte[0]);
        return new ArrayList<>(out.frames.values());
    }

    private void generic() {
        for (String text : List.of("", " ", "\n", "\u0000", "null", "true", "0", "-1e999999", "\"\"",
                "\"a string\"", "this is not json", "{", "}", "[", "]", "{}", "[]", "[{}]", "[null]", "[1,2",
                "{\"", "{\"a\":}", "{\"a\" 1}", "{'single':'quotes'}", "{\"a\":1}{\"b\":2}", "{\"a\":NaN}",
                "\uFFFD\uFFFE", "{\"type\":null}", "{\"type\":\"\"}", "{\"type\":123}", "{\"type\":[]}",
                "{\"type\":{}}", "{\"type\":\"mf-testkit-unknown\"}",
                "{\"type\":\"mf-testkit-unknown\",\"data\":{\"x\":1}}", "{\"op\":\"mf-testkit-unknown\"}",
                "{\"event\":\"mf-testkit-unknown\"}", "{\"action\":\"mf-testkit-unknown\"}",
                "{\"cmd_id\":999999,\"data\":{}}", "{\"topic\":\"mf-testkit-unknown\",\"data\":{}}",
                "{\"data\":null}", "{\"data\":[]}", "{\"data\":\"x\"}", "{\"symbol\":null,\"data\":{}}")) {
            text("text " + printable(text), text);
        }
        text("deep array nesting", "[".repeat(DEEP) + "]".repeat(DEEP));
        text("deep object nesting", "{\"a\":".repeat(DEEP));
        text("a huge string", "{\"type\":\"mf-testkit-unknown\",\"pad\":\"" + "a".repeat(HUGE) + "\"}");
        text("a huge number", "{\"type\":\"mf-testkit-unknown\",\"n\":" + "9".repeat(100_000) + "}");
        text("a huge array", "[" + "0,".repeat(HUGE / 2) + "0]");
        text("a huge key", "{\"" + "k".repeat(HUGE) + "\":1}");
        invalidUtf8();
        binary("empty binary", new byte[0]);
        binary("random binary", random(1024, 42));
        binary("a huge random binary", random(HUGE, 43));
    }

    private void variations(String frame) {
        String name = "script frame " + printable(frame);
        binary("as binary: " + name, frame.getBytes(StandardCharsets.UTF_8));
        for (int length : cutPoints(frame.length())) {
            text("truncated to " + length + " chars: " + name, frame.substring(0, length));
        }
        text("doubled: " + name, frame + frame);
        text("in an array: " + name, "[" + frame + "]");
        text("strings as numbers: " + name, stringsToNumbers(frame));
        text("numbers as strings: " + name, numbersToStrings(frame));
        text("values as null: " + name, valuesToNull(frame));
        text("values as objects: " + name, frame.replaceAll("(:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?)",
                "$1{}"));
        text("values as arrays: " + name, frame.replaceAll("(:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?)",
                "$1[]"));
        text("negative and huge numbers: " + name, frame.replaceAll("(:\\s*)-?\\d+(?:\\.\\d+)?",
                "$1-1" + "9".repeat(400) + "e999"));
    }

    private static List<Integer> cutPoints(int length) {
        List<Integer> out = new ArrayList<>();
        int step = Math.max(1, length / 60);
        for (int cut = 1; cut < length; cut += step) {
            out.add(cut);
        }
        if (length > 1 && !out.contains(length - 1)) {
            out.add(length - 1);
        }
        return out;
    }

    static String stringsToNumbers(String json) {
        return json.replaceAll("(:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"", "$1 12345");
    }

    static String numbersToStrings(String json) {
        return json.replaceAll("(:\\s*)(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)", "$1\"x$2\"");
    }

    private static String valuesToNull(String json) {
        return json.replaceAll("(:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?|true|false)", "$1null");
    }

    private void invalidUtf8() {
        frames.put("invalid UTF-8 in a text frame", new Garbage("invalid UTF-8 in a text frame",
                new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'}, true));
    }

    private void text(String name, String text) {
        frames.putIfAbsent(name, new Garbage(name, text.getBytes(StandardCharsets.UTF_8), true));
    }

    private void binary(String name, byte[] bytes) {
        frames.putIfAbsent(name, new Garbage(name, bytes, false));
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        for (char c : shown.toCharArray()) {
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return "'" + out + "'";
    }
}
