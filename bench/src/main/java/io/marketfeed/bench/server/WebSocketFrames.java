package io.marketfeed.bench.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Just enough of RFC 6455 for a server: the opening handshake, unmasked frames out, masked frames in. */
final class WebSocketFrames {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** Client frames are small control messages; anything bigger is a protocol error here. */
    private static final int MAX_INBOUND = 1 << 20;

    private WebSocketFrames() {
    }

    /** A request line and its headers (names lower case). */
    record Request(String requestLine, Map<String, String> headers) {
    }

    /** Reads the HTTP upgrade request up to its blank line; null at end of stream. */
    static Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        String requestLine = null;
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (++total > 16_384) {
                throw new IOException("handshake request too large");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                line.reset();
                if (text.isEmpty()) {
                    return requestLine == null ? null : new Request(requestLine, headers);
                }
                if (requestLine == null) {
                    requestLine = text;
                } else {
                    int colon = text.indexOf(':');
                    if (colon > 0) {
                        headers.put(text.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                text.substring(colon + 1).trim());
                    }
                }
            } else {
                line.write(b);
            }
        }
    }

    /** The {@code 101} answer for {@code key}; no extension, no subprotocol. */
    static byte[] switchingProtocols(String key) {
        return ("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] badRequest(String why) {
        byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] answer = new byte[head.length + body.length];
        System.arraycopy(head, 0, answer, 0, head.length);
        System.arraycopy(body, 0, answer, head.length, body.length);
        return answer;
    }

    static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    /** Bytes of an unmasked server frame header for a payload of {@code length}. */
    static int headerLength(int length) {
        return length <= 125 ? 2 : length <= 65_535 ? 4 : 10;
    }

    /** Writes a FIN frame header into {@code into} at {@code at}; returns where the payload starts. */
    static int writeHeader(byte[] into, int at, int opcode, int length) {
        into[at++] = (byte) (0x80 | opcode);
        if (length <= 125) {
            into[at++] = (byte) length;
        } else if (length <= 65_535) {
            into[at++] = 126;
            into[at++] = (byte) (length >>> 8);
            into[at++] = (byte) length;
        } else {
            into[at++] = 127;
            for (int shift = 56; shift >= 0; shift -= 8) {
                into[at++] = (byte) ((long) length >>> shift);
            }
        }
        return at;
    }

    /** One whole unmasked frame. */
    static byte[] frame(int opcode, byte[] payload) {
        byte[] frame = new byte[headerLength(payload.length) + payload.length];
        int at = writeHeader(frame, 0, opcode, payload.length);
        System.arraycopy(payload, 0, frame, at, payload.length);
        return frame;
    }

    static void writeText(OutputStream out, String text) throws IOException {
        out.write(frame(TEXT, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A frame as received: opcode, FIN, unmasked payload. */
    record Inbound(int opcode, boolean fin, byte[] payload) {
    }

    /** Reads one frame; null at a clean end of stream before a frame starts. */
    static Inbound read(InputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = readByte(in);
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        boolean masked = (b1 & 0x80) != 0;
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (readByte(in) << 8) | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte(in);
            }
        }
        if (length > MAX_INBOUND) {
            throw new IOException("client frame of " + length + " bytes");
        }
        byte[] mask = new byte[4];
        if (masked) {
            readFully(in, mask);
        }
        byte[] payload = new byte[(int) length];
        readFully(in, payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new Inbound(opcode, fin, payload);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("end of stream inside a frame");
        }
        return b;
    }

    private static void readFully(InputStream in, byte[] into) throws IOException {
        int at = 0;
        while (at < into.length) {
            int n = in.read(into, at, into.length - at);
            if (n < 0) {
                throw new EOFException("end of stream inside a frame");
            }
            at += n;
        }
    }
}
