package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Fault injection for one simulation, from tests (this class) or the command line ({@code /control/*}).
 *
 * <p>Connection faults apply to the connections open at the time of the call: to all of them, or to one
 * {@link Target}. They return how many connections they touched. Connections opened later are not affected: a
 * stalled connection models one half-open socket, and a client that gives up on it must be able to reconnect.
 * The handshake-level faults ({@link #refuse}, {@link #setLimits}) apply to new connections.
 *
 * <p>Thread safe; every method returns without waiting for the network.
 */
public final class FaultControl {

    private static final int MAX_FRAMES_PER_CALL = 100_000;

    private final AbstractSimulation simulation;
    private volatile Deadline refuse;

    FaultControl(AbstractSimulation simulation) {
        this.simulation = simulation;
    }

    /** Drops every connection, with a close frame of {@code code} (e.g. 1001, 1012) or abruptly without one. */
    public int drop(boolean closeFrame, int code) {
        return drop(Target.all(), closeFrame, code);
    }

    /**
     * Drops connections. With {@code closeFrame} they get a close frame with {@code code} and its standard reason;
     * without, the TCP connection is closed with no close frame (the client sees 1006) and {@code code} is ignored.
     */
    public int drop(Target target, boolean closeFrame, int code) {
        if (closeFrame) {
            CloseCodes.requireSendable(code);
            return forEach(target, connection -> connection.close(code, CloseCodes.defaultReason(code)));
        }
        return forEach(target, SimulatedConnection::disconnect);
    }

    /** Stalls every connection until {@link #resume()}. */
    public int stall() {
        return stall(Target.all());
    }

    /**
     * Stalls connections until resumed: nothing more is sent (data, replies, pongs), messages from the client are
     * recorded but ignored, and the TCP connection stays open.
     */
    public int stall(Target target) {
        return forEach(target, connection -> connection.stall(Deadline.untilCleared()));
    }

    /** Stalls every connection for {@code duration}, then they carry on by themselves. */
    public int stall(Duration duration) {
        return stall(Target.all(), duration);
    }

    public int stall(Target target, Duration duration) {
        Deadline deadline = Deadline.after(requirePositive(duration, "stall duration"));
        return forEach(target, connection -> connection.stall(deadline));
    }

    /** Ends stalls; returns how many connections were stalled. */
    public int resume() {
        return resume(Target.all());
    }

    public int resume(Target target) {
        int[] resumed = {0};
        forEach(target, connection -> {
            if (connection.isStalled()) {
                resumed[0]++;
            }
            connection.resume();
        });
        return resumed[0];
    }

    /** Closes every connection with this code and reason (e.g. 4401 "Invalid API key"). */
    public int close(int code, String reason) {
        return close(Target.all(), code, reason);
    }

    public int close(Target target, int code, String reason) {
        CloseCodes.requireSendable(code);
        CloseCodes.requireReason(requireNonNull(reason, "reason is null"));
        return forEach(target, connection -> connection.close(code, reason));
    }

    /** Sends {@code count} malformed frames to every connection, cycling through the simulation's kinds. */
    public int sendMalformed(int count) {
        return sendMalformed(Target.all(), count);
    }

    public int sendMalformed(Target target, int count) {
        requireCount(count);
        var frames = simulation.malformedFrames();
        return forEach(target, connection -> {
            for (int i = 0; i < count; i++) {
                if (connection.send(frames.get(i % frames.size()))) {
                    simulation.observation().malformedCount.incrementAndGet();
                }
            }
        });
    }

    /** Sends {@code count} data frames for {@code symbol} to every connection, subscribed or not. */
    public int pushGhost(String symbol, int count) {
        return pushGhost(Target.all(), symbol, count);
    }

    public int pushGhost(Target target, String symbol, int count) {
        requireNonNull(symbol, "symbol is null");
        if (symbol.isBlank()) {
            throw new IllegalArgumentException("ghost symbol is empty");
        }
        requireCount(count);
        return forEach(target, connection -> {
            for (int i = 0; i < count; i++) {
                if (connection.send(simulation.ghostFrame(connection, symbol))) {
                    simulation.observation().ghostCount.incrementAndGet();
                }
            }
        });
    }

    /**
     * Slow reading: the server takes one message from each targeted connection per {@code perMessage} (zero: none
     * at all), so what the client sends backs up in the socket buffers and then in the client. Lasts for
     * {@code duration}, or until {@link #resumeReading} when it is null. Messages are read in order afterwards.
     */
    public int slowReading(Target target, Duration perMessage, Duration duration) {
        requireNonNull(perMessage, "perMessage is null");
        if (perMessage.isNegative()) {
            throw new IllegalArgumentException("per-message delay must not be negative, got " + perMessage);
        }
        Deadline deadline = until(duration, "slow-reading duration");
        return forEach(target, connection -> connection.reading().slow(perMessage, deadline));
    }

    /** Stops reading what the targeted connections send until {@link #resumeReading}. */
    public int stopReading(Target target) {
        return slowReading(target, Duration.ZERO, null);
    }

    /** Ends slow reading; returns how many connections were reading slowly. */
    public int resumeReading(Target target) {
        int[] resumed = {0};
        forEach(target, connection -> {
            if (connection.reading().resume()) {
                resumed[0]++;
            }
        });
        return resumed[0];
    }

    /**
     * Partial frames: every message to the targeted connections is written as a text frame and continuation
     * frames of at most {@code pieceChars} characters, {@code pause} apart, so the client gets it in small pieces
     * over time. Lasts for {@code duration}, or until {@link #wholeFrames} when it is null.
     */
    public int partialFrames(Target target, int pieceChars, Duration pause, Duration duration) {
        requirePositive(pieceChars, "piece size");
        requireNonNull(pause, "pause is null");
        if (pause.isNegative()) {
            throw new IllegalArgumentException("pause must not be negative, got " + pause);
        }
        Deadline deadline = until(duration, "partial-frames duration");
        return forEach(target, connection -> connection.writing().fragment(pieceChars, pause, deadline));
    }

    /** Ends partial frames; returns how many connections were fragmenting. */
    public int wholeFrames(Target target) {
        int[] ended = {0};
        forEach(target, connection -> {
            if (connection.writing().whole()) {
                ended[0]++;
            }
        });
        return ended[0];
    }

    /** Answers new handshakes with HTTP 503 for {@code duration}. */
    public void refuse(Duration duration) {
        refuse = Deadline.after(requirePositive(duration, "refuse duration"));
    }

    /** Answers new handshakes with HTTP 503 until {@link #acceptConnections()}. */
    public void refuse() {
        refuse = Deadline.untilCleared();
    }

    /** Ends a refuse fault. */
    public void acceptConnections() {
        refuse = null;
    }

    public boolean refusingNow() {
        Deadline current = refuse;
        return current != null && current.active();
    }

    /**
     * Changes the limits new connections get, for every plan; an empty value keeps each plan's own. With
     * {@code announce}, open connections adopt them too and are told the way the protocol tells limits (SAHMK: a
     * fresh {@code connected} message).
     *
     * @throws UnsupportedOperationException if the simulation has no limits
     */
    public void setLimits(OptionalInt perConnection, OptionalInt perCall, boolean announce) {
        if (perConnection.isEmpty() && perCall.isEmpty()) {
            throw new IllegalArgumentException("give a per-connection limit, a per-call limit, or both");
        }
        perConnection.ifPresent(value -> requirePositive(value, "per-connection limit"));
        perCall.ifPresent(value -> requirePositive(value, "per-call limit"));
        simulation.overrideLimits(perConnection, perCall, announce);
    }

    public void setLimits(int perConnection, int perCall) {
        setLimits(OptionalInt.of(perConnection), OptionalInt.of(perCall), false);
    }

    /** Restores the configured limits for new connections. */
    public void clearLimits() {
        simulation.clearLimitOverride();
    }

    /**
     * Clears every fault (stalls, slow reading, partial frames, refusal, limit override) and the observation. Open
     * connections stay open with their subscriptions.
     */
    public void reset() {
        resume();
        resumeReading(Target.all());
        wholeFrames(Target.all());
        acceptConnections();
        clearLimits();
        simulation.observation().clear();
    }

    private int forEach(Target target, Consumer<SimulatedConnection> action) {
        requireNonNull(target, "target is null");
        int count = 0;
        for (SimulatedConnection connection : simulation.connections()) {
            if (target.matches(connection)) {
                action.accept(connection);
                count++;
            }
        }
        return count;
    }

    /** Until cleared when {@code duration} is null, else for that (positive) duration. */
    private static Deadline until(Duration duration, String what) {
        return duration == null ? Deadline.untilCleared() : Deadline.after(requirePositive(duration, what));
    }

    private static Duration requirePositive(Duration duration, String what) {
        requireNonNull(duration, what + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + duration);
        }
        return duration;
    }

    private static void requirePositive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
    }

    private static void requireCount(int count) {
        if (count < 1 || count > MAX_FRAMES_PER_CALL) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_FRAMES_PER_CALL + ", got " + count);
        }
    }
}
