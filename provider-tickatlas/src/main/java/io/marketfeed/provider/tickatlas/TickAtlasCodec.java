package io.marketfeed.provider.tickatlas;

import static io.marketfeed.provider.tickatlas.TickAtlasField.*;

import io.marketfeed.api.Secret;
import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.toolkit.ExactDecimal;
import io.marketfeed.toolkit.JsonText;
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
 * allocates only its events). The requests in flight are in {@link TickAtlasRequests}. Not thread safe.
 *
 * <p>Values that cannot be read exactly ({@code DecodeOutput#badValue}): required are the {@code symbol}; for a
 * quote, at least one of {@code bid}, {@code ask} and {@code price} (each alone optional: a quote with one readable
 * is kept without the others, a quote with none is dropped and its bad ones reported as dropping it); for a candle,
 * {@code open}, {@code high}, {@code low}, {@code close} and the bar's {@code time}. Optional: {@code volume}, and a
 * quote's {@code timestamp} (the bar's time, then the receive time, stand in for it).
 */
final class TickAtlasCodec {

    /** The bar every quote push carries (the guide: "M1 means 1-minute candles"). */
    static final Duration M1 = Duration.ofMinutes(1);

    /** Not in the published material; the usual form, which the simulator answers with {@code pong}. */
    static final OutboundFrame PING = OutboundFrame.text("{\"action\":\"ping\"}");

    private final Quote.Builder quote = Quote.builder(TickAtlasProvider.ID);
    private final ExactDecimal decimal = new ExactDecimal();
    private final Symbols symbols = new Symbols();
    private final Symbols types = new Symbols();
    /** Bad values reported by the latest {@link #quote} or {@link #candle} that dropped its event. */
    private int reportedDrops;

    /** {@code {"action":"auth","key":"..."}}: carries the credential, so the runtime never logs it. */
    static OutboundFrame auth(Secret key) {
        StringBuilder json = new StringBuilder(32 + key.reveal().length());
        json.append("{\"action\":\"auth\",\"key\":");
        JsonText.appendString(json, key.reveal());
        return OutboundFrame.sensitive(json.append('}').toString());
    }

    static OutboundFrame subscribe(List<String> symbols) {
        return OutboundFrame.text(request("subscribe", symbols));
    }

    static OutboundFrame unsubscribe(List<String> symbols) {
        return OutboundFrame.text(request("unsubscribe", symbols));
    }

    /** The limits {@code authenticated} announced; empty when it announced none that make sense. */
    Optional<LimitsUpdate> limits(TickAtlasMessage authenticated) {
        OptionalInt maxSymbols = maxSymbols(authenticated);
        String plan = authenticated.top.trimmed(PLAN);
        if (maxSymbols.isEmpty() && plan == null) {
            return Optional.empty();
        }
        return Optional.of(new LimitsUpdate(maxSymbols, OptionalInt.empty(), OptionalInt.empty(),
                plan == null ? "" : plan));
    }

    /** The message's {@code max_symbols}, when it is a whole number of at least 1. */
    OptionalInt maxSymbols(TickAtlasMessage message) {
        return message.top.wholeNumber(MAX_SYMBOLS, 1, decimal);
    }

    /**
     * The credit figures a message carries at its top level; empty when it carries none. Allocates nothing when
     * it carries none (every push and heartbeat is asked).
     */
    Optional<CreditUpdate> credits(TickAtlasMessage message) {
        OptionalLong remaining = wholeLong(message.top, DAILY_QUOTA_REMAINING);
        OptionalLong costPerPush = wholeLong(message.top, CREDITS_PER_PUSH);
        if (remaining.isEmpty() && costPerPush.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CreditUpdate(remaining, costPerPush));
    }

    /** A whole number of at least zero ({@code 20}, {@code "20"} or {@code 20.0}), or empty. */
    OptionalLong wholeLong(TextFields<TickAtlasField> fields, TickAtlasField field) {
        try {
            long whole = fields.decimal(field, decimal) ? decimal.value().longValueExact() : -1;
            return whole >= 0 ? OptionalLong.of(whole) : OptionalLong.empty();
        } catch (ArithmeticException notWholeOrTooLarge) {
            return OptionalLong.empty();
        }
    }

    /** The message's type, interned; null when it has none. */
    String type(TickAtlasMessage message) {
        return message.type(types);
    }

    /** The symbol of a quote, interned: in {@code data}, else at the top level; null when neither has one. */
    String quoteSymbol(TickAtlasMessage message) {
        String symbol = message.quoteFields().symbol(SYMBOL, symbols);
        return symbol != null ? symbol : message.top.symbol(SYMBOL, symbols);
    }

    /**
     * The quote a {@code quote} message carries: bid, ask (and a last price if one is sent), as exact decimals.
     * The time is the message's {@code timestamp}, else the bar's {@code time}. Null when it has no price at all.
     * The spread is not kept: the event model has no field for it, it is {@code ask - bid} of the same decimals,
     * and its unit on the WebSocket (price or points) is not documented.
     */
    Quote quote(TickAtlasMessage message, String symbol, Instant receivedAt, boolean candleToo, DecodeOutput out) {
        TextFields<TickAtlasField> fields = message.quoteFields();
        quote.clear().symbol(symbol).receivedAt(receivedAt);
        reportedDrops = 0;
        int bid = decimal(fields, message.top, BID, Quote.Field.BID);
        int ask = decimal(fields, message.top, ASK, Quote.Field.ASK);
        int price = decimal(fields, message.top, PRICE, Quote.Field.PRICE);
        boolean none = bid != TextFields.READ && ask != TextFields.READ && price != TextFields.READ;
        reportIfBad(message, BID, bid, none, out);
        reportIfBad(message, ASK, ask, none, out);
        reportIfBad(message, PRICE, price, none, out);
        if (none) {
            return null;
        }
        Instant time = message.quoteTimestamp(decimal);
        if (time == null) {
            report(message, TIMESTAMP, false, out);
            time = message.barTime(decimal);
            if (time == null && !candleToo) {
                report(message, TIME, false, out);
            }
        }
        return quote.time(time).build();
    }

    /** Bad values reported by the latest {@link #quote} or {@link #candle}, which returned null because of them. */
    int reportedDrops() {
        return reportedDrops;
    }

    /** Reports the field when {@code read} says {@link TextFields#BAD}. */
    private void reportIfBad(TickAtlasMessage message, TickAtlasField field, int read, boolean dropped,
            DecodeOutput out) {
        if (read == TextFields.BAD) {
            report(message, field, dropped, out);
        }
    }

    /** Reports the field's value as bad: the quote's fields' when sent there, else the top level's; if sent. */
    private void report(TickAtlasMessage message, TickAtlasField field, boolean dropped, DecodeOutput out) {
        TextFields<TickAtlasField> sent = message.sentIn(field);
        if (sent != null) {
            sent.report(field, field.wire(), dropped, out);
            reportedDrops += dropped ? 1 : 0;
        }
    }

    /**
     * The M1 bar a {@code quote} message carries ({@code time} is the bar's start), or null when it lacks the time
     * or one of open, high, low and close (the flat shape carries none of them).
     */
    Candle candle(TickAtlasMessage message, String symbol, Instant receivedAt, DecodeOutput out) {
        TextFields<TickAtlasField> fields = message.quoteFields();
        reportedDrops = 0;
        BigDecimal open = required(message, OPEN, out);
        BigDecimal high = required(message, HIGH, out);
        BigDecimal low = required(message, LOW, out);
        BigDecimal close = required(message, CLOSE, out);
        Instant time = message.barTime(decimal);
        if (time == null && (open != null || high != null || low != null || close != null || reportedDrops > 0)) {
            report(message, TIME, true, out);
        }
        if (open == null || high == null || low == null || close == null || time == null) {
            return null;
        }
        int volume = decimal(fields, message.top, VOLUME, null);
        reportIfBad(message, VOLUME, volume, false, out);
        return new Candle(TickAtlasProvider.ID, symbol, M1, time, open, high, low, close,
                volume == TextFields.READ ? decimal.value() : null, receivedAt);
    }

    /** A required bar value: its exact value, or null when absent or bad (reported as dropping the candle). */
    private BigDecimal required(TickAtlasMessage message, TickAtlasField field, DecodeOutput out) {
        int read = decimal(message.quoteFields(), message.top, field, null);
        reportIfBad(message, field, read, true, out);
        return read == TextFields.READ ? decimal.value() : null;
    }

    /** Whether a quote message carries any bar field, i.e. a candle was meant to be in it. */
    static boolean hasBarFields(TickAtlasMessage message) {
        TextFields<TickAtlasField> fields = message.quoteFields();
        return isSent(fields, OPEN) || isSent(fields, HIGH) || isSent(fields, LOW) || isSent(fields, CLOSE);
    }

    /** Whether the field was sent with a value that is not blank. */
    private static boolean isSent(TextFields<TickAtlasField> fields, TickAtlasField field) {
        return fields.has(field) && !fields.is(field, "");
    }

    /**
     * The field from {@code preferred}, else from {@code fallback}, read into {@link #decimal} (and into the quote
     * being built when {@code target} is given): {@link TextFields#READ}, {@link TextFields#BAD} when one was sent
     * but neither is readable, else {@link TextFields#ABSENT}.
     */
    private int decimal(TextFields<TickAtlasField> preferred, TextFields<TickAtlasField> fallback,
            TickAtlasField field, Quote.Field target) {
        int read = preferred.read(field, decimal);
        if (read != TextFields.READ && preferred != fallback) {
            int second = fallback.read(field, decimal);
            read = second == TextFields.READ || read == TextFields.ABSENT ? second : read;
        }
        if (read == TextFields.READ && target != null) {
            decimal.into(quote, target);
        }
        return read;
    }

    private static String request(String action, List<String> symbols) {
        StringBuilder json = new StringBuilder(32 + symbols.size() * 10);
        json.append("{\"action\":\"").append(action).append("\",\"symbols\":");
        return JsonText.appendStrings(json, symbols).append('}').toString();
    }
}
