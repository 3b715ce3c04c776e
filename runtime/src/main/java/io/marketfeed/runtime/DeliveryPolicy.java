package io.marketfeed.runtime;

import static java.util.Objects.requireNonNull;

/**
 * What a listener's bounded queue does when the listener falls behind. Whatever the policy, the WebSocket
 * read thread never waits; drops and conflations are counted in {@link FeedSnapshot} and reported as
 * {@code status} events. Lifecycle events (connection, gap, status) are never dropped or conflated.
 *
 * @param mode the policy
 * @param capacity the queue's capacity in events
 */
public record DeliveryPolicy(Mode mode, int capacity) {

    /** Default capacity of a listener queue. */
    public static final int DEFAULT_CAPACITY = 8192;

    /** The policies. */
    public enum Mode {
        /**
         * Back-pressure: decoding waits for room, and when the runtime's inbound buffer is full the runtime
         * stops reading from the socket (TCP pushes back on the server). Nothing is dropped; a server may
         * disconnect a client that stays slow.
         */
        BLOCK,
        /** Drop the oldest market-data event to make room. */
        DROP_OLDEST,
        /**
         * Keep only the latest quote and book per provider and symbol while the listener is behind; trades
         * and candles are kept in order and, when the queue is full, the oldest is dropped.
         */
        CONFLATE_LATEST
    }

    public DeliveryPolicy {
        requireNonNull(mode, "mode is null");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
    }

    /** Conflate quotes and books per symbol: the default, right for dashboards and latest-price consumers. */
    public static DeliveryPolicy conflateLatest() {
        return new DeliveryPolicy(Mode.CONFLATE_LATEST, DEFAULT_CAPACITY);
    }

    public static DeliveryPolicy dropOldest(int capacity) {
        return new DeliveryPolicy(Mode.DROP_OLDEST, capacity);
    }

    public static DeliveryPolicy block(int capacity) {
        return new DeliveryPolicy(Mode.BLOCK, capacity);
    }
}
