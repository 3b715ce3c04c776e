package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.MarketDataEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.runtime.DeliveryPolicy;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One listener's bounded queue, applying its {@link DeliveryPolicy}. Lifecycle events (connection, gap,
 * status) are never dropped or conflated and may exceed the capacity, so a slow listener still learns
 * about disconnects and gaps.
 *
 * <p>Thread safe: any number of producers, one consumer.
 */
final class DeliveryQueue {

    /** A queued event; conflation replaces {@code event} in place so the symbol keeps its queue position. */
    private static final class Slot {
        MarketEvent event;
        final ConflationKey key;

        Slot(MarketEvent event, ConflationKey key) {
            this.event = event;
            this.key = key;
        }
    }

    private record ConflationKey(String provider, String type, String symbol) {
    }

    private final DeliveryPolicy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private final Map<ConflationKey, Slot> latest = new HashMap<>();
    private int marketDataQueued;
    private long dropped;
    private long conflated;
    private boolean closed;

    DeliveryQueue(DeliveryPolicy policy) {
        this.policy = policy;
    }

    /**
     * Queues an event. Only with {@link DeliveryPolicy.Mode#BLOCK} and a full queue does this wait, and only
     * for market data; callers on a socket's read thread never get here (decoding runs on its own thread).
     *
     * @return false when the queue is closed
     */
    boolean offer(MarketEvent event) throws InterruptedException {
        boolean marketData = event instanceof MarketDataEvent;
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (!marketData) {
                slots.addLast(new Slot(event, null));
                notEmpty.signal();
                return true;
            }
            ConflationKey key = conflationKey(event);
            if (key != null) {
                Slot existing = latest.get(key);
                if (existing != null) {
                    existing.event = event;
                    conflated++;
                    return true;
                }
            }
            while (marketDataQueued >= policy.capacity()) {
                if (policy.mode() == DeliveryPolicy.Mode.BLOCK) {
                    notFull.await();
                    if (closed) {
                        return false;
                    }
                } else {
                    dropOldestMarketData();
                }
            }
            Slot slot = new Slot(event, key);
            if (key != null) {
                latest.put(key, slot);
            }
            slots.addLast(slot);
            marketDataQueued++;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private ConflationKey conflationKey(MarketEvent event) {
        if (policy.mode() != DeliveryPolicy.Mode.CONFLATE_LATEST) {
            return null;
        }
        if (event instanceof Quote || event instanceof BookSnapshot) {
            return new ConflationKey(event.provider(), event.type(), ((MarketDataEvent) event).symbol());
        }
        return null;
    }

    private void dropOldestMarketData() {
        for (Iterator<Slot> it = slots.iterator(); it.hasNext();) {
            Slot slot = it.next();
            if (slot.event instanceof MarketDataEvent) {
                it.remove();
                if (slot.key != null) {
                    latest.remove(slot.key);
                }
                marketDataQueued--;
                dropped++;
                return;
            }
        }
    }

    /** The next event, waiting up to the timeout; null when none came or the queue is closed and empty. */
    MarketEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(timeout);
            while (slots.isEmpty()) {
                if (closed || nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            Slot slot = slots.pollFirst();
            if (slot.event instanceof MarketDataEvent) {
                marketDataQueued--;
                if (slot.key != null) {
                    latest.remove(slot.key);
                }
                notFull.signal();
            }
            return slot.event;
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting events; what is queued can still be polled. Wakes blocked producers. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return slots.size();
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    long conflated() {
        lock.lock();
        try {
            return conflated;
        } finally {
            lock.unlock();
        }
    }
}
