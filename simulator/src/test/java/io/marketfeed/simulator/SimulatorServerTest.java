package io.marketfeed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.simulator.sahmk.Channel;
import io.marketfeed.simulator.sahmk.SahmkOptions;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Hosting: ports, URIs, several simulations on one port, lifecycle. */
class SimulatorServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void hostsSeveralSimulationsByPathOnOnePort() throws Exception {
        EchoSimulation echo = new EchoSimulation();
        SahmkSimulation sahmk = new SahmkSimulation(SahmkOptions.builder().updatesPerSecond(0).build());
        try (SimulatorServer server = SimulatorServer.builder().add(sahmk).add(echo).start()) {
            assertTrue(server.port() > 0);
            assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/"), server.uri());
            assertEquals(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), server.webSocketUri("/echo"));
            assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/control/"), server.controlUri());
            assertEquals(sahmk, server.simulation(SahmkSimulation.class));
            assertEquals(echo, server.simulation("echo"));

            try (WsClient echoClient = WsClient.connect(server.webSocketUri("/echo"));
                    WsClient sahmkClient = WsClient.connect(SahmkSimulation.uri(server, Channel.QUOTES,
                            SahmkSimulation.DEMO_KEY))) {
                assertEquals("hello", echoClient.next());
                echoClient.send("abc");
                assertEquals("abc", echoClient.next());
                sahmkClient.expect("connected");

                HttpResponse<String> dropEcho = post(server.controlUri().resolve("drop?simulation=echo&code=1012"));
                assertEquals("{\"action\":\"drop\",\"affected\":1}", dropEcho.body().trim());
                assertEquals(1012, echoClient.awaitEnd());
                sahmkClient.send("{\"action\":\"ping\"}");
                sahmkClient.expect("pong");
            }
            assertEquals(404, get(server.uri().resolve("/nothing/here")).statusCode());
        }
    }

    @Test
    void closeIsIdempotentAndFreesThePortForARestart() throws Exception {
        SimulatorServer server = SimulatorServer.builder().add(new EchoSimulation()).start();
        int port = server.port();
        URI uri = server.webSocketUri("/echo");
        WsClient client = WsClient.connect(uri);
        client.next();
        server.close();
        server.close();
        assertTrue(client.awaitEnd() > 0, "the open connection ended");
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> HTTP.newWebSocketBuilder().buildAsync(uri, new java.net.http.WebSocket.Listener() { })
                        .get(5, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof ConnectException, refused.toString());

        try (SimulatorServer again = SimulatorServer.builder().port(port).add(new EchoSimulation()).start();
                WsClient reconnected = WsClient.connect(again.webSocketUri("/echo"))) {
            assertEquals(port, again.port());
            assertEquals("hello", reconnected.next());
        }
    }

    @Test
    void aBusyPortFailsStartWithAClearError() {
        try (SimulatorServer first = SimulatorServer.builder().add(new EchoSimulation()).start()) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> SimulatorServer.builder().port(first.port()).add(new EchoSimulation()).start());
            assertTrue(failure.getMessage().contains("127.0.0.1:" + first.port()), failure.getMessage());
        }
    }

    @Test
    void clashingNamesOrPathsAndReusedSimulationsAreRejected() {
        SimulatorServer.Builder builder = SimulatorServer.builder().add(new EchoSimulation());
        assertThrows(IllegalArgumentException.class, () -> builder.add(new EchoSimulation()));
        assertThrows(IllegalStateException.class, () -> SimulatorServer.builder().build());
        EchoSimulation echo = new EchoSimulation();
        try (SimulatorServer first = SimulatorServer.builder().add(echo).start()) {
            assertTrue(first.port() > 0);
            assertThrows(IllegalStateException.class, () -> SimulatorServer.builder().add(echo).start());
        }
    }

    private static HttpResponse<String> post(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
