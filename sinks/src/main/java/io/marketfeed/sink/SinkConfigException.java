package io.marketfeed.sink;

/**
 * A wrong value in a sink's configuration block: names the full path of the key, where it was set, and what to
 * write instead. The runner reports it with the other configuration problems, without a stack trace.
 */
public final class SinkConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String origin;
    private final String problem;

    /**
     * @param path the full path, such as {@code marketfeed.sinks[0].batch-size}
     * @param origin where the value was set ({@code app.conf:12}), or empty
     * @param problem what is wrong and what to write instead
     */
    public SinkConfigException(String path, String origin, String problem) {
        super(path + (origin.isEmpty() ? "" : " (" + origin + ")") + ": " + problem);
        this.path = path;
        this.origin = origin;
        this.problem = problem;
    }

    public String path() {
        return path;
    }

    public String origin() {
        return origin;
    }

    /** What is wrong, without the path. */
    public String problem() {
        return problem;
    }
}
