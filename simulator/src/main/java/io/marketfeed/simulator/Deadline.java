package io.marketfeed.simulator;

import java.time.Duration;

/**
 * How long a fault lasts: until cleared, or until a {@link System#nanoTime()} deadline. Checked on use, so a timed
 * fault ends by itself without a scheduled task that could race a later fault of the same kind.
 */
record Deadline(boolean indefinite, long untilNanos) {

    static Deadline untilCleared() {
        return new Deadline(true, 0);
    }

    static Deadline after(Duration duration) {
        return new Deadline(false, System.nanoTime() + duration.toNanos());
    }

    boolean active() {
        return indefinite || System.nanoTime() - untilNanos < 0;
    }
}
