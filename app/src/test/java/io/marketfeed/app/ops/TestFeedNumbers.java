package io.marketfeed.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.sink.SinkStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link FeedNumbers}: each number read from the snapshot and the sinks' statistics, none computed twice. */
class TestFeedNumbers {

    private final FeedSnapshot snapshot = new FeedSnapshot(Snapshots.NOW, Snapshots.NOW.minusSeconds(90),
            List.of(Snapshots.busy("tickatlas"), Snapshots.provider("sahmk", List.of())),
            List.of(new FeedSnapshot.ListenerSnapshot("output", DeliveryPolicy.lossless(), 5, 100, 1, 2, 3,
                    Duration.ofMillis(250), Duration.ofSeconds(2))));
    private final SinkStats sink = new SinkStats("sqlite", 3, 100, 90, 6, 10, 1, 2, Optional.of(Duration.ofSeconds(30)),
            Optional.of("disk full"));
    private final List<FeedNumbers.Sample> samples = FeedNumbers.of(snapshot, List.of(sink));

    @Test
    void providerNumbers() {
        assertEquals(90.0, value(FeedMetric.UPTIME));
        assertEquals(7.0, value(FeedMetric.EVENTS, "tickatlas", "quote"));
        assertEquals(3.0, value(FeedMetric.EVENTS, "tickatlas", "candle"));
        assertEquals(5.0, value(FeedMetric.DECODE_PROBLEMS, "tickatlas"));
        assertEquals(2.0, value(FeedMetric.DECODE_ERRORS, "tickatlas"));
        assertEquals(4.0, value(FeedMetric.UNWANTED_FRAMES, "tickatlas"));
        assertEquals(1.0, value(FeedMetric.RECONNECTS, "tickatlas"));
        assertEquals(1.0, value(FeedMetric.STALE_DETECTIONS, "tickatlas"));
        assertEquals(0.25, value(FeedMetric.LISTENER_DELIVERY_DELAY, "output"));
        assertEquals(2.0, value(FeedMetric.LISTENER_DELIVERY_DELAY_MAX, "output"));
        assertEquals(2.0, value(FeedMetric.GAPS, "tickatlas"));
        assertEquals(80.0, value(FeedMetric.CONNECTED, "tickatlas"));
        assertEquals(0.0, value(FeedMetric.PROVIDER_FAILED, "tickatlas"));
        assertEquals(1.0, value(FeedMetric.QUIET_REPORTS, "tickatlas"));
        assertEquals(1.0, value(FeedMetric.QUIET_SYMBOLS, "tickatlas"));
        assertEquals(0.0, value(FeedMetric.QUIET_SYMBOLS, "sahmk"));
    }

    @Test
    void connectionsByStateAndSubscriptions() {
        assertEquals(1.0, value(FeedMetric.CONNECTIONS, "tickatlas", "connected"));
        assertEquals(1.0, value(FeedMetric.CONNECTIONS, "tickatlas", "reconnecting"));
        assertEquals(0.0, value(FeedMetric.CONNECTIONS, "tickatlas", "failed"));
        assertEquals(0.0, value(FeedMetric.CONNECTIONS, "sahmk", "connected"));
        assertEquals(6.0, value(FeedMetric.SUBSCRIPTIONS, "tickatlas", "wanted"));
        assertEquals(5.0, value(FeedMetric.SUBSCRIPTIONS, "tickatlas", "assigned"));
        assertEquals(3.0, value(FeedMetric.SUBSCRIPTIONS, "tickatlas", "confirmed"));
        assertEquals(1.0, value(FeedMetric.SUBSCRIPTIONS, "tickatlas", "rejected"));
        assertEquals(1.0, value(FeedMetric.SUBSCRIPTIONS, "tickatlas", "unassigned"));
        // Measured against the snapshot's own time; a connection without a frame yet has no age.
        assertEquals(2.0, value(FeedMetric.LAST_FRAME_AGE, "tickatlas", "tickatlas/quotes#1"));
        assertEquals(List.of(List.of("tickatlas", "tickatlas/quotes#1")), tagsOf(FeedMetric.LAST_FRAME_AGE));
    }

    @Test
    void creditsOnlyForMeteredProviders() {
        assertEquals(120.0, value(FeedMetric.CREDITS_USED, "tickatlas"));
        assertEquals(880.0, value(FeedMetric.CREDITS_REMAINING, "tickatlas"));
        assertEquals(60.0, value(FeedMetric.CREDITS_HOURLY_RATE, "tickatlas"));
        assertEquals(36_000.0, value(FeedMetric.CREDITS_UNTIL_EXHAUSTION, "tickatlas"));
        assertEquals(18_000.0, value(FeedMetric.CREDITS_UNTIL_RESET, "tickatlas"));
        assertEquals(0.0, value(FeedMetric.CREDITS_EXHAUST_BEFORE_RESET, "tickatlas"));
        assertEquals(List.of(List.of("tickatlas")), tagsOf(FeedMetric.CREDITS_USED));
    }

    @Test
    void listenersAndSinks() {
        assertEquals(5.0, value(FeedMetric.LISTENER_QUEUED, "output"));
        assertEquals(100.0, value(FeedMetric.LISTENER_DELIVERED, "output"));
        assertEquals(1.0, value(FeedMetric.LISTENER_DROPPED, "output"));
        assertEquals(2.0, value(FeedMetric.LISTENER_CONFLATED, "output"));
        assertEquals(3.0, value(FeedMetric.LISTENER_FAILURES, "output"));
        assertEquals(100.0, value(FeedMetric.SINK_RECEIVED, "sqlite"));
        assertEquals(90.0, value(FeedMetric.SINK_WRITTEN, "sqlite"));
        assertEquals(3.0, value(FeedMetric.SINK_RECOVERED, "sqlite"));
        assertEquals(12.0, value(FeedMetric.SINK_PENDING, "sqlite"));
        assertEquals(6.0, value(FeedMetric.SINK_SPOOL, "sqlite"));
        assertEquals(10.0, value(FeedMetric.SINK_SPOOLED, "sqlite"));
        assertEquals(1.0, value(FeedMetric.SINK_DROPPED, "sqlite"));
        assertEquals(2.0, value(FeedMetric.SINK_FAILURES, "sqlite"));
        assertEquals(30.0, value(FeedMetric.SINK_DOWN, "sqlite"));
    }

    @Test
    void beforeTheStartOnlyUptimeAndListeners() {
        FeedSnapshot before = new FeedSnapshot(Snapshots.NOW, null, List.of(), snapshot.listeners());
        List<FeedNumbers.Sample> early = FeedNumbers.of(before, List.of());
        assertEquals(0.0, early.get(0).value());
        assertEquals(FeedMetric.UPTIME, early.get(0).metric());
        assertTrue(early.stream().skip(1).allMatch(sample -> sample.tag("listener") != null), early.toString());
    }

    @Test
    void aSampleHasExactlyItsMetricsTags() {
        assertThrows(IllegalArgumentException.class, () -> new FeedNumbers.Sample(FeedMetric.EVENTS, List.of("x"), 1));
        FeedNumbers.Sample sample = new FeedNumbers.Sample(FeedMetric.EVENTS, List.of("sahmk", "quote"), 1);
        assertEquals(Map.of("provider", "sahmk", "type", "quote"), sample.tags());
    }

    private double value(FeedMetric metric, String... tags) {
        List<Double> values = samples.stream().filter(sample -> sample.metric() == metric
                && sample.tagValues().equals(List.of(tags))).map(FeedNumbers.Sample::value).toList();
        assertEquals(1, values.size(), metric + " " + List.of(tags) + " in " + samples);
        return values.get(0);
    }

    private List<List<String>> tagsOf(FeedMetric metric) {
        return samples.stream().filter(sample -> sample.metric() == metric).map(FeedNumbers.Sample::tagValues)
                .toList();
    }
}
