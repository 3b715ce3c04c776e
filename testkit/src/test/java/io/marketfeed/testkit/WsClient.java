package io.marketfeed.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A plain JDK WebSocket client that records what it receives, for testing the scripted server. */
final class WsClient implements AutoCloseable {

    final List<String> texts = new CopyOnWriteArrayList<>();
    final List<byte[]> binaries = new CopyOnWriteArrayList<>();
    final List<String> pongs = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(WebSocket socket) {
        this.socket = socket;
    }

    /** Connects; the returned future fails when the handshake is refused. */
    static CompletableFuture<WsClient> connect(URI uri, Map<String, String> headers) {
        Listener listener = new Listener();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        return builder.buildAsync(uri, listener).thenApply(socket -> listener.client);
    }

    static WsClient open(URI uri) throws Exception {
        return connect(uri, Map.of()).get(5, TimeUnit.SECONDS);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void ping(String payload) {
        socket.sendPing(ByteBuffer.wrap(payload.getBytes())).join();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private WsClient client;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            client = new WsClient(webSocket);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                client.texts.add(partial.toString());
                partial.setLength(0);
                Await.signal();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            client.binaries.add(bytes);
            Await.signal();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            client.pongs.add(new String(bytes));
            Await.signal();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            client.closed.complete(statusCode);
            Await.signal();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            // An abrupt end without a close frame: report it as 1006, as the WebSocket spec names it.
            if (client != null) {
                client.closed.complete(1006);
            }
            Await.signal();
        }
    }
}
