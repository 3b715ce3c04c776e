package io.marketfeed.runtime;

import static java.util.Objects.requireNonNull;

/**
 * What a listener's bounded queue does when the listener falls behind. Whatever the policy, the WebSocket
 * read thread never waits for a listener. Lifecycle events (connection, gap, status) are never dropped or
 * conflated. Drops and conflations are counted in {@link FeedSnapshot}, announced by a {@code status} event
 * within a second of the first one, and shown in the runner's exit summary.
 *
 * @param mode the policy
 * @param capacity the queue's capacity in market-data events: the high watermark of {@link Mode#LOSSLESS},
 *     the size at which {@link Mode#DROP_OLDEST} drops
 */
public record DeliveryPolicy(Mode mode, int capacity) {

    /** Default capacity of a listener queue. */
    public static final int DEFAULT_CAPACITY = 8192;

    /** The policies. */
    public enum Mode {
        /**
         * Every event, exactly once, in order per connection: the default, right for recorders. When the queue
         * reaches its capacity, the connections that feed it stop reading (TCP then pushes back on the server)
         * until the listener has taken half of it. The runtime does not take its own pause for a silent server.
         * A server may disconnect a client that stays slow for long; that disconnect becomes a gap event.
         */
        LOSSLESS,
        /** Drop the oldest queued market-data event to make room; every drop is counted and announced. */
        DROP_OLDEST,
        /**
         * For latest-value consumers (a dashboard): while the listener is behind by more than half the
         * capacity, a quote or book replaces the queued one of the same provider and symbol (keeping its place
         * in the queue); trades and candles are kept in order. When the queue is full the oldest market-data
         * event is dropped. Every merge and drop is counted and announced.
         */
        CONFLATE_LATEST
    }

    public DeliveryPolicy {
        requireNonNull(mode, "mode is null");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
    }

    /** Every event, with back-pressure to the sockets: the default. */
    public static DeliveryPolicy lossless() {
        return lossless(DEFAULT_CAPACITY);
    }

    /** Every event, with back-pressure to the sockets once {@code capacity} events wait. */
    public static DeliveryPolicy lossless(int capacity) {
        return new DeliveryPolicy(Mode.LOSSLESS, capacity);
    }

    /** Conflate quotes and books per symbol while the listener is behind: for dashboards only. */
    public static DeliveryPolicy conflateLatest() {
        return conflateLatest(DEFAULT_CAPACITY);
    }

    /** Conflate quotes and books per symbol while more than {@code capacity / 2} events wait. */
    public static DeliveryPolicy conflateLatest(int capacity) {
        return new DeliveryPolicy(Mode.CONFLATE_LATEST, capacity);
    }

    public static DeliveryPolicy dropOldest(int capacity) {
        return new DeliveryPolicy(Mode.DROP_OLDEST, capacity);
    }

    /**
     * The former name of {@link #lossless(int)}.
     *
     * @deprecated use {@link #lossless(int)}; nothing blocks any more, the sockets are paused instead
     */
    @Deprecated
    public static DeliveryPolicy block(int capacity) {
        return lossless(capacity);
    }

    /** The mode as written in the configuration: {@code lossless}, {@code drop-oldest}, {@code conflate-latest}. */
    public String label() {
        return mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Whether this policy may lose or merge events. */
    public boolean lossy() {
        return mode != Mode.LOSSLESS;
    }
}
