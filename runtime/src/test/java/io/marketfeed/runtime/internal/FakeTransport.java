package io.marketfeed.runtime.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * A {@link Transport} the test drives: every {@link #connect} is recorded as a {@link Dial} with the (virtual)
 * time it was made, and the test decides whether it opens, fails, or later drops. Single-threaded, like
 * {@link VirtualScheduler}.
 */
final class FakeTransport implements Transport {

    private final LongSupplier nanos;
    private final List<Dial> dials = new ArrayList<>();

    FakeTransport(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Forgets the dials whose connection ended (a test of what the runtime keeps must not keep them itself). */
    void forgetEnded() {
        dials.removeIf(dial -> dial.closed || dial.future.isCompletedExceptionally());
    }

    /** Every connect so far, oldest first. */
    List<Dial> dials() {
        return List.copyOf(dials);
    }

    /** The connects to URLs whose path is {@code path}, oldest first. */
    List<Dial> dials(String path) {
        return dials.stream().filter(dial -> dial.uri.getPath().equals(path)).toList();
    }

    Dial last(String path) {
        List<Dial> matching = dials(path);
        if (matching.isEmpty()) {
            throw new AssertionError("nothing dialled " + path + "; dials: " + dials);
        }
        return matching.get(matching.size() - 1);
    }

    @Override
    public CompletableFuture<TransportSession> connect(URI uri, Map<String, String> headers, boolean compression,
            Duration timeout, Duration idleTimeout, long maxMessageSize, TransportHandler handler) {
        Dial dial = new Dial(uri, nanos.getAsLong(), handler);
        dials.add(dial);
        return dial.future;
    }

    @Override
    public void close() {
    }

    /** One connection attempt. */
    static final class Dial implements TransportSession {
        final URI uri;
        final long atNanos;
        final TransportHandler handler;
        final CompletableFuture<TransportSession> future = new CompletableFuture<>();
        final List<String> sent = new ArrayList<>();
        private boolean closed;

        Dial(URI uri, long atNanos, TransportHandler handler) {
            this.uri = uri;
            this.atNanos = atNanos;
            this.handler = handler;
        }

        /** The server accepts the handshake. */
        void open() {
            handler.onOpen(this);
            future.complete(this);
        }

        /** The server sends a text message. */
        void receive(String text) {
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            handler.onMessage(bytes, 0, bytes.length, true);
        }

        /** The attempt fails before the socket opens. */
        void fail(Throwable failure) {
            future.completeExceptionally(failure);
        }

        /** The server (or the network) ends an open connection. */
        void drop(int code, String reason) {
            if (!closed) {
                closed = true;
                handler.onClosed(code, reason);
            }
        }

        @Override
        public CompletableFuture<Void> send(String text) {
            sent.add(text);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(int code, String reason) {
            drop(code, reason);
        }

        @Override
        public void abort() {
            drop(1006, "");
        }

        @Override
        public void resumeReading() {
        }

        @Override
        public String toString() {
            return uri.getPath() + "@" + atNanos;
        }
    }
}
