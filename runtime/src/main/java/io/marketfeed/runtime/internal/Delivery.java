package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedListener;
import io.marketfeed.runtime.FeedSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener: its queue and the thread that delivers from it, in batches: the thread takes everything
 * queued (up to {@value #BATCH} events) under one lock acquisition, hands the events to the listener one by
 * one, and calls {@link FeedListener#onCaughtUp()} when nothing is left before it parks. It parks (never
 * spins) when the queue is empty and is woken by the next event.
 *
 * <p>Threading: {@link #queue()} is shared with producers; everything else runs on the delivery thread,
 * except {@link #stop} and {@link #snapshot}.
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    private static final int BATCH = 1024;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String name;
    private final FeedListener listener;
    private final DeliveryPolicy policy;
    private final DeliveryQueue queue;
    private final Thread thread;
    /** Written by the delivery thread once per batch. */
    private volatile long delivered;
    /** Written by the delivery thread only, read by snapshots. */
    private volatile long lastDelayNanos;
    private volatile long maxDelayNanos;
    private final AtomicLong failures = new AtomicLong();

    Delivery(String name, FeedListener listener, DeliveryPolicy policy) {
        this.name = name;
        this.listener = listener;
        this.policy = policy;
        this.queue = new DeliveryQueue(policy);
        this.thread = new Thread(this::run, "marketfeed-deliver-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String name() {
        return name;
    }

    DeliveryQueue queue() {
        return queue;
    }

    private void run() {
        MarketEvent[] batch = new MarketEvent[BATCH];
        boolean owesCatchUp = false;
        long count = 0;
        while (!Thread.currentThread().isInterrupted()) {
            int taken = queue.poll(batch);
            if (taken > 0) {
                measureDelay(batch[0]);
                for (int i = 0; i < taken; i++) {
                    deliver(batch[i]);
                    batch[i] = null;
                }
                count += taken;
                delivered = count;
                owesCatchUp = true;
                continue;
            }
            if (owesCatchUp) {
                owesCatchUp = false;
                caughtUp();
            }
            if (queue.isClosedAndEmpty()) {
                return;
            }
            queue.await(IDLE_PARK_NANOS);
        }
    }

    /** How long the oldest event of a batch waited since it was received: one clock read per batch. */
    private void measureDelay(MarketEvent oldest) {
        Instant now = Instant.now();
        Instant received = oldest.receivedAt();
        long nanos = (now.getEpochSecond() - received.getEpochSecond()) * 1_000_000_000L
                + (now.getNano() - received.getNano());
        lastDelayNanos = Math.max(0, nanos);
        if (lastDelayNanos > maxDelayNanos) {
            maxDelayNanos = lastDelayNanos;
        }
    }

    private void deliver(MarketEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            // Whatever a listener throws short of running out of memory costs it one event, never the feed.
            failed(e, "a " + event.type() + " event");
        }
    }

    private void caughtUp() {
        try {
            listener.onCaughtUp();
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            failed(e, "onCaughtUp");
        }
    }

    private void failed(Throwable e, String what) {
        long count = failures.incrementAndGet();
        if (count == 1) {
            LOG.warn("listener '{}' ({}) threw on {}; delivery goes on, further failures are counted", name,
                    listener.getClass().getName(), what, e);
        } else if (Long.bitCount(count) == 1) {
            LOG.warn("listener '{}' ({}) has thrown {} times; the latest, on {}: {}", name,
                    listener.getClass().getName(), count, what, e.toString());
        }
    }

    /** Delivers what is queued, waiting at most {@code timeout}, then stops the thread. */
    void stop(Duration timeout) {
        queue.close();
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("listener '{}' did not take its last {} events within {}; leaving them", name, queue.size(),
                    Durations.format(timeout));
            thread.interrupt();
        }
    }

    FeedSnapshot.ListenerSnapshot snapshot() {
        return new FeedSnapshot.ListenerSnapshot(name, policy, queue.size(), delivered, queue.dropped(),
                queue.conflated(), failures.get(), Duration.ofNanos(lastDelayNanos), Duration.ofNanos(maxDelayNanos));
    }
}
