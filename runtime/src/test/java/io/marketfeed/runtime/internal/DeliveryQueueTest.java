package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.model.Trade;
import io.marketfeed.runtime.DeliveryPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DeliveryQueueTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final long WAIT_SECONDS = 5;

    private static Quote quote(String symbol, int price) {
        return quote("p", symbol, price);
    }

    private static Quote quote(String provider, String symbol, int price) {
        return Quote.builder(provider, symbol, T0.plusMillis(price)).price(BigDecimal.valueOf(price)).build();
    }

    private static Trade trade(String symbol, int price) {
        return new Trade("p", symbol, BigDecimal.valueOf(price), BigDecimal.ONE, null, Side.BUY, "t" + price, null,
                T0.plusMillis(price));
    }

    private static BookSnapshot book(String symbol, int price) {
        BookLevel level = new BookLevel(BigDecimal.valueOf(price), BigDecimal.TEN, null);
        return new BookSnapshot("p", symbol, List.of(level), List.of(level), null, T0.plusMillis(price));
    }

    private static ConnectionEvent connection(ConnectionState state) {
        return new ConnectionEvent("p", "p/ws#1", state, "test", 0, null, T0);
    }

    private static GapEvent gap() {
        return new GapEvent("p", "p/ws#1", List.of("A"), T0, T0.plusSeconds(1), "reconnect", T0);
    }

    private static StatusEvent status() {
        return new StatusEvent("p", "capacity", "full", Map.of(), T0);
    }

    private static List<MarketEvent> pollAll(DeliveryQueue queue) throws InterruptedException {
        List<MarketEvent> out = new ArrayList<>();
        for (MarketEvent event = queue.poll(0, TimeUnit.MILLISECONDS); event != null;
                event = queue.poll(0, TimeUnit.MILLISECONDS)) {
            out.add(event);
        }
        return out;
    }

    private static void offerAll(DeliveryQueue queue, MarketEvent... events) throws InterruptedException {
        for (MarketEvent event : events) {
            assertTrue(queue.offer(event), "offer of " + event);
        }
    }

    /** Waits (without sleeping) until the thread parks, i.e. blocks on the queue's condition. */
    private static void awaitParked(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                return;
            }
            if (state == Thread.State.TERMINATED) {
                fail("the producer finished instead of blocking");
            }
            if (System.nanoTime() > deadline) {
                fail("the producer did not block within " + WAIT_SECONDS + " s; state " + state);
            }
            Thread.onSpinWait();
        }
    }

    // ------------------------------------------------------------------ DROP_OLDEST

    @Test
    void dropOldestDropsTheOldestMarketDataAndCountsIt() throws InterruptedException {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.dropOldest(3));
        Trade t1 = trade("A", 1);
        Quote q2 = quote("A", 2);
        ConnectionEvent up = connection(ConnectionState.CONNECTED);
        Trade t3 = trade("B", 3);
        Quote q4 = quote("A", 4);
        Trade t5 = trade("C", 5);

        offerAll(queue, t1, q2, up, t3, q4, t5);

        assertEquals(2, queue.dropped());
        assertEquals(0, queue.conflated(), "no conflation in drop-oldest mode");
        assertEquals(List.of(up, t3, q4, t5), pollAll(queue),
                "t1 and q2 were dropped; the lifecycle event keeps its place; quotes are not conflated");
    }

    @Test
    void dropOldestNeverDropsLifecycleEventsEvenBeyondCapacity() throws InterruptedException {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.dropOldest(2));
        ConnectionEvent down = connection(ConnectionState.DISCONNECTED);
        GapEvent gap = gap();
        StatusEvent status = status();
        ConnectionEvent up = connection(ConnectionState.CONNECTED);
        Quote a = quote("A", 1);
        Quote b = quote("B", 2);
        Quote c = quote("C", 3);

        offerAll(queue, down, a, gap, b, status, c, up);

        assertEquals(6, queue.size(), "4 lifecycle events over a capacity of 2, and 2 market-data events");
        assertEquals(1, queue.dropped(), "only market data is dropped");
        assertEquals(List.of(down, gap, b, status, c, up), pollAll(queue));

        for (int i = 0; i < 10; i++) {
            assertTrue(queue.offer(connection(ConnectionState.RECONNECTING)));
        }
        assertEquals(10, queue.size());
        assertEquals(1, queue.dropped());
    }

    @Test
    void pollingMakesRoomSoNothingIsDropped() throws InterruptedException {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.dropOldest(1));
        Quote a = quote("A", 1);
        Quote b = quote("B", 2);
        offerAll(queue, a);
        assertSame(a, queue.poll(1, TimeUnit.SECONDS));
        offerAll(queue, b);
        assertSame(b, queue.poll(1, TimeUnit.SECONDS));
        assertEquals(0, queue.dropped());
    }

    // ------------------------------------------------------------------ CONFLATE_LATEST

    @Test
    void conflateLatestKeepsTheNewestQuotePerSymbolInItsOriginalPosition() throws InterruptedException {
        DeliveryQueue queue = new DeliveryQueue(new DeliveryPolicy(DeliveryPolicy.Mode.CONFLATE_LATEST, 100));
        Quote a1 = quote("A", 1);
        Trade ta = trade("A", 2);
        Quote b1 = quote("B", 3);
        Quote a2 = quote("A", 4);
        GapEvent gap = gap();
        Quote a3 = quote("A", 5);
        Quote b2 = quote("B", 6);

        offerAll(queue, a1, ta, b1, a2, gap, a3, b2);

        assertEquals(3, queue.conflated());
        assertEquals(0, queue.dropped());
        assertEquals(4, queue.size());
        assertEquals(List.of(a3, ta, b2, gap), pollAll(queue),
                "A's newest quote sits where A's first quote was queued");
    }

    @Test
    void conflateLatestKeepsEveryTrade() throws InterruptedException {
        DeliveryQueue queue = new DeliveryQueue(new DeliveryPolicy(DeliveryPolicy.Mode.CONFLATE_LATEST, 100));
        Trade t1 = trade("A", 1);
        Trade t2 = trade("A", 2);
        Trade t3 = trade("A", 3);
        offerAll(queue, t1, t2, t3);
        assertEquals(0, queue.conflated());
        assertEquals(List.of(t1, t2, t3), pollAll(queue));
    }

    @Test
    void conflateLatestConflatesBooksSeparatelyFromQuotesAndProvidersSeparately() throws InterruptedException {
        DeliveryQueue queue = new DeliveryQueue(new DeliveryPolicy(DeliveryPolicy.Mode.CONFLATE_LATEST, 100));
        BookSnapshot book1 = book("A", 1);
        Quote quote = quote("A", 2);
        Quote other = quote("q", "A", 3);
        BookSnapshot book2 = book("A", 4);
        offerAll(queue, book1, quote, other, book2);
        assertEquals(1, queue.conflated());
        assertEquals(List.of(book2, quote, other), pollAll(queue));
    }

    @Test
    void aPolledQuoteIsNoLongerConflatedInto() throws InterruptedException {
        DeliveryQueue queue = new DeliveryQueue(new DeliveryPolicy(DeliveryPolicy.Mode.CONFLATE_LATEST, 100));
        Quote a1 = quote("A", 1);
        Trade t = trade("B", 2);
        Quote a2 = quote("A", 3);
        offerAll(queue, a1, t);
        assertSame(a1, queue.poll(1, TimeUnit.SECONDS));
        offerAll(queue, a2);
        assertEquals(0, queue.conflated());
        assertEquals(List.of(t, a2), pollAll(queue), "a fresh quote goes to the back");
    }

    @Test
    void conflateLatestDropsTheOldestWhenFullOfDistinctSymbols() throws InterruptedException {
        DeliveryQueue queue = new DeliveryQueue(new DeliveryPolicy(DeliveryPolicy.Mode.CONFLATE_LATEST, 2));
        Quote a1 = quote("A", 1);
        Quote b = quote("B", 2);
        Quote c = quote("C", 3);
        Quote a2 = quote("A", 4);
        offerAll(queue, a1, b, c, a2);
        assertEquals(2, queue.dropped(), "a1 to make room for c, then b to make room for a2");
        assertEquals(0, queue.conflated(), "A's first quote was dropped, so the second one is not a conflation");
        assertEquals(List.of(c, a2), pollAll(queue));
    }

    // ------------------------------------------------------------------ BLOCK

    @Test
    void blockMakesTheProducerWaitUntilTheConsumerPolls() throws Exception {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.block(1));
        Quote first = quote("A", 1);
        Quote second = quote("B", 2);
        offerAll(queue, first);

        CountDownLatch offering = new CountDownLatch(1);
        CountDownLatch offered = new CountDownLatch(1);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            offering.countDown();
            try {
                result.set(queue.offer(second));
            } catch (Throwable e) {
                result.set(e);
            }
            offered.countDown();
        }, "blocked-producer");
        producer.setDaemon(true);
        producer.start();

        assertTrue(offering.await(WAIT_SECONDS, TimeUnit.SECONDS));
        awaitParked(producer);
        assertEquals(1, offered.getCount(), "the producer must wait while the queue is full");
        assertEquals(1, queue.size());
        assertEquals(0, queue.dropped());

        assertSame(first, queue.poll(1, TimeUnit.SECONDS));

        assertTrue(offered.await(WAIT_SECONDS, TimeUnit.SECONDS), "polling must release the producer");
        assertEquals(Boolean.TRUE, result.get());
        assertSame(second, queue.poll(1, TimeUnit.SECONDS));
        assertEquals(0, queue.dropped());
        producer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    @Test
    void blockNeverHoldsBackLifecycleEvents() throws InterruptedException {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.block(1));
        Quote a = quote("A", 1);
        ConnectionEvent down = connection(ConnectionState.DISCONNECTED);
        GapEvent gap = gap();
        offerAll(queue, a, down, gap); // returns at once although market data fills the queue
        assertEquals(List.of(a, down, gap), pollAll(queue));
    }

    @Test
    void closeWakesABlockedProducer() throws Exception {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.block(1));
        Quote first = quote("A", 1);
        offerAll(queue, first);

        CountDownLatch offered = new CountDownLatch(1);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                result.set(queue.offer(quote("B", 2)));
            } catch (Throwable e) {
                result.set(e);
            }
            offered.countDown();
        }, "blocked-producer");
        producer.setDaemon(true);
        producer.start();
        awaitParked(producer);
        assertEquals(1, offered.getCount());

        queue.close();

        assertTrue(offered.await(WAIT_SECONDS, TimeUnit.SECONDS), "close must wake the blocked producer");
        assertEquals(Boolean.FALSE, result.get(), "the event was not queued");
        assertFalse(queue.offer(quote("C", 3)), "a closed queue accepts nothing");
        assertFalse(queue.offer(connection(ConnectionState.CLOSED)), "not even lifecycle events");
        assertSame(first, queue.poll(1, TimeUnit.SECONDS), "what was queued can still be polled");
        assertNull(queue.poll(1, TimeUnit.SECONDS), "closed and empty: null at once");
        producer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    @Test
    void closeWakesAWaitingConsumer() throws Exception {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.block(1));
        CountDownLatch polled = new CountDownLatch(1);
        AtomicReference<Object> result = new AtomicReference<>("not yet");
        Thread consumer = new Thread(() -> {
            try {
                result.set(queue.poll(1, TimeUnit.HOURS));
            } catch (Throwable e) {
                result.set(e);
            }
            polled.countDown();
        }, "waiting-consumer");
        consumer.setDaemon(true);
        consumer.start();
        awaitParked(consumer);

        queue.close();

        assertTrue(polled.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertNull(result.get());
    }

    @Test
    void pollWaitsForAnOffer() throws Exception {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.dropOldest(4));
        Quote a = quote("A", 1);
        CountDownLatch polled = new CountDownLatch(1);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                result.set(queue.poll(1, TimeUnit.HOURS));
            } catch (Throwable e) {
                result.set(e);
            }
            polled.countDown();
        }, "waiting-consumer");
        consumer.setDaemon(true);
        consumer.start();
        awaitParked(consumer);

        offerAll(queue, a);

        assertTrue(polled.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertSame(a, result.get());
    }

    @Test
    void pollTimesOutWithNull() throws InterruptedException {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.dropOldest(4));
        long start = System.nanoTime();
        assertNull(queue.poll(20, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(20).toNanos() - Duration.ofMillis(1).toNanos());
    }
}
