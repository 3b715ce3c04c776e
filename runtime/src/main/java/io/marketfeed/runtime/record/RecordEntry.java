package io.marketfeed.runtime.record;

import java.util.ArrayList;
import java.util.List;

/**
 * One record as read back, reused from record to record by {@link RecordingReader}: which fields mean something
 * depends on {@link #kind} (see {@link RecordFormat}).
 *
 * <p>Threading: owned by the thread reading the recording.
 */
final class RecordEntry {

    /** The recording it belongs to, from its file's header. */
    long recording;
    byte kind;
    /** Epoch nanos: when a message was received, or a call was made. */
    long time;
    int ref;
    String provider;
    String connection;
    String endpoint;
    String topic;
    final List<String> symbols = new ArrayList<>();
    /** A message's bytes, {@code length} of them from 0; the array is reused for the next message. */
    byte[] bytes = new byte[4096];
    int length;
    long lostRecords;
    long lostBytes;
    long lostSince;

    boolean isMessage() {
        return kind == RecordFormat.TEXT || kind == RecordFormat.BINARY;
    }
}
