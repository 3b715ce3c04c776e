package io.marketfeed.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.sink.SampleEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The handoff never drops: a full queue holds the listener's thread (the runtime then pauses the sockets). */
@Timeout(10)
class EventHandoffTest {

    @Test
    void aFullQueueHoldsTheListenerUntilPollTakesEventsAndNothingIsLost() throws Exception {
        EventHandoff handoff = new EventHandoff(16);
        List<MarketEvent> events = SampleEvents.stream(100);
        CountDownLatch done = new CountDownLatch(1);
        Thread listener = new Thread(() -> {
            events.forEach(handoff::onEvent);
            done.countDown();
        }, "listener");
        listener.start();
        assertFalse(done.await(300, TimeUnit.MILLISECONDS), "the listener waits while the queue is full");

        List<MarketEvent> taken = new ArrayList<>();
        while (taken.size() < events.size()) {
            handoff.drain(taken, 10, 1_000);
        }
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(events, taken, "every event, once, in order");
        assertEquals(0, handoff.drain(new ArrayList<>(), 10, 10), "an empty queue returns after the wait");
    }

    @Test
    void closingLetsAWaitingListenerGo() throws Exception {
        EventHandoff handoff = new EventHandoff(16);
        List<MarketEvent> events = SampleEvents.stream(100);
        Thread listener = new Thread(() -> events.forEach(handoff::onEvent), "listener");
        listener.start();
        listener.join(300);
        assertTrue(listener.isAlive(), "held by the full queue");
        handoff.close();
        listener.join(5_000);
        assertFalse(listener.isAlive(), "let go once the task stops");
    }
}
