package io.marketfeed.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One log event as one line of JSON, for log collectors:
 *
 * <pre>{"time":"2026-12-04T15:30:00.123Z","level":"WARN","logger":"io.marketfeed.sink.SinkWriter",
 * "thread":"marketfeed-sink-postgres","message":"Sink 'postgres' ...","error":"java.io.IOException: ..."}</pre>
 *
 * <p>{@code time} is ISO-8601 in UTC with milliseconds, as in the text lines; {@code message} is the formatted
 * message; {@code mdc} appears when the event has MDC entries; {@code error}, the stack trace as text, when it has
 * a throwable. Logback's own {@code JsonEncoder} was not used: it writes the time as epoch milliseconds, the
 * message unformatted beside its arguments, and the logger context on every line.
 *
 * <p>Called by its appender under the appender's lock; it keeps no state between events.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {

    /** The time format of every log line, text or JSON: ISO-8601, UTC, milliseconds, {@code Z}. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NOTHING = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("time", TIME.format(Instant.ofEpochMilli(event.getTimeStamp())));
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", event.getThreadName());
            json.writeStringField("message", LogMask.apply(event.getFormattedMessage()));
            Map<String, String> mdc = event.getMDCPropertyMap();
            if (mdc != null && !mdc.isEmpty()) {
                json.writeObjectFieldStart("mdc");
                for (Map.Entry<String, String> entry : mdc.entrySet()) {
                    json.writeStringField(entry.getKey(), entry.getValue());
                }
                json.writeEndObject();
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                json.writeStringField("error", LogMask.apply(ThrowableProxyUtil.asString(error)));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a log event could not be written as JSON", e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }
}
