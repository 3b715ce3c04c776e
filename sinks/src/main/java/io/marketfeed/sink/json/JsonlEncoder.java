package io.marketfeed.sink.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.DecimalFields;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.model.Trade;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes events as the documented jsonl schema, one object and {@code \n} per event, into a growing byte
 * buffer that the caller writes out in large chunks. Every object starts with {@code type} and
 * {@code provider}; absent (null) values are left out; decimals are written exactly as received
 * ({@code 651.12} stays {@code 651.12}, never {@code 651.1199999} nor {@code 6.5112E+2}); instants are
 * ISO-8601 UTC strings as {@link Instant#toString()} writes them.
 *
 * <p>Quotes, the bulk of a feed, are written byte by byte with no allocation: their decimals come compact
 * ({@link DecimalFields}) and their instants are formatted by hand, reusing the date and time of the last
 * second seen. The other events go through a Jackson generator into the same buffer.
 *
 * <p>Not thread safe: one encoder per output thread.
 */
public final class JsonlEncoder {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private static final byte[] QUOTE_START = ascii("{\"type\":\"quote\",\"provider\":\"");
    private static final byte[] SYMBOL = ascii("\",\"symbol\":\"");
    private static final byte[] TIME = ascii(",\"time\":\"");
    private static final byte[] RECEIVED_AT = ascii(",\"receivedAt\":\"");
    private static final byte[] QUOTE = ascii("\"");
    private static final byte[] LINE_END = ascii("}\n");
    private static final byte[][] QUOTE_FIELDS = quoteFieldPrefixes();

    private final JsonBytes bytes = new JsonBytes();
    private final JsonGenerator generator;

    public JsonlEncoder() {
        try {
            generator = FACTORY.createGenerator(bytes, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // One object per line: the separator goes after each object, not before the next.
        generator.setRootValueSeparator(null);
    }

    /** Bytes encoded and not yet taken. */
    public int size() {
        return bytes.size();
    }

    /** Writes what is encoded to {@code out} and empties the buffer. */
    public void writeTo(OutputStream out) throws IOException {
        bytes.writeTo(out);
    }

    /** The encoded text. */
    public String text() {
        return bytes.text();
    }

    /** A copy of the encoded bytes; the buffer keeps them (see {@link #reset()}). */
    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    /** Forgets what is encoded. */
    public void reset() {
        bytes.reset();
    }

    /** Appends {@code event} as one line. */
    public void write(MarketEvent event) {
        if (event instanceof Quote) {
            quote((Quote) event);
            return;
        }
        try {
            generator.writeStartObject();
            generator.writeStringField("type", event.type());
            generator.writeStringField("provider", event.provider());
            other(event, generator);
            instant(generator, "receivedAt", event.receivedAt());
            generator.writeEndObject();
            generator.writeRaw('\n');
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // only the buffer is written: cannot happen
        }
    }

    private void quote(Quote quote) {
        JsonBytes out = bytes;
        out.put(QUOTE_START);
        out.string(quote.provider());
        out.put(SYMBOL);
        out.string(quote.symbol());
        out.put(QUOTE);
        for (int i = 0; i < QUOTE_FIELDS.length; i++) {
            if (quote.hasDecimal(i)) {
                out.put(QUOTE_FIELDS[i]);
                if (quote.isCompact(i)) {
                    out.plain(quote.unscaled(i), quote.scale(i));
                } else {
                    out.put(ascii(quote.decimal(i).toPlainString()));
                }
            }
        }
        if (quote.time() != null) {
            out.put(TIME);
            out.instant(quote.time());
        }
        out.put(RECEIVED_AT);
        out.instant(quote.receivedAt());
        out.put(LINE_END);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] quoteFieldPrefixes() {
        Quote.Field[] fields = Quote.Field.values();
        byte[][] prefixes = new byte[fields.length][];
        for (Quote.Field field : fields) {
            prefixes[field.ordinal()] = ascii(",\"" + field.accessor() + "\":");
        }
        return prefixes;
    }

    private static void other(MarketEvent event, JsonGenerator out) throws IOException {
        if (event instanceof Trade) {
            trade((Trade) event, out);
        } else if (event instanceof Candle) {
            candle((Candle) event, out);
        } else if (event instanceof BookSnapshot) {
            book((BookSnapshot) event, out);
        } else if (event instanceof MarketStatus) {
            market((MarketStatus) event, out);
        } else if (event instanceof Alert) {
            alert((Alert) event, out);
        } else if (event instanceof ConnectionEvent) {
            connection((ConnectionEvent) event, out);
        } else if (event instanceof GapEvent) {
            gap((GapEvent) event, out);
        } else if (event instanceof StatusEvent) {
            status((StatusEvent) event, out);
        } else {
            throw new IllegalArgumentException("no jsonl form for " + event.getClass().getName());
        }
    }

    private static void trade(Trade trade, JsonGenerator out) throws IOException {
        out.writeStringField("symbol", trade.symbol());
        decimal(out, "price", trade.price());
        decimal(out, "size", trade.size());
        decimal(out, "value", trade.value());
        if (trade.side() != Side.UNKNOWN) {
            out.writeStringField("side", trade.side().name().toLowerCase(Locale.ROOT));
        }
        string(out, "tradeId", trade.tradeId());
        instant(out, "time", trade.time());
    }

    private static void candle(Candle candle, JsonGenerator out) throws IOException {
        out.writeStringField("symbol", candle.symbol());
        out.writeStringField("interval", candle.interval().toString());
        instant(out, "openTime", candle.openTime());
        decimal(out, "open", candle.open());
        decimal(out, "high", candle.high());
        decimal(out, "low", candle.low());
        decimal(out, "close", candle.close());
        decimal(out, "volume", candle.volume());
    }

    private static void book(BookSnapshot book, JsonGenerator out) throws IOException {
        out.writeStringField("symbol", book.symbol());
        levels(out, "bids", book.bids());
        levels(out, "asks", book.asks());
        instant(out, "time", book.time());
    }

    private static void levels(JsonGenerator out, String name, List<BookLevel> levels) throws IOException {
        out.writeArrayFieldStart(name);
        for (BookLevel level : levels) {
            out.writeStartObject();
            decimal(out, "price", level.price());
            decimal(out, "size", level.size());
            if (level.orders() != null) {
                out.writeNumberField("orders", level.orders());
            }
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void market(MarketStatus status, JsonGenerator out) throws IOException {
        out.writeStringField("market", status.market());
        out.writeStringField("status", status.status());
        string(out, "message", status.message());
        instant(out, "time", status.time());
    }

    private static void alert(Alert alert, JsonGenerator out) throws IOException {
        string(out, "symbol", alert.symbol());
        out.writeStringField("kind", alert.kind());
        out.writeStringField("message", alert.message());
        instant(out, "time", alert.time());
    }

    private static void connection(ConnectionEvent event, JsonGenerator out) throws IOException {
        out.writeStringField("connection", event.connection());
        out.writeStringField("state", event.state().label());
        string(out, "reason", event.reason());
        out.writeNumberField("attempt", event.attempt());
        duration(out, "nextAttemptIn", event.nextAttemptIn());
    }

    private static void gap(GapEvent gap, JsonGenerator out) throws IOException {
        out.writeStringField("connection", gap.connection());
        out.writeArrayFieldStart("symbols");
        for (String symbol : gap.symbols()) {
            out.writeString(symbol);
        }
        out.writeEndArray();
        instant(out, "from", gap.from());
        instant(out, "to", gap.to());
        out.writeStringField("reason", gap.reason());
    }

    private static void status(StatusEvent status, JsonGenerator out) throws IOException {
        out.writeStringField("kind", status.kind());
        out.writeStringField("message", status.message());
        out.writeObjectFieldStart("details");
        // Sorted, so that equal events give equal lines.
        for (Map.Entry<String, String> detail : new TreeMap<>(status.details()).entrySet()) {
            out.writeStringField(detail.getKey(), detail.getValue());
        }
        out.writeEndObject();
    }

    private static void decimal(JsonGenerator out, String name, BigDecimal value) throws IOException {
        if (value != null) {
            out.writeFieldName(name);
            out.writeNumber(value);
        }
    }

    private static void string(JsonGenerator out, String name, String value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value);
        }
    }

    private static void instant(JsonGenerator out, String name, Instant value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value.toString());
        }
    }

    /** Durations in whole milliseconds: what a script adds to a timestamp. */
    private static void duration(JsonGenerator out, String name, Duration value) throws IOException {
        if (value != null) {
            out.writeNumberField(name, value.toMillis());
        }
    }
}
