package io.marketfeed.app.output;

/** How {@code run} writes events to stdout. */
public enum OutputFormat {
    /** {@link #TABLE} when stdout is a terminal, {@link #JSONL} otherwise. */
    AUTO,
    /** A live table of the latest quotes and each connection's state, redrawn in place. */
    TABLE,
    /** One JSON object per event and line. */
    JSONL,
    /** Nothing: events are received, decoded, counted (the exit summary) and discarded. For measuring. */
    NONE;

    /** The concrete format: {@link #AUTO} becomes {@link #TABLE} on a terminal and {@link #JSONL} elsewhere. */
    public OutputFormat resolve(boolean terminal) {
        if (this != AUTO) {
            return this;
        }
        return terminal ? TABLE : JSONL;
    }
}
