package io.marketfeed.sink;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a sink's intake thread leaves batches and its writer thread takes them, in order: in memory up to
 * {@link WriterSettings#queueCapacity()} events, then in the {@link Spool} on disk; once anything is spooled,
 * everything after it is spooled too until the writer has caught up, so the order never changes. Past the
 * spool's bound, {@link WriterSettings#whenFull()} applies.
 *
 * <p>Shared by exactly two threads, the intake ({@link #offer}) and the writer ({@link #take}, {@link #done}),
 * plus {@link SinkWriter#close} at the end; every method holds {@link #lock}. Nothing here writes to the store.
 */
final class Handoff {

    private static final Logger log = LoggerFactory.getLogger(Handoff.class);
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String name;
    private final WriterSettings settings;
    private final Spool spool;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Waiting> memory = new ArrayDeque<>();
    private final long recovered;
    private int memoryEvents;
    private long received;
    private long spooledTotal;
    private long dropped;
    private long droppedLogged;
    private long lastDropLog;
    private Taken inFlight;
    private boolean closing;
    private boolean abandoned;

    Handoff(String name, WriterSettings settings, Spool spool) {
        this.name = name;
        this.settings = settings;
        this.spool = spool;
        this.recovered = spool.events();
    }

    /**
     * Takes {@code batch} from the intake thread: in memory, or in the spool. Waits only when the spool is full
     * and the policy is {@link WriterSettings.WhenFull#BLOCK}, or when the disk refuses the spool.
     */
    void offer(EventBatch batch) throws InterruptedException {
        lock.lock();
        try {
            received += batch.size();
            if (spool.isEmpty() && memoryEvents + batch.size() <= settings.queueCapacity()) {
                memory.addLast(new Waiting(batch, System.nanoTime()));
                memoryEvents += batch.size();
                changed.signalAll();
                return;
            }
            makeRoom();
            while (true) {
                try {
                    spool.append(batch);
                    break;
                } catch (IOException e) {
                    // Nothing is dropped: the feeds wait (back-pressure) until the disk takes it again.
                    log.error("Sink '{}': cannot write to its spool in {} ({}); the feeds wait until it can "
                            + "(free disk space or set spool.dir)", name, spool.dir(), e.getMessage());
                    changed.await(1, TimeUnit.SECONDS);
                }
            }
            spooledTotal += batch.size();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void makeRoom() throws InterruptedException {
        while (spool.bytes() >= settings.spoolMaxBytes() && !abandoned) {
            if (settings.whenFull() == WriterSettings.WhenFull.DROP_OLDEST) {
                long deleted;
                try {
                    deleted = spool.dropOldest();
                } catch (IOException e) {
                    deleted = 0;
                    log.error("Sink '{}': cannot delete from its full spool in {}: {}", name, spool.dir(),
                            e.getMessage());
                }
                if (deleted > 0) {
                    dropped += deleted;
                    announceDrops();
                    continue;
                }
            }
            changed.await(1, TimeUnit.SECONDS);
        }
    }

    private void announceDrops() {
        long now = System.nanoTime();
        if (droppedLogged == 0 || now - lastDropLog >= DROP_LOG_INTERVAL_NANOS) {
            log.warn("Sink '{}': its spool reached {} MiB, so the oldest spooled events were deleted "
                    + "(spool.when-full = drop-oldest): {} dropped so far", name,
                    settings.spoolMaxBytes() >> 20, dropped);
            droppedLogged = dropped;
            lastDropLog = now;
        }
    }

    /**
     * The next batch for the writer: what waits in memory (at least {@link WriterSettings#batchSize()} events,
     * or whatever is there once the oldest has waited {@link WriterSettings#flushInterval()}), else the oldest
     * spooled events. Null once closing and nothing is left.
     */
    Taken take() throws InterruptedException, IOException {
        lock.lock();
        try {
            while (true) {
                if (abandoned) {
                    return null;
                }
                if (!memory.isEmpty()) {
                    long deadline = memory.peekFirst().offeredAt + settings.flushInterval().toNanos();
                    long wait = deadline - System.nanoTime();
                    if (memoryEvents >= settings.batchSize() || closing || wait <= 0) {
                        return inFlight = fromMemory();
                    }
                    changed.awaitNanos(wait);
                    continue;
                }
                EventBatch spooled = spool.peek(Math.max(settings.batchSize(), 1_000));
                if (spooled != null) {
                    return inFlight = new Taken(spooled, true);
                }
                if (closing) {
                    return null;
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private Taken fromMemory() {
        Waiting first = memory.pollFirst();
        memoryEvents -= first.batch.size();
        if (memory.isEmpty() || first.batch.size() >= settings.batchSize()) {
            return new Taken(first.batch, false);
        }
        List<io.marketfeed.api.model.MarketEvent> merged = new ArrayList<>(first.batch.events());
        while (!memory.isEmpty() && merged.size() < settings.batchSize()) {
            Waiting next = memory.pollFirst();
            memoryEvents -= next.batch.size();
            merged.addAll(next.batch.events());
        }
        return new Taken(new EventBatch(first.batch.runId(), first.batch.firstSequence(), merged), false);
    }

    /** The writer has written {@code taken}: it leaves the spool, and an intake waiting for room may go on. */
    void done(Taken taken) throws IOException {
        lock.lock();
        try {
            if (taken.spooled) {
                spool.ack();
            }
            inFlight = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** No more offers: the writer writes what is left and then {@link #take} returns null. */
    void close() {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The writer ran out of time at a stop: everything not written (the batch in flight and what waits in memory)
     * is kept in the spool for the next start, in front of what is spooled already.
     *
     * @return the events kept in the spool in all
     */
    long abandon() throws IOException {
        lock.lock();
        try {
            abandoned = true;
            changed.signalAll();
            List<EventBatch> unwritten = new ArrayList<>();
            if (inFlight != null && !inFlight.spooled) {
                unwritten.add(inFlight.batch);
            }
            memory.forEach(waiting -> unwritten.add(waiting.batch));
            memory.clear();
            memoryEvents = 0;
            spool.prepend(unwritten);
            return spool.events();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos}, returning early when closing was abandoned. */
    boolean pause(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (left > 0 && !abandoned) {
                left = changed.awaitNanos(left);
            }
            return !abandoned;
        } finally {
            lock.unlock();
        }
    }

    /** The counters this class keeps, for {@link SinkStats}. */
    long[] counts() {
        lock.lock();
        try {
            return new long[] {recovered, received, spool.events(), spooledTotal, dropped};
        } finally {
            lock.unlock();
        }
    }

    /** A batch waiting in memory since {@code offeredAt} ({@link System#nanoTime()}). */
    private record Waiting(EventBatch batch, long offeredAt) {
    }

    /** A batch the writer took, and whether it is still in the spool (to be removed once written). */
    record Taken(EventBatch batch, boolean spooled) {
    }
}
