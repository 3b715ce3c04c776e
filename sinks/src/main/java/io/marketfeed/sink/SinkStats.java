package io.marketfeed.sink;

import java.time.Duration;
import java.util.Optional;

/**
 * What a {@link SinkWriter} has done so far; a consistent snapshot.
 *
 * @param name the sink's name
 * @param recovered events found in the spool at the start, left by an earlier run
 * @param received events handed to the sink
 * @param written events the store has acknowledged (a batch written twice counts once)
 * @param spooled events waiting in the spool on disk now
 * @param spooledTotal events that went through the spool since the start
 * @param dropped events deleted from a full spool ({@link WriterSettings.WhenFull#DROP_OLDEST})
 * @param failures failed opens and writes
 * @param down since when the store has been failing; empty while it works
 * @param lastError the latest failure's message; empty when none
 */
public record SinkStats(String name, long recovered, long received, long written, long spooled, long spooledTotal, long dropped,
        long failures, Optional<Duration> down, Optional<String> lastError) {

    /** Events recovered or received and neither written nor dropped: in memory or in the spool. */
    public long pending() {
        return recovered + received - written - dropped;
    }
}
