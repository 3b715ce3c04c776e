package io.marketfeed.app.ops;

import static java.util.Objects.requireNonNull;

import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.sink.SinkStats;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where the operations port and the JMX beans read the run: {@link FeedSnapshot} and the sinks' statistics, taken
 * together. A snapshot is a copy made on the runtime's control thread (never on a socket's read thread), so reading
 * never blocks the feed.
 *
 * <p>Thread safe: any HTTP or JMX thread may call it; concurrent callers may both take a snapshot, and the later
 * one is kept.
 */
public final class Readings {

    /**
     * One moment of the run.
     *
     * @param feed the feed's snapshot
     * @param sinks each sink's statistics, in configuration order
     * @param takenAtNanos {@link System#nanoTime()} when taken
     */
    public record Reading(FeedSnapshot feed, List<SinkStats> sinks, long takenAtNanos) {

        public Reading {
            requireNonNull(feed, "feed is null");
            sinks = List.copyOf(sinks);
        }

        /** The numbers of this moment. */
        public List<FeedNumbers.Sample> numbers() {
            return FeedNumbers.of(feed, sinks);
        }
    }

    private final Supplier<FeedSnapshot> feed;
    private final Supplier<List<SinkStats>> sinks;
    private volatile Reading last;

    /**
     * @param feed usually {@code MarketFeed::snapshot}
     * @param sinks the sinks' statistics; {@code List::of} without sinks
     */
    public Readings(Supplier<FeedSnapshot> feed, Supplier<List<SinkStats>> sinks) {
        this.feed = requireNonNull(feed, "feed is null");
        this.sinks = requireNonNull(sinks, "sinks is null");
    }

    /** A reading taken now. */
    public Reading fresh() {
        Reading reading = new Reading(feed.get(), sinks.get(), System.nanoTime());
        last = reading;
        return reading;
    }

    /** The last reading when it is younger than {@code maxAge}, else a fresh one (JMX tools read many attributes). */
    public Reading recent(Duration maxAge) {
        Reading reading = last;
        if (reading != null && System.nanoTime() - reading.takenAtNanos() < maxAge.toNanos()) {
            return reading;
        }
        return fresh();
    }
}
