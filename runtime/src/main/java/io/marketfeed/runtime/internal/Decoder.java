package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.InboundFrame;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's decode thread. Read threads only append frames here; decoding and delivery to listeners run
 * on this thread. When more than {@code softLimit} frames wait, the connections that keep adding stop
 * reading (TCP then pushes back on the server) until the backlog halves: nothing received is ever dropped
 * here, and no read thread ever waits.
 */
final class Decoder {

    private static final Logger LOG = LoggerFactory.getLogger(Decoder.class);

    /**
     * A received frame and where it came from, or (frame null) a task to run once every frame received before
     * it has been decoded.
     */
    record Inbound(Connection connection, Attempt attempt, InboundFrame frame, Runnable task) {
        Inbound(Connection connection, Attempt attempt, InboundFrame frame) {
            this(connection, attempt, frame, null);
        }
    }

    private final LinkedBlockingQueue<Inbound> queue = new LinkedBlockingQueue<>();
    private final Set<Attempt> paused = ConcurrentHashMap.newKeySet();
    private final int softLimit;
    private final Thread thread;
    private volatile boolean stopping;

    Decoder(String provider, int softLimit) {
        this.softLimit = softLimit;
        this.thread = new Thread(this::run, "marketfeed-decode-" + provider);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Called on a read thread.
     *
     * @return whether the connection may go on reading
     */
    boolean submit(Inbound inbound) {
        queue.add(inbound);
        if (queue.size() >= softLimit) {
            paused.add(inbound.attempt());
            return false;
        }
        return true;
    }

    /**
     * Runs {@code task} on the decode thread after everything submitted so far: a close must not overtake the
     * error frame that explains it.
     */
    void after(Connection connection, Attempt attempt, Runnable task) {
        queue.add(new Inbound(connection, attempt, null, task));
    }

    /** Whether this attempt's reading is paused because the backlog is full (its silence is ours, not the server's). */
    boolean isPaused(Attempt attempt) {
        return paused.contains(attempt);
    }

    int backlog() {
        return queue.size();
    }

    private void run() {
        try {
            while (!stopping || !queue.isEmpty()) {
                Inbound inbound = queue.poll(100, TimeUnit.MILLISECONDS);
                if (inbound == null) {
                    continue;
                }
                try {
                    if (inbound.frame() == null) {
                        inbound.task().run();
                        continue;
                    }
                    inbound.connection().decode(inbound.attempt(), inbound.frame());
                } catch (RuntimeException | Error e) {
                    if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                        throw (Error) e;
                    }
                    // The decode thread must outlive anything a frame does; otherwise the feed goes silently deaf.
                    LOG.error("internal error while handling a frame from {}", inbound.connection().id(), e);
                }
                if (!paused.isEmpty() && queue.size() <= softLimit / 2) {
                    for (Attempt attempt : paused) {
                        paused.remove(attempt);
                        Transport.TransportSession transport = attempt.transport;
                        if (transport != null && !attempt.dead) {
                            transport.resumeReading();
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Decodes what was received, waiting at most {@code millis}, then stops. */
    void stop(long millis) {
        stopping = true;
        try {
            thread.join(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} frames were still waiting to be decoded at shutdown", queue.size());
            thread.interrupt();
        }
    }
}
