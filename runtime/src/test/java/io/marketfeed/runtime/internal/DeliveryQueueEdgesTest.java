package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.runtime.DeliveryPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The delivery queue at its edges, single-threaded: more events than its first ring holds, drops behind a
 * lifecycle event, a merge into the oldest queued quote, the exact half-full point where a producer resumes itself,
 * and a closed queue.
 */
class DeliveryQueueEdgesTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static Quote quote(String symbol, int price) {
        return Quote.builder("p", symbol, T0.plusMillis(price)).price(BigDecimal.valueOf(price)).build();
    }

    private static ConnectionEvent connected() {
        return new ConnectionEvent("p", "p/ws#1", ConnectionState.CONNECTED, "test", 0, null, T0);
    }

    private static List<MarketEvent> poll(DeliveryQueue queue, int max) {
        MarketEvent[] batch = new MarketEvent[max];
        int count = queue.poll(batch);
        return new ArrayList<>(Arrays.asList(batch).subList(0, count));
    }

    @Test
    void thousandsOfQueuedEventsComeOutAllAndInOrder() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.lossless(10_000));
        for (int i = 0; i < 3_000; i++) {
            assertTrue(queue.offer(quote("S", i)));
        }
        assertEquals(3_000, queue.size());
        List<MarketEvent> out = new ArrayList<>();
        for (List<MarketEvent> batch = poll(queue, 700); !batch.isEmpty(); batch = poll(queue, 700)) {
            out.addAll(batch);
        }
        assertEquals(3_000, out.size());
        for (int i = 0; i < 3_000; i++) {
            assertEquals(BigDecimal.valueOf(i), ((Quote) out.get(i)).price(), "event " + i);
        }
        assertEquals(0, queue.size());
    }

    @Test
    void theRingGrowsWhileItsHeadHasMoved() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.lossless(10_000));
        for (int i = 0; i < 600; i++) {
            queue.offer(quote("S", i));
        }
        assertEquals(500, poll(queue, 500).size());
        for (int i = 600; i < 2_000; i++) {
            queue.offer(quote("S", i));
        }
        List<MarketEvent> rest = poll(queue, 5_000);
        assertEquals(1_500, rest.size());
        for (int i = 0; i < rest.size(); i++) {
            assertEquals(BigDecimal.valueOf(500 + i), ((Quote) rest.get(i)).price());
        }
    }

    @Test
    void droppingTheOldestSkipsLifecycleEventsAndTheHolesDropsLeave() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.dropOldest(2));
        ConnectionEvent connected = connected();
        queue.offer(connected);
        queue.offer(quote("A", 1));
        queue.offer(quote("A", 2));
        queue.offer(quote("A", 3));
        assertEquals(1, queue.dropped(), "A1 went, the connection event stayed");
        assertEquals(List.of(connected), poll(queue, 1));
        queue.offer(quote("A", 4));
        assertEquals(2, queue.dropped());
        assertEquals(List.of(quote("A", 3), quote("A", 4)), poll(queue, 10));
        assertEquals(DeliveryPolicy.Mode.DROP_OLDEST, queue.policy().mode());
    }

    @Test
    void aQuoteMergesIntoTheOldestQueuedQuoteOfItsSymbol() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.conflateLatest(8));
        for (String symbol : List.of("A", "B", "C", "D")) {
            queue.offer(quote(symbol, 1));
        }
        queue.offer(quote("A", 2));
        for (String symbol : List.of("E", "F", "G")) {
            queue.offer(quote(symbol, 1));
        }
        assertEquals(4, poll(queue, 4).size());
        assertTrue(queue.offer(quote("A", 3)), "a merge never asks the producer to wait");
        assertEquals(1, queue.conflated(), "A2, now first in the queue, was replaced");
        List<MarketEvent> rest = poll(queue, 10);
        assertEquals(List.of(quote("A", 3), quote("E", 1), quote("F", 1), quote("G", 1)), rest);
    }

    @Test
    void belowHalfFullQuotesAreNotMerged() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.conflateLatest(8));
        queue.offer(quote("A", 1));
        queue.offer(quote("A", 2));
        queue.offer(quote("A", 3));
        assertEquals(0, queue.conflated());
        assertEquals(3, queue.size());
    }

    @Test
    void aProducerResumesByItselfWhenTheQueueIsExactlyHalfFull() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.lossless(4));
        assertTrue(queue.offer(quote("S", 1)));
        assertTrue(queue.offer(quote("S", 2)));
        assertTrue(queue.offer(quote("S", 3)));
        assertFalse(queue.offer(quote("S", 4)), "full: stop reading");
        assertTrue(queue.offer(connected()), "lifecycle events never ask a producer to wait");
        List<String> resumed = new ArrayList<>();
        assertTrue(queue.pause(() -> resumed.add("first")), "still full: wait for the consumer");
        poll(queue, 1);
        assertEquals(List.of(), resumed, "three of four: no room yet");
        poll(queue, 1);
        assertEquals(List.of("first"), resumed, "two of four is room");
        assertFalse(queue.pause(() -> resumed.add("second")), "at half the producer goes on by itself");
        assertEquals(List.of("first"), resumed);
    }

    @Test
    void aClosedQueueCountsWhatComesAsDroppedAndNeverHoldsAProducer() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.lossless(2));
        queue.offer(quote("S", 1));
        queue.offer(quote("S", 2));
        queue.close();
        assertTrue(queue.offer(quote("S", 3)), "nothing to wait for");
        assertEquals(1, queue.dropped());
        assertFalse(queue.pause(() -> { }));
        assertFalse(queue.isClosedAndEmpty(), "what was queued can still be taken");
        assertEquals(2, poll(queue, 10).size());
        assertTrue(queue.isClosedAndEmpty());
        queue.await(1_000_000_000L);
        assertSame(DeliveryPolicy.Mode.LOSSLESS, queue.policy().mode());
    }
}
