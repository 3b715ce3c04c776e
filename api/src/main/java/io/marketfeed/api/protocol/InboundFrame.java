package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One whole WebSocket message as received (continuation frames already joined). The bytes are handed on
 * undecoded, where the transport read them, so that a streaming parser can read them directly:
 * {@snippet :
 * JsonParser parser = frames.start(frame);   // io.marketfeed.toolkit.JsonFrames, one per session
 * }
 * The array is the transport's buffer: a decoder must not modify it, and may use it only during the
 * {@link ProtocolSession#decode} call it was given to; whatever it keeps must be copied (since SPI 1.1; a
 * provider built for SPI 1.0 is given a copy it may keep).
 */
public final class InboundFrame {

    private final byte[] array;
    private final int offset;
    private final int length;
    private final boolean text;
    private final Instant receivedAt;

    public InboundFrame(byte[] array, int offset, int length, boolean text, Instant receivedAt) {
        this.array = requireNonNull(array, "array is null");
        if (offset < 0 || length < 0 || offset + length > array.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + array.length);
        }
        this.offset = offset;
        this.length = length;
        this.text = text;
        this.receivedAt = requireNonNull(receivedAt, "receivedAt is null");
    }

    /** A text frame, for tests and simple providers. */
    public static InboundFrame text(String text, Instant receivedAt) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new InboundFrame(bytes, 0, bytes.length, true, receivedAt);
    }

    public byte[] array() {
        return array;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** Whether it was a text message (otherwise binary). */
    public boolean isText() {
        return text;
    }

    /** When the message was received. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** The payload decoded as UTF-8 (allocates; prefer parsing the bytes). */
    public String asString() {
        return new String(array, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String shown = length > 200 ? new String(array, offset, 200, StandardCharsets.UTF_8) + "…" : asString();
        return (text ? "text " : "binary ") + length + "B " + shown;
    }
}
