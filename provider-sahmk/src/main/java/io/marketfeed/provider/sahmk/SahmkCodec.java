package io.marketfeed.provider.sahmk;

import static io.marketfeed.provider.sahmk.SahmkField.*;

import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.toolkit.ExactDecimal;
import io.marketfeed.toolkit.JsonText;
import io.marketfeed.toolkit.Symbols;
import io.marketfeed.toolkit.TextFields;
import io.marketfeed.toolkit.TextFieldsList;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Translation between SAHMK's wire messages and the event model: the client's JSON requests (static), and
 * the server's data messages, for one connection (an instance per session keeps what decoding reuses: the
 * quote builder, the decimal reader and the interned symbols, so that a quote allocates only itself). The
 * per-connection bookkeeping is in {@link SahmkSession}. Not thread safe.
 *
 * <p>Values that cannot be read exactly ({@code DecodeOutput#badValue}): required are the symbol of every event,
 * and a trade's and a book level's {@code price} and {@code quantity} (the trade or level is dropped); everything
 * else is optional (the event is kept without it): every quote value, a trade's {@code value}, a level's
 * {@code order_count}, and the times ({@code timestamp}, {@code updated_at}, {@code event_time}), for which the
 * receive time stands in.
 */
final class SahmkCodec {

    static final OutboundFrame PING = OutboundFrame.text("{\"action\":\"ping\"}");

    private final Quote.Builder quote = Quote.builder(SahmkProvider.ID);
    private final ExactDecimal decimal = new ExactDecimal();
    private final Symbols symbols = new Symbols();
    private final Symbols types = new Symbols();
    /** Trades or book levels left out because of a bad value already reported, in the message being decoded. */
    private int reportedDrops;

    /** The message's type, interned; null when it has none. */
    String type(SahmkMessage message) {
        return message.type(types);
    }

    /** The message's symbol, interned; null when it has none. */
    String symbol(SahmkMessage message) {
        return message.symbol(symbols);
    }

    /** {@code {"action":"subscribe","symbols":[...]}}, plus {@code "levels":N} on the depth channel. */
    static OutboundFrame subscribe(List<String> symbols, OptionalInt levels) {
        StringBuilder json = request("subscribe", symbols);
        levels.ifPresent(n -> json.append(",\"levels\":").append(n));
        return OutboundFrame.text(json.append('}').toString());
    }

    static OutboundFrame unsubscribe(List<String> symbols) {
        return OutboundFrame.text(request("unsubscribe", symbols).append('}').toString());
    }

    /** The limits {@code connected} announced; empty when it announced none that make sense. */
    Optional<LimitsUpdate> limits(SahmkMessage connected) {
        OptionalInt perConnection = connected.limits.wholeNumber(MAX_SYMBOLS_PER_CONNECTION, 1, decimal);
        OptionalInt perCall = connected.limits.wholeNumber(MAX_SYMBOLS_PER_CALL, 1, decimal);
        String plan = connected.top.trimmed(PLAN);
        if (perConnection.isEmpty() && perCall.isEmpty() && plan == null) {
            return Optional.empty();
        }
        return Optional.of(new LimitsUpdate(perConnection, perCall, OptionalInt.empty(), plan == null ? "" : plan));
    }

    /**
     * A {@code quote}. Values are read from {@code data}, falling back to the top level in case a flat
     * variant appears; the time is the message's {@code timestamp}, else {@code data.updated_at}.
     */
    void quote(SahmkMessage message, Instant receivedAt, DecodeOutput out) {
        String symbol = symbol(message);
        if (symbol == null) {
            if (!badSymbol(message, out)) {
                out.problem(Disposition.warn("SAHMK sent a quote without a symbol; it was ignored"));
            }
            return;
        }
        TextFields<SahmkField> data = message.data;
        TextFields<SahmkField> top = message.top;
        quote.clear().symbol(symbol).receivedAt(receivedAt);
        decimal(data, top, PRICE, Quote.Field.PRICE, out);
        decimal(data, top, CHANGE, Quote.Field.CHANGE, out);
        decimal(data, top, CHANGE_PERCENT, Quote.Field.CHANGE_PERCENT, out);
        decimal(data, top, VOLUME, Quote.Field.VOLUME, out);
        decimal(data, top, BID, Quote.Field.BID, out);
        decimal(data, top, ASK, Quote.Field.ASK, out);
        decimal(data, top, OPEN, Quote.Field.OPEN, out);
        decimal(data, top, HIGH, Quote.Field.HIGH, out);
        decimal(data, top, LOW, Quote.Field.LOW, out);
        decimal(data, top, PREVIOUS_CLOSE, Quote.Field.PREVIOUS_CLOSE, out);
        Instant time = top.isoInstant(TIMESTAMP);
        time = time != null ? time : data.isoInstant(UPDATED_AT);
        time = time != null ? time : data.isoInstant(TIMESTAMP);
        if (time == null) {
            badTime(top, TIMESTAMP, out);
            badTime(data, UPDATED_AT, out);
            badTime(data, TIMESTAMP, out);
        }
        out.emit(quote.time(time).build());
    }

    /**
     * The field from {@code preferred}, else from {@code fallback}, into the quote being built; a value sent but
     * not readable (and none readable in the other) is reported, and the quote kept without it.
     */
    private void decimal(TextFields<SahmkField> preferred, TextFields<SahmkField> fallback, SahmkField field,
            Quote.Field target, DecodeOutput out) {
        int first = preferred.read(field, decimal);
        if (first == TextFields.READ) {
            decimal.into(quote, target);
            return;
        }
        int second = fallback.read(field, decimal);
        if (second == TextFields.READ) {
            decimal.into(quote, target);
        } else if (first == TextFields.BAD) {
            preferred.report(field, field.wire(), false, out);
        } else if (second == TextFields.BAD) {
            fallback.report(field, field.wire(), false, out);
        }
    }

    /** Reports an optional time that was sent but is none (the event keeps its receive time only). */
    private static void badTime(TextFields<SahmkField> fields, SahmkField field, DecodeOutput out) {
        if (fields.sent(field)) {
            fields.report(field, field.wire(), false, out);
        }
    }

    /** Reports a symbol that was sent but is none (blank, null, an object); whether there was one. */
    private static boolean badSymbol(SahmkMessage message, DecodeOutput out) {
        TextFields<SahmkField> where = message.top.sent(SYMBOL) ? message.top
                : message.data.sent(SYMBOL) ? message.data : null;
        if (where == null) {
            return false;
        }
        where.report(SYMBOL, SYMBOL.wire(), true, out);
        return true;
    }

    /** A {@code depth_snapshot}; {@code available:false} (not entitled, no book) is reported, not emitted. */
    void book(SahmkMessage message, Instant receivedAt, DecodeOutput out) {
        String symbol = symbol(message);
        if (message.top.isFalse(AVAILABLE)) {
            String said = message.top.trimmed(MESSAGE);
            out.problem(Disposition.warn("SAHMK depth is not available" + (symbol == null ? "" : " for " + symbol)
                    + (said == null ? "" : ": " + said)));
            return;
        }
        if (symbol == null) {
            if (!badSymbol(message, out)) {
                out.problem(Disposition.warn("SAHMK sent a depth snapshot without a symbol; it was ignored"));
            }
            return;
        }
        reportedDrops = 0;
        List<BookLevel> bids = levels(message.bids, out);
        List<BookLevel> asks = levels(message.asks, out);
        Instant time = message.top.isoInstant(UPDATED_AT);
        time = time != null ? time : message.top.isoInstant(TIMESTAMP);
        if (time == null) {
            badTime(message.top, UPDATED_AT, out);
            badTime(message.top, TIMESTAMP, out);
        }
        out.emit(new BookSnapshot(SahmkProvider.ID, symbol, bids, asks, time, receivedAt));
        int skipped = message.bids.size() + message.asks.size() - bids.size() - asks.size() - reportedDrops;
        if (skipped > 0) {
            out.problem(Disposition.warn("SAHMK depth snapshot for " + symbol + " had " + skipped
                    + " level(s) without a price or quantity; they were left out"));
        }
    }

    /** A {@code trades_snapshot}: one trade per element of {@code events}. */
    void tradesSnapshot(SahmkMessage message, Instant receivedAt, DecodeOutput out) {
        String symbol = symbol(message);
        int skipped = 0;
        for (int i = 0; i < message.events.size(); i++) {
            TextFields<SahmkField> event = message.events.get(i);
            String eventSymbol = symbol != null ? symbol : event.symbol(SYMBOL, symbols);
            reportedDrops = 0;
            if (eventSymbol == null && event.sent(SYMBOL)) {
                event.report(SYMBOL, SYMBOL.wire(), true, out);
                continue;
            }
            Trade trade = eventSymbol == null ? null : trade(event, eventSymbol, receivedAt, out);
            if (trade != null) {
                out.emit(trade);
            } else if (reportedDrops == 0) {
                skipped++;
            }
        }
        if (skipped > 0) {
            out.problem(Disposition.warn("SAHMK trades snapshot" + (symbol == null ? "" : " for " + symbol)
                    + " had " + skipped + " trade(s) without a symbol, price or quantity; they were left out"));
        }
    }

    /** A live {@code trade}, flat at the top level (or, leniently, inside {@code data}). */
    void trade(SahmkMessage message, Instant receivedAt, DecodeOutput out) {
        TextFields<SahmkField> fields = !message.top.has(PRICE) && message.data.has(PRICE)
                ? message.data : message.top;
        String symbol = symbol(message);
        reportedDrops = 0;
        if (symbol == null && badSymbol(message, out)) {
            return;
        }
        Trade trade = symbol == null ? null : trade(fields, symbol, receivedAt, out);
        if (trade == null && reportedDrops > 0) {
            return;
        }
        if (trade == null) {
            out.problem(Disposition.warn("SAHMK sent a trade without a symbol, price or quantity"
                    + (symbol == null ? "" : " for " + symbol) + "; it was ignored"));
        } else {
            out.emit(trade);
        }
    }

    /**
     * A trade, or null when the fields lack a price or quantity; a price or quantity sent but unreadable is
     * reported (and counted in {@link #reportedDrops}).
     */
    private Trade trade(TextFields<SahmkField> fields, String symbol, Instant receivedAt, DecodeOutput out) {
        BigDecimal price = required(fields, PRICE, out);
        BigDecimal quantity = required(fields, QUANTITY, out);
        if (price == null || quantity == null) {
            return null;
        }
        // event_time is when the trade executed; timestamp may be when it was published.
        Instant time = fields.isoInstant(EVENT_TIME);
        time = time != null ? time : fields.isoInstant(TIMESTAMP);
        if (time == null) {
            badTime(fields, EVENT_TIME, out);
            badTime(fields, TIMESTAMP, out);
        }
        BigDecimal value = fields.optionalDecimal(VALUE, VALUE.wire(), decimal, out) ? decimal.value() : null;
        return new Trade(SahmkProvider.ID, symbol, price, quantity, value, side(fields),
                fields.trimmed(TRADE_ID), time, receivedAt);
    }

    /** A required field's exact value, or null when absent or unreadable (reported, the event dropped). */
    private BigDecimal required(TextFields<SahmkField> fields, SahmkField field, DecodeOutput out) {
        int read = fields.read(field, decimal);
        if (read == TextFields.BAD) {
            fields.report(field, field.wire(), true, out);
            reportedDrops++;
        }
        return read == TextFields.READ ? decimal.value() : null;
    }

    private static Side side(TextFields<SahmkField> fields) {
        String side = fields.trimmed(SIDE);
        side = side == null ? "" : side.toLowerCase(Locale.ROOT);
        return side.equals("buy") ? Side.BUY : side.equals("sell") ? Side.SELL : Side.UNKNOWN;
    }

    /**
     * Best first: in {@code level} order when levels are numbered, otherwise as sent. A level whose price or
     * quantity is unreadable is reported and left out (counted in {@link #reportedDrops}).
     */
    private List<BookLevel> levels(TextFieldsList<SahmkField> sent, DecodeOutput out) {
        int[] numbers = new int[sent.size()];
        Integer[] order = new Integer[sent.size()];
        for (int i = 0; i < order.length; i++) {
            numbers[i] = sent.get(i).wholeNumber(LEVEL, 0, decimal).orElse(Integer.MAX_VALUE);
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> numbers[i]));
        List<BookLevel> levels = new ArrayList<>(order.length);
        for (int i : order) {
            TextFields<SahmkField> level = sent.get(i);
            int before = reportedDrops;
            BigDecimal price = required(level, PRICE, out);
            BigDecimal quantity = required(level, QUANTITY, out);
            reportedDrops = before + (reportedDrops > before ? 1 : 0);
            if (price != null && quantity != null) {
                OptionalInt orders = level.wholeNumber(ORDER_COUNT, 0, decimal);
                if (orders.isEmpty() && level.sent(ORDER_COUNT)) {
                    level.report(ORDER_COUNT, ORDER_COUNT.wire(), false, out);
                }
                levels.add(new BookLevel(price, quantity, orders.isPresent() ? orders.getAsInt() : null));
            }
        }
        return levels;
    }

    private static StringBuilder request(String action, List<String> symbols) {
        StringBuilder json = new StringBuilder(32 + symbols.size() * 8);
        json.append("{\"action\":\"").append(action).append("\",\"symbols\":");
        return JsonText.appendStrings(json, symbols);
    }
}
