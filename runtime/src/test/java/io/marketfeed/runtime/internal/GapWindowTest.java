package io.marketfeed.runtime.internal;

import static io.marketfeed.runtime.internal.VirtualFeed.OTHER_PATH;
import static io.marketfeed.runtime.internal.VirtualFeed.instant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.protocol.SubscribeStyle;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gap event covers exactly the blind window, on virtual time: from the last frame before the connection was
 * lost (or the loss itself, when nothing came) until the wire carries every wanted subscription again (the send, or
 * the acknowledgement when the provider acknowledges), over any number of failed attempts, with the symbols wanted
 * when it opened and the first reason. A loss the server reports is a gap at once; a fatal stop closes the window.
 * A connection that was never up, or wants nothing, has no gap.
 */
class GapWindowTest {

    private final VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options());

    @Test
    void theGapRunsFromTheLastFrameToTheResubscribeAcrossFailedAttempts() {
        feed.subscribe("AAA", "BBB");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        feed.advanceTo(Duration.ofSeconds(5));
        server.send("trade AAA");
        feed.advanceTo(Duration.ofSeconds(8));
        server.connection.drop();
        feed.advanceTo(Duration.ofSeconds(9));
        feed.transport.last(OTHER_PATH).fail(new ConnectException("Connection refused"));
        feed.advanceTo(Duration.ofSeconds(11));
        assertEquals(List.of(), feed.gaps(), "still blind");
        feed.accept(OTHER_PATH);

        GapEvent gap = only(feed.gaps());
        assertEquals(instant(Duration.ofSeconds(5)), gap.from());
        assertEquals(instant(Duration.ofSeconds(11)), gap.to());
        assertEquals(List.of("AAA", "BBB"), gap.symbols());
        assertEquals("connection lost (1006)", gap.reason());
        assertEquals("fake/other#1", gap.connection());
        assertEquals(1, feed.provider.snapshot().activity().gaps());
    }

    @Test
    void withoutAnyFrameTheGapStartsAtTheLoss() {
        feed.subscribe("AAA");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        feed.advanceTo(Duration.ofSeconds(3));
        server.connection.close(1001, "");
        feed.advanceTo(Duration.ofSeconds(4));
        feed.accept(OTHER_PATH);

        GapEvent gap = only(feed.gaps());
        assertEquals(instant(Duration.ofSeconds(3)), gap.from());
        assertEquals(instant(Duration.ofSeconds(4)), gap.to());
        assertEquals("closed by server with 1001 (going away)", gap.reason());
    }

    @Test
    void withAcknowledgementsTheGapEndsAtTheAcknowledgement() {
        VirtualFeed acked = new VirtualFeed(new VirtualFeed.Options().style(SubscribeStyle.additive(
                Duration.ofSeconds(10))));
        acked.subscribe("AAA");
        acked.accept(OTHER_PATH).send("ack");
        acked.advanceTo(Duration.ofSeconds(1));
        acked.transport.last(OTHER_PATH).send("trade AAA");
        acked.advanceTo(Duration.ofSeconds(2));
        acked.transport.last(OTHER_PATH).drop();
        acked.advanceTo(Duration.ofSeconds(3));
        VirtualFeed.Peer server = acked.accept(OTHER_PATH);
        acked.advanceTo(Duration.ofSeconds(7));
        assertEquals(List.of(), acked.gaps(), "subscribed but not confirmed: still blind");
        server.send("ack");

        GapEvent gap = only(acked.gaps());
        assertEquals(instant(Duration.ofSeconds(1)), gap.from());
        assertEquals(instant(Duration.ofSeconds(7)), gap.to());
    }

    @Test
    void aLossTheServerReportsIsAGapAtOnceUpToItsLastFrame() {
        feed.subscribe("AAA");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        feed.advanceTo(Duration.ofSeconds(10));
        server.send("lost 4000");

        GapEvent gap = only(feed.gaps());
        assertEquals(instant(Duration.ofSeconds(4)), gap.from());
        assertEquals(instant(Duration.ofSeconds(10)), gap.to());
        assertEquals("the server lost data", gap.reason());

        feed.advanceTo(Duration.ofSeconds(12));
        server.send("lost 20000");
        assertEquals(instant(Duration.ofSeconds(12)), feed.gaps().get(1).from(), "never after its end");
    }

    @Test
    void aFatalStopClosesTheOpenWindow() {
        feed.subscribe("AAA");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        feed.advanceTo(Duration.ofSeconds(2));
        server.send("trade AAA");
        feed.advanceTo(Duration.ofSeconds(3));
        server.connection.drop();
        feed.advanceTo(Duration.ofSeconds(5));
        feed.transport.last(OTHER_PATH).refuse(401, "invalid key");
        feed.runDue();

        GapEvent gap = only(feed.gaps());
        assertEquals(instant(Duration.ofSeconds(2)), gap.from());
        assertEquals(instant(Duration.ofSeconds(5)), gap.to());
        assertEquals("provider failed: the server refused the credentials at the handshake (HTTP 401): check the key"
                + " (the server answered: invalid key)", gap.reason());
    }

    @Test
    void aConnectionNeverUpOrWantingNothingHasNoGap() {
        feed.subscribe("AAA");
        feed.transport.last(OTHER_PATH).fail(new ConnectException("Connection refused"));
        feed.advanceTo(Duration.ofSeconds(1));
        feed.accept(OTHER_PATH);
        assertEquals(List.of(), feed.gaps(), "never up: nothing was seen, nothing was missed");

        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        feed.unsubscribe("AAA");
        server.connection.drop();
        feed.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), feed.gaps());
    }

    private static GapEvent only(List<GapEvent> gaps) {
        assertEquals(1, gaps.size(), gaps.toString());
        return gaps.get(0);
    }
}
