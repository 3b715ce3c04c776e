package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.runtime.FeedListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A listener that keeps the events of one type; {@link #await} waits on a monitor, woken by each new one, up to a
 * time limit. Thread safe: the feed's delivery thread adds, the test reads.
 */
final class EventRecorder<T extends MarketEvent> implements FeedListener {

    private final Class<T> type;
    private final Duration wait;
    private final List<T> events = new ArrayList<>();

    EventRecorder(Class<T> type, Duration wait) {
        this.type = type;
        this.wait = wait;
    }

    @Override
    public synchronized void onEvent(MarketEvent event) {
        if (type.isInstance(event)) {
            events.add(type.cast(event));
            notifyAll();
        }
    }

    /** The first event that meets {@code condition}, waiting for it at most the time limit. */
    synchronized T await(Predicate<T> condition) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            for (T event : events) {
                if (condition.test(event)) {
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no such " + type.getSimpleName() + " within " + wait + "; got " + events);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** The events so far that meet {@code condition}. */
    synchronized List<T> all(Predicate<T> condition) {
        return events.stream().filter(condition).toList();
    }
}
