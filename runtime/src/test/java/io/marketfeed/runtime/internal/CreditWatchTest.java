package io.marketfeed.runtime.internal;

import static io.marketfeed.runtime.internal.VirtualFeed.OTHER_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.protocol.CreditPolicy;
import io.marketfeed.api.protocol.CreditSpec;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.runtime.CreditSnapshot;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A metered provider's credits on virtual time (a credit a push, 100 a day, reset at 06:00 UTC; the clock starts at
 * midnight): spending is sampled every 5 s, a {@code credits} status goes out every twelfth sample, and a forecast
 * that the quota runs out before the reset is said once per quota period, trimming to the priority list when so
 * configured. A stopped provider samples nothing.
 */
class CreditWatchTest {

    private static final CreditSpec DAILY_100 = new CreditSpec(1, 0, OptionalLong.of(100), LocalTime.of(6, 0),
            Disposition.pause("quota spent"));

    @Test
    void aForecastOfExhaustionTrimsToThePriorityListOnce() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().credits(DAILY_100,
                new CreditPolicy(CreditPolicy.Mode.TRIM, List.of("AAA"))));
        feed.subscribe("AAA", "BBB", "CCC");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        pushEverySecond(feed, server, 4);
        feed.advanceTo(Duration.ofSeconds(5));

        // At the 5 s sample: 4 credits in 5 s, 2,880 an hour; the 96 left last 120 s more.
        StatusEvent forecast = only(feed.statuses("credits-forecast"));
        assertEquals("1970-01-01T00:02:05Z", forecast.details().get("exhaustsAt"));
        assertEquals("1970-01-01T06:00:00Z", forecast.details().get("nextReset"));
        assertEquals("fake will run out of credits at 1970-01-01T00:02:05Z, before the quota resets at "
                + "1970-01-01T06:00:00Z (used 4, remaining 96, 2880 per hour); trimming to the priority list",
                forecast.message());
        assertEquals("fake trimmed 2 subscriptions to save credits, keeping [AAA]",
                only(feed.statuses("credits-trim")).message());
        assertEquals("unsubscribe [BBB, CCC]", server.sent().get(server.sent().size() - 1).text());
        assertEquals(1, feed.provider.snapshot().wanted());

        pushEverySecond(feed, server, 60);
        assertEquals(1, feed.statuses("credits-forecast").size(), "once per quota period");
        assertEquals(1, feed.statuses("credits-trim").size());
    }

    @Test
    void inWarnModeTheForecastSaysWhatToDoAndDropsNothing() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().credits(DAILY_100, CreditPolicy.warn()));
        feed.subscribe("AAA", "BBB");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        pushEverySecond(feed, server, 4);
        feed.advanceTo(Duration.ofSeconds(5));

        assertTrue(only(feed.statuses("credits-forecast")).message().endsWith("; subscribe to fewer symbols, or set "
                + "marketfeed.providers.fake.credits.on-forecast-exhaustion = trim with a priority list"));
        assertEquals(List.of(), feed.statuses("credits-trim"));
        assertEquals(2, feed.provider.snapshot().wanted());
    }

    @Test
    void everyTwelfthSampleReportsTheCreditsAndTheServersFigureCounts() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().credits(new CreditSpec(1, 0,
                OptionalLong.empty(), LocalTime.of(6, 0), Disposition.pause("quota spent")), CreditPolicy.warn()));
        feed.subscribe("AAA");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        server.send("credits 50000");
        server.send("trade AAA", "trade AAA");

        feed.advanceTo(Duration.ofSeconds(60).minusNanos(1));
        assertEquals(List.of(), feed.statuses("credits"));
        feed.advanceTo(Duration.ofSeconds(60));
        StatusEvent credits = only(feed.statuses("credits"));
        assertEquals("fake credits: used 2, remaining 49998, 120 per hour", credits.message());
        CreditSnapshot snapshot = feed.provider.snapshot().credits().orElseThrow();
        assertEquals(49998, snapshot.remaining().getAsLong());
        assertEquals(List.of(), feed.statuses("credits-forecast"), "49998 last longer than the six hours to the reset");
        feed.advanceTo(Duration.ofSeconds(120));
        assertEquals(2, feed.statuses("credits").size());
    }

    @Test
    void aStoppedProviderSamplesNothingAndAnUnmeteredOneHasNoCredits() {
        VirtualFeed feed = new VirtualFeed(new VirtualFeed.Options().credits(DAILY_100, CreditPolicy.warn()));
        feed.subscribe("AAA");
        VirtualFeed.Peer server = feed.accept(OTHER_PATH);
        pushEverySecond(feed, server, 4);
        feed.provider.fail("the key was revoked");
        feed.advance(Duration.ofMinutes(10));
        assertEquals(List.of(), feed.statuses("credits-forecast"));
        assertEquals(List.of(), feed.statuses("credits"));

        assertTrue(new VirtualFeed(new VirtualFeed.Options()).provider.snapshot().credits().isEmpty());
    }

    private static void pushEverySecond(VirtualFeed feed, VirtualFeed.Peer server, int seconds) {
        for (int i = 0; i < seconds; i++) {
            feed.advance(Duration.ofSeconds(1));
            server.send("trade AAA");
        }
    }

    private static StatusEvent only(List<StatusEvent> events) {
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }
}
