package io.marketfeed.app.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %msg} with credentials masked ({@link LogMask}); registered as {@code %msg} in the runner's logback.xml. */
public final class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogMask.apply(super.convert(event));
    }
}
