package io.marketfeed.sink;

/**
 * A store that events are written to in batches: a database, a broker, files.
 *
 * <p>A sink does not queue, retry, time or spool: the {@link SinkWriter} that owns it does. Every method is
 * called by that writer's single thread, in this order: {@link #open()}, then {@link #write} any number of
 * times, then {@link #close()}. When {@code open} or {@code write} throws, the writer closes the sink, waits
 * (backoff with jitter) and opens it again, and writes the same batch again; meanwhile the events that keep
 * arriving are spooled to disk, so an implementation should simply throw when its store is unreachable.
 *
 * <p>Because a batch may be written again (after a failure whose outcome is unknown, or after a crash before the
 * writer recorded it as written), a sink that can should make writes idempotent with {@link EventBatch#runId()}
 * and {@link EventBatch#sequence(int)}: a unique key per event, and a write of a batch already written changes
 * nothing.
 */
public interface Sink {

    /**
     * Connects, creates what is missing (tables, topics), and prepares statements. Throws when the store
     * cannot be reached or refuses us; the message should name the store and what to do.
     */
    void open() throws Exception;

    /**
     * Writes every event of the batch, in order, and returns once the store has them durably (committed,
     * acknowledged, flushed to the file). All or nothing where the store has transactions.
     */
    void write(EventBatch batch) throws Exception;

    /** Releases what {@link #open()} acquired. Must not throw; may be called when {@code open} failed half-way. */
    void close();
}
