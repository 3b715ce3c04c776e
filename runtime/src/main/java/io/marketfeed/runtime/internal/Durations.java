package io.marketfeed.runtime.internal;

import java.time.Duration;
import java.util.Locale;

/** Human-readable durations for log lines ({@code 850ms}, {@code 4.21s}, {@code 2m05s}), and pacing margins. */
final class Durations {

    private Durations() {
    }

    /**
     * A gap a server requires between our frames, plus a margin of 1/16 (at least 2 ms): the server measures
     * arrival times, and a frame that left late (queued behind another write) arrives closer to the next
     * one than it was sent. Zero stays zero.
     */
    static long withMargin(long gapNanos) {
        if (gapNanos <= 0) {
            return 0;
        }
        return gapNanos + Math.max(gapNanos / 16, 2_000_000L);
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.2fs", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
}
