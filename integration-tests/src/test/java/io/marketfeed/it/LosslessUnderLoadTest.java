package io.marketfeed.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.provider.sahmk.SahmkProvider;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.testkit.Rule;
import io.marketfeed.testkit.ScriptedConnection;
import io.marketfeed.testkit.ScriptedServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lossless default under load: a server bursts serial-numbered quotes far faster than a deliberately slow
 * listener takes them, and stalls it for longer than the heartbeat timeout once. Every serial arrives exactly
 * once and in order; reading stops while the listener is behind (back-pressure, the queue stays bounded); and
 * the runtime never takes its own pause for a dead server (one connection, no disconnect, no gap).
 */
@Timeout(120)
class LosslessUnderLoadTest {

    private static final int FRAMES = 60_000;
    private static final int CAPACITY = 256;
    private static final int STALL_AT = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** How long the listener stays stalled: past the heartbeat timeout (1 s). */
    private static final Duration STALL = Duration.ofMillis(1200);

    private final EventRecorder events = new EventRecorder();
    private ScriptedServer server;
    private MarketFeed feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everySerialArrivesOnceInOrderWhileBackPressureHoldsTheSocket() throws Exception {
        server = ScriptedServer.start();
        server.onOpen("{\"type\":\"connected\",\"plan\":\"pro\",\"limits\":{\"max_symbols_per_connection\":60,"
                + "\"max_symbols_per_call\":20}}")
                .rule(Rule.matching("\"action\":\"subscribe\"", "{\"type\":\"subscribed\",\"symbols\":[\"2222\"]}"))
                .rule(Rule.matching("\"action\":\"ping\"", "{\"type\":\"pong\"}"));
        long[] serials = new long[FRAMES];
        AtomicInteger delivered = new AtomicInteger();
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        feed = MarketFeed.builder()
                .provider(new SahmkProvider(), ProviderDefaults.with("sahmk", Map.of(
                        "api-key", "shmk_test_lossless",
                        "endpoint", "ws://127.0.0.1:" + server.port(),
                        "symbols", List.of("2222"),
                        "heartbeat.interval", "300ms", "heartbeat.timeout", "1s")))
                .listener("slow", event -> {
                    if (!(event instanceof Quote)) {
                        return;
                    }
                    int index = delivered.getAndIncrement();
                    if (index < FRAMES) {
                        serials[index] = ((Quote) event).volume().longValueExact();
                    }
                    if (index == STALL_AT) {
                        stalled.countDown();
                        await(release);
                    } else if (index % 1000 == 0) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                    }
                }, DeliveryPolicy.lossless(CAPACITY))
                .listener("recorder", events, DeliveryPolicy.lossless(100_000))
                .build();
        feed.start();
        ScriptedConnection connection = server.awaitConnection(1, WAIT);
        server.await("the subscribe request", WAIT, () -> connection.receivedTexts().stream()
                .anyMatch(text -> text.contains("subscribe")));

        for (int serial = 0; serial < FRAMES; serial++) {
            assertTrue(connection.send("{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":32.50,"
                    + "\"volume\":" + serial + "},\"timestamp\":\"2026-02-10T12:19:22+00:00\"}"));
        }

        assertTrue(stalled.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the listener never got to its stall");
        long atStall = framesReceived();
        // Real time on purpose: what is checked here is the real transport, Jetty's demand stopping the reads and TCP
        // holding the server's writer, which the virtual network cannot show. That a stopped reader is never taken
        // for a dead server, however long, is SahmkOnVirtualTimeTest's (an hour of virtual time); here the stall
        // only needs to outlast the heartbeat timeout (1 s) once, so 1.2 s instead of 2.5 s.
        assertFalse(Waits.holdsWithin(() -> framesReceived() > atStall + CAPACITY + 4, STALL),
                "reading went on while the listener was stalled: " + framesReceived() + " frames, " + atStall
                        + " at the stall");
        release.countDown();

        Waits.until(() -> delivered.get() >= FRAMES, WAIT, () -> "only " + delivered.get() + " of " + FRAMES
                + " quotes delivered; " + feed.snapshot());
        for (int i = 0; i < FRAMES; i++) {
            assertEquals(i, serials[i], "serial at position " + i);
        }
        assertEquals(FRAMES, delivered.get(), "no quote twice");
        assertEquals(1, server.handshakes().size(), "the connection was never replaced: " + events.tail());
        assertTrue(events.states(ConnectionState.DISCONNECTED).isEmpty(), events.tail());
        assertTrue(events.all(GapEvent.class).isEmpty(), "no blind window: " + events.tail());
        FeedSnapshot.ListenerSnapshot slow = feed.snapshot().listeners().get(0);
        assertEquals(0, slow.dropped(), slow.toString());
        assertEquals(0, slow.conflated(), slow.toString());
        assertEquals(FRAMES, feed.snapshot().providers().get(0).activity().events().get("quote"));
    }

    private long framesReceived() {
        return feed.snapshot().providers().get(0).connections().stream()
                .mapToLong(connection -> connection.framesReceived()).sum();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
