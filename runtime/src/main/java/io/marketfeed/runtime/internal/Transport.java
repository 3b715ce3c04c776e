package io.marketfeed.runtime.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The runtime's view of a WebSocket client: connect, send text, close, abort. Internal (public only for
 * {@link io.marketfeed.runtime.testing.VirtualNetwork}, the in-memory one tests run on), so that the engine can be
 * tested without sockets and the Jetty implementation can change without touching anything else.
 */
public interface Transport extends AutoCloseable {

    /**
     * Starts a handshake, offering permessage-deflate when {@code compression} is set. The future fails with
     * {@link HandshakeException} when the server answered with an HTTP status other than 101, with
     * {@link BadUrlException} when the URL cannot be dialled, or with the I/O failure. It never throws.
     *
     * @param maxMessageSize the largest message accepted, in bytes, checked while its fragments arrive: past it the
     *     connection is closed with 1009 and {@link TransportHandler#onMessageTooLarge} is told before
     *     {@link TransportHandler#onClosed}
     */
    CompletableFuture<TransportSession> connect(URI uri, Map<String, String> headers, boolean compression,
            Duration timeout, Duration idleTimeout, long maxMessageSize, TransportHandler handler);

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

        /**
         * A message grew past the limit: nothing of it was handed on, and the connection is being closed with 1009.
         * On the read thread, before {@link #onClosed}.
         *
         * @param received the bytes of it received when it was cut off (the message is larger still)
         */
        void onMessageTooLarge(long limit, long received);

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

    /**
     * The server refused the WebSocket upgrade with an HTTP status. Carries what the server said: the reason
     * phrase, the start of the body and a redirect's target, all as received (not yet scrubbed of credentials).
     */
    final class HandshakeException extends Exception {
        private final int status;
        private final String reasonPhrase;
        private final String body;
        private final String location;

        public HandshakeException(int status, String message) {
            this(status, "", "", "", message);
        }

        public HandshakeException(int status, String reasonPhrase, String body, String location, String message) {
            super(message);
            this.status = status;
            this.reasonPhrase = reasonPhrase == null ? "" : reasonPhrase;
            this.body = body == null ? "" : body;
            this.location = location == null ? "" : location;
        }

        int status() {
            return status;
        }

        /** The status line's reason ({@code Forbidden}); empty when the server sent none. */
        String reasonPhrase() {
            return reasonPhrase;
        }

        /** The start of the response body, decoded as UTF-8; empty when there was none. */
        String body() {
            return body;
        }

        /** The {@code Location} header of a redirect; empty when absent. */
        String location() {
            return location;
        }
    }

    /** The URL cannot be dialled at all (no host, a scheme other than ws or wss); retrying cannot help. */
    final class BadUrlException extends Exception {
        public BadUrlException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
