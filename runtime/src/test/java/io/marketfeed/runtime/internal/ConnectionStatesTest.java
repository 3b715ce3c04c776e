package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.ReconnectPolicy;
import io.marketfeed.runtime.testing.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connection's published state on virtual time: each change is an event with the attempt, the wait and the time,
 * and the time up (connected or paused) is summed over every spell.
 */
class ConnectionStatesTest {

    private final ManualScheduler time = ManualScheduler.callerRuns();
    private final Delivery listener = new Delivery("test", event -> { }, DeliveryPolicy.lossless(100));
    private final ConnectionStates states = new ConnectionStates("fake", "fake/main#1", new EngineContext(time, null,
            List.of(listener), time.clock(), ReconnectPolicy.defaults(), Duration.ofSeconds(10), Duration.ofSeconds(5),
            () -> 0.5, time::nanoTime, new SecretMask(List.of())));

    @Test
    void eachChangeIsPublishedAndTheTimeUpIsSummedOverEverySpell() {
        assertEquals(ConnectionState.CONNECTING, states.state());
        assertEquals(Duration.ZERO, states.upTime());
        time.advance(Duration.ofSeconds(1));
        states.change(ConnectionState.CONNECTED, null, 0, null);
        time.advance(Duration.ofSeconds(10));
        states.change(ConnectionState.PAUSED, "credits spent", 0, null);
        time.advance(Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(15), states.upTime(), "paused is up");
        states.change(ConnectionState.DISCONNECTED, "connection lost (1006)", 0, null);
        states.change(ConnectionState.RECONNECTING, "connection lost (1006)", 1, Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(100));
        assertEquals(Duration.ofSeconds(15), states.upTime(), "down is not up");
        states.change(ConnectionState.CONNECTED, null, 1, null);
        time.advance(Duration.ofSeconds(2));
        states.change(ConnectionState.CONNECTED, "data flows again", 1, null);
        time.advance(Duration.ofSeconds(2));

        assertEquals(Duration.ofSeconds(19), states.upTime());
        assertEquals(ConnectionState.CONNECTED, states.state());
        assertEquals("data flows again", states.reason());
        MarketEvent[] batch = new MarketEvent[16];
        assertEquals(6, listener.queue().poll(batch));
        assertEquals(new ConnectionEvent("fake", "fake/main#1", ConnectionState.RECONNECTING,
                "connection lost (1006)", 1, Duration.ofSeconds(1), Instant.EPOCH.plusSeconds(16)), batch[3]);
    }
}
