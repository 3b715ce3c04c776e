package io.marketfeed.provider.tickatlas;

import static io.marketfeed.provider.tickatlas.WireFields.Field.*;

import io.marketfeed.api.Secret;
import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.OutboundFrame;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Pure translation between TickAtlas's wire messages and the event model: the client's JSON requests, and the
 * server's {@code authenticated} and {@code quote} messages. Stateless; the per-connection bookkeeping is in
 * {@link TickAtlasSession}.
 */
final class TickAtlasCodec {

    /** The bar every quote push carries (the guide: "M1 means 1-minute candles"). */
    static final Duration M1 = Duration.ofMinutes(1);

    /** Not in the published material; the usual form, which the simulator answers with {@code pong}. */
    static final OutboundFrame PING = OutboundFrame.text("{\"action\":\"ping\"}");

    private TickAtlasCodec() {
    }

    /** {@code {"action":"auth","key":"..."}}: carries the credential, so the runtime never logs it. */
    static OutboundFrame auth(Secret key) {
        StringBuilder json = new StringBuilder(32 + key.reveal().length());
        json.append("{\"action\":\"auth\",\"key\":");
        TickAtlasText.appendJsonString(json, key.reveal());
        return OutboundFrame.sensitive(json.append('}').toString());
    }

    static OutboundFrame subscribe(List<String> symbols) {
        return OutboundFrame.text(request("subscribe", symbols));
    }

    static OutboundFrame unsubscribe(List<String> symbols) {
        return OutboundFrame.text(request("unsubscribe", symbols));
    }

    /** The limits {@code authenticated} announced; empty when it announced none that make sense. */
    static Optional<LimitsUpdate> limits(WireMessage authenticated) {
        OptionalInt maxSymbols = authenticated.top.wholeNumber(MAX_SYMBOLS, 1);
        String plan = authenticated.top.trimmed(PLAN);
        if (maxSymbols.isEmpty() && plan == null) {
            return Optional.empty();
        }
        return Optional.of(new LimitsUpdate(maxSymbols, OptionalInt.empty(), OptionalInt.empty(),
                plan == null ? "" : plan));
    }

    /** The credit figures a message carries at its top level; empty when it carries none. */
    static Optional<CreditUpdate> credits(WireMessage message) {
        OptionalLong remaining = message.top.wholeLong(DAILY_QUOTA_REMAINING, 0);
        OptionalLong costPerPush = message.top.wholeLong(CREDITS_PER_PUSH, 0);
        if (remaining.isEmpty() && costPerPush.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CreditUpdate(remaining, costPerPush));
    }

    /** The symbol of a quote: in {@code data}, else at the top level; null when neither has one. */
    static String quoteSymbol(WireMessage message) {
        String symbol = message.quoteFields().trimmed(SYMBOL);
        return symbol != null ? symbol : message.top.trimmed(SYMBOL);
    }

    /**
     * The quote a {@code quote} message carries: bid, ask (and a last price if one is sent), as exact decimals.
     * The time is the message's {@code timestamp}, else the bar's {@code time}. Null when it has no price at all.
     * The spread is not kept: the event model has no field for it, it is {@code ask - bid} of the same decimals,
     * and its unit on the WebSocket (price or points) is not documented.
     */
    static Quote quote(WireMessage message, String symbol, Instant receivedAt) {
        WireFields fields = message.quoteFields();
        BigDecimal bid = decimal(fields, message.top, BID);
        BigDecimal ask = decimal(fields, message.top, ASK);
        BigDecimal price = decimal(fields, message.top, PRICE);
        if (bid == null && ask == null && price == null) {
            return null;
        }
        Instant time = first(fields.instant(TIMESTAMP), message.top.instant(TIMESTAMP), fields.instant(TIME),
                message.top.instant(TIME));
        return Quote.builder(TickAtlasProvider.ID, symbol, receivedAt).bid(bid).ask(ask).price(price).time(time)
                .build();
    }

    /**
     * The M1 bar a {@code quote} message carries ({@code time} is the bar's start), or null when it lacks the time
     * or one of open, high, low and close (the flat shape carries none of them).
     */
    static Candle candle(WireMessage message, String symbol, Instant receivedAt) {
        WireFields fields = message.quoteFields();
        BigDecimal open = decimal(fields, message.top, OPEN);
        BigDecimal high = decimal(fields, message.top, HIGH);
        BigDecimal low = decimal(fields, message.top, LOW);
        BigDecimal close = decimal(fields, message.top, CLOSE);
        Instant time = first(fields.instant(TIME), message.top.instant(TIME), null, null);
        if (open == null || high == null || low == null || close == null || time == null) {
            return null;
        }
        return new Candle(TickAtlasProvider.ID, symbol, M1, time, open, high, low, close,
                decimal(fields, message.top, VOLUME), receivedAt);
    }

    /** Whether a quote message carries any bar field, i.e. a candle was meant to be in it. */
    static boolean hasBarFields(WireMessage message) {
        WireFields fields = message.quoteFields();
        return fields.has(OPEN) || fields.has(HIGH) || fields.has(LOW) || fields.has(CLOSE);
    }

    private static BigDecimal decimal(WireFields preferred, WireFields fallback, WireFields.Field field) {
        BigDecimal value = preferred.decimal(field);
        return value != null || preferred == fallback ? value : fallback.decimal(field);
    }

    private static Instant first(Instant a, Instant b, Instant c, Instant d) {
        return a != null ? a : b != null ? b : c != null ? c : d;
    }

    private static String request(String action, List<String> symbols) {
        StringBuilder json = new StringBuilder(32 + symbols.size() * 10);
        json.append("{\"action\":\"").append(action).append("\",\"symbols\":[");
        for (int i = 0; i < symbols.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            TickAtlasText.appendJsonString(json, symbols.get(i));
        }
        return json.append("]}").toString();
    }
}
