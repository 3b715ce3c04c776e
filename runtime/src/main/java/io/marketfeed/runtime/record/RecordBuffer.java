package io.marketfeed.runtime.record;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-over from the threads that record (the sockets' read threads, the control thread) to the
 * recorder's writer thread. Records are appended already encoded to the batch being filled; a batch goes to the
 * writer when it is full, or when the writer comes for what there is (every flush interval). Appending copies bytes
 * and never waits, does no I/O and no compression.
 *
 * <p>At most {@code capacity} bytes are held. A record that does not fit is not kept: it is counted, and the hole
 * is written as a {@link RecordFormat#LOST} record before the next record that fits (or at the end), so that a
 * replay reports it where it happened.
 *
 * <p>Threading: any number of appending threads and one taking thread, under this object's lock, held only to
 * copy bytes.
 */
final class RecordBuffer {

    /** Encoded records, whole: a batch boundary is always a record boundary. */
    static final class Batch {
        final byte[] data;
        int size;
        int records;

        Batch(int capacity) {
            data = new byte[capacity];
        }
    }

    private static final int SPARE_BATCHES = 4;

    private final int batchBytes;
    private final long capacity;
    private final ArrayDeque<Batch> filled = new ArrayDeque<>();
    private final ArrayDeque<Batch> spare = new ArrayDeque<>();
    private Batch current;
    private long held;
    /** The hole since the last record kept: records and bytes not kept, and when the first of them came. */
    private long holeRecords;
    private long holeBytes;
    private long holeSince;
    private long lostRecords;
    private boolean closed;

    RecordBuffer(long capacity, int batchBytes) {
        this.capacity = capacity;
        this.batchBytes = batchBytes;
    }

    /** Appends a message record; false when it was not kept. */
    synchronized boolean frame(byte kind, long nanos, int ref, byte[] array, int offset, int length) {
        Batch batch = reserve(RecordFormat.FRAME_HEAD + length, nanos);
        if (batch == null) {
            return false;
        }
        int at = head(batch, kind, nanos);
        at = putInt(batch.data, at, ref);
        at = putInt(batch.data, at, length);
        System.arraycopy(array, offset, batch.data, at, length);
        batch.size = at + length;
        return true;
    }

    /** Appends a record encoded by the caller, kind and time first; false when it was not kept. */
    synchronized boolean encoded(byte[] record, long nanos) {
        Batch batch = reserve(record.length, nanos);
        if (batch == null) {
            return false;
        }
        System.arraycopy(record, 0, batch.data, batch.size, record.length);
        batch.size += record.length;
        return true;
    }

    /** Room for a record of {@code size} bytes, after the hole's marker if there is one; null when it does not fit. */
    private Batch reserve(int size, long nanos) {
        int needed = holeRecords > 0 ? size + RecordFormat.LOST_BYTES : size;
        if (closed || held + needed > capacity) {
            if (holeRecords++ == 0) {
                holeSince = nanos;
            }
            holeBytes += size;
            lostRecords++;
            return null;
        }
        if (holeRecords > 0) {
            writeHole(room(RecordFormat.LOST_BYTES), nanos);
        }
        Batch batch = room(size);
        held += size;
        batch.records++;
        return batch;
    }

    private void writeHole(Batch batch, long nanos) {
        int at = head(batch, RecordFormat.LOST, nanos);
        at = putLong(batch.data, at, holeRecords);
        at = putLong(batch.data, at, holeBytes);
        batch.size = putLong(batch.data, at, holeSince);
        batch.records++;
        held += RecordFormat.LOST_BYTES;
        holeRecords = 0;
        holeBytes = 0;
    }

    /** The batch to write {@code size} bytes into: the current one, or a new one once it is full. */
    private Batch room(int size) {
        if (current != null && current.size + size > current.data.length) {
            filled.add(current);
            current = null;
            notifyAll();
        }
        if (current == null) {
            current = size <= batchBytes && !spare.isEmpty() ? spare.pop() : new Batch(Math.max(batchBytes, size));
        }
        return current;
    }

    private static int head(Batch batch, byte kind, long nanos) {
        batch.data[batch.size] = kind;
        return putLong(batch.data, batch.size + 1, nanos);
    }

    static int putInt(byte[] data, int at, int value) {
        data[at] = (byte) (value >>> 24);
        data[at + 1] = (byte) (value >>> 16);
        data[at + 2] = (byte) (value >>> 8);
        data[at + 3] = (byte) value;
        return at + 4;
    }

    static int putLong(byte[] data, int at, long value) {
        putInt(data, at, (int) (value >>> 32));
        return putInt(data, at + 4, (int) value);
    }

    /**
     * The next batch to write: a full one, or after {@code waitNanos} (or once closed) the one being filled. Null
     * when there is nothing; {@link #drained()} then tells whether there will be more.
     */
    synchronized Batch take(long waitNanos) throws InterruptedException {
        long deadline = System.nanoTime() + waitNanos;
        long left = waitNanos;
        while (filled.isEmpty() && !closed && left > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
            left = deadline - System.nanoTime();
        }
        if (filled.isEmpty() && current != null && current.size > 0) {
            filled.add(current);
            current = null;
        }
        return filled.poll();
    }

    /** The writer is done with a batch: its bytes no longer count, its array may be reused. */
    synchronized void recycle(Batch batch) {
        held -= batch.size;
        if (batch.data.length == batchBytes && spare.size() < SPARE_BATCHES) {
            batch.size = 0;
            batch.records = 0;
            spare.push(batch);
        }
    }

    /**
     * No more records are kept (later ones are counted as lost); a hole still open is marked now, whatever the
     * capacity, so that the recording ends with it.
     */
    synchronized void close(long nanos) {
        if (!closed && holeRecords > 0) {
            writeHole(room(RecordFormat.LOST_BYTES), nanos);
        }
        closed = true;
        notifyAll();
    }

    /** Closed, and every batch taken. */
    synchronized boolean drained() {
        return closed && filled.isEmpty() && (current == null || current.size == 0);
    }

    /** Records not kept so far. */
    synchronized long lostRecords() {
        return lostRecords;
    }
}
