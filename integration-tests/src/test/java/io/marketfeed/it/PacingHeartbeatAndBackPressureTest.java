package io.marketfeed.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Pacing of control frames, application heartbeats as liveness, and a slow listener that must not stall anything. */
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
    void pingRepliesKeepAQuietConnectionAlive() {
        startSimulator(SahmkOptions.builder().updatesPerSecond(0).build());
        startFeed(SahmkSimulation.DEMO_KEY, List.of("2222"),
                Map.of("heartbeat.interval", "150ms", "heartbeat.timeout", "1s"));
        events.await(io.marketfeed.api.model.ConnectionEvent.class,
                event -> event.state() == ConnectionState.CONNECTED, WAIT);

        // No market data at all: only the pongs to our pings prove the connection alive, for 3 stale timeouts.
        assertFalse(Waits.holdsWithin(() -> !events.states(ConnectionState.DISCONNECTED).isEmpty(),
                Duration.ofSeconds(3)), "a quiet but answering connection was replaced: " + events.tail());
        long pings = observed().received().stream().filter(message -> message.text().contains("\"ping\"")).count();
        assertTrue(pings >= 10, "pings every 150 ms for 3 s, got " + pings);
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

    @Test
    void aBlockingListenerPausesReadingWithoutLosingAFrameOrLookingStale() throws Exception {
        startSimulator(SahmkOptions.builder().updatesPerSecond(100).build());
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong quotes = new java.util.concurrent.atomic.AtomicLong();
        MarketFeed feed = MarketFeed.builder()
                .provider(new SahmkProvider(), ProviderDefaults.with("sahmk", Map.of(
                        "api-key", SahmkSimulation.DEMO_KEY,
                        "endpoint", "ws://127.0.0.1:" + server.port(),
                        "symbols", List.of("2222", "1120", "2010", "7010", "1180"),
                        "heartbeat.interval", "200ms", "heartbeat.timeout", "1s")))
                .listener("blocking", event -> {
                    if (event instanceof Quote) {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        quotes.incrementAndGet();
                    }
                }, DeliveryPolicy.lossless(5))
                .listener("recorder", events, DeliveryPolicy.dropOldest(100_000))
                .build();
        open.add(feed);
        open.add(release::countDown);
        feed.start();

        // 500 quotes a second are offered; with the listener stuck, reading stops once its queue holds 5.
        Waits.until(() -> framesReceived(feed) > 0, WAIT, () -> "nothing received");
        assertFalse(Waits.holdsWithin(() -> framesReceived(feed) > 20, Duration.ofSeconds(2)),
                "reading went on while the listener blocked: " + framesReceived(feed) + " frames");
        assertTrue(events.states(ConnectionState.DISCONNECTED).isEmpty(),
                "a connection we stopped reading is not stale (heartbeat timeout 1s): " + events.tail());

        long receivedWhileBlocked = framesReceived(feed);
        release.countDown();
        Waits.until(() -> quotes.get() >= receivedWhileBlocked + 200, WAIT,
                () -> "delivery did not resume: " + quotes.get() + " quotes");
        FeedSnapshot.ListenerSnapshot blocking = feed.snapshot().listeners().stream()
                .filter(listener -> listener.name().equals("blocking")).findFirst().orElseThrow();
        assertEquals(0, blocking.dropped(), "lossless never drops: " + blocking);
        assertEquals(0, blocking.conflated(), "lossless never merges: " + blocking);
    }

    private static long framesReceived(MarketFeed feed) {
        return feed.snapshot().providers().get(0).connections().stream()
                .mapToLong(connection -> connection.framesReceived()).sum();
    }
}
