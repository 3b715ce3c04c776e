package io.marketfeed.runtime;

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
     */
    public record ListenerSnapshot(String name, DeliveryPolicy policy, int queued, long delivered, long dropped,
            long conflated, long failures) {
    }
}
