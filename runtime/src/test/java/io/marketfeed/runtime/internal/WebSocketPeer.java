package io.marketfeed.runtime.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server side of one WebSocket connection accepted by a {@link LoopbackServer}, just enough of RFC 6455 for
 * the real Jetty client: the upgrade, unmasked text frames out, and the client's frames read and dropped (a close
 * is answered, so the client's graceful close ends at once). Sends are serialised; the client's frames are read
 * on a thread of their own.
 */
final class WebSocketPeer {

    private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Socket socket;
    private final OutputStream out;

    private WebSocketPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Answers the upgrade request on {@code socket} and starts reading the client's frames. */
    static WebSocketPeer accept(Socket socket) throws IOException {
        String request = LoopbackServer.readHead(socket.getInputStream());
        Matcher key = KEY.matcher(request);
        if (!key.find()) {
            throw new IOException("not a WebSocket upgrade: " + request);
        }
        WebSocketPeer peer = new WebSocketPeer(socket);
        peer.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key.group(1)) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        Thread reader = new Thread(peer::readClientFrames, "websocket-peer-reader");
        reader.setDaemon(true);
        reader.start();
        return peer;
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one text frame (under 64 KiB). */
    void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        frame(0x1, payload);
    }

    /**
     * Sends one text message of {@code length} bytes of {@code x}, streamed in pieces of 64 KiB so that the
     * server never holds it: as one frame (its header announces the whole length), or as {@code fragments} frames.
     * Stops quietly when the client closes the socket.
     */
    void sendHuge(long length, int fragments) {
        byte[] piece = new byte[64 * 1024];
        java.util.Arrays.fill(piece, (byte) 'x');
        try {
            long perFrame = fragments <= 1 ? length : Math.max(1, length / fragments);
            long sent = 0;
            boolean first = true;
            while (sent < length) {
                long frameLength = Math.min(perFrame, length - sent);
                boolean fin = sent + frameLength >= length;
                int opcode = first ? 0x1 : 0x0;
                byte[] head = new byte[10];
                head[0] = (byte) ((fin ? 0x80 : 0) | opcode);
                head[1] = 127;
                for (int i = 0; i < 8; i++) {
                    head[2 + i] = (byte) (frameLength >>> (56 - 8 * i));
                }
                synchronized (this) {
                    out.write(head);
                    for (long left = frameLength; left > 0; left -= piece.length) {
                        out.write(piece, 0, (int) Math.min(piece.length, left));
                    }
                    out.flush();
                }
                sent += frameLength;
                first = false;
            }
        } catch (IOException e) {
            // The client closed the connection: expected when the message is over its limit.
        }
    }

    /** Sends a close frame with {@code code} and {@code reason} (at most 123 bytes of UTF-8). */
    void close(int code, String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        frame(0x8, payload);
    }

    private void frame(int opcode, byte[] payload) throws IOException {
        byte[] head = payload.length < 126 ? new byte[] {(byte) (0x80 | opcode), (byte) payload.length}
                : new byte[] {(byte) (0x80 | opcode), 126, (byte) (payload.length >> 8), (byte) payload.length};
        byte[] all = new byte[head.length + payload.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(payload, 0, all, head.length, payload.length);
        write(all);
    }

    private synchronized void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private void readClientFrames() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = new byte[(second & 0x80) != 0 ? 4 : 0];
                in.readFully(mask);
                in.skipNBytes(length);
                if ((first & 0x0f) == 0x8) {
                    frame(0x8, new byte[] {0x03, (byte) 0xe8});
                    socket.close();
                    return;
                }
            }
        } catch (IOException e) {
            // The client or the test closed the socket.
        }
    }
}
