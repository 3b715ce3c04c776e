package io.marketfeed.it.virtual;

import static io.marketfeed.it.virtual.VirtualProviderFeed.sinceStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.Quote;
import io.marketfeed.provider.sahmk.SahmkProvider;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.testkit.Await;
import io.marketfeed.testkit.ReceivedFrame;
import io.marketfeed.testkit.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SAHMK provider's "nothing happens" properties on virtual time: no retry after a fatal close, a quiet but
 * answering connection kept, reading stopped (and not taken for a dead server) while a lossless listener is behind.
 * Each holds over an hour, checked exactly, in milliseconds of real time. The server speaks SAHMK as the simulator
 * does ({@code simulator/…/sahmk/SahmkMessages}): {@code connected} on open, {@code subscribed} for each subscribe,
 * {@code pong} for each ping; the heartbeat settings are the provider's defaults (a ping every 30 s, stale after
 * 90 s) unless a case says otherwise. Each property has a twin that shows the check would notice its breach.
 */
class SahmkOnVirtualTimeTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final String CONNECTED = "{\"type\":\"connected\",\"plan\":\"pro\",\"limits\":"
            + "{\"max_symbols_per_connection\":60,\"max_symbols_per_call\":20,\"stream_modes\":[\"quotes\"]},"
            + "\"message\":\"Connected to SAHMK real-time stock stream\",\"timestamp\":\"2026-02-10T10:00:00.000Z\"}";
    private static final String PONG = "{\"type\":\"pong\",\"timestamp\":\"2026-02-10T10:00:00.000Z\"}";

    private final VirtualProviderFeed virtual = new VirtualProviderFeed();

    @AfterEach
    void stop() {
        virtual.close();
    }

    private MarketFeed start(List<VirtualProviderFeed.Listener> listeners) {
        virtual.server.onOpen(CONNECTED)
                .rule(Rule.matching("\"action\":\"subscribe\",\"symbols\":\\[([^\\]]*)\\]", match -> List.of(
                        "{\"type\":\"subscribed\",\"symbols\":[" + match.group(1) + "],\"total\":1,\"limit\":60}")))
                .rule(Rule.matching("\"action\":\"ping\"", PONG));
        return virtual.start(new SahmkProvider(), Map.of("api-key", "shmk_test_FAKE_virtual",
                "symbols", List.of("2222")), listeners);
    }

    @ParameterizedTest(name = "close {0}")
    @ValueSource(ints = {4401, 4403})
    void aFatalCloseIsNotRetriedInAnHour(int code) throws Exception {
        MarketFeed feed = start(List.of());
        virtual.server.closeAll(code, "Invalid API key");
        virtual.runDue();

        assertTrue(feed.allProvidersFailed().isDone(), "failed at once on close " + code);
        String failure = feed.allProvidersFailed().get(0, TimeUnit.SECONDS).get(0);
        assertTrue(failure.contains(Integer.toString(code)), failure);
        virtual.advance(HOUR);

        assertEquals(1, virtual.server.handshakes().size(), "no retry in an hour: " + virtual.server.handshakes());
        ProviderSnapshot provider = virtual.provider();
        assertTrue(provider.failed(), provider.toString());
        assertEquals(0, provider.activity().reconnects(), provider.toString());
        virtual.stop();
        assertFalse(virtual.states().contains(ConnectionState.RECONNECTING), virtual.states().toString());
        ConnectionEvent failed = virtual.events.states(ConnectionState.FAILED).get(0);
        assertTrue(failed.reason().contains(code == 4401 ? "SAHMK_API_KEY" : "plan"),
                "says what to fix: " + failed.reason());
    }

    /** The twin: the same server closing with 4000 (a generic failure) is dialled again and again. */
    @Test
    void aRetryableCloseIsRetriedWithinTheHour() {
        MarketFeed feed = start(List.of());
        virtual.server.closeAll(4000, "Generic connection or server failure");
        virtual.advance(HOUR);

        assertFalse(feed.allProvidersFailed().isDone());
        assertTrue(virtual.server.handshakes().size() > 1, "redialled: " + virtual.server.handshakes());
        // Reconnect policy defaults, jitter at its middle: the first retry exactly 1 s after the close.
        assertEquals(Duration.ofSeconds(1), sinceStart(virtual.server.handshakes().get(1).at()));
    }

    @Test
    void aQuietButAnsweringConnectionIsKeptForAnHour() {
        start(List.of());
        virtual.advance(HOUR);

        assertEquals(1, virtual.server.handshakes().size(), "never replaced: " + virtual.server.handshakes());
        List<Duration> pings = pingTimes();
        assertEquals(120, pings.size(), "a ping every 30 s for an hour: " + pings);
        for (int i = 0; i < pings.size(); i++) {
            assertEquals(Duration.ofSeconds(30L * (i + 1)), pings.get(i), "ping " + (i + 1));
        }
        ProviderSnapshot provider = virtual.provider();
        assertEquals(0, provider.activity().staleDetections(), provider.toString());
        assertEquals(ConnectionState.CONNECTED, provider.connections().get(0).state());
        virtual.stop();
        assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.CONNECTED), virtual.states()
                .subList(0, virtual.states().indexOf(ConnectionState.CONNECTED) + 1));
        assertFalse(virtual.states().contains(ConnectionState.DISCONNECTED), virtual.states().toString());
    }

    /** The twin: when the pongs stop, the connection is replaced at the first check past the 90 s timeout. */
    @Test
    void aConnectionThatStopsAnsweringIsReplacedAtTheTimeout() {
        start(List.of());
        virtual.assertReplacedOnceSilentFor(Duration.ofSeconds(90));
    }

    /**
     * A lossless listener that blocks: reading stops once its queue (5) is full, stays stopped for an hour (forty
     * stale timeouts) without the connection being taken for dead, and every quote arrives once it lets go.
     */
    @Test
    void readingStaysStoppedWhileALosslessListenerIsBehindAndNothingIsLost() {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> volumes = new ArrayList<>();
        AtomicLong delivered = new AtomicLong();
        start(List.of(new VirtualProviderFeed.Listener("blocking", event -> {
            if (event instanceof Quote quote) {
                blocked.countDown();
                await(release);
                volumes.add(quote.volume().longValueExact());
                delivered.incrementAndGet();
            }
        }, DeliveryPolicy.lossless(5))));
        try {
            virtual.server.push(quote(0));
            virtual.runDue();
            await(blocked);
            for (int serial = 1; serial < 500; serial++) {
                virtual.server.push(quote(serial));
            }
            virtual.runDue();
            long atPause = framesReceived();
            // Connected and subscribed, then quote 0 (the listener holds it) and the 5 that fill its queue.
            assertEquals(2 + 1 + 5, atPause, "reading stopped as the queue filled");

            virtual.advance(HOUR);

            assertEquals(atPause, framesReceived(), "nothing read while the listener is behind");
            ProviderSnapshot provider = virtual.provider();
            assertEquals(0, provider.activity().staleDetections(), "our own pause is not a dead server");
            assertEquals(1, virtual.server.handshakes().size());
            assertEquals(ConnectionState.CONNECTED, provider.connections().get(0).state());
        } finally {
            release.countDown();
        }
        Await.until(() -> delivered.get() == 500, Duration.ofSeconds(10),
                () -> "delivery did not resume: " + delivered.get() + " of 500");
        for (int i = 0; i < 500; i++) {
            assertEquals(i, volumes.get(i), "serial at position " + i);
        }
        FeedSnapshot.ListenerSnapshot blocking = virtual.feed().snapshot().listeners().get(0);
        assertEquals(0, blocking.dropped() + blocking.conflated(), blocking.toString());
    }

    private List<Duration> pingTimes() {
        return virtual.server.received().stream().filter(frame -> frame.text().contains("\"ping\""))
                .map(ReceivedFrame::at).map(VirtualProviderFeed::sinceStart).toList();
    }

    private long framesReceived() {
        return virtual.provider().connections().stream().mapToLong(connection -> connection.framesReceived()).sum();
    }

    private static String quote(long serial) {
        return "{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":32.50,\"volume\":" + serial
                + "},\"timestamp\":\"2026-02-10T12:19:22+00:00\"}";
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("waited 10 s for a latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
