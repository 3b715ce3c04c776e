package io.marketfeed.runtime.internal;

import java.time.Duration;
import java.util.Locale;

/**
 * Human-readable durations ({@code 850ms}, {@code 4.21s}, {@code 2m05s}) and sizes ({@code 1 MiB},
 * {@code 1.02 MiB}) for log lines, and pacing margins.
 */
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

    /** A size in bytes: whole KiB or MiB as such, otherwise bytes below 1 KiB, else KiB or MiB to two decimals. */
    static String bytes(long bytes) {
        long kib = 1024;
        long mib = kib * 1024;
        if (bytes >= mib) {
            return bytes % mib == 0 ? bytes / mib + " MiB"
                    : String.format(Locale.ROOT, "%.2f MiB (%d bytes)", bytes / (double) mib, bytes);
        }
        if (bytes >= kib) {
            return bytes % kib == 0 ? bytes / kib + " KiB"
                    : String.format(Locale.ROOT, "%.2f KiB (%d bytes)", bytes / (double) kib, bytes);
        }
        return bytes + " bytes";
    }
}
