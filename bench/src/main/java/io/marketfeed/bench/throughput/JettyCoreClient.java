package io.marketfeed.bench.throughput;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marketfeed.bench.Progress;
import io.marketfeed.bench.Serials;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/**
 * Client (a), the ceiling: Jetty 12's core WebSocket client with a {@link FrameHandler}, heap buffers, an explicit
 * {@code demand()} after every frame, CONTINUATION frames joined, and Jackson's streaming parser over the payload's
 * bytes reading every token; {@code data.volume} is the serial. This is the transport the runtime is built on, with
 * nothing after the parse.
 */
public final class JettyCoreClient {

    public static final String LABEL = "(a) Jetty 12 core FrameHandler + Jackson streaming (ceiling)";

    private static final JsonFactory JSON = new JsonFactory();

    private JettyCoreClient() {
    }

    public static ClientResult run(URI uri, String subscribe, long frames, Progress.Limits limits) {
        Serials serials = new Serials(frames);
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("bench-jetty");
        threads.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setUseInputDirectByteBuffers(false);
        http.setUseOutputDirectByteBuffers(false);
        WebSocketCoreClient client = new WebSocketCoreClient(http, null);
        Handler handler = new Handler(serials, subscribe);
        try {
            client.start();
            CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(client, uri, handler);
            request.timeout(10, TimeUnit.SECONDS);
            client.connect(request).get(15, TimeUnit.SECONDS);
            String stopped = Progress.await(serials, limits, () -> handler.closed);
            handler.close();
            return new ClientResult(LABEL, serials.snapshot(),
                    stopped, handler.failure == null ? null : "errors: " + handler.failure);
        } catch (Exception e) {
            return new ClientResult(LABEL, serials.snapshot(), "failed: " + e, null);
        } finally {
            try {
                client.stop();
                http.stop();
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }

    private static final class Handler implements FrameHandler {
        private final Serials serials;
        private final String subscribe;
        private volatile CoreSession session;
        private volatile boolean closed;
        private volatile String failure;
        /** The message being joined from a fragmented frame, reused. */
        private byte[] joined = new byte[4096];
        private int joinedLength;
        private boolean joining;
        /** A heap copy of a direct payload, reused. */
        private byte[] copy = new byte[4096];

        Handler(Serials serials, String subscribe) {
            this.serials = serials;
            this.subscribe = subscribe;
        }

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            this.session = coreSession;
            callback.succeeded();
            coreSession.sendFrame(new Frame(OpCode.TEXT, true,
                    ByteBuffer.wrap(subscribe.getBytes(StandardCharsets.UTF_8))), Callback.NOOP, false);
            coreSession.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            byte opCode = frame.getOpCode();
            if (opCode == OpCode.CLOSE) {
                callback.succeeded();
                return;
            }
            try {
                ByteBuffer payload = frame.getPayload();
                if (opCode == OpCode.TEXT || opCode == OpCode.BINARY) {
                    if (frame.isFin()) {
                        parse(payload);
                    } else {
                        joinedLength = 0;
                        joining = true;
                        append(payload);
                    }
                } else if (opCode == OpCode.CONTINUATION && joining) {
                    append(payload);
                    if (frame.isFin()) {
                        joining = false;
                        parse(joined, 0, joinedLength);
                    }
                }
            } finally {
                callback.succeeded();
            }
            session.demand();
        }

        private void append(ByteBuffer payload) {
            if (payload == null) {
                return;
            }
            int length = payload.remaining();
            if (joinedLength + length > joined.length) {
                byte[] bigger = new byte[Math.max(joined.length * 2, joinedLength + length)];
                System.arraycopy(joined, 0, bigger, 0, joinedLength);
                joined = bigger;
            }
            payload.slice().get(joined, joinedLength, length);
            joinedLength += length;
        }

        private void parse(ByteBuffer payload) {
            if (payload == null) {
                return;
            }
            if (payload.hasArray()) {
                parse(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
            } else {
                int length = payload.remaining();
                if (copy.length < length) {
                    copy = new byte[Math.max(length, copy.length * 2)];
                }
                payload.slice().get(copy, 0, length);
                parse(copy, 0, length);
            }
        }

        /** Reads every token; the serial is data.volume. */
        private void parse(byte[] bytes, int offset, int length) {
            long volume = -1;
            int depth = 0;
            boolean inData = false;
            try (JsonParser parser = JSON.createParser(bytes, offset, length)) {
                JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    switch (token) {
                        case START_OBJECT, START_ARRAY -> depth++;
                        case END_OBJECT, END_ARRAY -> {
                            depth--;
                            if (depth == 1) {
                                inData = false;
                            }
                        }
                        case FIELD_NAME -> {
                            String name = parser.currentName();
                            if (depth == 1 && "data".equals(name)) {
                                inData = true;
                            } else if (depth == 2 && inData && "volume".equals(name)
                                    && parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                                volume = parser.getLongValue();
                            }
                        }
                        default -> {
                            // every other value is read and dropped
                        }
                    }
                }
            } catch (IOException e) {
                failure = e.getMessage();
                return;
            }
            if (volume >= 0) {
                serials.recordVolume(volume);
            }
        }

        void close() {
            CoreSession current = session;
            if (current != null && !closed) {
                current.close(CloseStatus.NORMAL, "done", Callback.NOOP);
                for (int i = 0; i < 200 && !closed; i++) {
                    Progress.sleep(10);
                }
                if (!closed) {
                    current.abort();
                }
            }
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            failure = String.valueOf(cause);
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            closed = true;
            callback.succeeded();
        }
    }
}
