package io.marketfeed.testkit.fuzz;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.protocol.InboundFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One frame to feed a decoder: its bytes and whether it is a text message. Equal when the bytes and the kind are.
 *
 * <p>{@link #toString()} shows the bytes printably and in full up to {@value #SHOWN} bytes (escapes for control
 * characters, {@code \xNN} for bytes that are no UTF-8), so that a failing frame can be copied into a test.
 *
 * @param bytes the message; never changed after construction (the accessor returns the array itself: do not
 *     modify it)
 * @param text whether it is a text message (otherwise binary)
 */
public record FuzzFrame(byte[] bytes, boolean text) {

    /** Frames longer than this are shown cut, with their length. */
    static final int SHOWN = 4096;

    /** Bytes placed around the frame in the buffer a decoder gets: a reader that strays beyond its slice sees them. */
    private static final byte[] BEFORE = "9\"\\{[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AFTER = "9e9\"}]\\x".getBytes(StandardCharsets.US_ASCII);

    public FuzzFrame {
        requireNonNull(bytes, "bytes is null");
    }

    /** A text frame of {@code text}, encoded as UTF-8. */
    public static FuzzFrame text(String text) {
        return new FuzzFrame(text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** A binary frame. */
    public static FuzzFrame binary(byte[] bytes) {
        return new FuzzFrame(bytes.clone(), false);
    }

    /**
     * Every {@code *.json} file of a directory on the class path (such as a provider's recorded frames in
     * {@code src/test/resources}), as text frames, in the order of their names.
     *
     * @param anchor a class whose class loader sees the directory
     * @param directory the directory, absolute on the class path: {@code /sahmk/frames}
     */
    public static List<FuzzFrame> resources(Class<?> anchor, String directory) {
        URL url = anchor.getResource(directory);
        if (url == null) {
            throw new IllegalArgumentException("no directory " + directory + " on the class path of " + anchor);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<FuzzFrame> frames = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                frames.add(new FuzzFrame(Files.readAllBytes(file), true));
            }
            return List.copyOf(frames);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | java.nio.file.FileSystemNotFoundException e) {
            throw new IllegalArgumentException(directory + " is not a directory of files: " + url, e);
        }
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** The bytes read as UTF-8 (malformed sequences replaced). */
    public String asString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The frame as a transport hands it over since SPI 1.1: a slice of a larger buffer, here surrounded by bytes that
     * would change the meaning of a number or string read beyond the slice. The buffer is new for every call.
     */
    public InboundFrame inbound(Instant receivedAt) {
        byte[] buffer = new byte[BEFORE.length + bytes.length + AFTER.length];
        System.arraycopy(BEFORE, 0, buffer, 0, BEFORE.length);
        System.arraycopy(bytes, 0, buffer, BEFORE.length, bytes.length);
        System.arraycopy(AFTER, 0, buffer, BEFORE.length + bytes.length, AFTER.length);
        return new InboundFrame(buffer, BEFORE.length, bytes.length, text, receivedAt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FuzzFrame that && text == that.text && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + Boolean.hashCode(text);
    }

    @Override
    public String toString() {
        return (text ? "text " : "binary ") + bytes.length + "B " + printable(bytes, SHOWN);
    }

    /**
     * The bytes as a Java string literal's content: printable ASCII as is, {@code \"}, {@code \\}, {@code \n} and
     * {@code \\uXXXX} for the rest of valid UTF-8, {@code \xNN} for bytes that are not; cut after {@code limit}
     * bytes.
     */
    static String printable(byte[] bytes, int limit) {
        StringBuilder out = new StringBuilder(Math.min(bytes.length, limit) + 16).append('"');
        int end = Math.min(bytes.length, limit);
        int i = 0;
        while (i < end) {
            int b = bytes[i] & 0xff;
            int length = sequenceLength(bytes, i);
            if (length == 0) {
                out.append(String.format("\\x%02X", b));
                i++;
            } else if (length == 1) {
                appendAscii(out, b);
                i++;
            } else {
                String text = new String(bytes, i, length, StandardCharsets.UTF_8);
                text.chars().forEach(c -> out.append(String.format("\\u%04x", c)));
                i += length;
            }
        }
        out.append('"');
        if (bytes.length > limit) {
            out.append("… (").append(bytes.length - limit).append(" more bytes)");
        }
        return out.toString();
    }

    private static void appendAscii(StringBuilder out, int b) {
        switch (b) {
            case '"': out.append("\\\""); break;
            case '\\': out.append("\\\\"); break;
            case '\n': out.append("\\n"); break;
            case '\r': out.append("\\r"); break;
            case '\t': out.append("\\t"); break;
            default:
                if (b < 0x20 || b == 0x7f) {
                    out.append(String.format("\\u%04x", b));
                } else {
                    out.append((char) b);
                }
        }
    }

    /** The length of the well-formed UTF-8 sequence at {@code i} (1 for ASCII), or 0 when it is none. */
    private static int sequenceLength(byte[] bytes, int i) {
        int b = bytes[i] & 0xff;
        if (b < 0x80) {
            return 1;
        }
        int length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
        if (length == 0 || i + length > bytes.length) {
            return 0;
        }
        for (int k = 1; k < length; k++) {
            if ((bytes[i + k] & 0xc0) != 0x80) {
                return 0;
            }
        }
        String decoded = new String(bytes, i, length, StandardCharsets.UTF_8);
        return decoded.indexOf('\uFFFD') >= 0 ? 0 : length;
    }
}
