package io.marketfeed.runtime.internal;

import static io.marketfeed.runtime.internal.VirtualFeed.OTHER_PATH;
import static io.marketfeed.runtime.internal.VirtualFeed.instant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.runtime.DeliveryPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Staleness and client pings on virtual time. A connection on which no sign of life arrives for longer than the
 * heartbeat timeout is given up at the next check (every fifth of the timeout, at most a second) and replaced; the
 * blind window since the last sign of life becomes a gap. What counts as life is any frame, or only heartbeats when
 * the provider says so. A silence the runtime caused, by pausing reading while a lossless listener is behind, is
 * never taken for a dead server (principle 4). The client pings at the interval from the socket's opening, on each
 * attempt's own timer.
 */
class StalenessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HeartbeatSpec SERVER_PINGS = new HeartbeatSpec(HeartbeatSpec.Pinger.SERVER, Duration.ZERO,
            TIMEOUT, HeartbeatSpec.Liveness.ANY_FRAME);

    @Test
    void aSilentConnectionIsStaleAtTheFirstCheckPastTheTimeoutAndReplaced() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().heartbeat(SERVER_PINGS));
        feed.subscribe("EURUSD");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        feed.advance(Duration.ofSeconds(5));
        server.send("trade EURUSD");

        // Checks every second: at 15 s the silence is exactly the timeout, which is not yet stale.
        feed.advanceTo(Duration.ofSeconds(16).minusNanos(1));
        assertEquals(List.of(), feed.states(ConnectionState.DISCONNECTED));
        feed.advanceTo(Duration.ofSeconds(16));
        assertEquals("stale: no sign of life for 11.00s (timeout 10.00s) after 1 frames",
                feed.lastState(ConnectionState.DISCONNECTED).reason());
        assertEquals(1006, server.connection.closeCode().orElseThrow(), "the stale socket is dropped");
        assertEquals(1, feed.provider.snapshot().activity().staleDetections());

        feed.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ofSeconds(17), feed.transport.last(OTHER_PATH).dialledAt(), "replaced after 1 s");
        feed.accept(OTHER_PATH);
        GapEvent gap = feed.gaps().get(0);
        assertEquals(instant(Duration.ofSeconds(5)), gap.from(), "from the last sign of life");
        assertEquals(instant(Duration.ofSeconds(17)), gap.to());
        assertEquals(List.of("EURUSD"), gap.symbols());
    }

    @Test
    void whenOnlyHeartbeatsCountDataDoesNotKeepTheConnectionAlive() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().heartbeat(new HeartbeatSpec(
                HeartbeatSpec.Pinger.SERVER, Duration.ZERO, TIMEOUT, HeartbeatSpec.Liveness.HEARTBEAT_ONLY)));
        feed.subscribe("EURUSD");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        feed.advance(Duration.ofSeconds(3));
        server.send("ping");
        for (int i = 0; i < 8; i++) {
            feed.advance(Duration.ofSeconds(1));
            server.send("trade EURUSD");
        }

        feed.advanceTo(Duration.ofSeconds(14));
        assertEquals("stale: no sign of life for 11.00s (timeout 10.00s) after 9 frames",
                feed.lastState(ConnectionState.DISCONNECTED).reason());
        feed.advance(Duration.ofSeconds(1));
        feed.accept(OTHER_PATH);
        assertEquals(instant(Duration.ofSeconds(3)), feed.gaps().get(0).from(), "from the last heartbeat, not data");
    }

    @Test
    void aHeartbeatEveryFewSecondsKeepsAQuietConnectionUpForAnHour() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().heartbeat(SERVER_PINGS));
        feed.subscribe("EURUSD");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        for (int i = 0; i < 360; i++) {
            feed.advance(TIMEOUT);
            server.send("ping");
        }
        assertEquals(List.of(), feed.states(ConnectionState.DISCONNECTED));
        assertEquals(0, feed.provider.snapshot().activity().staleDetections());
    }

    @Test
    void aSilenceWhileReadingIsPausedForABusyListenerIsNeverStale() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().heartbeat(SERVER_PINGS)
                .delivery(DeliveryPolicy.lossless(4)));
        feed.subscribe("EURUSD");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        // The listener's queue takes 4 trades: reading pauses after the fourth, and the fifth waits on the wire.
        server.send("trade EURUSD", "trade EURUSD", "trade EURUSD", "trade EURUSD", "trade EURUSD");
        assertEquals(4, feed.provider.snapshot().connections().get(0).framesReceived(), "reading paused");

        feed.advance(Duration.ofMinutes(10));
        assertEquals(0, feed.provider.snapshot().activity().staleDetections(), "our own pause is not their silence");

        feed.events(); // the listener catches up: reading resumes, and the silence counts from now
        feed.runDue();
        assertEquals(5, feed.provider.snapshot().connections().get(0).framesReceived());
        feed.advanceTo(Duration.ofMinutes(10).plusSeconds(11).minusNanos(1));
        assertEquals(List.of(), feed.states(ConnectionState.DISCONNECTED));
        feed.advanceTo(Duration.ofMinutes(10).plusSeconds(11));
        assertEquals("stale: no sign of life for 11.00s (timeout 10.00s) after 5 frames",
                feed.lastState(ConnectionState.DISCONNECTED).reason());
    }

    @Test
    void theClientPingsAtTheIntervalFromEachOpeningAndNotOnADeadSocket() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().heartbeat(new HeartbeatSpec(
                HeartbeatSpec.Pinger.CLIENT, Duration.ofSeconds(5), Duration.ofSeconds(30),
                HeartbeatSpec.Liveness.ANY_FRAME)));
        feed.subscribe("EURUSD");
        VirtualFeed.Peer first = feed.accept(OTHER_PATH);
        feed.advanceTo(Duration.ofSeconds(22));
        assertEquals(BackoffTest.seconds(5, 10, 15, 20), first.times("ping"));

        first.connection.drop();
        feed.advanceTo(Duration.ofSeconds(23));
        VirtualFeed.Peer second = feed.accept(OTHER_PATH);
        feed.advanceTo(Duration.ofSeconds(34));
        assertEquals(BackoffTest.seconds(5, 10, 15, 20), first.times("ping"), "nothing on the dead socket");
        assertEquals(BackoffTest.seconds(28, 33), second.times("ping"));
    }

    @Test
    void pingsTheServerDoesNotAnswerDoNotKeepTheConnectionAlive() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().heartbeat(new HeartbeatSpec(
                HeartbeatSpec.Pinger.CLIENT, Duration.ofSeconds(5), TIMEOUT, HeartbeatSpec.Liveness.ANY_FRAME)));
        feed.subscribe("EURUSD");
        feed.accept(OTHER_PATH);
        feed.advanceTo(Duration.ofSeconds(11));
        assertEquals("stale: no sign of life for 11.00s (timeout 10.00s) after 0 frames",
                feed.lastState(ConnectionState.DISCONNECTED).reason());
    }
}
