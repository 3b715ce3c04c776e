package io.marketfeed.runtime.internal;

import static io.marketfeed.runtime.internal.VirtualFeed.OTHER_PATH;
import static io.marketfeed.runtime.internal.VirtualFeed.STOCK_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.protocol.HeartbeatSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server that pauses a connection (credits spent: no data until it says otherwise) and resumes it, and one that
 * stops the provider for good, on virtual time. Paused, no data is expected, so only heartbeats prove life; the
 * pause ends when the server says so or data flows again, and the silence counts from then. A fatal problem stops
 * every connection of the provider at once: no reconnect, no timer left.
 */
class PauseResumeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aPausedConnectionIsNotStaleAndItsSilenceCountsFromTheResume() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().heartbeat(new HeartbeatSpec(
                HeartbeatSpec.Pinger.NONE, Duration.ZERO, TIMEOUT, HeartbeatSpec.Liveness.ANY_FRAME)));
        feed.subscribe("EURUSD");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        server.send("pause credits exhausted");
        assertEquals("credits exhausted", feed.lastState(ConnectionState.PAUSED).reason());
        server.send("pause credits exhausted");
        assertEquals(1, feed.states(ConnectionState.PAUSED).size(), "paused once");

        feed.advanceTo(Duration.ofHours(1));
        assertEquals(List.of(), feed.states(ConnectionState.DISCONNECTED), "nothing is expected while paused");
        assertEquals(ConnectionState.PAUSED, feed.provider.snapshot().connections().get(0).state());

        server.send("resume credits renewed");
        ConnectionEvent resumed = feed.lastState(ConnectionState.CONNECTED);
        assertEquals("credits renewed", resumed.reason());
        feed.advanceTo(Duration.ofHours(1).plusSeconds(11).minusNanos(1));
        assertEquals(List.of(), feed.states(ConnectionState.DISCONNECTED));
        feed.advanceTo(Duration.ofHours(1).plusSeconds(11));
        assertTrue(feed.lastState(ConnectionState.DISCONNECTED).reason().startsWith("stale: no sign of life for 11.00s"));
        assertEquals(Duration.ofHours(1).plusSeconds(11), feed.provider.snapshot().activity().connected(),
                "paused counts as up");
    }

    @Test
    void dataEndsThePause() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options());
        feed.subscribe("EURUSD");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        server.send("pause credits exhausted");
        feed.advanceTo(Duration.ofMinutes(3));
        server.send("trade EURUSD");

        List<ConnectionEvent> connected = feed.states(ConnectionState.CONNECTED);
        assertEquals(2, connected.size());
        assertEquals("data flows again", connected.get(1).reason());
        server.send("trade EURUSD", "resume credits renewed");
        assertEquals(2, feed.states(ConnectionState.CONNECTED).size(), "resumed once");
    }

    @Test
    void whilePausedHeartbeatsAreStillExpected() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().heartbeat(new HeartbeatSpec(
                HeartbeatSpec.Pinger.SERVER, Duration.ZERO, TIMEOUT, HeartbeatSpec.Liveness.ANY_FRAME)));
        feed.subscribe("EURUSD");
        feed.accept(OTHER_PATH).send("pause credits exhausted");
        feed.advanceTo(Duration.ofSeconds(11));
        assertTrue(feed.lastState(ConnectionState.DISCONNECTED).reason().startsWith("stale:"),
                "a dead socket is noticed during a pause too");
    }

    @Test
    void aProblemThatAsksForAReconnectClosesAndReconnects() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options());
        feed.subscribe("EURUSD");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        server.send("retry session expired");

        assertEquals(1000, server.connection.closeCode().orElseThrow());
        assertEquals("reconnecting", server.connection.closeReason());
        assertEquals("session expired", feed.lastState(ConnectionState.DISCONNECTED).reason());
        feed.advance(Duration.ofSeconds(1));
        assertEquals(2, feed.transport.connections(OTHER_PATH).size());
    }

    @Test
    void aFatalProblemStopsEveryConnectionOfTheProviderForGood() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().heartbeat(new HeartbeatSpec(
                HeartbeatSpec.Pinger.CLIENT, Duration.ofSeconds(5), TIMEOUT, HeartbeatSpec.Liveness.ANY_FRAME)));
        feed.subscribe("EURUSD", "AAPL.US");
        VirtualFeed.Peer other = feed.accept(OTHER_PATH);
        VirtualFeed.Peer stock = feed.accept(STOCK_PATH);
        other.send("fatal the key was revoked; get a new one");

        assertTrue(feed.provider.failed());
        assertEquals("the key was revoked; get a new one", feed.provider.failure());
        assertEquals(2, feed.states(ConnectionState.FAILED).size());
        assertEquals(1000, stock.connection.closeCode().orElseThrow());
        assertEquals("provider failed", stock.connection.closeReason());
        assertEquals(java.util.Optional.empty(), feed.control.nextDueIn(), "no timer left: no ping, no check, no retry");

        feed.subscribe("GBPUSD");
        feed.advance(Duration.ofHours(1));
        assertEquals(2, feed.transport.connections().size(), "never dialled again");
        assertEquals(List.of(), other.times("ping"));
    }
}
