package io.marketfeed.runtime.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The runtime's view of a WebSocket client: connect, send text, close, abort. Internal, so the engine can be
 * tested with a fake and the Jetty implementation can change without touching anything else.
 */
interface Transport extends AutoCloseable {

    /**
     * Starts a handshake, offering permessage-deflate when {@code compression} is set. The future fails with {@link HandshakeException} when the server answered with an
     * HTTP status other than 101, or with the I/O failure.
     */
    CompletableFuture<TransportSession> connect(URI uri, Map<String, String> headers, boolean compression,
            Duration timeout, Duration idleTimeout, TransportHandler handler);

    @Override
    void close();

    /** Receives what happens on one connection. Called on transport threads; implementations never block. */
    interface TransportHandler {

        /** The handshake completed; called before the first message is read. */
        void onOpen(TransportSession session);

        /**
         * A whole message arrived (fragments already joined), on the connection's read thread. The bytes are
         * the transport's own buffer, valid only during this call: whatever is kept must be copied.
         *
         * @return {@code true} to keep reading; {@code false} to stop reading until
         *     {@link TransportSession#resumeReading()} is called (back-pressure); exactly one of the two
         *     resumes reading
         */
        boolean onMessage(byte[] array, int offset, int length, boolean text);

        /** The connection ended: a close frame, a network error (1006), or an abort. Called once. */
        void onClosed(int code, String reason);
    }

    /** One open connection. Thread safe. */
    interface TransportSession {

        /** Queues a text message; the future completes when it is written. */
        CompletableFuture<Void> send(String text);

        /** Starts the closing handshake. */
        void close(int code, String reason);

        /** Drops the connection at once, without a closing handshake. */
        void abort();

        /**
         * Reading was paused by {@link TransportHandler#onMessage} returning false: go on. Any thread; at
         * most once per pause.
         */
        void resumeReading();
    }

    /** The server refused the WebSocket upgrade with an HTTP status. */
    final class HandshakeException extends Exception {
        private final int status;

        HandshakeException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
