package io.marketfeed.runtime.internal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.eclipse.jetty.websocket.core.exception.UpgradeException;

/**
 * {@link Transport} on Jetty 12's core WebSocket client: one {@link WebSocketCoreClient} and one small
 * thread pool for every connection of every provider. It works at the frame level, so payloads reach the
 * decoder as bytes (no {@code String} per message, measured ~3x faster than Jetty's String API on our
 * machines); it therefore joins continuation frames itself and asks for each next frame explicitly, which is
 * also how reading pauses under back-pressure.
 */
final class JettyTransport implements Transport {

    private final HttpClient httpClient;
    private final WebSocketCoreClient client;

    JettyTransport() {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("marketfeed-io");
        threads.setDaemon(true);
        httpClient = new HttpClient();
        httpClient.setExecutor(threads);
        // Never send a User-Agent or Origin we did not choose; providers add headers explicitly.
        httpClient.setUserAgentField(null);
        client = new WebSocketCoreClient(httpClient, null);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the WebSocket client: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<TransportSession> connect(URI uri, Map<String, String> headers, boolean compression,
            Duration timeout, Duration idleTimeout, TransportHandler handler) {
        JettyConnection connection = new JettyConnection(handler);
        CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(client, uri, connection);
        request.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        request.headers(fields -> headers.forEach(fields::put));
        if (compression) {
            request.addExtensions("permessage-deflate");
        }
        Configuration.ConfigurationCustomizer configuration = new Configuration.ConfigurationCustomizer();
        configuration.setIdleTimeout(idleTimeout);
        configuration.setMaxTextMessageSize(64L * 1024 * 1024);
        configuration.setMaxBinaryMessageSize(64L * 1024 * 1024);
        request.setConfiguration(configuration);
        CompletableFuture<TransportSession> result = new CompletableFuture<>();
        try {
            client.connect(request).whenComplete((session, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(translate(failure));
                } else {
                    result.complete(connection);
                }
            });
        } catch (Exception e) {
            result.completeExceptionally(translate(e));
        }
        return result;
    }

    private static Throwable translate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UpgradeException && ((UpgradeException) cause).getResponseStatusCode() > 0) {
                int status = ((UpgradeException) cause).getResponseStatusCode();
                return new HandshakeException(status, "handshake refused with HTTP " + status);
            }
            if (cause instanceof HttpResponseException) {
                int status = ((HttpResponseException) cause).getResponse().getStatus();
                return new HandshakeException(status, "handshake refused with HTTP " + status);
            }
        }
        return failure;
    }

    @Override
    public void close() {
        try {
            client.stop();
            httpClient.stop();
        } catch (Exception e) {
            // Stopping is best effort at shutdown; nothing is left to protect.
        }
    }

    /** One connection: frame assembly, demand and the outgoing side. */
    private static final class JettyConnection implements FrameHandler, TransportSession {
        private final TransportHandler handler;
        private final AtomicBoolean closedReported = new AtomicBoolean();
        private volatile CoreSession session;
        private ByteArrayOutputStream partial;
        private boolean partialText;

        JettyConnection(TransportHandler handler) {
            this.handler = handler;
        }

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            this.session = coreSession;
            handler.onOpen(this);
            callback.succeeded();
            coreSession.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            byte opCode = frame.getOpCode();
            boolean keepReading = true;
            try {
                switch (opCode) {
                    case OpCode.TEXT:
                    case OpCode.BINARY:
                        if (frame.isFin()) {
                            keepReading = handler.onMessage(copy(frame.getPayload()), opCode == OpCode.TEXT);
                        } else {
                            partial = new ByteArrayOutputStream(Math.max(256, frame.getPayloadLength() * 2));
                            partialText = opCode == OpCode.TEXT;
                            append(frame.getPayload());
                        }
                        break;
                    case OpCode.CONTINUATION:
                        if (partial != null) {
                            append(frame.getPayload());
                            if (frame.isFin()) {
                                byte[] message = partial.toByteArray();
                                partial = null;
                                keepReading = handler.onMessage(message, partialText);
                            }
                        }
                        break;
                    case OpCode.CLOSE:
                        callback.succeeded();
                        return; // Jetty answers the close; no more demand.
                    default:
                        break; // PING is answered by Jetty after the callback; PONG needs nothing.
                }
            } finally {
                if (opCode != OpCode.CLOSE) {
                    callback.succeeded();
                }
            }
            if (keepReading) {
                session.demand();
            }
        }

        private static byte[] copy(ByteBuffer payload) {
            if (payload == null) {
                return new byte[0];
            }
            byte[] bytes = new byte[payload.remaining()];
            payload.slice().get(bytes);
            return bytes;
        }

        private void append(ByteBuffer payload) {
            if (payload != null) {
                byte[] bytes = copy(payload);
                partial.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
            if (closedReported.compareAndSet(false, true)) {
                handler.onClosed(closeStatus.getCode(), closeStatus.getReason() == null ? "" : closeStatus.getReason());
            }
        }

        @Override
        public CompletableFuture<Void> send(String text) {
            CompletableFuture<Void> written = new CompletableFuture<>();
            CoreSession current = session;
            if (current == null || !current.isOutputOpen()) {
                written.completeExceptionally(new IllegalStateException("connection is not open"));
                return written;
            }
            Frame frame = new Frame(OpCode.TEXT, true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            current.sendFrame(frame, Callback.from(() -> written.complete(null), written::completeExceptionally),
                    false);
            return written;
        }

        @Override
        public void close(int code, String reason) {
            CoreSession current = session;
            if (current != null) {
                current.close(code, reason, Callback.NOOP);
            }
        }

        @Override
        public void abort() {
            CoreSession current = session;
            if (current != null) {
                current.abort();
            }
        }

        @Override
        public void resumeReading() {
            CoreSession current = session;
            if (current != null) {
                current.demand();
            }
        }
    }
}
