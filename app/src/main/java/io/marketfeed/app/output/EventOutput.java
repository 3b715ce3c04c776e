package io.marketfeed.app.output;

import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedListener;
import io.marketfeed.runtime.FeedSnapshot;
import java.util.function.Supplier;

/**
 * Where {@code run} sends events: a {@link FeedListener} (called on its own delivery thread) with a
 * lifecycle around the feed.
 */
public interface EventOutput extends FeedListener, AutoCloseable {

    /**
     * The queue policy this output needs, given the configured one: the configured one by default; a view of
     * latest values (the table) conflates.
     */
    default DeliveryPolicy policy(DeliveryPolicy configured) {
        return configured;
    }

    /**
     * A line for people, also written on stderr, such as the operations address; called before {@link #start}.
     * The table shows it above the quotes (it clears the screen); the other outputs leave stdout to events.
     */
    default void note(String line) {
    }

    /** Called once the feed is built, before it starts; {@code snapshots} reads the feed's state. */
    void start(Supplier<FeedSnapshot> snapshots);

    /** Called after the feed has stopped and delivered what was queued: writes what is left and flushes. */
    @Override
    void close();
}
