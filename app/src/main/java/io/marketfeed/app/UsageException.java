package io.marketfeed.app;

import static java.util.Objects.requireNonNull;

/** The command line is wrong: printed with the command's usage line, exit code 2, no stack trace. */
public final class UsageException extends RuntimeException {

    private final String usage;

    /**
     * @param message what is wrong
     * @param usage the usage line of the command concerned
     */
    public UsageException(String message, String usage) {
        super(message, null, false, false);
        this.usage = requireNonNull(usage, "usage is null");
    }

    public String usage() {
        return usage;
    }
}
