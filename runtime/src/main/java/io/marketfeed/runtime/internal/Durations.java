package io.marketfeed.runtime.internal;

import java.time.Duration;
import java.util.Locale;

/** Human-readable durations for log lines: {@code 850ms}, {@code 4.21s}, {@code 2m05s}. */
final class Durations {

    private Durations() {
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
