package io.marketfeed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK {@link WebSocket} test client that queues every text message and records how the connection ended. Waits
 * always have a timeout ({@link #TIMEOUT}); nothing here sleeps.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    /** Completes with the close code, or 1006 when the connection failed without a close frame. */
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();
    private final AtomicInteger pongs = new AtomicInteger();
    private volatile String closeReason = "";
    private volatile WebSocket webSocket;

    private WsClient() {
    }

    public static WsClient connect(URI uri) {
        return connect(uri, Map.of());
    }

    public static WsClient connect(URI uri, Map<String, String> headers) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        try {
            client.webSocket = builder.buildAsync(uri, client).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("could not connect to " + uri, e);
        }
        return client;
    }

    /** The HTTP status of a handshake the server must refuse. */
    public static int handshakeStatus(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        try {
            WebSocket unexpected = builder.buildAsync(uri, new WsClient()).get(TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
            unexpected.abort();
            throw new AssertionError("handshake to " + uri + " succeeded");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw new AssertionError("handshake failed without an HTTP answer", e);
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void onOpen(WebSocket socket) {
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
        pongs.incrementAndGet();
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closeReason = reason;
        ended.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        ended.complete(CloseRecord.NO_CLOSE_FRAME);
    }

    /** The next text message; fails after {@link #TIMEOUT}. */
    public String next() {
        try {
            String message = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(message, "no message within " + TIMEOUT);
            return message;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    public JsonNode nextJson() {
        return parse(next());
    }

    /** The next message of {@code type}, skipping others (e.g. data frames). */
    public JsonNode awaitType(String type) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = nextJson();
            if (type.equals(message.path("type").asText())) {
                return message;
            }
        }
        throw new AssertionError("no " + type + " message within " + TIMEOUT);
    }

    /** Asserts the next message is of {@code type} and returns it. */
    public JsonNode expect(String type) {
        JsonNode message = nextJson();
        assertEquals(type, message.path("type").asText(), () -> "unexpected message " + message);
        return message;
    }

    /** True if no message arrives within {@code duration} (a bounded negative check). */
    public boolean silentFor(Duration duration) {
        try {
            return messages.poll(duration.toMillis(), TimeUnit.MILLISECONDS) == null;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Messages already queued, without waiting. */
    public List<String> drain() {
        List<String> drained = new ArrayList<>();
        messages.drainTo(drained);
        return drained;
    }

    public void send(String text) {
        try {
            webSocket.sendText(text, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("could not send " + text, e);
        }
    }

    public void sendPing() {
        try {
            webSocket.sendPing(ByteBuffer.wrap(new byte[] {1})).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("could not ping", e);
        }
    }

    public int pongs() {
        return pongs.get();
    }

    /** Starts a graceful close with {@code code}. */
    public void close(int code, String reason) {
        try {
            webSocket.sendClose(code, reason).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("could not close", e);
        }
    }

    /** Waits for the connection to end; the close code, or 1006 when it ended without a close frame. */
    public int awaitEnd() {
        try {
            return ended.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("connection did not end within " + TIMEOUT, e);
        }
    }

    public boolean hasEnded() {
        return ended.isDone();
    }

    public String closeReason() {
        return closeReason;
    }

    /** Abandons the connection without a close handshake; for cleanup. */
    @Override
    public void close() {
        WebSocket current = webSocket;
        if (current != null) {
            current.abort();
        }
    }

    public static JsonNode parse(String text) {
        try {
            return JsonText.parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** Fails with a message naming what was awaited. */
    public static void await(Observation observation, String what, java.util.function.BooleanSupplier condition) {
        if (!observation.await(condition, TIMEOUT)) {
            fail("timed out after " + TIMEOUT + " waiting for " + what);
        }
    }
}
