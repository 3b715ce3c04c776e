package io.marketfeed.runtime.internal;

import static io.marketfeed.runtime.internal.VirtualFeed.OTHER_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.runtime.testing.VirtualConnection;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reconnect backoff on virtual time, with the default policy (1 s doubling to 30 s, reset after 60 s up; jitter
 * draws the middle, so every step is exact) and no minimum reconnect gap: each attempt comes exactly its step after
 * the failure, the steps stop growing at the cap, a connection that stayed up for the reset time starts over at
 * the first step, and a failure that asks for a longer wait (HTTP 429) gets it.
 */
class BackoffTest {

    private final VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options());

    @Test
    void eachFailedAttemptDoublesTheWaitUpToTheCap() {
        feed.subscribe("EURUSD");
        for (int i = 0; i < 8; i++) {
            refuseAndWait();
        }

        assertEquals(seconds(0, 1, 3, 7, 15, 31, 61, 91, 121), dials());
        assertEquals(seconds(1, 2, 4, 8, 16, 30, 30, 30), waits());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8),
                feed.states(ConnectionState.RECONNECTING).stream().map(ConnectionEvent::attempt).toList());
        assertEquals("attempt 8", feed.lastState(ConnectionState.CONNECTING).reason());
        assertEquals(8, feed.provider.snapshot().activity().reconnects());
        assertEquals(8, feed.provider.snapshot().connections().get(0).attempt());
    }

    @Test
    void aConnectionUpForTheResetTimeStartsTheBackoffOver() {
        feed.subscribe("EURUSD");
        failThreeTimesThenConnect();
        feed.advance(Duration.ofSeconds(60));
        assertEquals(0, feed.provider.snapshot().connections().get(0).attempt(), "0 while connected");

        dropAndWait();
        assertEquals(Duration.ofSeconds(1), feed.lastState(ConnectionState.RECONNECTING).nextAttemptIn());
        assertEquals(1, feed.lastState(ConnectionState.RECONNECTING).attempt());
        assertEquals(seconds(0, 1, 3, 7, 68), dials());
    }

    @Test
    void aConnectionUpForLessThanTheResetTimeGoesOnWithTheNextStep() {
        feed.subscribe("EURUSD");
        failThreeTimesThenConnect();
        feed.advance(Duration.ofSeconds(60).minusNanos(1));

        dropAndWait();
        assertEquals(Duration.ofSeconds(8), feed.lastState(ConnectionState.RECONNECTING).nextAttemptIn());
        assertEquals(4, feed.lastState(ConnectionState.RECONNECTING).attempt());
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(7),
                Duration.ofSeconds(75).minusNanos(1)), dials());
    }

    @Test
    void aConnectionThatOpensButIsNeverConfirmedDoesNotResetTheBackoff() {
        VirtualFeed unconfirmed = new VirtualFeed(new VirtualFeed.Options()
                .readiness(io.marketfeed.api.protocol.Readiness.awaitMessage(Duration.ofMinutes(5), true)));
        unconfirmed.subscribe("EURUSD");
        unconfirmed.transport.last(OTHER_PATH).accept();
        unconfirmed.advance(Duration.ofMinutes(5));

        assertEquals("the server did not confirm the connection within 5m00s",
                unconfirmed.lastState(ConnectionState.DISCONNECTED).reason());
        assertEquals(Duration.ofSeconds(1), unconfirmed.lastState(ConnectionState.RECONNECTING).nextAttemptIn());
        unconfirmed.advance(Duration.ofSeconds(1));
        unconfirmed.transport.last(OTHER_PATH).accept();
        unconfirmed.advance(Duration.ofMinutes(5));
        assertEquals(Duration.ofSeconds(2), unconfirmed.lastState(ConnectionState.RECONNECTING).nextAttemptIn(),
                "five minutes open but unconfirmed is not up");
    }

    @Test
    void aRefusalThatAsksForALongerWaitGetsItAndTheStepsGoOn() {
        feed.subscribe("EURUSD");
        feed.transport.last(OTHER_PATH).refuse(429, "slow down");
        feed.runDue();
        assertEquals(Duration.ofMinutes(1), feed.lastState(ConnectionState.RECONNECTING).nextAttemptIn());
        feed.advance(Duration.ofMinutes(1));
        refuseAndWait();
        feed.transport.last(OTHER_PATH).refuse(503, "unavailable");
        feed.runDue();

        assertEquals(seconds(0, 60, 62), dials());
        assertEquals(seconds(60, 2, 4), waits(), "the minimum only where asked; the steps count on");
    }

    private void failThreeTimesThenConnect() {
        for (int i = 0; i < 3; i++) {
            refuseAndWait();
        }
        feed.transport.last(OTHER_PATH).accept();
        feed.runDue();
        assertEquals(ConnectionState.CONNECTED, feed.provider.snapshot().connections().get(0).state());
    }

    /** Refuses the latest dial and waits for the next. */
    private void refuseAndWait() {
        feed.transport.last(OTHER_PATH).fail(new ConnectException("Connection refused"));
        feed.runDue();
        feed.advance(feed.lastState(ConnectionState.RECONNECTING).nextAttemptIn());
    }

    private void dropAndWait() {
        feed.transport.last(OTHER_PATH).drop();
        feed.runDue();
        feed.advance(feed.lastState(ConnectionState.RECONNECTING).nextAttemptIn());
    }

    private List<Duration> dials() {
        return feed.transport.connections(OTHER_PATH).stream().map(VirtualConnection::dialledAt).toList();
    }

    private List<Duration> waits() {
        return feed.states(ConnectionState.RECONNECTING).stream().map(ConnectionEvent::nextAttemptIn).toList();
    }

    static List<Duration> seconds(long... values) {
        List<Duration> out = new ArrayList<>();
        for (long value : values) {
            out.add(Duration.ofSeconds(value));
        }
        return out;
    }
}
