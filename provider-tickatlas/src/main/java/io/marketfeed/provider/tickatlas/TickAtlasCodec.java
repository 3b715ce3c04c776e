package io.marketfeed.provider.tickatlas;

import static io.marketfeed.provider.tickatlas.TickAtlasField.*;

import io.marketfeed.api.Secret;
import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.toolkit.ExactDecimal;
import io.marketfeed.toolkit.Symbols;
import io.marketfeed.toolkit.TextFields;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Translation between TickAtlas's wire messages and the event model: the client's JSON requests (static), and the
 * server's {@code authenticated} and {@code quote} messages, for one connection (an instance per session keeps
 * what decoding reuses: the quote builder, the decimal reader and the interned symbols and types, so that a push
 * allocates only its events). The per-connection bookkeeping is in {@link TickAtlasSession}. Not thread safe.
 */
final class TickAtlasCodec {

    /** The bar every quote push carries (the guide: "M1 means 1-minute candles"). */
    static final Duration M1 = Duration.ofMinutes(1);

    /** Not in the published material; the usual form, which the simulator answers with {@code pong}. */
    static final OutboundFrame PING = OutboundFrame.text("{\"action\":\"ping\"}");

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final Quote.Builder quote = Quote.builder(TickAtlasProvider.ID);
    private final ExactDecimal decimal = new ExactDecimal();
    private final Symbols symbols = new Symbols();
    private final Symbols types = new Symbols();

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
    Optional<LimitsUpdate> limits(WireMessage authenticated) {
        OptionalInt maxSymbols = maxSymbols(authenticated);
        String plan = authenticated.top.trimmed(PLAN);
        if (maxSymbols.isEmpty() && plan == null) {
            return Optional.empty();
        }
        return Optional.of(new LimitsUpdate(maxSymbols, OptionalInt.empty(), OptionalInt.empty(),
                plan == null ? "" : plan));
    }

    /** The message's {@code max_symbols}, when it is a whole number of at least 1. */
    OptionalInt maxSymbols(WireMessage message) {
        return message.top.wholeNumber(MAX_SYMBOLS, 1, decimal);
    }

    /**
     * The credit figures a message carries at its top level; empty when it carries none. Allocates nothing when
     * it carries none (every push and heartbeat is asked).
     */
    Optional<CreditUpdate> credits(WireMessage message) {
        OptionalLong remaining = wholeLong(message.top, DAILY_QUOTA_REMAINING, 0);
        OptionalLong costPerPush = wholeLong(message.top, CREDITS_PER_PUSH, 0);
        if (remaining.isEmpty() && costPerPush.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CreditUpdate(remaining, costPerPush));
    }

    /** A whole number of at least {@code minimum} ({@code 20}, {@code "20"} or {@code 20.0}), or empty. */
    OptionalLong wholeLong(TextFields<TickAtlasField> fields, TickAtlasField field, long minimum) {
        if (!fields.decimal(field, decimal)) {
            return OptionalLong.empty();
        }
        if (decimal.isCompact() && decimal.scale() < POWERS_OF_TEN.length) {
            long power = POWERS_OF_TEN[decimal.scale()];
            if (decimal.unscaled() % power != 0) {
                return OptionalLong.empty();
            }
            long whole = decimal.unscaled() / power;
            return whole >= minimum ? OptionalLong.of(whole) : OptionalLong.empty();
        }
        BigDecimal value = decimal.value();
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            return OptionalLong.empty();
        }
        try {
            long whole = value.longValueExact();
            return whole >= minimum ? OptionalLong.of(whole) : OptionalLong.empty();
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** The message's type, interned; null when it has none. */
    String type(WireMessage message) {
        return message.type(types);
    }

    /** The symbol of a quote, interned: in {@code data}, else at the top level; null when neither has one. */
    String quoteSymbol(WireMessage message) {
        String symbol = message.quoteFields().symbol(SYMBOL, symbols);
        return symbol != null ? symbol : message.top.symbol(SYMBOL, symbols);
    }

    /**
     * The quote a {@code quote} message carries: bid, ask (and a last price if one is sent), as exact decimals.
     * The time is the message's {@code timestamp}, else the bar's {@code time}. Null when it has no price at all.
     * The spread is not kept: the event model has no field for it, it is {@code ask - bid} of the same decimals,
     * and its unit on the WebSocket (price or points) is not documented.
     */
    Quote quote(WireMessage message, String symbol, Instant receivedAt) {
        TextFields<TickAtlasField> fields = message.quoteFields();
        quote.clear().symbol(symbol).receivedAt(receivedAt);
        boolean bid = decimal(fields, message.top, BID, Quote.Field.BID);
        boolean ask = decimal(fields, message.top, ASK, Quote.Field.ASK);
        boolean price = decimal(fields, message.top, PRICE, Quote.Field.PRICE);
        if (!bid && !ask && !price) {
            return null;
        }
        Instant time = message.quoteTimestamp(decimal);
        return quote.time(time != null ? time : message.barTime(decimal)).build();
    }

    /**
     * The M1 bar a {@code quote} message carries ({@code time} is the bar's start), or null when it lacks the time
     * or one of open, high, low and close (the flat shape carries none of them).
     */
    Candle candle(WireMessage message, String symbol, Instant receivedAt) {
        TextFields<TickAtlasField> fields = message.quoteFields();
        BigDecimal open = decimal(fields, message.top, OPEN);
        BigDecimal high = open == null ? null : decimal(fields, message.top, HIGH);
        BigDecimal low = high == null ? null : decimal(fields, message.top, LOW);
        BigDecimal close = low == null ? null : decimal(fields, message.top, CLOSE);
        Instant time = close == null ? null : message.barTime(decimal);
        if (time == null) {
            return null;
        }
        return new Candle(TickAtlasProvider.ID, symbol, M1, time, open, high, low, close,
                decimal(fields, message.top, VOLUME), receivedAt);
    }

    /** Whether a quote message carries any bar field, i.e. a candle was meant to be in it. */
    static boolean hasBarFields(WireMessage message) {
        TextFields<TickAtlasField> fields = message.quoteFields();
        return isSent(fields, OPEN) || isSent(fields, HIGH) || isSent(fields, LOW) || isSent(fields, CLOSE);
    }

    /** Whether the field was sent with a value that is not blank. */
    private static boolean isSent(TextFields<TickAtlasField> fields, TickAtlasField field) {
        return fields.has(field) && !fields.is(field, "");
    }

    /** The field from {@code preferred}, else from {@code fallback}, into the quote being built; false when neither. */
    private boolean decimal(TextFields<TickAtlasField> preferred, TextFields<TickAtlasField> fallback,
            TickAtlasField field, Quote.Field target) {
        return preferred.decimal(field, decimal, quote, target)
                || preferred != fallback && fallback.decimal(field, decimal, quote, target);
    }

    /** The field's exact value from {@code preferred}, else from {@code fallback}; null when neither has one. */
    private BigDecimal decimal(TextFields<TickAtlasField> preferred, TextFields<TickAtlasField> fallback,
            TickAtlasField field) {
        if (preferred.decimal(field, decimal) || preferred != fallback && fallback.decimal(field, decimal)) {
            return decimal.value();
        }
        return null;
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
