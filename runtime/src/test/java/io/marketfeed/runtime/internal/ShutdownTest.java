package io.marketfeed.runtime.internal;

import static io.marketfeed.runtime.internal.VirtualFeed.OTHER_PATH;
import static io.marketfeed.runtime.internal.VirtualFeed.STOCK_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.runtime.testing.VirtualConnection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Shutdown on virtual time: a graceful close unsubscribes what is on the wire (in requests within the frame limit,
 * additive providers only) and sends a close frame; a connection waiting to reconnect or still dialling closes at
 * once; every connection ends CLOSED, and nothing is left on the scheduler, so nothing happens after the close.
 */
class ShutdownTest {

    private static final HeartbeatSpec CLIENT_PINGS = new HeartbeatSpec(HeartbeatSpec.Pinger.CLIENT,
            Duration.ofSeconds(5), Duration.ofSeconds(20), HeartbeatSpec.Liveness.ANY_FRAME);

    @Test
    void aGracefulCloseUnsubscribesWithinTheFrameLimitThenClosesAndLeavesNoTask() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().heartbeat(CLIENT_PINGS)
                .limits(Limits.builder().maxSymbolsPerFrame(2).build()));
        feed.subscribe("AAA", "BBB", "CCC", "AAPL.US");
        VirtualFeed.Peer other = feed.accept(OTHER_PATH);
        VirtualFeed.Peer stock = feed.accept(STOCK_PATH);
        feed.advanceTo(Duration.ofSeconds(7));

        List<CompletableFuture<Void>> closed = close(feed);

        assertTrue(closed.stream().allMatch(CompletableFuture::isDone));
        assertEquals(List.of("subscribe [AAA, BBB]", "subscribe [CCC]", "ping", "unsubscribe [AAA, BBB]",
                "unsubscribe [CCC]"), texts(other));
        assertEquals(List.of("subscribe [AAPL.US]", "ping", "unsubscribe [AAPL.US]"), texts(stock));
        for (VirtualFeed.Peer peer : List.of(other, stock)) {
            assertEquals(1000, peer.connection.closeCode().orElseThrow());
            assertEquals("client stopping", peer.connection.closeReason());
        }
        assertEquals(2, feed.states(ConnectionState.CLOSED).size());
        assertEquals("client stopping", feed.lastState(ConnectionState.CLOSED).reason());
        assertNothingAfterTheClose(feed);
    }

    @Test
    void aReplaceAllProviderClosesWithoutCancelling() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().style(SubscribeStyle.replaceAll(
                Duration.ofSeconds(5))));
        feed.subscribe("AAA", "BBB");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        server.send("ack");
        close(feed);

        assertEquals(List.of("subscribe [AAA, BBB]"), texts(server), "the list dies with the connection");
        assertEquals(1000, server.connection.closeCode().orElseThrow());
        assertNothingAfterTheClose(feed);
    }

    @Test
    void aConnectionWaitingToReconnectClosesAtOnceAndNeverDials() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().heartbeat(CLIENT_PINGS));
        feed.subscribe("AAA");
        feed.accept(OTHER_PATH).connection.drop();
        feed.runDue();
        assertEquals(Duration.ofSeconds(1), feed.lastState(ConnectionState.RECONNECTING).nextAttemptIn());

        List<CompletableFuture<Void>> closed = close(feed);
        assertTrue(closed.get(0).isDone());
        assertEquals(1, feed.transport.connections().size());
        assertNothingAfterTheClose(feed);
        assertEquals(1, feed.transport.connections().size(), "the reconnect was cancelled");
    }

    @Test
    void aConnectionStillDiallingClosesAtOnceAndALateOpenIsClosed() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options());
        feed.subscribe("AAA");
        VirtualConnection dial = feed.transport.last(OTHER_PATH);

        List<CompletableFuture<Void>> closed = close(feed);
        assertTrue(closed.get(0).isDone());
        assertEquals("client stopping", feed.lastState(ConnectionState.CLOSED).reason());

        dial.accept();
        feed.runDue();
        assertEquals(1000, dial.closeCode().orElseThrow());
        assertEquals("not needed", dial.closeReason());
        assertEquals(List.of(), dial.received());
        assertNothingAfterTheClose(feed);
    }

    @Test
    void theLastUnsubscribeClosesTheConnectionAndItsFutureIsAwaitedAtStop() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().heartbeat(CLIENT_PINGS));
        feed.subscribe("AAA");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        feed.unsubscribe("AAA");

        assertEquals(List.of("subscribe [AAA]", "unsubscribe [AAA]"), texts(server));
        assertEquals("no subscriptions left", server.connection.closeReason());
        assertEquals("no subscriptions left", feed.lastState(ConnectionState.CLOSED).reason());
        assertEquals(1, close(feed).size(), "the retired connection is awaited too");
        assertNothingAfterTheClose(feed);
    }

    private static List<CompletableFuture<Void>> close(VirtualFeed feed) {
        List<CompletableFuture<Void>> closed = feed.provider.close();
        feed.runDue();
        return closed;
    }

    /** No task is left on the scheduler, and an hour later nothing has happened. */
    private static void assertNothingAfterTheClose(VirtualFeed feed) {
        assertEquals(Optional.empty(), feed.control.nextDueIn());
        List<MarketEvent> before = feed.events();
        int dials = feed.transport.connections().size();
        feed.advance(Duration.ofHours(1));
        assertEquals(before, feed.events());
        assertEquals(dials, feed.transport.connections().size());
        assertEquals(List.of(), feed.control.errors());
    }

    private static List<String> texts(VirtualFeed.Peer peer) {
        return peer.sent().stream().map(VirtualFeed.Sent::text).toList();
    }
}
