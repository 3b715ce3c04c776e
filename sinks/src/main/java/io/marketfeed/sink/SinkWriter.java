package io.marketfeed.sink;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.runtime.FeedListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one {@link Sink} behind a bounded queue and a writer thread of its own, so that a slow or failed store
 * never stalls the feeds or the other sinks: events are batched ({@code batch-size} events or
 * {@code flush-interval}), written with retries and backoff, and spooled to disk while the store is down or
 * behind, to be written in order when it is back. Only past the spool's bound does a policy apply
 * ({@link WriterSettings.WhenFull}), counted and logged.
 *
 * <p>As a {@link FeedListener}, it is called on the runtime's delivery thread for this sink (the intake):
 * {@link #onEvent} only collects, and hands a batch over at {@code batch-size} events or when the feed is caught up.
 * {@link #close} is called once after delivery ended. {@link #stats()} from any thread.
 */
public final class SinkWriter implements FeedListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SinkWriter.class);

    private final String name;
    private final WriterSettings settings;
    private final Spool spool;
    private final Handoff handoff;
    private final WriteLoop loop;
    private final Thread thread;
    private final long runId;
    private long nextSequence;
    private List<MarketEvent> chunk;
    private boolean closed;

    private SinkWriter(String name, Sink sink, WriterSettings settings, Spool spool) {
        this.name = name;
        this.settings = settings;
        this.spool = spool;
        this.handoff = new Handoff(name, settings, spool);
        this.loop = new WriteLoop(name, sink, handoff, settings);
        this.runId = System.currentTimeMillis();
        this.chunk = new ArrayList<>(settings.batchSize());
        this.thread = new Thread(loop, "marketfeed-sink-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Opens the spool (writing first what an earlier run left in it) and starts the writer thread. Does not
     * connect to the store on this thread: the writer does, and retries.
     *
     * @throws IOException when the spool folder cannot be created or read
     */
    public static SinkWriter start(String name, Sink sink, WriterSettings settings) throws IOException {
        Spool spool = Spool.open(settings.spoolDir(), settings.segmentBytes());
        if (!spool.isEmpty()) {
            log.info("Sink '{}': {} events left in its spool {} by an earlier run are written first", name,
                    spool.events(), settings.spoolDir());
        }
        SinkWriter writer = new SinkWriter(name, sink, settings, spool);
        writer.thread.start();
        return writer;
    }

    public String name() {
        return name;
    }

    @Override
    public void onEvent(MarketEvent event) {
        chunk.add(event);
        if (chunk.size() >= settings.batchSize()) {
            handOver();
        }
    }

    @Override
    public void onCaughtUp() {
        handOver();
    }

    private void handOver() {
        if (chunk.isEmpty()) {
            return;
        }
        EventBatch batch = new EventBatch(runId, nextSequence, chunk);
        nextSequence += chunk.size();
        chunk = new ArrayList<>(settings.batchSize());
        try {
            handoff.offer(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sink '" + name + "' was interrupted while its spool was full", e);
        }
    }

    /**
     * Writes what is left, waiting up to {@code timeout} for the store; what it could not write by then stays in
     * the spool for the next start (and is logged).
     *
     * @return the statistics at the end
     */
    public SinkStats close(Duration timeout) {
        if (closed) {
            return stats();
        }
        closed = true;
        handOver();
        handoff.close();
        try {
            thread.join(TimeUnit.NANOSECONDS.toMillis(timeout.toNanos()) + 1);
            if (thread.isAlive()) {
                long kept = handoff.abandon();
                thread.join(TimeUnit.SECONDS.toMillis(5));
                log.warn("Sink '{}' could not write everything before the stop ({}): {} events are kept in its "
                        + "spool {} and written at the next start", name,
                        loop.lastError().orElse("the store is slow"), kept, settings.spoolDir());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("Sink '{}': could not keep its unwritten events in the spool {}: {}", name,
                    settings.spoolDir(), e.getMessage());
        } finally {
            try {
                spool.close();
            } catch (IOException e) {
                log.warn("Sink '{}': closing its spool failed: {}", name, e.getMessage());
            }
        }
        return stats();
    }

    /**
     * For a forced exit, from any thread: what waits in memory (and the batch being written) goes to the spool
     * now, in front of what is spooled, and the writer stops taking batches. Events the feed has not handed over
     * yet are not covered.
     *
     * @return the events in the spool afterwards; 0 when it could not be written (logged)
     */
    public long keepInSpool() {
        try {
            return handoff.abandon();
        } catch (IOException e) {
            log.error("Sink '{}': could not keep its unwritten events in the spool {}: {}", name,
                    settings.spoolDir(), e.getMessage());
            return 0;
        }
    }

    /** Closes with a 10 s wait for the store. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /** What has happened so far. */
    public SinkStats stats() {
        long[] counts = handoff.counts();
        return new SinkStats(name, counts[0], counts[1], loop.written(), counts[2], counts[3], counts[4],
                loop.failures(), loop.down(), loop.lastError());
    }
}
