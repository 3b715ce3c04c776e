package io.marketfeed.runtime;

import io.marketfeed.api.model.MarketEvent;

/**
 * Receives events from a {@link MarketFeed}.
 *
 * <p>Threading: each listener has its own delivery thread; calls to one listener are sequential and in the
 * order events were queued for it. A listener may be slow or block: that only fills its own bounded queue,
 * handled by its {@link DeliveryPolicy}; it never stalls a socket's read thread or another listener. An
 * exception thrown here is logged and counted, and delivery goes on.
 */
@FunctionalInterface
public interface FeedListener {
    void onEvent(MarketEvent event);
}
