package io.marketfeed.app.ops;

/** The operations port cannot listen where configured; the message is one line: the key, the problem, the fix. */
public final class OpsStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OpsStartException(String message) {
        super(message);
    }
}
