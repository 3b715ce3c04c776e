package io.marketfeed.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every text frame one connection sends, and the partial-frames fault: while it is on, each message is written as a
 * text frame and continuation frames of at most {@code pieceChars} characters each, with {@code pause} between
 * them, so the client receives it in small pieces over time and must assemble it.
 *
 * <p>Messages keep their order: while a fragmented message is being written, later messages wait in a queue behind
 * it (a WebSocket message may not start inside another), also after the fault ended; a message sent while
 * nothing is queued and the fault is off goes out whole at once. Control frames (close, ping, pong) may go between
 * fragments, as the protocol allows.
 *
 * <p>Thread safety: all methods may be called from any thread; state is guarded by this object's monitor, and every
 * write to the session is issued under it, so the order of calls is the order on the wire.
 */
final class FragmentingSender {

    private static final Logger LOG = LoggerFactory.getLogger(FragmentingSender.class);

    private final Object connection;
    private final ScheduledExecutorService scheduler;
    private final Deque<Outgoing> queue = new ArrayDeque<>();
    private Deadline until;
    private int pieceChars;
    private long pauseNanos;
    /** The message being written in pieces, and how far. */
    private Outgoing current;
    private int offset;

    FragmentingSender(Object connection, ScheduledExecutorService scheduler) {
        this.connection = connection;
        this.scheduler = scheduler;
    }

    /** A message and what to do when it was written or failed. */
    record Outgoing(String text, Runnable sent, Runnable failed) {
    }

    /** Sends {@code message} whole, or queues it to be written in pieces. */
    synchronized void send(Session session, Outgoing message) {
        if (current == null && queue.isEmpty() && !inForce()) {
            session.sendText(message.text(), Callback.from(message.sent(), failure -> message.failed().run()));
            return;
        }
        queue.addLast(message);
        if (current == null) {
            next(session);
        }
    }

    /** Turns the fault on until {@code deadline} or {@link #whole()}. */
    synchronized void fragment(int newPieceChars, Duration pause, Deadline deadline) {
        pieceChars = newPieceChars;
        pauseNanos = pause.toNanos();
        until = deadline;
    }

    /** Turns the fault off; what is queued is then sent whole. Returns whether it was in force. */
    synchronized boolean whole() {
        boolean was = inForce();
        until = null;
        return was;
    }

    synchronized boolean inForce() {
        return until != null && until.active();
    }

    /** Starts the next queued message: in pieces while the fault is on, else all queued messages whole. */
    private void next(Session session) {
        if (!inForce()) {
            Outgoing message;
            while ((message = queue.pollFirst()) != null) {
                Outgoing whole = message;
                session.sendText(whole.text(), Callback.from(whole.sent(), failure -> whole.failed().run()));
            }
            return;
        }
        current = queue.pollFirst();
        offset = 0;
        if (current != null) {
            writePiece(session);
        }
    }

    private void writePiece(Session session) {
        String text = current.text();
        int end = Math.min(text.length(), offset + pieceChars);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            // Never split a surrogate pair: Jetty encodes each fragment to UTF-8 on its own.
            end = end - 1 > offset ? end - 1 : end + 1;
        }
        boolean last = end >= text.length();
        String piece = text.substring(offset, end);
        offset = end;
        Outgoing message = current;
        session.sendPartialText(piece, last, Callback.from(() -> pieceWritten(session, message, last),
                failure -> failed(message, failure)));
    }

    private void pieceWritten(Session session, Outgoing message, boolean last) {
        if (last) {
            message.sent().run();
        }
        try {
            scheduler.schedule(() -> resumeWriting(session, message, last), pauseNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            failed(message, e);
        }
    }

    private synchronized void resumeWriting(Session session, Outgoing message, boolean last) {
        if (current != message) {
            return;
        }
        if (last) {
            current = null;
            next(session);
        } else {
            writePiece(session);
        }
    }

    /** The connection broke: this message and everything queued is given up. */
    private void failed(Outgoing message, Throwable failure) {
        LOG.debug("{}: fragmented write failed: {}", connection, failure.toString());
        synchronized (this) {
            if (current == message) {
                current = null;
            }
            message.failed().run();
            Outgoing queued;
            while ((queued = queue.pollFirst()) != null) {
                queued.failed().run();
            }
        }
    }
}
