package io.marketfeed.testkit.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte surgery {@link Mutator}s do on a frame: slicing, replacing, inserting and joining bytes, quoting bytes as
 * a JSON string, and repeating one array element or object member. Every method returns a new array and leaves its
 * arguments alone.
 *
 * <p>Stateless; shared freely.
 */
final class FrameBytes {

    private FrameBytes() {
    }

    /** The span (from, to) of the element or member {@code at} picks, or null. */
    static int[] repeatable(JsonTokens tokens, int at) {
        int token = tokens.pick(i -> tokens.isElement(i) || tokens.isMember(i), at);
        if (token < 0) {
            return null;
        }
        int end = tokens.isName(token) ? tokens.valueEnd(token + 2) : tokens.valueEnd(token);
        return new int[] {tokens.start(token), end};
    }

    static byte[] repeated(byte[] frame, int[] span, int times) {
        int length = span[1] - span[0];
        long total = frame.length + (long) times * (length + 1);
        if (total > Integer.MAX_VALUE - 16) {
            return frame;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
        out.write(frame, 0, span[1]);
        for (int i = 0; i < times; i++) {
            out.write(',');
            out.write(frame, span[0], length);
        }
        out.write(frame, span[1], frame.length - span[1]);
        return out.toByteArray();
    }

    /** The bytes as a JSON string: quotes and backslashes escaped, any other byte as it is. */
    static byte[] quoted(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 8);
        out.write('"');
        for (byte b : bytes) {
            if (b == '"' || b == '\\') {
                out.write('\\');
            }
            out.write(b);
        }
        out.write('"');
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] slice(byte[] frame, int from, int to) {
        return Arrays.copyOfRange(frame, from, to);
    }

    static byte[] replace(byte[] frame, int from, int to, String replacement) {
        return concat(slice(frame, 0, from), replacement.getBytes(StandardCharsets.UTF_8),
                slice(frame, to, frame.length));
    }

    static byte[] insert(byte[] frame, int at, byte[] inserted) {
        return concat(slice(frame, 0, at), inserted, slice(frame, at, frame.length));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }
}
