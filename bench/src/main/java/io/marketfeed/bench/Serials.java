package io.marketfeed.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.BitSet;

/**
 * What one client received of the serials {@code 0..expected-1} the blast server sent it: distinct serials, repeats
 * and values outside the range, plus the receive times of the first and the last one.
 *
 * <p>One thread records (a client's read, decode or listener thread; each client delivers sequentially); any other
 * thread may watch {@link #received()} and, once the recording thread is done or quiet, read the rest. The count is
 * published with a release store after the bit set and the times are written, so a reader that sees a count also
 * sees everything recorded before it.
 */
public final class Serials {

    /** Serials travel as {@code data.volume = BASE + serial}: 13 digits, fixed width, no leading zero. */
    public static final long BASE = 1_000_000_000_000L;

    private static final VarHandle RECEIVED;

    static {
        try {
            RECEIVED = MethodHandles.lookup().findVarHandle(Serials.class, "received", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long expected;
    private final BitSet seen;
    private final long steadyMark;
    @SuppressWarnings("unused") // written and read through RECEIVED
    private long received;
    private long distinct;
    private long duplicates;
    private long outOfRange;
    private long firstNanos;
    private long lastNanos;
    private long steadyNanos;
    private long steadyCount;

    /** @param expected how many serials were sent: {@code 0..expected-1} */
    public Serials(long expected) {
        if (expected < 1 || expected > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected must be 1.." + Integer.MAX_VALUE + ", got " + expected);
        }
        this.expected = expected;
        this.seen = new BitSet((int) expected);
        this.steadyMark = Math.max(1, expected / 5);
    }

    /** Records a {@code data.volume} value as it arrived. */
    public void recordVolume(long volume) {
        record(volume - BASE);
    }

    /** Records one received serial; called by the one recording thread. */
    public void record(long serial) {
        long now = System.nanoTime();
        long count = (long) RECEIVED.getOpaque(this) + 1;
        if (count == 1) {
            firstNanos = now;
        }
        lastNanos = now;
        if (serial < 0 || serial >= expected) {
            outOfRange++;
        } else if (seen.get((int) serial)) {
            duplicates++;
        } else {
            seen.set((int) serial);
            distinct++;
            if (distinct == steadyMark) {
                steadyNanos = now;
                steadyCount = count;
            }
        }
        RECEIVED.setRelease(this, count);
    }

    /** Events recorded so far (any thread). */
    public long received() {
        return (long) RECEIVED.getAcquire(this);
    }

    /** Whether every serial arrived (any thread). */
    public boolean complete() {
        received(); // acquire: makes distinct visible
        return distinct >= expected;
    }

    public long expected() {
        return expected;
    }

    /** A consistent view; call once the recording thread is done or quiet. */
    public Snapshot snapshot() {
        long count = received();
        return new Snapshot(expected, count, distinct, expected - distinct, duplicates, outOfRange, firstNanos,
                lastNanos, steadyNanos, steadyCount);
    }

    /**
     * @param expected serials sent
     * @param received events recorded (all of them, repeats and strays included)
     * @param distinct distinct serials in range
     * @param lost serials that never arrived
     * @param duplicates serials that arrived more than once (each extra arrival counted)
     * @param outOfRange values that are no serial of this run
     * @param firstNanos {@link System#nanoTime()} of the first event
     * @param lastNanos of the last event
     * @param steadyNanos of the event that completed the first 20 % of the distinct serials; 0 if never
     * @param steadyCount events recorded up to that one
     */
    public record Snapshot(long expected, long received, long distinct, long lost, long duplicates, long outOfRange,
            long firstNanos, long lastNanos, long steadyNanos, long steadyCount) {

        /** Seconds from the first event to the last. */
        public double seconds() {
            return received < 2 ? 0 : (lastNanos - firstNanos) / 1e9;
        }

        /** Events per second from the first to the last event; 0 when fewer than two arrived. */
        public double rate() {
            double seconds = seconds();
            return seconds <= 0 ? 0 : (received - 1) / seconds;
        }

        /** Events per second after the first 20 % of the serials (JIT warm-up and connection set-up excluded). */
        public double steadyRate() {
            if (steadyNanos == 0 || lastNanos <= steadyNanos) {
                return 0;
            }
            return (received - steadyCount) / ((lastNanos - steadyNanos) / 1e9);
        }
    }
}
