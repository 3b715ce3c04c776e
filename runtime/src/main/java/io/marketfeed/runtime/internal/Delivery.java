package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedListener;
import io.marketfeed.runtime.FeedSnapshot;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One listener: its queue and the thread that delivers from it. */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final String name;
    private final FeedListener listener;
    private final DeliveryPolicy policy;
    private final DeliveryQueue queue;
    private final Thread thread;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopping;

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

    void offer(MarketEvent event) throws InterruptedException {
        queue.offer(event);
    }

    private void run() {
        try {
            while (true) {
                MarketEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
                if (event == null) {
                    if (stopping && queue.size() == 0) {
                        return;
                    }
                    continue;
                }
                try {
                    listener.onEvent(event);
                    delivered.incrementAndGet();
                } catch (RuntimeException e) {
                    long count = failures.incrementAndGet();
                    if (count <= 10 || Long.bitCount(count) == 1) {
                        LOG.warn("listener '{}' threw on a {} event ({} failures so far); delivery goes on", name,
                                event.type(), count, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Delivers what is queued, waiting at most {@code timeout}, then stops the thread. */
    void stop(Duration timeout) {
        stopping = true;
        queue.close();
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("listener '{}' did not take its last {} events within {}; leaving them", name, queue.size(),
                    timeout);
            thread.interrupt();
        }
    }

    FeedSnapshot.ListenerSnapshot snapshot() {
        return new FeedSnapshot.ListenerSnapshot(name, policy, queue.size(), delivered.get(), queue.dropped(),
                queue.conflated(), failures.get());
    }
}
