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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

    private static List<MarketEvent> pollAll(DeliveryQueue queue) {
        List<MarketEvent> out = new ArrayList<>();
        MarketEvent[] batch = new MarketEvent[3];
        for (int taken = queue.poll(batch); taken > 0; taken = queue.poll(batch)) {
            for (int i = 0; i < taken; i++) {
                out.add(batch[i]);
            }
        }
        return out;
    }

    private static MarketEvent pollOne(DeliveryQueue queue) {
        MarketEvent[] batch = new MarketEvent[1];
        return queue.poll(batch) == 1 ? batch[0] : null;
    }

    private static void offerAll(DeliveryQueue queue, MarketEvent... events) {
        for (MarketEvent event : events) {
            queue.offer(event);
        }
    }

    /** Waits (without sleeping) until the thread parks. */
    private static void awaitParked(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                return;
            }
            if (state == Thread.State.TERMINATED) {
                fail("the thread finished instead of waiting");
            }
            if (System.nanoTime() > deadline) {
                fail("the thread did not wait within " + WAIT_SECONDS + " s; state " + state);
            }
            Thread.onSpinWait();
        }
    }

    // ------------------------------------------------------------------ DROP_OLDEST

    @Test
    void dropOldestDropsTheOldestMarketDataAndCountsIt() {
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
    void dropOldestNeverDropsLifecycleEventsEvenBeyondCapacity() {
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

        for (int i = 0; i < 2000; i++) {
            assertTrue(queue.offer(connection(ConnectionState.RECONNECTING)));
        }
        assertEquals(2000, queue.size(), "the ring grows for lifecycle events");
        assertEquals(1, queue.dropped());
    }

    @Test
    void dropOldestUnderSustainedOverloadKeepsTheNewestInOrder() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.dropOldest(100));
        List<MarketEvent> offered = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            Trade trade = trade("A", i);
            offered.add(trade);
            queue.offer(trade);
        }
        assertEquals(99_900, queue.dropped());
        assertEquals(offered.subList(99_900, 100_000), pollAll(queue));
    }

    @Test
    void pollingMakesRoomSoNothingIsDropped() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.dropOldest(1));
        Quote a = quote("A", 1);
        Quote b = quote("B", 2);
        offerAll(queue, a);
        assertSame(a, pollOne(queue));
        offerAll(queue, b);
        assertSame(b, pollOne(queue));
        assertEquals(0, queue.dropped());
    }

    // ------------------------------------------------------------------ CONFLATE_LATEST

    @Test
    void conflateLatestMergesNothingWhileTheListenerKeepsUp() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.conflateLatest(100));
        List<MarketEvent> offered = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            Quote quote = quote("A", i);
            offered.add(quote);
            queue.offer(quote);
        }
        assertEquals(0, queue.conflated(), "below half the capacity every quote is kept");
        assertEquals(offered, pollAll(queue));
    }

    @Test
    void conflateLatestKeepsTheNewestQuotePerSymbolInItsPositionOnceBehind() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.conflateLatest(6));
        Trade t0 = trade("X", 0);
        Trade t1 = trade("X", 1);
        Trade t2 = trade("X", 2);
        Quote a1 = quote("A", 1);
        Trade ta = trade("A", 2);
        Quote b1 = quote("B", 3);
        Quote a2 = quote("A", 4);
        GapEvent gap = gap();
        Quote a3 = quote("A", 5);
        Quote b2 = quote("B", 6);

        offerAll(queue, t0, t1, t2, a1, ta, b1, a2, gap, a3, b2);

        assertEquals(3, queue.conflated());
        assertEquals(0, queue.dropped());
        assertEquals(List.of(t0, t1, t2, a3, ta, b2, gap), pollAll(queue),
                "A's newest quote sits where A's first quote (queued while behind) was");
    }

    @Test
    void conflateLatestKeepsEveryTrade() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.conflateLatest(100));
        List<MarketEvent> offered = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            Trade trade = trade("A", i);
            offered.add(trade);
            queue.offer(trade);
        }
        assertEquals(0, queue.conflated());
        assertEquals(offered, pollAll(queue));
    }

    @Test
    void conflateLatestConflatesBooksSeparatelyFromQuotesAndProvidersSeparately() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.conflateLatest(6));
        Trade t0 = trade("X", 0);
        Trade t1 = trade("X", 1);
        Trade t2 = trade("X", 2);
        BookSnapshot book1 = book("A", 1);
        Quote quote = quote("A", 2);
        Quote other = quote("q", "A", 3);
        BookSnapshot book2 = book("A", 4);
        offerAll(queue, t0, t1, t2, book1, quote, other, book2);
        assertEquals(1, queue.conflated());
        assertEquals(0, queue.dropped());
        assertEquals(List.of(t0, t1, t2, book2, quote, other), pollAll(queue));
    }

    @Test
    void aPolledQuoteIsNoLongerConflatedInto() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.conflateLatest(4));
        Trade t0 = trade("X", 0);
        Trade t1 = trade("X", 1);
        Quote a1 = quote("A", 1);
        Quote a2 = quote("A", 3);
        offerAll(queue, t0, t1, a1);
        assertEquals(List.of(t0, t1, a1), pollAll(queue));
        offerAll(queue, a2);
        assertEquals(0, queue.conflated());
        assertEquals(List.of(a2), pollAll(queue));
    }

    @Test
    void conflateLatestDropsTheOldestWhenFullOfDistinctSymbols() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.conflateLatest(2));
        Quote a1 = quote("A", 1);
        Quote b = quote("B", 2);
        Quote c = quote("C", 3);
        Quote d = quote("D", 4);
        offerAll(queue, a1, b, c, d);
        assertEquals(2, queue.dropped(), "a1 to make room for c, then b to make room for d");
        assertEquals(0, queue.conflated());
        assertEquals(List.of(c, d), pollAll(queue));
    }

    // ------------------------------------------------------------------ LOSSLESS

    @Test
    void losslessKeepsEverythingAndSaysWhenTheCapacityIsReached() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.lossless(3));
        List<MarketEvent> offered = new ArrayList<>();
        List<Boolean> room = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Quote quote = quote("A", i);
            offered.add(quote);
            room.add(queue.offer(quote));
        }
        assertEquals(List.of(true, true, false, false, false), room, "false from the third on: stop reading");
        assertEquals(0, queue.dropped());
        assertEquals(0, queue.conflated());
        assertEquals(offered, pollAll(queue), "nothing is ever dropped or merged");
    }

    @Test
    void losslessNeverHoldsBackLifecycleEvents() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.lossless(1));
        Quote a = quote("A", 1);
        ConnectionEvent down = connection(ConnectionState.DISCONNECTED);
        GapEvent gap = gap();
        assertFalse(queue.offer(a));
        assertTrue(queue.offer(down), "lifecycle events never ask anybody to stop reading");
        assertTrue(queue.offer(gap));
        assertEquals(List.of(a, down, gap), pollAll(queue));
    }

    @Test
    void aPausedProducerIsResumedOnceTheQueueHasDrainedToHalf() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.lossless(4));
        AtomicInteger resumed = new AtomicInteger();
        for (int i = 0; i < 4; i++) {
            queue.offer(quote("A", i));
        }
        assertTrue(queue.pause(resumed::incrementAndGet), "full: stays paused");
        MarketEvent[] one = new MarketEvent[1];
        queue.poll(one);
        assertEquals(0, resumed.get(), "3 of 4 still queued");
        queue.poll(one);
        assertEquals(1, resumed.get(), "2 of 4: half, resumed");
        queue.poll(one);
        assertEquals(1, resumed.get(), "resumed once only");
    }

    @Test
    void aProducerThatPausesAfterTheQueueDrainedResumesByItself() {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.lossless(2));
        assertFalse(queue.offer(quote("A", 1)) && queue.offer(quote("A", 2)));
        pollAll(queue);
        AtomicInteger resumed = new AtomicInteger();
        assertFalse(queue.pause(resumed::incrementAndGet), "drained already: go on reading");
    }

    @Test
    void closeResumesPausedProducersAndWakesTheConsumer() throws Exception {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.lossless(1));
        AtomicInteger resumed = new AtomicInteger();
        queue.offer(quote("A", 1));
        assertTrue(queue.pause(resumed::incrementAndGet));

        CountDownLatch returned = new CountDownLatch(1);
        DeliveryQueue empty = new DeliveryQueue(DeliveryPolicy.lossless(1));
        Thread consumer = new Thread(() -> {
            empty.await(TimeUnit.HOURS.toNanos(1));
            returned.countDown();
        }, "waiting-consumer");
        consumer.setDaemon(true);
        consumer.start();
        awaitParked(consumer);

        queue.close();
        empty.close();

        assertEquals(1, resumed.get());
        assertTrue(returned.await(WAIT_SECONDS, TimeUnit.SECONDS), "close must wake the consumer");
        assertTrue(queue.offer(quote("B", 2)), "a closed queue asks nobody to wait");
        assertEquals(1, queue.dropped(), "but what it can no longer deliver is counted");
        assertFalse(queue.isClosedAndEmpty(), "what was queued can still be polled");
        assertEquals(1, pollAll(queue).size());
        assertTrue(queue.isClosedAndEmpty());
    }

    @Test
    void awaitReturnsWhenAnEventIsOffered() throws Exception {
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.lossless(4));
        Quote a = quote("A", 1);
        AtomicReference<MarketEvent> result = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            queue.await(TimeUnit.HOURS.toNanos(1));
            result.set(pollOne(queue));
            done.countDown();
        }, "waiting-consumer");
        consumer.setDaemon(true);
        consumer.start();
        awaitParked(consumer);

        queue.offer(a);

        assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertSame(a, result.get());
    }

    /**
     * Producers that behave like connections under back-pressure (stop when told, wait until resumed) against a
     * consumer that drains in batches: no wake-up is ever lost (a lost one leaves a producer waiting for good,
     * and the test times out), and every event arrives exactly once, in order per producer.
     */
    @Test
    void underContentionNoResumeIsLostAndEveryEventArrivesOnceInOrder() throws Exception {
        int producers = 4;
        int perProducer = 200_000;
        DeliveryQueue queue = new DeliveryQueue(DeliveryPolicy.lossless(64));
        AtomicInteger pauses = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int p = 0; p < producers; p++) {
            String symbol = "P" + p;
            Thread thread = new Thread(() -> {
                try {
                    Object monitor = new Object();
                    AtomicBoolean paused = new AtomicBoolean();
                    DeliveryQueue.Pausable pausable = () -> {
                        if (paused.compareAndSet(true, false)) {
                            synchronized (monitor) {
                                monitor.notifyAll();
                            }
                        }
                    };
                    for (int i = 0; i < perProducer; i++) {
                        if (!queue.offer(trade(symbol, i))) {
                            pauses.incrementAndGet();
                            paused.set(true);
                            if (!queue.pause(pausable) && paused.compareAndSet(true, false)) {
                                continue;
                            }
                            synchronized (monitor) {
                                while (paused.get()) {
                                    monitor.wait();
                                }
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "producer-" + p);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        int[] next = new int[producers];
        long total = (long) producers * perProducer;
        long seen = 0;
        MarketEvent[] batch = new MarketEvent[256];
        int maxQueued = 0;
        while (seen < total) {
            maxQueued = Math.max(maxQueued, queue.size());
            int taken = queue.poll(batch);
            if (taken == 0) {
                queue.await(TimeUnit.MILLISECONDS.toNanos(50));
                continue;
            }
            for (int i = 0; i < taken; i++) {
                Trade trade = (Trade) batch[i];
                int producer = Integer.parseInt(trade.symbol().substring(1));
                assertEquals(next[producer]++, trade.price().intValueExact(), "order of " + trade.symbol());
            }
            seen += taken;
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }
        assertNull(failure.get());
        for (int p = 0; p < producers; p++) {
            assertEquals(perProducer, next[p]);
        }
        assertTrue(pauses.get() > 0, "the test must have exercised the pause");
        assertTrue(maxQueued <= 64 + producers, "bounded: " + maxQueued);
        assertEquals(0, queue.size());
    }
}
