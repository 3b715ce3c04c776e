package io.marketfeed.simulator.tickatlas;

import com.fasterxml.jackson.core.JsonGenerator;
import io.marketfeed.simulator.JsonText;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;

/**
 * Server → client messages of TickAtlas (protocols.md §3.4, seed 003), written field by field. Prices are JSON
 * numbers written from {@code BigDecimal} with the instrument's scale: {@code 1.08420}, never {@code 1.0842}.
 */
final class TickAtlasMessages {

    private TickAtlasMessages() {
    }

    static String authenticated(TickAtlasPlan plan, int maxSymbols, long remaining) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "authenticated");
            json.writeStringField("plan", plan.name());
            json.writeNumberField("max_symbols", maxSymbols);
            json.writeNumberField("credits_per_push", plan.creditsPerPush());
            json.writeNumberField("daily_quota_remaining", remaining);
            json.writeEndObject();
        });
    }

    /** {@code symbols} lists every symbol now active on the connection (the guide: "listing all active symbols"). */
    static String subscribed(Collection<String> symbols) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "subscribed");
            writeStrings(json, "symbols", symbols);
            json.writeNumberField("total_subscribed", symbols.size());
            json.writeEndObject();
        });
    }

    static String unsubscribed(Collection<String> removed, int total) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "unsubscribed");
            writeStrings(json, "symbols", removed);
            json.writeNumberField("total_subscribed", total);
            json.writeEndObject();
        });
    }

    /** The guide's shape: everything inside {@code data}. */
    static String quote(ForexTick tick) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "quote");
            json.writeObjectFieldStart("data");
            json.writeStringField("symbol", tick.symbol());
            json.writeStringField("time", JsonText.timestamp(tick.barTime()));
            json.writeNumberField("open", tick.open());
            json.writeNumberField("high", tick.high());
            json.writeNumberField("low", tick.low());
            json.writeNumberField("close", tick.close());
            json.writeNumberField("volume", tick.volume());
            json.writeNumberField("bid", tick.bid());
            json.writeNumberField("ask", tick.ask());
            json.writeNumberField("spread", tick.spread());
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** The older reference page's flat shape: no bar, a {@code timestamp}. */
    static String flatQuote(ForexTick tick) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "quote");
            json.writeStringField("symbol", tick.symbol());
            json.writeNumberField("bid", tick.bid());
            json.writeNumberField("ask", tick.ask());
            json.writeNumberField("spread", tick.spread());
            json.writeStringField("timestamp", JsonText.timestamp(tick.at()));
            json.writeEndObject();
        });
    }

    static String heartbeat(Instant now) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "heartbeat");
            json.writeStringField("timestamp", JsonText.timestamp(now));
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

    static String error(String code, String message) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "error");
            json.writeStringField("code", code);
            json.writeStringField("message", message);
            json.writeEndObject();
        });
    }

    /** An error about particular symbols: they are listed in {@code symbols}. */
    static String symbolError(String code, String message, Collection<String> symbols) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "error");
            json.writeStringField("code", code);
            json.writeStringField("message", message);
            writeStrings(json, "symbols", symbols);
            json.writeEndObject();
        });
    }

    static String symbolLimit(String plan, int maxSymbols, int requested) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "error");
            json.writeStringField("code", "symbol_limit");
            json.writeStringField("message", "The " + plan + " plan allows " + maxSymbols
                    + " symbols per connection; this request would make " + requested);
            json.writeNumberField("max_symbols", maxSymbols);
            json.writeEndObject();
        });
    }

    private static void writeStrings(JsonGenerator json, String field, Collection<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
