package io.marketfeed.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The scripted server against a plain JDK WebSocket client. */
class TestScriptedServer {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ScriptedServer server = ScriptedServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void recordsEveryHandshakeWithPathQueryAndHeaders() throws Exception {
        try (WsClient client = WsClient.connect(server.uri("/ws/v1/stocks/?api_key=k%20ey&x=1&x=2"),
                Map.of("X-Api-Key", "secret")).get(5, TimeUnit.SECONDS)) {
            ScriptedConnection connection = server.awaitConnection(1, WAIT);
            Handshake handshake = connection.handshake();
            assertEquals(1, connection.id());
            assertEquals("/ws/v1/stocks/", handshake.path());
            assertEquals("api_key=k%20ey&x=1&x=2", handshake.query());
            assertEquals(Optional.of("k ey"), handshake.parameter("api_key"), "decoded");
            assertEquals(List.of("1", "2"), handshake.parameters().get("x"));
            assertEquals(Optional.of("secret"), handshake.header("x-api-key"), "names ignore case");
            assertTrue(handshake.accepted());
            assertEquals(List.of(handshake), server.handshakes());
            assertTrue(server.uri().toString().matches("ws://127\\.0\\.0\\.1:\\d+"), server.uri().toString());
        }
    }

    @Test
    void sendsFramesOnOpenAndAnswersByTheFirstMatchingRule() throws Exception {
        server.onOpen(handshake -> List.of("{\"type\":\"connected\",\"path\":\"" + handshake.path() + "\"}"))
                .rule(Rule.matching("\"action\":\"ping\"", "{\"type\":\"pong\"}"))
                .rule(Rule.matching("\"symbols\":\\[\"(\\w+)\"\\]",
                        match -> List.of("{\"type\":\"subscribed\",\"symbol\":\"" + match.group(1) + "\"}", "second")))
                .rule(Rule.always(text -> List.of("never: an earlier rule matched")));
        try (WsClient client = WsClient.open(server.uri("/feed"))) {
            Await.until("the frame on open", WAIT, () -> client.texts.size() == 1);
            assertEquals("{\"type\":\"connected\",\"path\":\"/feed\"}", client.texts.get(0));
            client.send("{\"action\":\"ping\"}");
            client.send("{\"action\":\"subscribe\",\"symbols\":[\"2222\"]}");
            Await.until("the replies", WAIT, () -> client.texts.size() == 4);
            assertEquals(List.of("{\"type\":\"pong\"}", "{\"type\":\"subscribed\",\"symbol\":\"2222\"}", "second"),
                    client.texts.subList(1, 4));
            List<ReceivedFrame> received = server.awaitFrames(frame -> true, 2, WAIT);
            assertEquals("{\"action\":\"ping\"}", received.get(0).text());
            assertEquals(1, received.get(0).connection());
            assertFalse(received.get(0).binary());
            assertFalse(received.get(1).at().isBefore(received.get(0).at()), "in arrival order");
            assertEquals(received, server.connections().get(0).received());
        }
    }

    @Test
    void anUnmatchedMessageIsRecordedAndNotAnswered() throws Exception {
        server.rule(Rule.matching("ping", "pong"));
        try (WsClient client = WsClient.open(server.uri("/"))) {
            client.send("hello");
            client.send("ping");
            Await.until("the pong", WAIT, () -> client.texts.contains("pong"));
            // A message is recorded after its replies are queued, so the client may see the reply first.
            server.awaitFrames(frame -> true, 2, WAIT);
            assertEquals(List.of("pong"), client.texts);
            assertEquals(List.of("hello", "ping"), server.connections().get(0).receivedTexts());
        }
    }

    @Test
    void pushesTextAndBinaryOnDemand() throws Exception {
        try (WsClient first = WsClient.open(server.uri("/a")); WsClient second = WsClient.open(server.uri("/b"))) {
            server.awaitConnection(2, WAIT);
            assertEquals(2, server.push("tick"));
            Await.until("both got the push", WAIT, () -> first.texts.contains("tick") && second.texts.contains("tick"));
            assertTrue(server.connections().get(0).sendBinary(new byte[] {0, 1, (byte) 0xFF}));
            Await.until("the binary frame", WAIT, () -> first.binaries.size() == 1);
            assertArrayEquals(new byte[] {0, 1, (byte) 0xFF}, first.binaries.get(0));
        }
    }

    @Test
    void dropsWithoutACloseFrame() throws Exception {
        try (WsClient client = WsClient.open(server.uri("/"))) {
            ScriptedConnection connection = server.awaitConnection(1, WAIT);
            connection.drop();
            assertEquals(1006, client.closed.get(5, TimeUnit.SECONDS), "the client saw no close frame");
            connection.awaitClosed(WAIT);
            assertFalse(connection.isOpen());
            assertFalse(connection.send("after"), "nothing is sent on a closed connection");
        }
    }

    @Test
    void closesWithAGivenCode() throws Exception {
        try (WsClient client = WsClient.open(server.uri("/"))) {
            server.awaitConnection(1, WAIT);
            server.closeAll(4401, "authentication failed");
            assertEquals(4401, client.closed.get(5, TimeUnit.SECONDS));
            ScriptedConnection connection = server.connections().get(0);
            connection.awaitClosed(WAIT);
            assertEquals(OptionalInt.of(4401), connection.closeCode());
            assertEquals("authentication failed", connection.closeReason());
        }
    }

    @Test
    void aStalledConnectionStaysOpenAndSilentButStillRecords() throws Exception {
        server.rule(Rule.matching("ping", "pong"));
        try (WsClient client = WsClient.open(server.uri("/"))) {
            client.ping("before");
            Await.until("a pong to a WebSocket ping while healthy", WAIT, () -> client.pongs.contains("before"));
            ScriptedConnection connection = server.awaitConnection(1, WAIT);

            connection.stall();

            client.send("ping");
            client.ping("during");
            assertEquals(0, server.push("tick"), "pushes are suppressed");
            server.awaitFrames(frame -> frame.text().equals("ping"), 1, WAIT);
            Await.staysFalse(() -> !client.texts.isEmpty() || client.pongs.contains("during")
                    || client.closed.isDone(), Duration.ofMillis(300), () -> "a stalled connection answered: "
                    + client.texts + " " + client.pongs);
            assertTrue(connection.isOpen() && connection.isStalled());
        }
    }

    @Test
    void refusesHandshakesWithAStatusUntilToldToAccept() throws Exception {
        server.refuseHandshakes(503);
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> WsClient.connect(server.uri("/ws"), Map.of()).get(5, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof WebSocketHandshakeException, refused.toString());
        assertEquals(503, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        Handshake handshake = server.handshakes().get(0);
        assertEquals(503, handshake.status());
        assertEquals(0, handshake.connection());
        assertFalse(handshake.accepted());
        assertEquals("/ws", handshake.path());
        assertEquals(List.of(), server.connections());

        server.acceptHandshakes();
        try (WsClient client = WsClient.open(server.uri("/ws"))) {
            assertEquals(1, server.awaitConnection(1, WAIT).id(), "refused handshakes take no connection id");
        }
    }

    @Test
    void aScriptThatThrowsIsRecordedAndTheConnectionKept() throws Exception {
        server.rule(Rule.when(text -> text.startsWith("boom"), text -> {
            throw new IllegalStateException("script bug");
        })).rule(Rule.matching("ok", "fine"));
        try (WsClient client = WsClient.open(server.uri("/"))) {
            client.send("boom");
            client.send("ok");
            Await.until("the reply after the failed rule", WAIT, () -> client.texts.contains("fine"));
            assertEquals(1, server.scriptErrors().size());
            assertTrue(server.scriptErrors().get(0).getMessage().contains("script bug"));
            assertTrue(server.connections().get(0).isOpen());
        }
    }

    @Test
    void awaitingFailsWithWhatWasSeen() throws Exception {
        try (WsClient client = WsClient.open(server.uri("/"))) {
            client.send("only this");
            server.awaitFrames(frame -> true, 1, WAIT);
            AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                    () -> server.awaitFrames(frame -> frame.text().equals("never"), 1, Duration.ofMillis(50)));
            assertTrue(failure.getMessage().contains("only this"), failure.getMessage());
            assertThrows(AssertionFailedError.class, () -> server.awaitConnection(2, Duration.ofMillis(50)));
        }
    }

    @Test
    void closeStopsEverythingAndIsIdempotent() throws Exception {
        try (WsClient client = WsClient.open(server.uri("/"))) {
            server.awaitConnection(1, WAIT);
            server.close();
            server.close();
            assertEquals(1001, client.closed.get(5, TimeUnit.SECONDS), "open connections are closed going away");
            assertThrows(ExecutionException.class,
                    () -> WsClient.connect(server.uri("/"), Map.of()).get(5, TimeUnit.SECONDS));
            Await.until("the server's threads to end", WAIT, () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(thread -> thread.getName().startsWith("scripted-server") && thread.isAlive()));
        }
    }
}
