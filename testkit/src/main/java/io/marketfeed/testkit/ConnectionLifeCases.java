package io.marketfeed.testkit;

import static io.marketfeed.testkit.ConformanceFixture.RECONNECT;
import static io.marketfeed.testkit.ConformanceFixture.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.testkit.GarbageFrames.Garbage;
import io.marketfeed.testkit.ProtocolScript.Request;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The conformance cases about a connection's life, run by {@link MarketFeedProviderConformanceTest} for every
 * provider through the real runtime on the virtual network: resubscription after drops and closes, heartbeats that
 * keep an idle connection, a stalled connection replaced within the heartbeat timeout, fatal closes, garbage on a
 * live connection and refused handshakes. The waits and the "nothing happens" windows pass in virtual time.
 *
 * <p>Used by the one test thread of a case.
 */
final class ConnectionLifeCases {

    private final ConformanceFixture fixture;
    private final ProviderFacts facts;
    private final ClientRequests requests;

    ConnectionLifeCases(ConformanceFixture fixture) {
        this.fixture = fixture;
        this.facts = fixture.facts();
        this.requests = fixture.requests();
    }

    void resubscribesAfterADropWithoutCloseFrame() {
        checkResubscription(ScriptedConnection::drop, "dropped without a close frame");
    }

    void resubscribesAfterAGoingAwayClose() {
        assertEquals(Disposition.Kind.RETRY, facts.protocol().classifyClose(1001, "going away").kind(),
                "a 1001 (going away) close must be retried");
        checkResubscription(connection -> connection.close(1001, "going away"), "closed with 1001");
    }

    void heartbeatKeepsAnIdleConnectionOpen() {
        HeartbeatSpec heartbeat = shortHeartbeat();
        assumeTrue(heartbeat.pinger() != HeartbeatSpec.Pinger.NONE, "no heartbeat: only data proves liveness");
        if (heartbeat.pinger() == HeartbeatSpec.Pinger.SERVER && facts.script().serverHeartbeat().isEmpty()) {
            fail("the server sends heartbeats in this protocol: ProtocolScript.serverHeartbeat() must give one");
        }
        String symbol = facts.symbols(1).get(0);
        ScriptedConnection connection = fixture.connectAndSubscribe(List.of(symbol));
        fixture.pushAndAwaitData(connection, symbol);
        int mark = fixture.events().mark();
        int sentBefore = requests.otherFrames(connection).size();
        Duration window = heartbeat.staleTimeout().multipliedBy(3);
        fixture.waiter().staysFalse(() -> fixture.server().handshakes().size() > 1 || !fixture.events().since(mark,
                ConnectionEvent.class, event -> event.state() == ConnectionState.DISCONNECTED).isEmpty(), window,
                () -> "an idle connection with working heartbeats was replaced within " + window.toMillis()
                        + " ms (heartbeat timeout " + heartbeat.staleTimeout().toMillis() + " ms): "
                        + fixture.events().tail(8));
        if (heartbeat.pinger() == HeartbeatSpec.Pinger.CLIENT) {
            int pings = requests.otherFrames(connection).size() - sentBefore;
            long expected = Math.max(1, window.toMillis() / Math.max(1, heartbeat.interval().toMillis()) / 2);
            assertTrue(pings >= expected, "the client sent " + pings + " heartbeat(s) in " + window.toMillis()
                    + " ms at an interval of " + heartbeat.interval().toMillis() + " ms; expected at least "
                    + expected);
        }
        assertTrue(connection.isOpen(), "the idle connection was closed");
    }

    void staleConnectionIsReplaced() {
        HeartbeatSpec heartbeat = shortHeartbeat();
        String symbol = facts.symbols(1).get(0);
        ScriptedConnection stalled = fixture.connectAndSubscribe(List.of(symbol));
        fixture.pushAndAwaitData(stalled, symbol);
        java.time.Instant started = fixture.time().scheduler().clock().instant();

        stalled.stall();

        Duration check = Duration.ofMillis(Math.max(20, Math.min(heartbeat.staleTimeout().toMillis() / 5, 1000)));
        Duration bound = heartbeat.staleTimeout().plus(check).plus(RECONNECT.maxDelay().multipliedBy(2))
                .plus(facts.limits().minReconnectGap()).plus(Duration.ofSeconds(1));
        ScriptedConnection replacement = fixture.server().awaitConnection(2, bound.plus(WAIT));
        long millis = Duration.between(started, replacement.handshake().at()).toMillis();
        assertTrue(millis <= bound.toMillis(), "the stalled connection was replaced after " + millis
                + " ms; the heartbeat timeout is " + heartbeat.staleTimeout().toMillis() + " ms, so at most "
                + bound.toMillis() + " ms were allowed");
        GapEvent gap = fixture.events().await(GapEvent.class, event -> event.symbols().contains(symbol), WAIT);
        assertFalse(gap.to().isBefore(gap.from()), "a gap runs forward: " + gap);
        requests.awaitSubscribed(replacement, List.of(symbol));
        fixture.pushAndAwaitData(replacement, symbol);
    }

    void fatalCloseStopsRetries() throws Exception {
        OptionalInt code = facts.script().fatalCloseCode();
        assumeTrue(code.isPresent(), "the script declares no fatal close code");
        Disposition disposition = facts.protocol().classifyClose(code.getAsInt(), "refused");
        assertEquals(Disposition.Kind.FATAL, disposition.kind(), "ProtocolScript.fatalCloseCode() "
                + code.getAsInt() + " must be classified as fatal, got " + disposition);
        fixture.startFeed();
        fixture.subscribe(facts.symbols(1));
        ScriptedConnection connection = fixture.server().awaitConnection(1, WAIT);
        int mark = fixture.events().mark();

        connection.close(code.getAsInt(), "testkit: credentials refused");

        ConnectionEvent failed = fixture.events().await(ConnectionEvent.class,
                event -> event.state() == ConnectionState.FAILED, WAIT);
        assertTrue(failed.reason() != null && !failed.reason().isBlank(), "a failed state says what to fix");
        List<String> failures = fixture.feed().allProvidersFailed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertFalse(failures.isEmpty(), "allProvidersFailed lists what to fix");
        assertFalse(failures.toString().contains(facts.credential()), "what to fix shows the credential");
        fixture.waiter().staysFalse(() -> fixture.server().handshakes().size() > 1, quietAfterFatal(),
                () -> "the provider reconnected after the fatal close " + code.getAsInt() + ": "
                        + fixture.server().handshakes());
        assertEquals(List.of(), fixture.events().since(mark, ConnectionEvent.class,
                event -> event.state() == ConnectionState.RECONNECTING), "a fatal close must not be retried");
    }

    void unauthorizedHandshakeStopsRetries() throws Exception {
        boolean credentials = facts.protocol().endpoints().stream().anyMatch(endpoint -> endpoint.auth().kind()
                == AuthStyle.Kind.QUERY_PARAMETER || endpoint.auth().kind() == AuthStyle.Kind.HEADER);
        assumeTrue(credentials, "no endpoint sends credentials with the handshake (none, or in the first message): "
                + "a 401 there does not mean they are refused");
        Disposition disposition = facts.protocol().classifyHandshake(401);
        assertEquals(Disposition.Kind.FATAL, disposition.kind(), "a handshake refused with HTTP 401 means the "
                + "credentials are refused and must be fatal, got " + disposition);
        fixture.server().refuseHandshakes(401, "{\"error\":\"invalid credentials\"}");
        fixture.startFeed();
        fixture.subscribe(facts.symbols(1));
        ConnectionEvent failed = fixture.events().await(ConnectionEvent.class,
                event -> event.state() == ConnectionState.FAILED, WAIT);
        assertTrue(failed.reason() != null && !failed.reason().isBlank(), "a failed state says what to fix");
        List<String> failures = fixture.feed().allProvidersFailed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertFalse(failures.isEmpty(), "allProvidersFailed lists what to fix");
        assertFalse(failures.toString().contains(facts.credential()), "what to fix shows the credential");
        fixture.waiter().staysFalse(() -> fixture.server().handshakes().size() > 1, quietAfterFatal(),
                () -> "the provider tried again after HTTP 401: " + fixture.server().handshakes());
        assertEquals(List.of(), fixture.events().all(ConnectionEvent.class,
                event -> event.state() == ConnectionState.RECONNECTING), "a refused credential must not be retried");
    }

    /** How long nothing must happen after a fatal refusal: three longest reconnect delays, and at least a second. */
    private Duration quietAfterFatal() {
        Duration quiet = RECONNECT.maxDelay().plus(facts.limits().minReconnectGap()).multipliedBy(3);
        return quiet.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : quiet;
    }

    void malformedFramesKeepTheConnection() {
        String symbol = facts.symbols(1).get(0);
        ScriptedConnection connection = fixture.connectAndSubscribe(List.of(symbol));
        fixture.pushAndAwaitData(connection, symbol);
        int mark = fixture.events().mark();
        for (Garbage garbage : GarbageFrames.forWire(facts.script().dataFrame(facts.topic(), symbol))) {
            if (garbage.text()) {
                connection.send(new String(garbage.bytes(), java.nio.charset.StandardCharsets.UTF_8));
            } else {
                connection.sendBinary(garbage.bytes());
            }
        }
        fixture.pushAndAwaitData(connection, symbol);
        assertEquals(1, fixture.server().handshakes().size(), "malformed frames made the client reconnect: "
                + fixture.events().tail(8));
        assertTrue(connection.isOpen(), "malformed frames closed the connection: " + connection);
        assertEquals(List.of(), fixture.events().since(mark, ConnectionEvent.class,
                event -> event.state() != ConnectionState.CONNECTED), "malformed frames changed the connection's state");
    }

    void refusedHandshakeIsRetried() {
        assertEquals(Disposition.Kind.RETRY, facts.protocol().classifyHandshake(503).kind(),
                "a handshake refused with HTTP 503 (service unavailable) must be retried");
        String symbol = facts.symbols(1).get(0);
        fixture.server().refuseHandshakes(503);
        fixture.startFeed();
        fixture.subscribe(List.of(symbol));
        fixture.server().await("two refused handshakes", WAIT, () -> fixture.server().handshakes().size() >= 2);
        fixture.server().acceptHandshakes();
        ScriptedConnection connection = fixture.server().awaitConnection(1, WAIT);
        requests.awaitSubscribed(connection, List.of(symbol));
        fixture.pushAndAwaitData(connection, symbol);
        assertFalse(fixture.events().states(ConnectionState.RECONNECTING).isEmpty(),
                "refused handshakes are reported as reconnecting");
    }

    private void checkResubscription(java.util.function.Consumer<ScriptedConnection> fault, String how) {
        Limits limits = facts.limits();
        boolean replace = facts.replaceSemantics();
        // Additive: one more than fits in a request, so the resubscription is chunked too; never above 25.
        int count = replace ? 5 : Math.min(Math.min(limits.maxSymbolsPerFrame(), 23) + 2,
                limits.maxSymbolsPerConnection());
        List<String> symbols = facts.symbols(count);
        ScriptedConnection before = fixture.connectAndSubscribe(symbols);
        fixture.pushAndAwaitData(before, symbols.get(0));
        int mark = fixture.events().mark();

        fault.accept(before);

        ScriptedConnection after = fixture.server().awaitConnection(2, WAIT);
        requests.awaitSubscribed(after, symbols);
        List<Request> subscribes = requests.on(after, Request.Kind.SUBSCRIBE);
        if (replace) {
            for (Request request : subscribes) {
                assertEquals(new TreeSet<>(symbols), new TreeSet<>(request.symbols()), "after reconnecting, every "
                        + "replace request names the whole list");
            }
        } else {
            assertEquals(Map.of(), requests.repeated(after), "after reconnecting each symbol is subscribed once "
                    + "(symbol -> times named); requests: " + subscribes);
            int limit = fixture.frameLimit();
            subscribes.forEach(request -> assertTrue(request.symbols().size() <= limit, "a resubscribe request "
                    + "names " + request.symbols().size() + " symbols, over the limit of " + limit));
        }
        GapEvent gap = fixture.events().await(GapEvent.class,
                event -> new HashSet<>(event.symbols()).containsAll(symbols), WAIT);
        assertEquals(new TreeSet<>(symbols), new TreeSet<>(gap.symbols()), "the gap names every subscribed symbol");
        assertFalse(gap.to().isBefore(gap.from()), "a gap runs forward: " + gap);
        assertFalse(fixture.events().since(mark, ConnectionEvent.class,
                event -> event.state() == ConnectionState.RECONNECTING).isEmpty(),
                "a connection " + how + " is reported as reconnecting");
        fixture.pushAndAwaitData(after, symbols.get(count - 1));
    }

    /** The case endpoint's heartbeat, failing at once when it is too slow for the kit's real-time waits. */
    private HeartbeatSpec shortHeartbeat() {
        HeartbeatSpec heartbeat = facts.protocol().heartbeat(facts.endpoint());
        if (heartbeat.staleTimeout().compareTo(ProviderFacts.MAX_HEARTBEAT_TIMEOUT) > 0) {
            fail("the heartbeat timeout is " + heartbeat.staleTimeout() + "; settings(URI) must make it "
                    + ProviderFacts.MAX_HEARTBEAT_TIMEOUT
                    + " or less (500ms is typical), as the kit's waits are bounded");
        }
        return heartbeat;
    }
}
