package io.marketfeed.app.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.CreditSnapshot;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.sink.SinkStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /status}: the run as JSON, from one {@link Readings.Reading}: readiness, providers with their
 * connections (state, endpoint without credentials, subscriptions desired and confirmed, last frame time, each
 * symbol's last event time), subscriptions, credits and activity, listeners, and sinks. Times are ISO-8601 UTC strings, durations seconds;
 * absent values are {@code null}. Every free text passes the {@link Redactor}.
 *
 * <p>Stateless; each call writes into its own buffer, so any thread may call it.
 */
final class StatusJson {

    private static final JsonFactory JSON = new JsonFactory();

    private StatusJson() {
    }

    static byte[] write(Readings.Reading reading, Readiness readiness, Redactor redactor) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.useDefaultPrettyPrinter();
            FeedSnapshot feed = reading.feed();
            json.writeStartObject();
            time(json, "takenAt", feed.takenAt());
            time(json, "startedAt", feed.startedAt());
            json.writeNumberField("uptimeSeconds", seconds(feed.uptime()));
            json.writeBooleanField("ready", readiness.ready());
            json.writeArrayFieldStart("notReady");
            for (String reason : readiness.reasons()) {
                json.writeString(reason);
            }
            json.writeEndArray();
            array(json, "providers", feed.providers(), provider -> provider(json, provider, redactor));
            array(json, "listeners", feed.listeners(), listener -> listener(json, listener));
            array(json, "sinks", reading.sinks(), sink -> sink(json, sink, redactor));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing /status into memory failed", e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static void provider(JsonGenerator json, ProviderSnapshot provider, Redactor redactor) throws IOException {
        json.writeStartObject();
        json.writeStringField("provider", provider.provider());
        json.writeBooleanField("failed", provider.failed());
        json.writeStringField("failure", redactor.clean(provider.failure()));
        json.writeObjectFieldStart("subscriptions");
        json.writeNumberField("wanted", provider.wanted());
        json.writeNumberField("unassigned", provider.unassigned());
        json.writeObjectFieldStart("rejected");
        for (Map.Entry<String, String> rejected : provider.rejected().entrySet()) {
            json.writeStringField(rejected.getKey(), redactor.clean(rejected.getValue()));
        }
        json.writeEndObject();
        json.writeEndObject();
        ProviderSnapshot.Activity activity = provider.activity();
        json.writeObjectFieldStart("events");
        for (Map.Entry<String, Long> count : activity.events().entrySet()) {
            json.writeNumberField(count.getKey(), count.getValue());
        }
        json.writeEndObject();
        json.writeNumberField("decodeProblems", activity.problems());
        json.writeNumberField("decodeErrors", provider.decodeErrors());
        badValues(json, provider);
        json.writeNumberField("unwantedFrames", provider.ghostFramesDropped());
        json.writeNumberField("reconnects", activity.reconnects());
        json.writeNumberField("gaps", activity.gaps());
        json.writeNumberField("quietSymbolReports", activity.quietReports());
        json.writeNumberField("connectedSeconds", seconds(activity.connected()));
        json.writeFieldName("credits");
        if (provider.credits().isPresent()) {
            credits(json, provider.credits().get());
        } else {
            json.writeNull();
        }
        array(json, "connections", provider.connections(), connection -> connection(json, connection, redactor));
        json.writeEndObject();
    }

    /**
     * {@code "badValues": {"price": {"dropped": 3, "absent": 0}, ...}}: values the decoder could not read exactly,
     * by field (the provider's own names), by what became of their event.
     */
    private static void badValues(JsonGenerator json, ProviderSnapshot provider) throws IOException {
        json.writeObjectFieldStart("badValues");
        for (ProviderSnapshot.BadValue bad : provider.badValues()) {
            json.writeObjectFieldStart(bad.field());
            json.writeNumberField("dropped", bad.dropped());
            json.writeNumberField("absent", bad.absent());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void credits(JsonGenerator json, CreditSnapshot credits) throws IOException {
        json.writeStartObject();
        json.writeNumberField("used", credits.used());
        number(json, "remaining", credits.remaining().isPresent() ? credits.remaining().getAsLong() : null);
        json.writeNumberField("perHour", credits.perHour());
        time(json, "exhaustsAt", credits.exhaustsAt().orElse(null));
        time(json, "nextReset", credits.nextReset());
        json.writeBooleanField("exhaustsBeforeReset", credits.exhaustsBeforeReset());
        json.writeEndObject();
    }

    private static void connection(JsonGenerator json, ConnectionSnapshot connection, Redactor redactor)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("connection", connection.connection());
        json.writeStringField("endpoint", redactor.clean(connection.endpoint()));
        json.writeStringField("state", connection.state().label());
        json.writeStringField("reason", redactor.clean(connection.reason()));
        json.writeNumberField("attempt", connection.attempt());
        json.writeObjectFieldStart("symbols");
        json.writeNumberField("desired", connection.symbols());
        json.writeNumberField("confirmed", connection.confirmed());
        json.writeEndObject();
        json.writeNumberField("framesReceived", connection.framesReceived());
        time(json, "lastFrameAt", connection.lastFrameAt());
        symbolActivity(json, connection);
        json.writeEndObject();
    }

    /**
     * {@code "symbolActivity": [{"symbol": "2222", "lastEventAt": "2026-...Z", "quiet": false}, ...]}: each
     * subscribed symbol with the time of its last market-data event ({@code null} before the first) and whether it
     * is in a quiet spell (silent while its neighbours stream). Symbols subscribed with a wildcard are not listed.
     */
    private static void symbolActivity(JsonGenerator json, ConnectionSnapshot connection) throws IOException {
        array(json, "symbolActivity", connection.symbolActivity(), symbol -> {
            json.writeStartObject();
            json.writeStringField("symbol", symbol.symbol());
            time(json, "lastEventAt", symbol.lastEventAt());
            json.writeBooleanField("quiet", symbol.quiet());
            json.writeEndObject();
        });
    }

    private static void listener(JsonGenerator json, FeedSnapshot.ListenerSnapshot listener) throws IOException {
        json.writeStartObject();
        json.writeStringField("listener", listener.name());
        json.writeStringField("policy", listener.policy().label());
        json.writeNumberField("queued", listener.queued());
        json.writeNumberField("delivered", listener.delivered());
        json.writeNumberField("dropped", listener.dropped());
        json.writeNumberField("conflated", listener.conflated());
        json.writeNumberField("failures", listener.failures());
        json.writeEndObject();
    }

    private static void sink(JsonGenerator json, SinkStats sink, Redactor redactor) throws IOException {
        json.writeStartObject();
        json.writeStringField("sink", sink.name());
        json.writeNumberField("received", sink.received());
        json.writeNumberField("written", sink.written());
        json.writeNumberField("pending", sink.pending());
        json.writeNumberField("spooled", sink.spooled());
        json.writeNumberField("spooledTotal", sink.spooledTotal());
        json.writeNumberField("recovered", sink.recovered());
        json.writeNumberField("dropped", sink.dropped());
        json.writeNumberField("failures", sink.failures());
        number(json, "downSeconds", sink.down().map(StatusJson::seconds).orElse(null));
        json.writeStringField("lastError", redactor.clean(sink.lastError().orElse(null)));
        json.writeEndObject();
    }

    private static <T> void array(JsonGenerator json, String field, List<T> items, Element<T> element)
            throws IOException {
        json.writeArrayFieldStart(field);
        for (T item : items) {
            element.write(item);
        }
        json.writeEndArray();
    }

    /** A number, or {@code null}. */
    private static void number(JsonGenerator json, String field, Number value) throws IOException {
        json.writeFieldName(field);
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Long) {
            json.writeNumber(value.longValue());
        } else {
            json.writeNumber(value.doubleValue());
        }
    }

    private static void time(JsonGenerator json, String field, Instant time) throws IOException {
        json.writeStringField(field, time == null ? null : time.toString());
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** Writes one element of an array. */
    @FunctionalInterface
    private interface Element<T> {
        void write(T item) throws IOException;
    }
}
