package io.marketfeed.runtime;

import io.marketfeed.api.model.MarketEvent;

/**
 * Receives events from a {@link MarketFeed}.
 *
 * <p>Threading: each listener has its own delivery thread; calls to one listener are sequential and in the
 * order events were queued for it (per connection, the order they were received). A listener may be slow or
 * block: that only fills its own bounded queue, handled by its {@link DeliveryPolicy}; it never stalls a
 * socket's read thread or another listener. An exception thrown here is counted, logged (with its class,
 * once, then rarely) and reported; delivery goes on.
 */
@FunctionalInterface
public interface FeedListener {

    void onEvent(MarketEvent event);

    /**
     * Called on the delivery thread when this listener has taken every queued event, before its thread waits
     * for more: the moment to flush buffered output, so that a busy listener writes in large chunks and an
     * idle one shows everything at once. Not called again until more events have been delivered.
     */
    default void onCaughtUp() {
    }
}
