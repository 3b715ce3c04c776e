package io.marketfeed.app;

/** The runner's exit codes; scripts rely on them. */
public final class ExitCode {

    /** Normal end: the duration elapsed, or SIGINT/SIGTERM, after a graceful stop. */
    public static final int OK = 0;
    /** An unexpected internal error (a bug): the message says what happened. */
    public static final int INTERNAL_ERROR = 1;
    /** The command line or the configuration is wrong; nothing was started. */
    public static final int USAGE_OR_CONFIG = 2;
    /** Every enabled provider stopped on a fatal error (for example a revoked key); the message says what to fix. */
    public static final int ALL_PROVIDERS_FAILED = 3;

    private ExitCode() {
    }
}
