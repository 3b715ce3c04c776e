package io.marketfeed.runtime.testing;

import io.marketfeed.runtime.internal.Transport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * The server's side of one client dial on a {@link VirtualNetwork}: what the client asked for (URI, headers), the
 * answer to the handshake, the messages both ways, and the end. Whatever the server does reaches the client in the
 * order it was done, as tasks on the network's {@link ManualScheduler}, so at the current virtual time: nothing
 * here takes time.
 *
 * <p>Thread safe: act and observe from any thread. The client's callbacks run as scheduler tasks, one at a time.
 */
public final class VirtualConnection {

    /** What the server hears from the client. Called on the scheduler, one call at a time. */
    public interface Listener {
        /** A message from the client. */
        void onMessage(VirtualConnection connection, String text);

        /** The connection ended: the client closed it (its code), the server did, or it was dropped (1006). */
        void onClosed(VirtualConnection connection, int code, String reason);
    }

    private enum State { DIALLING, OPEN, CLOSED, FAILED }

    private final VirtualNetwork network;
    private final URI uri;
    private final Map<String, String> headers;
    private final long maxMessageSize;
    private final long dialledAtNanos;
    private final Transport.TransportHandler handler;
    private final CompletableFuture<Transport.TransportSession> future = new CompletableFuture<>();
    private final Session session = new Session();
    private final List<String> received = new ArrayList<>();
    /** Server-to-client deliveries not yet handed over: they wait while the client has paused reading. */
    private final ArrayDeque<Runnable> inbox = new ArrayDeque<>();
    private boolean paused;
    private State state = State.DIALLING;
    private Listener listener = new Listener() {
        @Override
        public void onMessage(VirtualConnection connection, String text) {
        }

        @Override
        public void onClosed(VirtualConnection connection, int code, String reason) {
        }
    };
    private Integer closeCode;
    private String closeReason = "";

    VirtualConnection(VirtualNetwork network, URI uri, Map<String, String> headers, long maxMessageSize,
            long dialledAtNanos, Transport.TransportHandler handler) {
        this.network = network;
        this.uri = uri;
        this.headers = Map.copyOf(headers);
        this.maxMessageSize = maxMessageSize;
        this.dialledAtNanos = dialledAtNanos;
        this.handler = handler;
    }

    /** The URI the client dialled, with its query. */
    public URI uri() {
        return uri;
    }

    /** The handshake headers the client sent. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The largest message the client accepts, in bytes. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /** When the client dialled, as virtual time since the scheduler was made. */
    public Duration dialledAt() {
        return Duration.ofNanos(dialledAtNanos - ManualScheduler.START_NANOS);
    }

    /** Whether the handshake was accepted and the connection has not ended. */
    public synchronized boolean isOpen() {
        return state == State.OPEN;
    }

    /** Whether the dial is still waiting for the server's answer. */
    public synchronized boolean isDialling() {
        return state == State.DIALLING;
    }

    /** Every message the client sent, oldest first (a copy). */
    public synchronized List<String> received() {
        return List.copyOf(received);
    }

    /** The code the connection ended with, once it ended. */
    public synchronized OptionalInt closeCode() {
        return closeCode == null ? OptionalInt.empty() : OptionalInt.of(closeCode);
    }

    /** The reason the connection ended with; empty until then. */
    public synchronized String closeReason() {
        return closeReason;
    }

    /** Accepts the handshake: the client's session opens. */
    public void accept() {
        accept(null);
    }

    /** Accepts the handshake and tells {@code listener} what the client sends and when the connection ends. */
    public void accept(Listener listener) {
        network.post(() -> {
            synchronized (this) {
                if (state != State.DIALLING) {
                    return;
                }
                state = State.OPEN;
                if (listener != null) {
                    this.listener = listener;
                }
            }
            handler.onOpen(session);
            future.complete(session);
        });
    }

    /** Refuses the upgrade with an HTTP status (such as 401, 429 or 503) and this text as the body. */
    public void refuse(int status, String body) {
        fail(new Transport.HandshakeException(status, "", body, "", "handshake refused with HTTP " + status));
    }

    /** Fails the dial before a socket opens, as a refused TCP connection or a DNS failure would. */
    public void fail(Throwable failure) {
        if (!isDialling()) {
            return;
        }
        network.post(() -> {
            synchronized (this) {
                if (state != State.DIALLING) {
                    return;
                }
                state = State.FAILED;
            }
            future.completeExceptionally(failure);
        });
    }

    /**
     * Sends a text message to the client; nothing when the connection is not open. A text longer than the client's
     * limit is never turned into a string or bytes, so a test can send a message of any size.
     */
    public void send(CharSequence text) {
        deliver(() -> {
            // A UTF-8 message has at least a byte per char: a longer text is over the limit without encoding it.
            if (text.length() > maxMessageSize) {
                tooLarge(maxMessageSize + 1);
                return;
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > maxMessageSize) {
                tooLarge(maxMessageSize + 1);
                return;
            }
            paused = !handler.onMessage(bytes, 0, bytes.length, true);
        });
    }

    /** Sends a binary message to the client; nothing when the connection is not open. */
    public void sendBinary(byte[] bytes) {
        byte[] copy = bytes.clone();
        deliver(() -> {
            if (copy.length > maxMessageSize) {
                tooLarge(maxMessageSize + 1);
                return;
            }
            paused = !handler.onMessage(copy, 0, copy.length, false);
        });
    }

    /** Closes the connection with a close frame: the client sees this code and reason. */
    public void close(int code, String reason) {
        deliver(() -> ended(code, reason));
    }

    /** Drops the connection without a close frame, as a crash or a broken network would: the client sees 1006. */
    public void drop() {
        deliver(() -> ended(1006, ""));
    }

    /** Past the limit, as Jetty does: nothing of the message is handed on, and the connection closes with 1009. */
    private void tooLarge(long received) {
        handler.onMessageTooLarge(maxMessageSize, received);
        ended(1009, "Text message too large: " + received + " > " + maxMessageSize);
    }

    /** Queues a delivery to the client behind the earlier ones, and hands them over unless reading is paused. */
    private void deliver(Runnable delivery) {
        network.post(() -> {
            inbox.add(delivery);
            pump();
        });
    }

    private void pump() {
        while (!paused && !inbox.isEmpty()) {
            Runnable next = inbox.poll();
            if (isOpen()) {
                next.run();
            }
        }
    }

    private void ended(int code, String reason) {
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSED;
            closeCode = code;
            closeReason = reason;
            inbox.clear();
        }
        handler.onClosed(code, reason);
        listener.onClosed(this, code, reason);
    }

    CompletableFuture<Transport.TransportSession> future() {
        return future;
    }

    @Override
    public synchronized String toString() {
        return uri.getPath() + "@" + dialledAt().toMillis() + "ms(" + state.name().toLowerCase(java.util.Locale.ROOT)
                + (closeCode == null ? "" : " " + closeCode) + ")";
    }

    /** The client's side: what the runtime holds. */
    private final class Session implements Transport.TransportSession {

        @Override
        public CompletableFuture<Void> send(String text) {
            network.post(() -> {
                synchronized (VirtualConnection.this) {
                    if (state != State.OPEN) {
                        return;
                    }
                    received.add(text);
                }
                listener.onMessage(VirtualConnection.this, text);
            });
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(int code, String reason) {
            // The server answers the close frame; the close handshake completes at once.
            network.post(() -> ended(code, reason));
        }

        @Override
        public void abort() {
            network.post(() -> ended(1006, "aborted"));
        }

        @Override
        public void resumeReading() {
            network.post(() -> {
                paused = false;
                pump();
            });
        }
    }
}
