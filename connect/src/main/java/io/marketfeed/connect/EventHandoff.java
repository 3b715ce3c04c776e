package io.marketfeed.connect;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.runtime.FeedListener;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue between a task's feed and {@code poll()}. The feed's listener thread puts every event here and
 * waits while it is full; its own lossless queue then fills and the runtime stops reading the task's sockets, so
 * TCP slows the server down and nothing is dropped. Only once the task stops ({@link #close()}) are events still
 * arriving let go: the next task's gap record covers them.
 *
 * <p>Shared by two threads: the feed's listener thread calls {@link #onEvent}, the task's thread
 * {@link #drain} and {@link #close}.
 */
final class EventHandoff implements FeedListener {

    private static final long OFFER_WAIT_MILLIS = 100;

    private final BlockingQueue<MarketEvent> queue;
    private volatile boolean closed;

    EventHandoff(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void onEvent(MarketEvent event) {
        try {
            while (!closed) {
                if (queue.offer(event, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the feed is closing
        }
    }

    /**
     * Moves up to {@code max} events into {@code into}, waiting up to {@code waitMillis} for the first one.
     *
     * @return how many were moved
     */
    int drain(List<MarketEvent> into, int max, long waitMillis) throws InterruptedException {
        int moved = queue.drainTo(into, max);
        if (moved > 0) {
            return moved;
        }
        MarketEvent first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return 0;
        }
        into.add(first);
        return 1 + queue.drainTo(into, max - 1);
    }

    /** Lets a waiting listener go: the task is stopping. */
    void close() {
        closed = true;
    }
}
