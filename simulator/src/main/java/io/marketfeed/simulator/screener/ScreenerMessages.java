package io.marketfeed.simulator.screener;

import com.fasterxml.jackson.core.JsonGenerator;
import io.marketfeed.simulator.BookState;
import io.marketfeed.simulator.JsonText;
import io.marketfeed.simulator.QuoteState;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The server's messages: a pydantic {@code WebSocketMessage} dump is {@code type, timestamp, sequence}, then the
 * type's fields. Each message is kept in two forms: {@code full}, and {@code base} (only the envelope), which is
 * what the server's batches carry for acks (pydantic serializes batch items as the declared base type).
 */
final class ScreenerMessages {

    /** {@code datetime.utcnow().isoformat()}: naive UTC with microseconds, no zone. */
    private static final DateTimeFormatter NAIVE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    /** One message in its full and base forms; {@code keepInBatch} keeps the full form inside a batch. */
    record Message(String type, String full, String base, boolean keepInBatch) {
    }

    @FunctionalInterface
    interface Fields {
        void write(JsonGenerator out) throws IOException;
    }

    private ScreenerMessages() {
    }

    static String timestamp(Instant at) {
        return NAIVE.format(at);
    }

    static Message message(String type, Instant at, Long sequence, boolean keepInBatch, Fields fields) {
        String full = JsonText.write(out -> {
            out.writeStartObject();
            envelope(out, type, at, sequence);
            fields.write(out);
            out.writeEndObject();
        });
        String base = JsonText.write(out -> {
            out.writeStartObject();
            envelope(out, type, at, sequence);
            out.writeEndObject();
        });
        return new Message(type, full, base, keepInBatch);
    }

    private static void envelope(JsonGenerator out, String type, Instant at, Long sequence) throws IOException {
        out.writeStringField("type", type);
        out.writeStringField("timestamp", timestamp(at));
        if (sequence == null) {
            out.writeNullField("sequence");
        } else {
            out.writeNumberField("sequence", sequence);
        }
    }

    static Message batch(List<Message> items, boolean strip, Instant at, long sequence) {
        return message("batch", at, sequence, true, out -> {
            out.writeFieldName("messages");
            out.writeStartArray();
            for (Message item : items) {
                out.writeRawValue(strip && !item.keepInBatch() ? item.base() : item.full());
            }
            out.writeEndArray();
            out.writeNumberField("batch_size", items.size());
        });
    }

    static Message ack(String type, Instant at, long sequence, String subscriptionType, List<String> targets) {
        return message(type, at, sequence, false, out -> {
            out.writeStringField("subscription_type", subscriptionType);
            strings(out, "targets", targets);
        });
    }

    static Message pong(Instant at, Long sequence) {
        return message("pong", at, sequence, false, out -> { });
    }

    static Message error(Instant at, long sequence, String code, String text, Map<String, Object> details) {
        return message("error", at, sequence, true, out -> {
            out.writeStringField("code", code);
            out.writeStringField("message", text);
            if (details == null) {
                out.writeNullField("details");
            } else {
                out.writeObjectFieldStart("details");
                for (Map.Entry<String, Object> detail : details.entrySet()) {
                    if (detail.getValue() instanceof Number number) {
                        out.writeNumberField(detail.getKey(), number.longValue());
                    } else {
                        out.writeStringField(detail.getKey(), String.valueOf(detail.getValue()));
                    }
                }
                out.writeEndObject();
            }
        });
    }

    static Message reconnected(Instant at, long sequence, String oldId, Map<String, List<String>> restored,
            long missed) {
        return message("reconnected", at, sequence, false, out -> {
            out.writeStringField("session_id", oldId);
            out.writeObjectFieldStart("restored_subscriptions");
            for (Map.Entry<String, List<String>> entry : restored.entrySet()) {
                strings(out, entry.getKey(), entry.getValue());
            }
            out.writeEndObject();
            out.writeNumberField("missed_messages_count", missed);
        });
    }

    static Message tokenRefreshed(Instant at, long sequence, String token, long expiresIn) {
        return message("token_refreshed", at, sequence, false, out -> {
            out.writeStringField("access_token", token);
            out.writeNumberField("expires_in", expiresIn);
        });
    }

    static Message connected(Instant at, String connectionId) {
        return message("connected", at, null, true, out -> {
            out.writeStringField("session_id", connectionId);
            out.writeStringField("connection_id", connectionId);
        });
    }

    static Message priceUpdate(Instant at, long sequence, QuoteState quote) {
        return message("price_update", at, sequence, true, out -> {
            out.writeStringField("stock_code", quote.symbol());
            out.writeNumberField("price", quote.price());
            out.writeNumberField("change", quote.change());
            out.writeNumberField("change_percent", quote.changePercent());
            out.writeNumberField("volume", quote.volume());
        });
    }

    static Message orderbook(Instant at, long sequence, BookState book) {
        return message("orderbook_update", at, sequence, true, out -> {
            out.writeStringField("stock_code", book.symbol());
            levels(out, "bids", book.bids());
            levels(out, "asks", book.asks());
        });
    }

    static Message marketStatus(Instant at, long sequence, String market, String status) {
        return message("market_status", at, sequence, true, out -> {
            out.writeStringField("market", market);
            out.writeStringField("status", status);
        });
    }

    static Message notification(Instant at, long sequence, long id, String title, String text, String type,
            String priority) {
        return message("notification", at, sequence, true, out -> {
            out.writeNumberField("notification_id", id);
            out.writeStringField("title", title);
            out.writeStringField("message", text);
            out.writeStringField("notification_type", type);
            out.writeStringField("priority", priority);
        });
    }

    private static void levels(JsonGenerator out, String name, List<BookState.Level> levels) throws IOException {
        out.writeFieldName(name);
        out.writeStartArray();
        for (BookState.Level level : levels) {
            out.writeStartObject();
            out.writeNumberField("price", level.price());
            out.writeNumberField("quantity", level.quantity());
            out.writeNumberField("orders", level.orderCount());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void strings(JsonGenerator out, String name, List<String> values) throws IOException {
        out.writeFieldName(name);
        out.writeStartArray();
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }
}
