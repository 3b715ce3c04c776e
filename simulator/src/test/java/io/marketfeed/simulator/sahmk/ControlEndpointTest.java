package io.marketfeed.simulator.sahmk;

import static io.marketfeed.simulator.sahmk.SahmkSimulation.DEMO_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.WsClient;
import io.marketfeed.simulator.sahmk.SahmkFixture.Client;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /control/*} over real HTTP, as an operator would drive it with curl. */
class ControlEndpointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SahmkFixture fixture;

    @BeforeEach
    void start() {
        fixture = SahmkFixture.manual();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void statusListsConnectionsSubscriptionsAndCounters() {
        Client client = fixture.ready(Channel.QUOTES, DEMO_KEY);
        client.subscribe("2222", "1120");
        client.ws().expect("subscribed");

        Answer status = call("GET", "status");
        assertEquals(200, status.code());
        JsonNode sahmk = status.body().path("simulations").path(0);
        assertEquals("sahmk", sahmk.path("name").asText());
        JsonNode connection = sahmk.path("connections").path(0);
        assertEquals(client.id(), connection.path("id").asLong());
        assertEquals("/ws/v1/stocks/", connection.path("path").asText());
        assertEquals("pro", connection.path("plan").asText());
        assertEquals("[\"2222\",\"1120\"]", connection.path("subscriptions").toString());
        assertEquals(1, sahmk.path("counters").path("accepted").asInt());
        assertEquals(60, sahmk.path("limits").path("pro").path("max_symbols_per_connection").asInt());
    }

    @Test
    void dropCloseMalformedAndGhostReachTheClient() {
        Client dropped = fixture.ready(Channel.QUOTES, DEMO_KEY);
        assertEquals(1, call("POST", "drop?close-frame=true&code=1001").body().path("affected").asInt());
        assertEquals(1001, dropped.ws().awaitEnd());

        Client abrupt = fixture.ready(Channel.QUOTES, DEMO_KEY);
        call("POST", "drop?close-frame=false");
        assertEquals(1006, abrupt.ws().awaitEnd());

        Client closed = fixture.ready(Channel.QUOTES, DEMO_KEY);
        call("POST", "close?code=4401&reason=Invalid%20API%20key");
        assertEquals(4401, closed.ws().awaitEnd());
        assertEquals("Invalid API key", closed.ws().closeReason());

        Client client = fixture.ready(Channel.QUOTES, DEMO_KEY);
        call("POST", "malformed?count=2");
        client.ws().next();
        assertEquals("this is not json", client.ws().next());
        call("POST", "ghost?symbol=9999&count=1&connection=" + client.id());
        assertEquals("9999", client.ws().expect("quote").path("symbol").asText());
    }

    @Test
    void stallResumeRefuseAcceptAndLimits() {
        Client client = fixture.ready(Channel.QUOTES, DEMO_KEY);
        assertEquals(1, call("POST", "stall?seconds=30").body().path("affected").asInt());
        assertTrue(fixture.observation().connection(client.id()).orElseThrow().stalled());
        assertEquals(1, call("POST", "resume").body().path("affected").asInt());
        SahmkProtocolTest.assertNextIsPong(client);

        assertEquals(200, call("POST", "refuse?seconds=60").code());
        assertEquals(503, WsClient.handshakeStatus(fixture.uri(Channel.QUOTES, DEMO_KEY), Map.of()));
        assertTrue(call("GET", "status").body().path("simulations").path(0).path("refusing").asBoolean());
        call("POST", "accept");
        fixture.ready(Channel.QUOTES, DEMO_KEY);

        call("POST", "limits?per-connection=5&per-call=2");
        JsonNode limits = fixture.connect(Channel.QUOTES, DEMO_KEY).ws().expect("connected").path("limits");
        assertEquals(5, limits.path("max_symbols_per_connection").asInt());
        assertEquals(2, limits.path("max_symbols_per_call").asInt());
        call("POST", "limits?clear=true");
        assertEquals(60, fixture.simulation.limits(Plan.PRO).maxSymbolsPerConnection());

        call("POST", "reset?simulation=sahmk");
        assertFalse(fixture.simulation.faults().refusingNow());
    }

    @Test
    void badRequestsAreAnsweredWithAClearMessage() {
        assertError(400, call("POST", "drop?code=abc"), "parameter 'code' must be an integer, got 'abc'");
        assertError(400, call("POST", "drop?code=1006"), "close code 1006 cannot be sent");
        assertError(400, call("POST", "stall?minutes=3"), "unknown parameter 'minutes' for /control/stall");
        assertError(400, call("POST", "stall?seconds=-1"), "parameter 'seconds' must be positive");
        assertError(400, call("POST", "ghost"), "/control/ghost needs parameter 'symbol'");
        assertError(400, call("POST", "limits"), "give a per-connection limit, a per-call limit, or both");
        assertError(400, call("POST", "close?code=4000&simulation=nope"), "unknown simulation 'nope'");
        assertError(404, call("POST", "drop?connection=12345"), "no open connection 12345");
        assertError(404, call("POST", "explode"), "unknown control action 'explode'");
        assertError(405, call("GET", "drop"), "/control/drop takes POST, not GET");
        assertError(405, call("POST", "status"), "/control/status takes GET, not POST");
    }

    private static void assertError(int code, Answer answer, String messageStart) {
        assertEquals(code, answer.code(), answer.body().toString());
        assertTrue(answer.body().path("error").asText().startsWith(messageStart), answer.body().toString());
    }

    private Answer call(String method, String action) {
        HttpRequest request = HttpRequest.newBuilder(fixture.server.controlUri().resolve(action))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(WsClient.TIMEOUT).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type")
                    .orElse(""));
            return new Answer(response.statusCode(), WsClient.parse(response.body()));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private record Answer(int code, JsonNode body) {
    }
}
