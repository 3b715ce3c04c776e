package io.marketfeed.sink;

import io.marketfeed.api.model.MarketEvent;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Events to write, in the order received, with the id of each: the writer's {@link #runId()} and a
 * sequence number that counts up by one per event within that run. {@code (runId, sequence)} is unique per
 * sink and stays the same when a batch is written again (after a failure, or from the spool after a
 * restart), so it serves as a store's unique key.
 *
 * <p>Immutable.
 */
public final class EventBatch {

    private final long runId;
    private final long firstSequence;
    private final List<MarketEvent> events;

    /**
     * @param runId identifies the writer's run (its start time in epoch milliseconds, see {@link SinkWriter})
     * @param firstSequence the sequence number of the first event; the others follow by one
     * @param events the events, not copied: the caller gives up the list
     */
    public EventBatch(long runId, long firstSequence, List<MarketEvent> events) {
        this.runId = runId;
        this.firstSequence = firstSequence;
        this.events = Collections.unmodifiableList(Objects.requireNonNull(events, "events"));
    }

    public long runId() {
        return runId;
    }

    public long firstSequence() {
        return firstSequence;
    }

    /** The sequence number of event {@code index}. */
    public long sequence(int index) {
        return firstSequence + index;
    }

    public int size() {
        return events.size();
    }

    public MarketEvent event(int index) {
        return events.get(index);
    }

    public List<MarketEvent> events() {
        return events;
    }

    @Override
    public String toString() {
        return "EventBatch[run=" + runId + ", sequences " + firstSequence + ".." + (firstSequence + events.size() - 1)
                + "]";
    }
}
