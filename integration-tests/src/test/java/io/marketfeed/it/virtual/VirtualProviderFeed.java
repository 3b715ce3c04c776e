package io.marketfeed.it.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedListener;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.runtime.testing.ManualScheduler;
import io.marketfeed.runtime.testing.VirtualNetwork;
import io.marketfeed.testkit.EventRecorder;
import io.marketfeed.testkit.ScriptedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real provider (through {@code MarketFeed.Builder.provider}, so {@code ProviderHost} and the provider's own
 * settings) on a {@link VirtualNetwork}, against a {@link ScriptedServer} the test scripts on the same network. The
 * feed's timers and the server's (scheduled with {@link #every}) run on one {@link ManualScheduler}: a test lets an
 * hour pass in microseconds ({@link #advance}), and every time it reads is exact virtual time since the start.
 *
 * <p>What the feed publishes reaches the {@link #events} recorder on the feed's delivery thread, the one real
 * thread left. {@link #stop()} closes the feed, which hands the listeners everything published before it returns:
 * counts of events taken after it are exact. Until then the test judges by what is exact at once: the server's
 * records and the feed's {@linkplain #provider() snapshot}.
 *
 * <p>Threading: one test thread drives time and reads; scheduler tasks run one at a time, never alongside.
 */
final class VirtualProviderFeed implements AutoCloseable {

    final ManualScheduler scheduler = ManualScheduler.withDriver();
    final VirtualNetwork network = new VirtualNetwork(scheduler);
    final ScriptedServer server = ScriptedServer.on(network);
    final EventRecorder events = new EventRecorder();
    private MarketFeed feed;
    private boolean stopped;

    /** Starts the provider with these settings, pointed at the server, and runs what the start sets off now. */
    MarketFeed start(MarketFeedProvider provider, Map<String, Object> settings) {
        return start(provider, settings, List.of());
    }

    /** Starts the provider with more listeners before the recorder (such as a slow one, lossless). */
    MarketFeed start(MarketFeedProvider provider, Map<String, Object> settings, List<Listener> listeners) {
        Map<String, Object> values = new HashMap<>(settings);
        values.putIfAbsent("endpoint", server.uri().toString());
        MarketFeed.Builder builder = MarketFeed.builder()
                .provider(provider, ProviderDefaults.with(provider.id(), values))
                .virtualNetwork(network)
                .stopTimeout(Duration.ofSeconds(5));
        for (Listener listener : listeners) {
            builder.listener(listener.name(), listener.listener(), listener.policy());
        }
        feed = builder.listener("recorder", events, DeliveryPolicy.dropOldest(1_000_000)).build();
        feed.start();
        runDue();
        return feed;
    }

    /** A listener to add to the feed. */
    record Listener(String name, FeedListener listener, DeliveryPolicy policy) {
    }

    /** Runs what is due at the current virtual time, and what that sets off. */
    void runDue() {
        scheduler.runDue();
    }

    /** Lets {@code duration} of virtual time pass: every timer due on the way runs, in time order. */
    void advance(Duration duration) {
        scheduler.runDue();
        scheduler.advance(duration);
    }

    /** Virtual time since the start. */
    Duration now() {
        return scheduler.elapsed();
    }

    /** An instant of the virtual clock (the server's records, event times) as time since the start. */
    static Duration sinceStart(Instant instant) {
        return Duration.between(Instant.EPOCH, instant);
    }

    /** Runs {@code task} on the scheduler every {@code period}, first after one period: a server's own timer. */
    void every(Duration period, Runnable task) {
        scheduler.scheduleAtFixedRate(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stalls the server now (it answers nothing more, heartbeats included) and checks that the connection, silent
     * since the last frame it read (at the current time), is given up at the first stale check past
     * {@code timeout} (the checks run each second for timeouts of 5 s and more) and redialled one second later, the
     * first step of the default reconnect policy with its jitter at the middle.
     */
    void assertReplacedOnceSilentFor(Duration timeout) {
        Duration silentSince = now();
        server.stallAll();
        advance(timeout);
        assertEquals(0, provider().activity().staleDetections(), "silent for " + timeout + ": not yet stale");
        advance(Duration.ofSeconds(1));
        assertEquals(1, provider().activity().staleDetections(), "silent past " + timeout + ": stale");
        advance(Duration.ofSeconds(1));
        assertEquals(2, server.handshakes().size(), server.handshakes().toString());
        assertEquals(silentSince.plus(timeout).plusSeconds(2), sinceStart(server.handshakes().get(1).at()),
                "redialled 1 s (the first backoff step) after the stale check");
    }

    /** The provider's state now (taken on the control thread, at the current virtual time). */
    ProviderSnapshot provider() {
        return feed.snapshot().providers().get(0);
    }

    MarketFeed feed() {
        return feed;
    }

    /**
     * Closes the feed (gracefully, at the current virtual time) and returns every event it published: the feed's
     * close hands the listeners all that was queued before it returns, so nothing is still on its way.
     */
    List<MarketEvent> stop() {
        if (!stopped && feed != null) {
            stopped = true;
            feed.close();
        }
        return events.events();
    }

    /** The connection states published, in order, once {@linkplain #stop() stopped}. */
    List<ConnectionState> states() {
        List<ConnectionState> states = new ArrayList<>();
        events.all(io.marketfeed.api.model.ConnectionEvent.class).forEach(event -> states.add(event.state()));
        return states;
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            server.close();
            scheduler.shutdownNow();
        }
    }
}
