package io.marketfeed.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.provider.sahmk.SahmkProvider;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.simulator.ReceivedMessage;
import io.marketfeed.simulator.sahmk.SahmkOptions;
import io.marketfeed.simulator.sahmk.SahmkSimulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Pacing of control frames, and a slow listener that must not stall anything, against the SAHMK simulator. Two
 * properties that took seconds of waiting here are checked over an hour of virtual time in
 * {@code io.marketfeed.it.virtual.SahmkOnVirtualTimeTest}: pong replies keep a quiet connection alive, and a blocking
 * lossless listener stops reading without the connection looking stale (the real socket's back-pressure is
 * {@code LosslessUnderLoadTest}'s).
 */
class PacingHeartbeatAndBackPressureTest extends SahmkSimulatorFixture {

    @Test
    void controlFramesKeepTheConfiguredGap() {
        startSimulator(SahmkOptions.builder().universeSize(100).updatesPerSecond(0).build());
        List<String> wanted = new ArrayList<>(simulation.options().universe().keySet()).subList(0, 55);
        startFeed(SahmkSimulation.DEMO_KEY, wanted, Map.of("limits.min-control-gap", "150ms"));

        Waits.until(() -> subscribes().size() == 3, WAIT, () -> "expected 3 subscribe requests: " + subscribes());
        List<ReceivedMessage> requests = subscribes();
        for (int i = 1; i < requests.size(); i++) {
            long gapMillis = Duration.between(requests.get(i - 1).at(), requests.get(i).at()).toMillis();
            // Sent 150 ms apart; arrival times can only bunch up by loopback jitter.
            assertTrue(gapMillis >= 120, "requests " + i + " and " + (i + 1) + " were " + gapMillis + " ms apart");
        }
    }

    @Test
    void aSlowListenerDropsByItsPolicyWithoutStallingTheSocketOrOtherListeners() throws Exception {
        startSimulator(SahmkOptions.builder().updatesPerSecond(50).build());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch slowStarted = new CountDownLatch(1);
        MarketFeed feed = MarketFeed.builder()
                .provider(new SahmkProvider(), ProviderDefaults.with("sahmk", Map.of(
                        "api-key", SahmkSimulation.DEMO_KEY,
                        "endpoint", "ws://127.0.0.1:" + server.port(),
                        "symbols", List.of("2222", "1120", "2010", "7010", "1180"))))
                .listener("slow", event -> {
                    slowStarted.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, DeliveryPolicy.dropOldest(50))
                .listener("recorder", events, DeliveryPolicy.dropOldest(100_000))
                .build();
        open.add(feed);
        open.add(release::countDown);
        feed.start();
        slowStarted.await();

        events.awaitCount(Quote.class, quote -> true, 400, WAIT);
        FeedSnapshot snapshot = feed.snapshot();
        FeedSnapshot.ListenerSnapshot slow = snapshot.listeners().stream()
                .filter(listener -> listener.name().equals("slow")).findFirst().orElseThrow();
        assertTrue(slow.dropped() > 0, "the slow listener's queue drops by policy: " + slow);
        assertTrue(slow.queued() <= 50 + 20, "bounded (lifecycle events may exceed it): " + slow);
        StatusEvent behind = events.await(StatusEvent.class, status -> status.kind().equals("listener-behind"), WAIT);
        // The slow listener holds one event and queues 50: nothing can be dropped before the 51st quote arrived.
        java.time.Instant earliestDrop = events.all(Quote.class).get(50).receivedAt();
        assertTrue(!behind.receivedAt().isAfter(earliestDrop.plusSeconds(1)),
                "announced within a second of the first drop: " + behind + ", 51st quote at " + earliestDrop);
        assertTrue(events.states(ConnectionState.DISCONNECTED).isEmpty(), "the socket never stalled");
    }
}
