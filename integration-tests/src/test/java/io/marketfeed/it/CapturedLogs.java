package io.marketfeed.it;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A Logback appender that keeps every formatted line (with stack traces), so tests can search all log output. */
public final class CapturedLogs extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();
    private Encoder<ILoggingEvent> encoder;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    protected void append(ILoggingEvent event) {
        LINES.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
    }

    /** Everything logged so far in this JVM. */
    public static String all() {
        return String.join("", LINES);
    }
}
