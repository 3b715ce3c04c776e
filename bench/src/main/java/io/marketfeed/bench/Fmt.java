package io.marketfeed.bench;

import java.time.Duration;
import java.util.Locale;

/** Number formats for the table. */
public final class Fmt {

    private Fmt() {
    }

    /** {@code 1,234,567}. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Events per second: {@code 1.62 M/s}, {@code 187 k/s}, {@code 950 /s}. */
    public static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M/s", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.0f k/s", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f /s", perSecond);
    }

    /** {@code 0.12×}. */
    public static String ratio(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f×", value) : "n/a";
    }

    /** Microseconds as {@code 850 µs}, {@code 12.3 ms} or {@code 1.25 s}. */
    public static String micros(double micros) {
        if (micros >= 1e6) {
            return String.format(Locale.ROOT, "%.2f s", micros / 1e6);
        }
        if (micros >= 1e4) {
            return String.format(Locale.ROOT, "%.1f ms", micros / 1e3);
        }
        if (micros >= 1e3) {
            return String.format(Locale.ROOT, "%.2f ms", micros / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f µs", micros);
    }

    public static String millis(double millis) {
        return micros(millis * 1e3);
    }

    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    public static String bytes(double bytes) {
        if (bytes >= 10 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
        }
        return String.format(Locale.ROOT, "%.0f B", bytes);
    }

    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return millis + " ms";
    }

    public static String decimal(double value, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
