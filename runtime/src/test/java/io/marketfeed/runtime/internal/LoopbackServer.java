package io.marketfeed.runtime.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on a free loopback port that treats each accepted socket as told: for the shapes of a failed
 * WebSocket handshake (silence, an HTTP refusal, a close without an answer). Everything it opened closes with it.
 */
final class LoopbackServer implements AutoCloseable {

    /** What to do with one accepted connection. */
    @FunctionalInterface
    interface Behaviour {
        void handle(Socket socket) throws IOException;
    }

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    LoopbackServer(Behaviour behaviour) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.add(socket);
                    Thread handler = new Thread(() -> {
                        try {
                            behaviour.handle(socket);
                        } catch (IOException e) {
                            // The client went away; nothing to do.
                        }
                    }, "loopback-server-connection");
                    handler.setDaemon(true);
                    handler.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "loopback-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Accepts and never answers. */
    static Behaviour silent() {
        return socket -> { };
    }

    /** Reads the request head, then answers with {@code status} and {@code body} (which may quote the request). */
    static Behaviour answering(int status, String reason, java.util.function.Function<String, String> body) {
        return socket -> {
            String request = readHead(socket.getInputStream());
            byte[] content = body.apply(request).getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Length: " + content.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
        };
    }

    /** Reads the request head, then closes without a word. */
    static Behaviour closingAfterRequest() {
        return socket -> {
            readHead(socket.getInputStream());
            socket.close();
        };
    }

    /** Answers the client's first bytes with plain HTTP, whatever they were (a TLS client gets no TLS). */
    static Behaviour plainTextAtOnce() {
        return socket -> {
            // As a plain HTTP server does: it answers what the client sent first (for a TLS client, its hello).
            if (socket.getInputStream().read() < 0) {
                return;
            }
            socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        };
    }

    /** The request line and headers, up to the blank line. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
