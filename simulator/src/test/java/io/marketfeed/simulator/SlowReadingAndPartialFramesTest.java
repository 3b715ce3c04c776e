package io.marketfeed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The slow-reading and partial-frames faults, from {@link FaultControl} and {@code /control/*}. */
class SlowReadingAndPartialFramesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EchoSimulation echo = new EchoSimulation();
    private SimulatorServer server;

    @BeforeEach
    void start() {
        server = SimulatorServer.builder().add(echo).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void partialFramesArriveAsContinuationFragmentsSpacedByThePauseAndInOrder() throws Exception {
        try (Fragments client = Fragments.connect(server.webSocketUri("/echo"))) {
            assertEquals("hello", client.awaitMessages(1).get(0));
            assertEquals(1, echo.faults().partialFrames(Target.all(), 5, Duration.ofMillis(20), null));
            assertTrue(echo.openConnections().get(0).isFragmenting());

            String text = "abcdefghijklmnopqrstuvwxyz0123";
            client.send(text);
            client.send("second");
            client.send("x\uD83D\uDE00y"); // a surrogate pair across a 5-char boundary would be split without care
            List<String> messages = client.awaitMessages(4);
            assertEquals(List.of("hello", text, "second", "x\uD83D\uDE00y"), messages);

            List<Fragment> pieces = client.fragmentsOf(1);
            assertEquals(6, pieces.size(), pieces::toString);
            assertEquals("abcde", pieces.get(0).text());
            long spreadMillis = (pieces.get(5).nanos() - pieces.get(0).nanos()) / 1_000_000;
            assertTrue(spreadMillis >= 5 * 20 - 10, "6 pieces 20 ms apart arrived within " + spreadMillis + " ms");

            assertEquals(1, echo.faults().wholeFrames(Target.all()));
            client.send("whole again");
            assertEquals("whole again", client.awaitMessages(5).get(4));
            assertEquals(1, client.fragmentsOf(4).size());
        }
    }

    @Test
    void stoppedReadingBacksUpTheClientsSendsUntilResumedThenEverythingIsReadInOrder() throws Exception {
        try (Fragments client = Fragments.connect(server.webSocketUri("/echo"))) {
            assertEquals("hello", client.awaitMessages(1).get(0));
            assertEquals(1, echo.faults().stopReading(Target.all()));
            assertTrue(echo.openConnections().get(0).isReadingSlowly());

            // Raw sends until one cannot complete: socket buffers on both sides are full. At most 64 MiB.
            WebSocket raw = client.socket;
            String chunk = "x".repeat(32 * 1024);
            int sent = 0;
            CompletableFuture<WebSocket> blocked = null;
            while (sent < 2048) {
                CompletableFuture<WebSocket> send = raw.sendText(chunk + sent, true);
                try {
                    send.get(1, TimeUnit.SECONDS);
                    sent++;
                } catch (TimeoutException e) {
                    blocked = send;
                    break;
                }
            }
            assertTrue(blocked != null, "the client could send " + sent + " messages to a server that reads nothing");
            // The first message is read (the thread that read it is then held); nothing after it.
            assertTrue(echo.observation().received().size() <= 1, () -> echo.observation().received().size() + "");

            assertEquals(1, echo.faults().resumeReading(Target.all()));
            blocked.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            int expected = sent + 1;
            WsClient.await(echo.observation(), expected + " messages read",
                    () -> echo.observation().received().size() == expected);
            List<ReceivedMessage> received = echo.observation().received();
            for (int i = 0; i < expected; i++) {
                assertEquals(chunk + i, received.get(i).text());
            }
        }
    }

    @Test
    void slowReadingTakesOneMessagePerDelayAndATimedStopEndsByItself() throws Exception {
        try (WsClient client = WsClient.connect(server.webSocketUri("/echo"))) {
            assertEquals("hello", client.next());
            client.send("warm-up");
            assertEquals("warm-up", client.next());
            echo.observation().clear();

            echo.faults().slowReading(Target.all(), Duration.ofMillis(100), null);
            for (int i = 0; i < 6; i++) {
                client.send("slow " + i);
            }
            WsClient.await(echo.observation(), "6 messages", () -> echo.observation().received().size() == 6);
            List<ReceivedMessage> received = echo.observation().received();
            long spread = Duration.between(received.get(0).at(), received.get(5).at()).toMillis();
            assertTrue(spread >= 5 * 100 - 20, "6 messages read 100 ms apart within " + spread + " ms");
            assertEquals(1, echo.faults().resumeReading(Target.all()));
            echo.observation().clear();

            echo.faults().slowReading(Target.all(), Duration.ZERO, Duration.ofMillis(300));
            long stoppedAt = System.nanoTime();
            client.send("first");
            client.send("held");
            WsClient.await(echo.observation(), "both messages after the stop ended",
                    () -> echo.observation().received().size() == 2);
            assertTrue(System.nanoTime() - stoppedAt >= TimeUnit.MILLISECONDS.toNanos(250));
            assertFalse(echo.openConnections().get(0).isReadingSlowly());
            assertEquals(0, echo.faults().resumeReading(Target.all()));
        }
    }

    @Test
    void controlEndpointSetsAndClearsBothFaultsAndRejectsBadValues() throws Exception {
        try (WsClient client = WsClient.connect(server.webSocketUri("/echo"))) {
            assertEquals("hello", client.next());
            assertEquals("{\"action\":\"partial\",\"affected\":1}", post("partial?piece=4&pause=0.005").body().trim());
            assertEquals("{\"action\":\"slow-read\",\"affected\":1}", post("slow-read?delay=0.05&seconds=60").body().trim());
            JsonNode connection = WsClient.parse(get("status").body()).path("simulations").get(0)
                    .path("connections").get(0);
            assertTrue(connection.path("fragmenting").asBoolean(), connection::toString);
            assertTrue(connection.path("reading_slowly").asBoolean(), connection::toString);
            client.send("through both faults");
            assertEquals("through both faults", client.next());

            assertEquals("{\"action\":\"whole\",\"affected\":1}", post("whole").body().trim());
            assertEquals("{\"action\":\"read\",\"affected\":1}", post("read").body().trim());
            HttpResponse<String> badPiece = post("partial?piece=0");
            assertEquals(400, badPiece.statusCode());
            assertTrue(badPiece.body().contains("piece size must be at least 1"), badPiece.body());
            HttpResponse<String> badDelay = post("slow-read?delay=soon");
            assertEquals(400, badDelay.statusCode());
            assertTrue(badDelay.body().contains("parameter 'delay' must be a number of seconds"), badDelay.body());

            post("slow-read");
            post("partial");
            echo.faults().reset();
            assertFalse(echo.openConnections().get(0).isReadingSlowly());
            assertFalse(echo.openConnections().get(0).isFragmenting());
            client.send("after reset");
            assertEquals("after reset", client.next());
        }
    }

    private HttpResponse<String> post(String action) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.controlUri().resolve(action))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String action) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.controlUri().resolve(action)).GET().timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** One text fragment as the client received it. */
    record Fragment(int message, String text, boolean last, long nanos) {
    }

    /** A client that keeps every fragment, to see how a message was cut. */
    static final class Fragments implements WebSocket.Listener, AutoCloseable {

        private final List<Fragment> fragments = new CopyOnWriteArrayList<>();
        private final List<String> messages = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;

        static Fragments connect(URI uri) throws Exception {
            Fragments client = new Fragments();
            client.socket = HTTP.newWebSocketBuilder().buildAsync(uri, client).get(WAIT.toMillis(),
                    TimeUnit.MILLISECONDS);
            return client;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            fragments.add(new Fragment(messages.size(), data.toString(), last, System.nanoTime()));
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        List<String> awaitMessages(int count) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (messages.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("fewer than " + count + " messages within " + WAIT + ": " + messages);
                }
                Thread.sleep(5);
            }
            return List.copyOf(messages);
        }

        List<Fragment> fragmentsOf(int message) {
            return fragments.stream().filter(fragment -> fragment.message() == message).toList();
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
