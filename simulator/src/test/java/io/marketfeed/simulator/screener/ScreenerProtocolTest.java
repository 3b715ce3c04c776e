package io.marketfeed.simulator.screener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator behaves as the screener_system server code does (protocols.md §2). */
class ScreenerProtocolTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private ScreenerSimulation simulation;
    private SimulatorServer server;

    private void start(ScreenerOptions.Builder options) {
        simulation = new ScreenerSimulation(options.updateInterval(Duration.ZERO).build());
        server = SimulatorServer.builder().port(0).add(simulation).start();
        open.add(server);
    }

    private WsClient connect(String query) {
        WsClient client = WsClient.connect(server.webSocketUri(ScreenerSimulation.PATH + query));
        open.add(client);
        return client;
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void noFirstMessageThenBatchedAcksAndAPongWithASequence() {
        // A flush period much longer than the gap between the two sends, so that both land in one batch even on a
        // loaded machine (at the default 30 ms they were split once in CI).
        start(ScreenerOptions.builder().heartbeatInterval(Duration.ofSeconds(30)).batchInterval(Duration.ofSeconds(1)));
        WsClient client = connect("");
        assertTrue(client.silentFor(Duration.ofMillis(150)), "the server sends nothing on connect");
        client.send("{\"type\":\"subscribe\",\"subscription_type\":\"stock\",\"targets\":[\"005930\"]}");
        client.send("{\"type\":\"ping\"}");
        JsonNode batch = client.expect("batch");
        assertEquals(2, batch.path("batch_size").asInt());
        assertEquals("subscribed", batch.path("messages").get(0).path("type").asText());
        assertTrue(batch.path("messages").get(0).path("targets").isMissingNode(), "base-type serialization");
        assertTrue(batch.path("messages").get(1).path("sequence").isNumber());
        assertTrue(batch.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}"));
    }

    @Test
    void heartbeatIsAnUnsolicitedPongWithNullSequence() {
        start(ScreenerOptions.builder().heartbeatInterval(Duration.ofMillis(100)));
        JsonNode pong = connect("").expect("pong");
        assertTrue(pong.path("sequence").isNull());
    }

    @Test
    void limitsAndErrors() {
        start(ScreenerOptions.builder().maxTargetsPerRequest(2).maxSubscriptionsPerConnection(3));
        WsClient client = connect("");
        client.send("{\"type\":\"subscribe\",\"subscription_type\":\"stock\",\"targets\":[\"1\",\"2\",\"3\"]}");
        assertEquals("TOO_MANY_TARGETS", client.expect("error").path("code").asText());
        client.send("{\"type\":\"subscribe\",\"subscription_type\":\"stock\",\"targets\":[\"1\",\"2\"]}");
        client.expect("subscribed");
        client.send("{\"type\":\"subscribe\",\"subscription_type\":\"market\",\"targets\":[\"KOSPI\",\"KOSDAQ\"]}");
        assertEquals("SUBSCRIPTION_LIMIT_EXCEEDED", client.expect("error").path("code").asText());
        client.send("{\"action\":\"ping\"}");
        assertEquals("MISSING_TYPE", client.expect("error").path("code").asText());
        client.send("{\"type\":\"reconnect\"}");
        assertEquals("RECONNECT_NOT_SUPPORTED_HERE", client.expect("error").path("code").asText());
        client.send("nope");
        assertEquals("INVALID_JSON", client.expect("error").path("code").asText());
    }

    @Test
    void authenticatedUsersGetGenericErrorsAndTokensRefresh() {
        start(ScreenerOptions.builder());
        String token = simulation.issueAccessToken("7", Duration.ofMinutes(15));
        WsClient client = connect("?token=" + token);
        client.send("{\"type\":\"mystery\"}");
        JsonNode error = client.expect("error");
        assertEquals("ERROR", error.path("code").asText());
        assertTrue(error.path("details").isNull());
        client.send("{\"type\":\"refresh_token\",\"refresh_token\":\""
                + simulation.issueRefreshToken("7", Duration.ofHours(1)) + "\"}");
        JsonNode refreshed = client.expect("token_refreshed");
        assertEquals(900, refreshed.path("expires_in").asInt());
        assertTrue(Jwt.verify(simulation.options().secret(), refreshed.path("access_token").asText(),
                simulation.now()).isPresent());
    }

    @Test
    void overThePerIpCapTheHandshakeIs403() {
        start(ScreenerOptions.builder().maxConnectionsPerIp(1));
        connect("");
        URI uri = server.webSocketUri(ScreenerSimulation.PATH);
        assertEquals(403, WsClient.handshakeStatus(uri, Map.of()));
        assertEquals(1, simulation.refusedOverCap());
    }

    @Test
    void aSavedSessionIsRestoredOnceWithReconnected() {
        start(ScreenerOptions.builder().announceSessionId(true));
        WsClient first = connect("");
        String id = first.expect("connected").path("session_id").asText();
        first.send("{\"type\":\"subscribe\",\"subscription_type\":\"stock\",\"targets\":[\"005930\"]}");
        first.expect("subscribed");
        first.close();
        simulation.observation().await(() -> simulation.savedSessions() == 1, Duration.ofSeconds(5));
        WsClient second = connect("?session_id=" + id);
        JsonNode reconnected = second.awaitType("reconnected");
        assertEquals(id, reconnected.path("session_id").asText());
        assertEquals("005930", reconnected.path("restored_subscriptions").path("stock").get(0).asText());
        WsClient third = connect("?session_id=" + id);
        assertEquals("SESSION_RESTORATION_FAILED", third.awaitType("error").path("code").asText());
    }
}
