package io.marketfeed.runtime.internal;

import static io.marketfeed.runtime.internal.VirtualFeed.OTHER_PATH;
import static io.marketfeed.runtime.internal.VirtualFeed.STOCK_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.SubscribeStyle;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The subscription pump on virtual time: requests carry at most the frame limit, leave one connection at least the
 * minimum control gap apart (plus the margin of 1/16: 1 s becomes 1.0625 s) and the provider's connections at least
 * the global gap apart; what is asked for while a request waits goes with the next one; removals go before
 * additions; acknowledged subscriptions are taken as applied when no answer comes within the timeout; data nobody
 * asked for is unsubscribed at most every 30 s.
 */
class PacingTest {

    private static final Duration PACED = Duration.ofNanos(1_062_500_000);

    private final VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().limits(Limits.builder()
            .maxSymbolsPerFrame(2).minControlGap(Duration.ofSeconds(1)).build()));

    @Test
    void requestsCarryAtMostTheFrameLimitAndLeaveTheControlGapApart() {
        feed.subscribe("AAA", "BBB", "CCC", "DDD", "EEE");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        feed.advanceTo(PACED.minusNanos(1));
        assertEquals(List.of(sent(Duration.ZERO, "subscribe [AAA, BBB]")), server.sent());

        feed.advance(Duration.ofMinutes(1));
        assertEquals(List.of(sent(Duration.ZERO, "subscribe [AAA, BBB]"), sent(PACED, "subscribe [CCC, DDD]"),
                sent(PACED.multipliedBy(2), "subscribe [EEE]")), server.sent());
    }

    @Test
    void whatIsAskedForWhileARequestWaitsGoesWithTheNextOne() {
        feed.subscribe("AAA", "BBB", "CCC");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        feed.advanceTo(Duration.ofMillis(500));
        feed.subscribe("DDD");
        feed.advance(Duration.ofMinutes(1));

        assertEquals(List.of(sent(Duration.ZERO, "subscribe [AAA, BBB]"), sent(PACED, "subscribe [CCC, DDD]")),
                server.sent());
    }

    @Test
    void removalsGoFirstAndArePacedLikeAdditions() {
        feed.subscribe("AAA", "BBB");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        feed.advanceTo(Duration.ofMillis(500));
        feed.subscribe("CCC");
        feed.unsubscribe("AAA");
        feed.advance(Duration.ofMinutes(1));

        assertEquals(List.of(sent(Duration.ZERO, "subscribe [AAA, BBB]"), sent(PACED, "unsubscribe [AAA]"),
                sent(PACED.multipliedBy(2), "subscribe [CCC]")), server.sent());
    }

    @Test
    void theGlobalGapSpacesRequestsAcrossTheProvidersConnections() {
        VirtualFeed global = new VirtualFeed(new VirtualFeed.Options().limits(Limits.builder().maxSymbolsPerFrame(1)
                .minGlobalControlGap(Duration.ofMillis(500)).build()));
        global.subscribe("AAPL.US", "MSFT.US", "EURUSD");
        VirtualFeed.Peer stock = global.accept(STOCK_PATH);
        VirtualFeed.Peer other = global.accept(OTHER_PATH);
        global.advance(Duration.ofMinutes(1));

        Duration step = Duration.ofNanos(531_250_000);
        assertEquals(List.of(sent(Duration.ZERO, "subscribe [AAPL.US]"), sent(step, "subscribe [MSFT.US]")),
                stock.sent());
        assertEquals(List.of(sent(step.multipliedBy(2), "subscribe [EURUSD]")), other.sent());
    }

    @Test
    void anUnansweredSubscribeIsTakenAsAppliedAfterTheAcknowledgementTimeout() {
        VirtualFeed acked = new VirtualFeed(new VirtualFeed.Options().limits(Limits.builder().maxSymbolsPerFrame(1)
                .minControlGap(Duration.ofSeconds(1)).build()).style(SubscribeStyle.additive(Duration.ofSeconds(10))));
        acked.subscribe("AAA", "BBB");
        VirtualFeed.Peer server = acked.accept(OTHER_PATH);
        acked.advanceTo(PACED);
        assertEquals(0, confirmed(acked));

        // The timeout counts from the last request: BBB at 1.0625 s, so 11.0625 s.
        acked.advanceTo(PACED.plusSeconds(10).minusNanos(1));
        assertEquals(0, confirmed(acked));
        acked.advanceTo(PACED.plusSeconds(10));
        assertEquals(2, confirmed(acked));

        acked.subscribe("CCC");
        server.send("ack");
        assertEquals(3, confirmed(acked), "acknowledged by the server");
    }

    @Test
    void dataNobodyAskedForIsUnsubscribedAtMostEveryThirtySeconds() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options());
        feed.subscribe("AAA");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        server.send("trade ZZZ");
        feed.advanceTo(Duration.ofSeconds(30).minusNanos(1));
        server.send("trade ZZZ");
        feed.advanceTo(Duration.ofSeconds(30));
        server.send("trade ZZZ", "trade ZZZ");

        assertEquals(List.of(sent(Duration.ZERO, "subscribe [AAA]"), sent(Duration.ZERO, "unsubscribe [ZZZ]"),
                sent(Duration.ofSeconds(30), "unsubscribe [ZZZ]")), server.sent());
        assertEquals(4, feed.provider.snapshot().ghostFramesDropped());
        assertEquals(2, feed.statuses("unwanted-data").size());
    }

    private static int confirmed(VirtualFeed feed) {
        return feed.provider.snapshot().connections().get(0).confirmed();
    }

    private static VirtualFeed.Sent sent(Duration at, String text) {
        return new VirtualFeed.Sent(at, text);
    }
}
