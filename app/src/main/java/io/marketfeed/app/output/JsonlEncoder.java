package io.marketfeed.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.model.Trade;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one event as one JSON object, the documented jsonl schema. Every object starts with {@code type} and
 * {@code provider}; absent (null) values are left out; decimals are written exactly as received
 * ({@code 651.12} stays {@code 651.12}, never {@code 651.1199999}); instants are ISO-8601 UTC strings.
 *
 * <p>Stateless; the generator decides the threading.
 */
public final class JsonlEncoder {

    private JsonlEncoder() {
    }

    /** Writes {@code event} as one object, without a line separator. */
    public static void write(MarketEvent event, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("type", event.type());
        out.writeStringField("provider", event.provider());
        if (event instanceof Quote) {
            quote((Quote) event, out);
        } else if (event instanceof Trade) {
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
        instant(out, "receivedAt", event.receivedAt());
        out.writeEndObject();
    }

    private static void quote(Quote quote, JsonGenerator out) throws IOException {
        out.writeStringField("symbol", quote.symbol());
        decimal(out, "price", quote.price());
        decimal(out, "change", quote.change());
        decimal(out, "changePercent", quote.changePercent());
        decimal(out, "volume", quote.volume());
        decimal(out, "bid", quote.bid());
        decimal(out, "ask", quote.ask());
        decimal(out, "open", quote.open());
        decimal(out, "high", quote.high());
        decimal(out, "low", quote.low());
        decimal(out, "previousClose", quote.previousClose());
        instant(out, "time", quote.time());
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
