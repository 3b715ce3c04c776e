package io.marketfeed.app.logging;

import io.marketfeed.app.ops.Redactor;
import java.util.List;

/**
 * The second line of defence for credentials in logs: once the configuration is read, every message and stack
 * trace the runner's log encoders write is passed through the providers' {@link Redactor}. The runtime already
 * masks what servers send before it logs it; this catches what anything else might log (a library's exception
 * quoting a URL). Until {@link #install} is called, text passes unchanged.
 *
 * <p>Thread safe: the redactor is immutable and published through a volatile field.
 */
public final class LogMask {

    private static volatile Redactor redactor = Redactor.of(List.of());

    private LogMask() {
    }

    /** Masks these credentials in every line from now on. */
    public static void install(Redactor credentials) {
        redactor = credentials;
    }

    /** {@code text} with every installed credential masked. */
    static String apply(String text) {
        return redactor.clean(text);
    }
}
