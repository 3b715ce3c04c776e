package io.marketfeed.app.sink;

/** A sink that cannot start (its spool folder): a user's mistake, reported in one line without a trace. */
public final class SinkStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SinkStartException(String message) {
        super(message);
    }
}
