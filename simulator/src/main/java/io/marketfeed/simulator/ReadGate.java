package io.marketfeed.simulator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The slow-reading fault of one connection: how fast the server takes what the client sends.
 *
 * <p>Jetty reads the next frame of a connection only after the previous one was handled. While the fault is on,
 * the Jetty thread that delivered a message is held here after the handler ran: for {@code perMessage} (slow
 * reading) or until the fault ends (stopped reading). Meanwhile nothing more is read from the socket, the kernel
 * buffers fill, and the client's sends back up, as against a server too busy to read. When the fault ends (by
 * {@link #resume()}, its deadline, the connection being dropped, or the server stopping, which interrupts the
 * thread), reading goes on and everything the client sent is read in order. Holding a pooled thread is the model
 * here, and it lasts no longer than the fault.
 *
 * <p>Thread safety: every method may be called from any thread; state is guarded by this object's monitor.
 */
final class ReadGate {

    /** Non-null while the fault is set; it is in force while {@link Deadline#active()}. */
    private Deadline until;
    /** Zero: nothing is read while the fault is in force; else one message per this many nanoseconds. */
    private long perMessageNanos;
    /** The connection is being dropped: nothing is held any more. */
    private boolean aborted;

    /** Sets the fault: {@code perMessage} zero stops reading; it lasts until {@code deadline} or {@link #resume()}. */
    synchronized void slow(Duration perMessage, Deadline deadline) {
        until = deadline;
        perMessageNanos = perMessage.toNanos();
        notifyAll();
    }

    /** Ends the fault; a held reader goes on at once. Returns whether the fault was in force. */
    synchronized boolean resume() {
        boolean wasInForce = inForce();
        until = null;
        notifyAll();
        return wasInForce;
    }

    /** The connection is dropped: a held reader goes on (to see the end), and none is held again. */
    synchronized void abort() {
        aborted = true;
        notifyAll();
    }

    synchronized boolean inForce() {
        return until != null && until.active();
    }

    /** Called on the reading thread after each frame was handled: holds it while the fault says so. */
    synchronized void consumed() {
        long start = System.nanoTime();
        while (!aborted && inForce()) {
            long now = System.nanoTime();
            long waitNanos;
            if (perMessageNanos > 0) {
                waitNanos = start + perMessageNanos - now;
                if (waitNanos <= 0) {
                    return;
                }
            } else {
                waitNanos = until.indefinite() ? 0 : until.untilNanos() - now;
            }
            try {
                if (waitNanos == 0) {
                    wait();
                } else {
                    wait(TimeUnit.NANOSECONDS.toMillis(waitNanos) + 1);
                }
            } catch (InterruptedException e) {
                // The server is stopping.
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
