package io.marketfeed.app.output;

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
    private static final byte[][] QUOTE_FIELDS = quoteFieldPrefixes();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private byte[] buffer = new byte[64 * 1024];
    private int length;
    private final JsonGenerator generator;
    /**
     * Two epoch seconds with their {@code yyyy-MM-ddTHH:mm:ss}, most recent first: a quote carries two instants
     * (the provider's and the receive time) that are often in different seconds, and each changes once a
     * second.
     */
    private final long[] cachedSeconds = {Long.MIN_VALUE, Long.MIN_VALUE};
    private final byte[][] secondTexts = {new byte[19], new byte[19]};

    public JsonlEncoder() {
        try {
            generator = FACTORY.createGenerator(new BufferStream(), JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // One object per line: the separator goes after each object, not before the next.
        generator.setRootValueSeparator(null);
    }

    /** Bytes encoded and not yet taken. */
    public int size() {
        return length;
    }

    /** Writes what is encoded to {@code out} and empties the buffer. */
    public void writeTo(OutputStream out) throws IOException {
        if (length > 0) {
            out.write(buffer, 0, length);
            length = 0;
        }
    }

    /** The encoded text (tests). */
    String text() {
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
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
        ensure(512);
        put(QUOTE_START);
        string(quote.provider());
        put(SYMBOL);
        string(quote.symbol());
        ensure(1);
        buffer[length++] = '"';
        for (int i = 0; i < QUOTE_FIELDS.length; i++) {
            if (quote.hasDecimal(i)) {
                put(QUOTE_FIELDS[i]);
                if (quote.isCompact(i)) {
                    plain(quote.unscaled(i), quote.scale(i));
                } else {
                    put(ascii(quote.decimal(i).toPlainString()));
                }
            }
        }
        if (quote.time() != null) {
            put(TIME);
            instant(quote.time());
        }
        put(RECEIVED_AT);
        instant(quote.receivedAt());
        ensure(2);
        buffer[length++] = '}';
        buffer[length++] = '\n';
    }

    /** Writes {@code unscaled × 10^-scale} in plain notation: {@code 32.50}, {@code -0.001}, {@code 120}. */
    private void plain(long unscaled, int scale) {
        if (unscaled == Long.MIN_VALUE) {
            put(ascii(BigDecimal.valueOf(unscaled, scale).toPlainString()));
            return;
        }
        ensure(scale + 24);
        if (unscaled < 0) {
            buffer[length++] = '-';
            unscaled = -unscaled;
        }
        int digits = digits(unscaled);
        if (scale == 0) {
            writeDigits(unscaled, digits);
            return;
        }
        if (digits <= scale) {
            buffer[length++] = '0';
            buffer[length++] = '.';
            for (int i = digits; i < scale; i++) {
                buffer[length++] = '0';
            }
            writeDigits(unscaled, digits);
            return;
        }
        // Digits, with the point inserted scale places from the right.
        int end = length + digits + 1;
        int position = end - 1;
        for (int i = 0; i < scale; i++) {
            buffer[position--] = (byte) ('0' + unscaled % 10);
            unscaled /= 10;
        }
        buffer[position--] = '.';
        while (position >= length) {
            buffer[position--] = (byte) ('0' + unscaled % 10);
            unscaled /= 10;
        }
        length = end;
    }

    private void writeDigits(long value, int digits) {
        int position = length + digits - 1;
        do {
            buffer[position--] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        length += digits;
    }

    private static int digits(long value) {
        int digits = 1;
        for (long limit = 10; digits < 19 && value >= limit; limit *= 10) {
            digits++;
        }
        return digits;
    }

    /** An instant as {@link Instant#toString()} writes it, between quotes. */
    private void instant(Instant instant) {
        long second = instant.getEpochSecond();
        int nano = instant.getNano();
        if (second < -62_167_219_200L || second >= 253_402_300_800L) {
            // Outside years 0000 to 9999, where the format changes: the JDK writes it.
            put(ascii(instant.toString()));
            put(ascii("\""));
            return;
        }
        byte[] secondText = secondText(second);
        ensure(32);
        System.arraycopy(secondText, 0, buffer, length, secondText.length);
        length += secondText.length;
        if (nano != 0) {
            buffer[length++] = '.';
            int digits;
            int value;
            if (nano % 1_000_000 == 0) {
                digits = 3;
                value = nano / 1_000_000;
            } else if (nano % 1000 == 0) {
                digits = 6;
                value = nano / 1000;
            } else {
                digits = 9;
                value = nano;
            }
            for (int i = length + digits - 1; i >= length; i--) {
                buffer[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += digits;
        }
        buffer[length++] = 'Z';
        buffer[length++] = '"';
    }

    private byte[] secondText(long second) {
        if (cachedSeconds[0] == second) {
            return secondTexts[0];
        }
        if (cachedSeconds[1] != second) {
            formatSecond(second, secondTexts[1]);
            cachedSeconds[1] = second;
        }
        // Most recent first.
        byte[] text = secondTexts[1];
        secondTexts[1] = secondTexts[0];
        secondTexts[0] = text;
        cachedSeconds[1] = cachedSeconds[0];
        cachedSeconds[0] = second;
        return text;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} of an epoch second, by the civil-from-days algorithm (H. Hinnant). */
    private static void formatSecond(long second, byte[] text) {
        long days = Math.floorDiv(second, 86_400);
        int secondOfDay = (int) Math.floorMod(second, 86_400);
        long z = days + 719_468;
        long era = (z >= 0 ? z : z - 146_096) / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        text[0] = (byte) ('0' + year / 1000);
        text[1] = (byte) ('0' + year / 100 % 10);
        text[2] = (byte) ('0' + year / 10 % 10);
        text[3] = (byte) ('0' + year % 10);
        text[4] = '-';
        twoDigits(text, 5, month);
        text[7] = '-';
        twoDigits(text, 8, day);
        text[10] = 'T';
        twoDigits(text, 11, secondOfDay / 3600);
        text[13] = ':';
        twoDigits(text, 14, secondOfDay / 60 % 60);
        text[16] = ':';
        twoDigits(text, 17, secondOfDay % 60);
    }

    private static void twoDigits(byte[] text, int at, int value) {
        text[at] = (byte) ('0' + value / 10);
        text[at + 1] = (byte) ('0' + value % 10);
    }

    /** A JSON string's content (without quotes), escaped as Jackson escapes it. */
    private void string(String text) {
        int count = text.length();
        ensure(count);
        int start = length;
        for (int i = 0; i < count; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                length = start;
                slowString(text);
                return;
            }
            buffer[length++] = (byte) c;
        }
    }

    private void slowString(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': escaped.append("\\\""); break;
                case '\\': escaped.append("\\\\"); break;
                case '\n': escaped.append("\\n"); break;
                case '\r': escaped.append("\\r"); break;
                case '\t': escaped.append("\\t"); break;
                case '\b': escaped.append("\\b"); break;
                case '\f': escaped.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        escaped.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        escaped.append(c);
                    }
            }
        }
        put(escaped.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private static byte[] ascii(String text) {
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

    /** The generator's way into the buffer. */
    private final class BufferStream extends OutputStream {
        @Override
        public void write(int b) {
            ensure(1);
            buffer[length++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int count) {
            ensure(count);
            System.arraycopy(bytes, offset, buffer, length, count);
            length += count;
        }
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
