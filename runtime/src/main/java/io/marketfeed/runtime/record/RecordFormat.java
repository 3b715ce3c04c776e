package io.marketfeed.runtime.record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The recording format, version 1. A recording is a folder of files named
 * {@code frames-<UTC time the file was started, yyyyMMdd'T'HHmmss.SSS'Z'>-<n>.mfr.gz}, replayed in name order (which
 * is the order they were written in). Several runs may record into one folder; each file says which recording it
 * belongs to.
 *
 * <p>Each file is one gzip stream, flushed (deflate {@code SYNC_FLUSH}) after every batch the recorder writes, at
 * least every flush interval: a process that dies loses at most its last interval, and what was flushed stays
 * readable even though the file has no gzip trailer. All numbers are big-endian; {@code utf} is
 * {@link java.io.DataOutput#writeUTF} (a 2-byte length, then modified UTF-8).
 *
 * <pre>
 * file    := header record*
 * header  := "MFREC" (5 bytes) version (1 byte, = 1) recording-id (8) started (8, epoch nanos)
 * record  := kind (1) time (8, epoch nanos) body
 *
 * kind  body                                               what happened
 *  1    ref (4) provider (utf) connection (utf) endpoint (utf)  a session was opened for a connection attempt
 *  2    ref (4)                                            its socket opened: onOpen
 *  3    ref (4) length (4) bytes                           a text message arrived (time: when it was received)
 *  4    ref (4) length (4) bytes                           a binary message arrived
 *  5    ref (4) topic (utf) count (4) symbol (utf)*        the session was asked for a subscribe request
 *  6    ref (4) topic (utf) count (4) symbol (utf)*        ... for an unsubscribe request
 *  7    ref (4)                                            ... for a heartbeat message
 *  8    ref (4)                                            ... for its first-message authentication
 *  9    records (8) bytes (8) since (8, epoch nanos)      records not kept: the recorder was behind, or stopped
 * </pre>
 *
 * A {@code ref} names one session (one connection attempt) within its recording. Only inbound messages are kept,
 * with the calls that shaped the session's state (requests it was asked to encode), never what it encoded: an
 * outbound message may carry a credential. Kinds 5 to 8 let a replay put a fresh session in the same state.
 *
 * <p>A record cut short at the end of a file (the process died while writing it) is ignored with a warning.
 */
public final class RecordFormat {

    /** The format version this runtime writes and reads. */
    public static final int VERSION = 1;
    /** Recording files start with this name and end with {@link #SUFFIX}. */
    public static final String PREFIX = "frames-";
    public static final String SUFFIX = ".mfr.gz";

    static final byte[] MAGIC = "MFREC".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = MAGIC.length + 1 + 8 + 8;

    static final byte SESSION = 1;
    static final byte OPEN = 2;
    static final byte TEXT = 3;
    static final byte BINARY = 4;
    static final byte SUBSCRIBE = 5;
    static final byte UNSUBSCRIBE = 6;
    static final byte HEARTBEAT = 7;
    static final byte AUTH = 8;
    static final byte LOST = 9;

    /** kind, time, ref, length: what comes before a message's bytes. */
    static final int FRAME_HEAD = 1 + 8 + 4 + 4;
    /** kind, time, ref. */
    static final int CALL_BYTES = 1 + 8 + 4;
    /** kind, time, records, bytes, since. */
    static final int LOST_BYTES = 1 + 8 + 8 + 8 + 8;

    private RecordFormat() {
    }

    /** Whether {@code name} is the name of a recording file. */
    public static boolean isRecordingFile(String name) {
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
