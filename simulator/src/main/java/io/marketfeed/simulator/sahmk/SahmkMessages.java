package io.marketfeed.simulator.sahmk;

import com.fasterxml.jackson.core.JsonGenerator;
import io.marketfeed.simulator.BookState;
import io.marketfeed.simulator.JsonText;
import io.marketfeed.simulator.QuoteState;
import io.marketfeed.simulator.TradePrint;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Server → client messages of SAHMK (protocols.md §1.4), written field by field so their order and number
 * formats match the documented examples: prices are JSON numbers with exactly two decimals.
 */
final class SahmkMessages {

    private SahmkMessages() {
    }

    static String connected(Plan plan, PlanLimits limits, Channel channel, Instant now) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "connected");
            if (!channel.wireName().isEmpty()) {
                json.writeStringField("channel", channel.wireName());
            }
            json.writeStringField("plan", plan.wireName());
            json.writeObjectFieldStart("limits");
            json.writeNumberField("max_symbols_per_connection", limits.maxSymbolsPerConnection());
            json.writeNumberField("max_symbols_per_call", limits.maxSymbolsPerCall());
            json.writeArrayFieldStart("stream_modes");
            json.writeString(channel.streamMode());
            json.writeEndArray();
            json.writeEndObject();
            json.writeStringField("message", channel.greeting());
            json.writeStringField("timestamp", JsonText.timestamp(now));
            json.writeEndObject();
        });
    }

    static String subscribed(List<String> symbols, int total, int limit) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "subscribed");
            writeStrings(json, "symbols", symbols);
            json.writeNumberField("total", total);
            json.writeNumberField("limit", limit);
            json.writeEndObject();
        });
    }

    static String unsubscribed(List<String> symbols, int total) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "unsubscribed");
            writeStrings(json, "symbols", symbols);
            json.writeNumberField("total", total);
            json.writeEndObject();
        });
    }

    static String pong(Instant now) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "pong");
            json.writeStringField("timestamp", JsonText.timestamp(now));
            json.writeEndObject();
        });
    }

    static String error(String message) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "error");
            json.writeStringField("message", message);
            json.writeEndObject();
        });
    }

    static String error(String code, String message) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "error");
            json.writeStringField("code", code);
            json.writeStringField("message", message);
            json.writeEndObject();
        });
    }

    static String quote(QuoteState quote, Instant now) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "quote");
            json.writeStringField("symbol", quote.symbol());
            json.writeObjectFieldStart("data");
            json.writeNumberField("price", quote.price());
            json.writeNumberField("change", quote.change());
            json.writeNumberField("change_percent", quote.changePercent());
            json.writeNumberField("volume", quote.volume());
            json.writeNumberField("bid", quote.bid());
            json.writeNumberField("ask", quote.ask());
            json.writeNumberField("open", quote.open());
            json.writeNumberField("high", quote.high());
            json.writeNumberField("low", quote.low());
            json.writeNumberField("previous_close", quote.previousClose());
            json.writeStringField("updated_at", JsonText.timestamp(quote.updatedAt()));
            json.writeEndObject();
            json.writeStringField("timestamp", JsonText.timestamp(now));
            json.writeEndObject();
        });
    }

    static String depthSnapshot(BookState book, int levels) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "depth_snapshot");
            json.writeBooleanField("available", true);
            json.writeStringField("symbol", book.symbol());
            json.writeNumberField("best_bid", book.bestBid());
            json.writeNumberField("best_ask", book.bestAsk());
            json.writeNumberField("spread", book.spread());
            json.writeNumberField("levels", levels);
            writeLevels(json, "bids", book.bids());
            writeLevels(json, "asks", book.asks());
            json.writeEndObject();
        });
    }

    static String tradesSnapshot(String symbol, List<TradePrint> trades) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "trades_snapshot");
            json.writeStringField("symbol", symbol);
            json.writeNumberField("count", trades.size());
            json.writeArrayFieldStart("events");
            for (TradePrint trade : trades) {
                json.writeStartObject();
                json.writeNumberField("price", trade.price());
                json.writeNumberField("quantity", trade.quantity());
                json.writeNumberField("value", trade.value());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    static String trade(TradePrint trade) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "trade");
            json.writeStringField("symbol", trade.symbol());
            json.writeNumberField("price", trade.price());
            json.writeNumberField("quantity", trade.quantity());
            json.writeNumberField("value", trade.value());
            json.writeStringField("side", trade.side());
            json.writeStringField("timestamp", JsonText.timestamp(trade.time()));
            json.writeEndObject();
        });
    }

    private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void writeLevels(JsonGenerator json, String field, List<BookState.Level> levels)
            throws IOException {
        json.writeArrayFieldStart(field);
        for (BookState.Level level : levels) {
            json.writeStartObject();
            json.writeNumberField("level", level.level());
            json.writeNumberField("price", level.price());
            json.writeNumberField("quantity", level.quantity());
            json.writeNumberField("order_count", level.orderCount());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
