package io.marketfeed.runtime.internal;

import io.marketfeed.runtime.testing.VirtualNetwork;
import io.marketfeed.runtime.testing.VirtualConnection;
import static io.marketfeed.runtime.internal.VirtualFeed.OTHER_PATH;
import static io.marketfeed.runtime.internal.VirtualFeed.STOCK_PATH;
import static io.marketfeed.runtime.internal.VirtualFeed.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.runtime.ReconnectPolicy;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The minimum reconnect gap on virtual time, with AllTick's free plan (10 s between attempts, one connection per
 * endpoint, two endpoints) and the default backoff (1 s doubling to 30 s, reset after a minute up; jitter draws
 * the middle, so every step is exact). The gap is measured between attempts on the same endpoint and is a floor
 * under the backoff, never added to it; the first connect of a connection is not held back.
 */
class ReconnectGapTest {

    private static final Duration GAP = Duration.ofSeconds(10);
    /** AllTick free: 5 codes per list, 1 connection per endpoint, 1 s and 3 s request gaps, 10 s between attempts. */
    private static final Limits FREE = new Limits(5, 5, 1, Duration.ofSeconds(1), Duration.ofSeconds(3), GAP, true);

    private final VirtualFeed feed = new VirtualFeed(FREE, ReconnectPolicy.defaults());
    private final VirtualNetwork transport = feed.transport;

    @Test
    void aConnectionUpForAMinuteReconnectsAfterTheBackoffsFirstStep() {
        feed.subscribe("AAPL.US");
        VirtualConnection first = transport.last(STOCK_PATH);
        first.accept();
        feed.advance(Duration.ofSeconds(60));

        first.drop();
        feed.advance(Duration.ZERO);

        // The last attempt was 60 s ago, so the 10 s gap is long satisfied: only the backoff's first step (1 s).
        // Adding the gap would make 11 s; putting it under every delay, 10 s.
        assertEquals(Duration.ofSeconds(1), feed.lastState(ConnectionState.RECONNECTING).nextAttemptIn());
        feed.advance(Duration.ofSeconds(1));
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(61)), times(STOCK_PATH));
    }

    @Test
    void aConnectionThatDropsSoonAfterItsAttemptWaitsOnlyTheRestOfTheGap() {
        feed.subscribe("AAPL.US");
        transport.last(STOCK_PATH).accept();
        feed.advance(Duration.ofSeconds(4));

        transport.last(STOCK_PATH).drop();
        feed.advance(Duration.ZERO);

        // Attempt at 0 s, drop at 4 s: the gap ends at 10 s, 6 s from now; the 1 s backoff is inside it.
        assertEquals(Duration.ofSeconds(6), feed.lastState(ConnectionState.RECONNECTING).nextAttemptIn());
        feed.advance(Duration.ofSeconds(6));
        assertEquals(List.of(Duration.ZERO, GAP), times(STOCK_PATH));
    }

    @Test
    void consecutiveFailedAttemptsAreAtLeastTheGapApartAndTheGapIsNeverAdded() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger log = (Logger) LoggerFactory.getLogger(Connection.class);
        logs.start();
        log.addAppender(logs);
        try {
            feed.subscribe("EURUSD");
            refuseUntilSevenAttempts();
        } finally {
            log.detachAppender(logs);
        }

        // Backoff 1, 2, 4, 8, 16, 30 s; each delay is max(backoff, 10 s).
        assertEquals(seconds(0, 10, 20, 30, 40, 56, 86), times(OTHER_PATH));
        List<Duration> waits = new ArrayList<>();
        feed.states(ConnectionState.RECONNECTING).forEach(event -> waits.add(event.nextAttemptIn()));
        assertEquals(seconds(10, 10, 10, 10, 16, 30), waits);
        // The log says why the wait is longer than the backoff.
        List<String> lines = logs.list.stream().filter(event -> event.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals("fake/other#1: connection refused by vendor.test:80; check the host and port of the endpoint URL, "
                + "and that the server is up; reconnect attempt 1 in 10.00s (the minimum gap of 10.00s after the "
                + "previous attempt on fake/other)", lines.get(0));
        assertEquals("fake/other#1: connection refused by vendor.test:80; check the host and port of the endpoint URL, "
                + "and that the server is up; reconnect attempt 5 in 16.00s", lines.get(4));
    }

    private void refuseUntilSevenAttempts() {
        while (transport.connections(OTHER_PATH).size() < 7) {
            VirtualConnection dial = transport.last(OTHER_PATH);
            dial.fail(new ConnectException("Connection refused"));
            feed.control.runDue();
            feed.advance(feed.control.nextDueIn().orElseThrow());
        }
    }

    @Test
    void theGapIsMeasuredFromTheAttemptNotFromItsFailure() {
        feed.subscribe("EURUSD");
        feed.advance(Duration.ofSeconds(3));
        transport.last(OTHER_PATH).fail(new TimeoutException("Total timeout 3000 ms elapsed"));
        feed.advance(Duration.ZERO);

        assertEquals(Duration.ofSeconds(7), feed.lastState(ConnectionState.RECONNECTING).nextAttemptIn());
        feed.advance(Duration.ofSeconds(7));
        assertEquals(seconds(0, 10), times(OTHER_PATH));
    }

    @Test
    void theSecondEndpointsFirstConnectIsNotHeldBehindTheFirsts() {
        feed.subscribe("AAPL.US", "EURUSD");
        assertEquals(seconds(0), times(STOCK_PATH));
        assertEquals(seconds(0), times(OTHER_PATH));

        // Nor when it comes later, within the first endpoint's gap.
        VirtualFeed later = new VirtualFeed(FREE, ReconnectPolicy.defaults());
        later.subscribe("AAPL.US");
        later.advance(Duration.ofSeconds(2));
        later.subscribe("EURUSD");
        assertEquals(Duration.ofSeconds(2), at(later.transport.last(OTHER_PATH)));
    }

    @Test
    void theEndpointsDoNotGateEachOthersReconnects() {
        feed.subscribe("AAPL.US", "EURUSD");
        transport.last(STOCK_PATH).accept();
        transport.last(OTHER_PATH).accept();
        feed.advance(Duration.ofSeconds(61));

        transport.last(STOCK_PATH).drop();
        feed.advance(Duration.ofMillis(500));
        transport.last(OTHER_PATH).drop();
        feed.advance(Duration.ofSeconds(2));

        // The stock endpoint's attempt at 62 s does not hold the other endpoint's until 72 s.
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(62)), times(STOCK_PATH));
        assertEquals(List.of(Duration.ZERO, Duration.ofMillis(62_500)), times(OTHER_PATH));
    }

    @Test
    void connectionsOfOneEndpointStartTogetherAndSpaceTheirReconnectsByTheGap() {
        // A paid plan: three connections per endpoint of one code each, 3 s between attempts.
        Limits premium = new Limits(1, 1, 3, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(3), true);
        VirtualFeed paid = new VirtualFeed(premium, ReconnectPolicy.defaults());
        paid.subscribe("AAPL.US", "MSFT.US", "NVDA.US");
        assertEquals(seconds(0, 0, 0), times(paid, STOCK_PATH), "first connects are not held back");

        paid.transport.connections(STOCK_PATH).forEach(VirtualConnection::accept);
        paid.advance(Duration.ofSeconds(120));
        paid.transport.connections(STOCK_PATH).forEach(VirtualConnection::drop);
        paid.advance(Duration.ofSeconds(10));

        // All three lost at 120 s: reconnects at 121 s (backoff), then 124 s and 127 s (the endpoint's gap).
        assertEquals(seconds(0, 0, 0, 121, 124, 127), times(paid, STOCK_PATH));
    }

    @Test
    void aThousandShardsOpenTheirFirstConnectionsAtOnce() {
        // SAHMK-like: one symbol per connection for the test's sake, a 1 s gap between attempts.
        Limits shards = new Limits(1, 1, 1000, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1));
        VirtualFeed many = new VirtualFeed(shards, ReconnectPolicy.defaults());
        String[] symbols = new String[1000];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = String.format("%04d", i);
        }
        many.subscribe(symbols);

        List<VirtualConnection> dials = many.transport.connections(OTHER_PATH);
        assertEquals(1000, dials.size());
        assertTrue(dials.stream().allMatch(dial -> at(dial).isZero()), "every first connect at 0 s");
    }

    private List<Duration> times(String path) {
        return times(feed, path);
    }

    private static List<Duration> times(VirtualFeed feed, String path) {
        return feed.transport.connections(path).stream().map(VirtualFeed::at).toList();
    }

    private static List<Duration> seconds(long... values) {
        List<Duration> out = new ArrayList<>();
        for (long value : values) {
            out.add(Duration.ofSeconds(value));
        }
        return out;
    }
}
