package io.marketfeed.bench.throughput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketfeed.bench.Progress;
import io.marketfeed.bench.Serials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Client (b), what a user writes by hand: the JDK's {@code java.net.http.WebSocket} with a listener that joins
 * partial text in a {@code StringBuilder}, parses each message into a Jackson tree ({@code ObjectMapper.readTree})
 * and reads {@code data.volume}, asking for one message at a time ({@code request(1)}).
 */
public final class JdkClient {

    public static final String LABEL = "(b) JDK java.net.http WebSocket + Jackson readTree (by hand)";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JdkClient() {
    }

    public static ClientResult run(URI uri, String subscribe, long frames, Progress.Limits limits) {
        Serials serials = new Serials(frames);
        Listener listener = new Listener(serials);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        WebSocket socket = null;
        try {
            socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, listener).get(15, TimeUnit.SECONDS);
            socket.sendText(subscribe, true).get(10, TimeUnit.SECONDS);
            String stopped = Progress.await(serials, limits, () -> listener.closed);
            return new ClientResult(LABEL, serials.snapshot(), stopped,
                    listener.failure == null ? null : "errors: " + listener.failure);
        } catch (Exception e) {
            return new ClientResult(LABEL, serials.snapshot(), "failed: " + e, null);
        } finally {
            if (socket != null) {
                try {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // aborted below
                }
                for (int i = 0; i < 200 && !listener.closed; i++) {
                    Progress.sleep(10);
                }
                socket.abort();
            }
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final Serials serials;
        private final StringBuilder text = new StringBuilder(512);
        private volatile boolean closed;
        private volatile String failure;

        Listener(Serials serials) {
            this.serials = serials;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = MAPPER.readTree(text.toString());
                    JsonNode volume = message.path("data").path("volume");
                    if (volume.isIntegralNumber()) {
                        serials.recordVolume(volume.asLong());
                    }
                } catch (Exception e) {
                    failure = String.valueOf(e);
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failure = String.valueOf(error);
            closed = true;
        }
    }
}
