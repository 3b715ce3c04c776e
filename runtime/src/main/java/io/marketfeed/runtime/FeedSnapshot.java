package io.marketfeed.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a status view needs, taken at one moment.
 *
 * @param takenAt when
 * @param startedAt when the feed started; null when it has not
 * @param providers one entry per provider
 * @param listeners one entry per listener
 */
public record FeedSnapshot(Instant takenAt, Instant startedAt, List<ProviderSnapshot> providers,
        List<ListenerSnapshot> listeners) {

    public FeedSnapshot {
        providers = List.copyOf(providers);
        listeners = List.copyOf(listeners);
    }

    /** How long the feed has run, zero before it started. */
    public Duration uptime() {
        return startedAt == null || takenAt.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, takenAt);
    }

    /**
     * One listener's queue.
     *
     * @param name the listener's name
     * @param policy its policy
     * @param queued events waiting
     * @param delivered events delivered
     * @param dropped events dropped by the policy
     * @param conflated events replaced by a newer one for the same symbol
     * @param failures exceptions the listener threw
     * @param deliveryDelay how long the oldest event of the latest batch handed to the listener had waited since
     *     it was received (decoding, queueing, the listener's own slowness); zero before the first
     * @param maxDeliveryDelay the longest such wait since the start
     */
    public record ListenerSnapshot(String name, DeliveryPolicy policy, int queued, long delivered, long dropped,
            long conflated, long failures, Duration deliveryDelay, Duration maxDeliveryDelay) {

        public ListenerSnapshot {
            requireNonNull(deliveryDelay, "deliveryDelay is null");
            requireNonNull(maxDeliveryDelay, "maxDeliveryDelay is null");
        }

        /** Without delivery delays. */
        public ListenerSnapshot(String name, DeliveryPolicy policy, int queued, long delivered, long dropped,
                long conflated, long failures) {
            this(name, policy, queued, delivered, dropped, conflated, failures, Duration.ZERO, Duration.ZERO);
        }
    }
}
