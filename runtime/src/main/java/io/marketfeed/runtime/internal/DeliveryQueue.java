package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.MarketDataEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.runtime.DeliveryPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One listener's queue, applying its {@link DeliveryPolicy}: a ring of events that grows only when it must
 * (steady state allocates nothing), filled by any number of producers and emptied in batches by one
 * consumer, the listener's delivery thread.
 *
 * <p>Producers never wait. With {@link DeliveryPolicy.Mode#LOSSLESS}, {@link #offer} says when the queue has
 * reached its capacity; the producer (a connection's read path) then stops reading and registers with
 * {@link #pause}, and the consumer resumes it once the queue has drained to half. A producer that registers
 * just after the consumer drained finds the queue below half and resumes itself, so no wake-up is lost: both
 * the drain and the check happen under this queue's lock, and the {@link Pausable} decides with a
 * compare-and-set who resumes. Lifecycle events (connection, gap, status) are never dropped or conflated
 * and may exceed the capacity.
 *
 * <p>Thread safe: {@link #offer} and {@link #pause} from any thread; {@link #poll} and {@link #await} only
 * from the consumer.
 */
final class DeliveryQueue {

    /** A producer that stopped reading because this queue was full. */
    interface Pausable {
        /** Called by the consumer once the queue has room: resumes reading, unless already resumed. */
        void resume();
    }

    private record ConflationKey(String provider, String type, String symbol) {
    }

    private static final int INITIAL_RING = 1024;

    private final DeliveryPolicy policy;
    private final int capacity;
    /** The LOSSLESS resume point and the CONFLATE_LATEST merge watermark. */
    private final int half;
    private final ConcurrentLinkedQueue<Pausable> paused = new ConcurrentLinkedQueue<>();
    private final Map<ConflationKey, Long> latest;
    private MarketEvent[] ring;
    private int mask;
    /** Sequence numbers: {@code head} is the next slot to take, {@code tail} the next to fill. */
    private long head;
    private long tail;
    /** Events queued (slots that are not holes left by a drop). */
    private int queued;
    private int marketData;
    private long dropped;
    private long conflated;
    private boolean closed;
    private Thread consumer;
    private boolean consumerParked;

    DeliveryQueue(DeliveryPolicy policy) {
        this.policy = policy;
        this.capacity = policy.capacity();
        this.half = policy.capacity() / 2;
        this.latest = policy.mode() == DeliveryPolicy.Mode.CONFLATE_LATEST ? new HashMap<>() : null;
        this.ring = new MarketEvent[INITIAL_RING];
        this.mask = INITIAL_RING - 1;
    }

    DeliveryPolicy policy() {
        return policy;
    }

    /**
     * Queues an event; never waits.
     *
     * @return false when this lossless queue has reached its capacity: the producer should stop reading and
     *     call {@link #pause}; true otherwise (also when the queue is closed: the event is then counted as
     *     dropped, since nothing is delivered any more, and nobody needs to wait)
     */
    boolean offer(MarketEvent event) {
        Thread wake = null;
        boolean room;
        synchronized (this) {
            if (closed) {
                // Nobody will take it any more (the feed is stopping): counted, so the summary says so.
                dropped++;
                return true;
            }
            boolean data = event instanceof MarketDataEvent;
            if (data) {
                if (!admitMarketData(event)) {
                    return true;
                }
                marketData++;
            }
            push(event);
            room = !data || policy.mode() != DeliveryPolicy.Mode.LOSSLESS || marketData < capacity;
            if (consumerParked) {
                consumerParked = false;
                wake = consumer;
            }
        }
        if (wake != null) {
            LockSupport.unpark(wake);
        }
        return room;
    }

    /** Applies the policy to a market-data event; false when it was merged into a queued one. Under the lock. */
    private boolean admitMarketData(MarketEvent event) {
        switch (policy.mode()) {
            case DROP_OLDEST:
                while (marketData >= capacity) {
                    dropOldestMarketData();
                }
                return true;
            case CONFLATE_LATEST:
                return admitConflating(event);
            default:
                return true;
        }
    }

    private boolean admitConflating(MarketEvent event) {
        boolean mergeable = marketData >= half && (event instanceof Quote || event instanceof BookSnapshot);
        ConflationKey key = null;
        if (mergeable) {
            key = new ConflationKey(event.provider(), event.type(), ((MarketDataEvent) event).symbol());
            Long sequence = latest.get(key);
            if (sequence != null && sequence >= head) {
                int slot = (int) (sequence & mask);
                if (ring[slot] != null) {
                    // Only a merge writes into a queued slot, and only with the same key: this is its event.
                    ring[slot] = event;
                    conflated++;
                    return false;
                }
            }
        }
        while (marketData >= capacity) {
            dropOldestMarketData();
        }
        if (key != null) {
            latest.put(key, tail);
        }
        return true;
    }

    /** Removes the oldest queued market-data event; lifecycle events stay. Under the lock. */
    private void dropOldestMarketData() {
        while (head < tail && ring[(int) (head & mask)] == null) {
            head++;
        }
        for (long sequence = head; sequence < tail; sequence++) {
            int slot = (int) (sequence & mask);
            MarketEvent event = ring[slot];
            if (event instanceof MarketDataEvent) {
                ring[slot] = null;
                if (sequence == head) {
                    head++;
                }
                queued--;
                marketData--;
                dropped++;
                return;
            }
        }
    }

    private void push(MarketEvent event) {
        if (tail - head == ring.length) {
            grow();
        }
        ring[(int) (tail & mask)] = event;
        tail++;
        queued++;
    }

    /** Doubles the ring, keeping every event at its sequence number. */
    private void grow() {
        MarketEvent[] larger = new MarketEvent[ring.length * 2];
        int largerMask = larger.length - 1;
        for (long sequence = head; sequence < tail; sequence++) {
            larger[(int) (sequence & largerMask)] = ring[(int) (sequence & mask)];
        }
        ring = larger;
        mask = largerMask;
    }

    /**
     * Registers a producer that stopped reading after {@link #offer} returned false.
     *
     * @return true when it stays paused until {@link Pausable#resume()} is called; false when the queue drained
     *     below half in the meantime (or closed) and the producer should resume by itself
     */
    boolean pause(Pausable producer) {
        paused.add(producer);
        synchronized (this) {
            return !closed && marketData > half;
        }
    }

    /**
     * Moves up to {@code batch.length} events, oldest first, into {@code batch}. Consumer only.
     *
     * @return how many; 0 when the queue is empty
     */
    int poll(MarketEvent[] batch) {
        int count = 0;
        boolean room;
        synchronized (this) {
            while (head < tail && count < batch.length) {
                int slot = (int) (head & mask);
                MarketEvent event = ring[slot];
                head++;
                if (event != null) {
                    ring[slot] = null;
                    batch[count++] = event;
                    queued--;
                    if (event instanceof MarketDataEvent) {
                        marketData--;
                    }
                }
            }
            room = marketData <= half;
            if (latest != null && marketData < half && !latest.isEmpty()) {
                latest.clear();
            }
        }
        if (room && !paused.isEmpty()) {
            resumePaused(false);
        }
        return count;
    }

    /**
     * Resumes the paused producers while there is room (a resumed producer may fill the queue again at once
     * and pause anew; it then waits for the next drain), or all of them when the queue closes.
     */
    private void resumePaused(boolean all) {
        Pausable producer;
        while ((all || hasRoom()) && (producer = paused.poll()) != null) {
            producer.resume();
        }
    }

    private synchronized boolean hasRoom() {
        return marketData <= half;
    }

    /**
     * Parks the consumer until an event is offered, {@code nanos} pass, or the queue is closed. Returns at
     * once when events are waiting. Consumer only.
     */
    void await(long nanos) {
        synchronized (this) {
            if (queued > 0 || closed) {
                return;
            }
            consumer = Thread.currentThread();
            consumerParked = true;
        }
        LockSupport.parkNanos(this, nanos);
        synchronized (this) {
            consumerParked = false;
        }
    }

    /**
     * Stops accepting events; what is queued can still be polled. Resumes every paused producer, and wakes the
     * consumer.
     */
    void close() {
        Thread wake;
        synchronized (this) {
            closed = true;
            wake = consumer;
        }
        resumePaused(true);
        if (wake != null) {
            LockSupport.unpark(wake);
        }
    }

    synchronized boolean isClosedAndEmpty() {
        return closed && queued == 0;
    }

    synchronized int size() {
        return queued;
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized long conflated() {
        return conflated;
    }
}
