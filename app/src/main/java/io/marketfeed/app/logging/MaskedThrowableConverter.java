package io.marketfeed.app.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * A stack trace with credentials masked ({@link LogMask}): {@code %mex} in the runner's logback.xml. Naming a
 * throwable converter in the pattern also stops Logback from appending its own, unmasked one.
 */
public final class MaskedThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return LogMask.apply(super.throwableProxyToString(proxy));
    }
}
