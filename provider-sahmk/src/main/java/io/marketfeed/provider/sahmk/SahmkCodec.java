package io.marketfeed.provider.sahmk;

import static io.marketfeed.provider.sahmk.WireFields.Field.*;

import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.OutboundFrame;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Pure translation between SAHMK's wire messages and the event model: the client's JSON requests, and the
 * server's data messages. Stateless; the per-connection bookkeeping is in {@link SahmkSession}.
 */
final class SahmkCodec {

    static final OutboundFrame PING = OutboundFrame.text("{\"action\":\"ping\"}");

    private SahmkCodec() {
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
    static Optional<LimitsUpdate> limits(WireMessage connected) {
        OptionalInt perConnection = connected.limits.wholeNumber(MAX_SYMBOLS_PER_CONNECTION, 1);
        OptionalInt perCall = connected.limits.wholeNumber(MAX_SYMBOLS_PER_CALL, 1);
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
    static void quote(WireMessage message, Instant receivedAt, DecodeOutput out) {
        String symbol = message.symbol();
        if (symbol == null) {
            out.problem(Disposition.warn("SAHMK sent a quote without a symbol; it was ignored"));
            return;
        }
        WireFields data = message.data;
        WireFields top = message.top;
        Instant time = firstInstant(top.instant(TIMESTAMP), data.instant(UPDATED_AT), data.instant(TIMESTAMP));
        out.emit(Quote.builder(SahmkProvider.ID, symbol, receivedAt)
                .price(decimal(data, top, PRICE))
                .change(decimal(data, top, CHANGE))
                .changePercent(decimal(data, top, CHANGE_PERCENT))
                .volume(decimal(data, top, VOLUME))
                .bid(decimal(data, top, BID))
                .ask(decimal(data, top, ASK))
                .open(decimal(data, top, OPEN))
                .high(decimal(data, top, HIGH))
                .low(decimal(data, top, LOW))
                .previousClose(decimal(data, top, PREVIOUS_CLOSE))
                .time(time)
                .build());
    }

    /** A {@code depth_snapshot}; {@code available:false} (not entitled, no book) is reported, not emitted. */
    static void book(WireMessage message, Instant receivedAt, DecodeOutput out) {
        String symbol = message.symbol();
        if (message.top.isFalse(AVAILABLE)) {
            String said = message.top.trimmed(MESSAGE);
            out.problem(Disposition.warn("SAHMK depth is not available" + (symbol == null ? "" : " for " + symbol)
                    + (said == null ? "" : ": " + SahmkText.redact(said))));
            return;
        }
        if (symbol == null) {
            out.problem(Disposition.warn("SAHMK sent a depth snapshot without a symbol; it was ignored"));
            return;
        }
        List<WireFields> bidsSent = message.bids == null ? List.of() : message.bids;
        List<WireFields> asksSent = message.asks == null ? List.of() : message.asks;
        List<BookLevel> bids = levels(bidsSent);
        List<BookLevel> asks = levels(asksSent);
        Instant time = firstInstant(message.top.instant(UPDATED_AT), message.top.instant(TIMESTAMP), null);
        out.emit(new BookSnapshot(SahmkProvider.ID, symbol, bids, asks, time, receivedAt));
        int skipped = bidsSent.size() + asksSent.size() - bids.size() - asks.size();
        if (skipped > 0) {
            out.problem(Disposition.warn("SAHMK depth snapshot for " + symbol + " had " + skipped
                    + " level(s) without a price or quantity; they were left out"));
        }
    }

    /** A {@code trades_snapshot}: one trade per element of {@code events}. */
    static void tradesSnapshot(WireMessage message, Instant receivedAt, DecodeOutput out) {
        String symbol = message.symbol();
        int skipped = 0;
        for (WireFields event : message.events == null ? List.<WireFields>of() : message.events) {
            String eventSymbol = symbol != null ? symbol : event.trimmed(SYMBOL);
            Trade trade = eventSymbol == null ? null : trade(event, eventSymbol, receivedAt);
            if (trade == null) {
                skipped++;
            } else {
                out.emit(trade);
            }
        }
        if (skipped > 0) {
            out.problem(Disposition.warn("SAHMK trades snapshot" + (symbol == null ? "" : " for " + symbol)
                    + " had " + skipped + " trade(s) without a symbol, price or quantity; they were left out"));
        }
    }

    /** A live {@code trade}, flat at the top level (or, leniently, inside {@code data}). */
    static void trade(WireMessage message, Instant receivedAt, DecodeOutput out) {
        WireFields fields = message.top.text(PRICE) == null && message.data.text(PRICE) != null
                ? message.data : message.top;
        String symbol = message.symbol();
        Trade trade = symbol == null ? null : trade(fields, symbol, receivedAt);
        if (trade == null) {
            out.problem(Disposition.warn("SAHMK sent a trade without a symbol, price or quantity"
                    + (symbol == null ? "" : " for " + symbol) + "; it was ignored"));
        } else {
            out.emit(trade);
        }
    }

    /**
     * The symbols an {@code error} names: its {@code symbols}, its {@code symbol}, or the list in a message
     * such as {@code Invalid symbols: 9999, 8888}. Empty when it names none.
     */
    static List<String> namedSymbols(WireMessage error) {
        List<String> named = new ArrayList<>();
        if (error.symbols != null) {
            error.symbols.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(named::add);
        }
        String symbol = error.top.trimmed(SYMBOL);
        if (named.isEmpty() && symbol != null) {
            named.add(symbol);
        }
        String said = error.top.trimmed(MESSAGE);
        if (named.isEmpty() && said != null) {
            named.addAll(SahmkText.invalidSymbols(said));
        }
        return named;
    }

    /** A trade, or null when the fields lack a price or quantity. */
    private static Trade trade(WireFields fields, String symbol, Instant receivedAt) {
        BigDecimal price = fields.decimal(PRICE);
        BigDecimal quantity = fields.decimal(QUANTITY);
        if (price == null || quantity == null) {
            return null;
        }
        // event_time is when the trade executed; timestamp may be when it was published.
        Instant time = firstInstant(fields.instant(EVENT_TIME), fields.instant(TIMESTAMP), null);
        return new Trade(SahmkProvider.ID, symbol, price, quantity, fields.decimal(VALUE), side(fields),
                fields.trimmed(TRADE_ID), time, receivedAt);
    }

    private static Side side(WireFields fields) {
        String side = fields.trimmed(SIDE);
        if (side == null) {
            return Side.UNKNOWN;
        }
        switch (side.toLowerCase(Locale.ROOT)) {
            case "buy": return Side.BUY;
            case "sell": return Side.SELL;
            default: return Side.UNKNOWN;
        }
    }

    /** Best first: in {@code level} order when levels are numbered, otherwise as sent. */
    private static List<BookLevel> levels(List<WireFields> sent) {
        List<WireFields> ordered = new ArrayList<>(sent);
        ordered.sort(Comparator.comparingInt(level -> level.wholeNumber(LEVEL, 0).orElse(Integer.MAX_VALUE)));
        List<BookLevel> levels = new ArrayList<>(ordered.size());
        for (WireFields level : ordered) {
            BigDecimal price = level.decimal(PRICE);
            BigDecimal quantity = level.decimal(QUANTITY);
            if (price != null && quantity != null) {
                OptionalInt orders = level.wholeNumber(ORDER_COUNT, 0);
                levels.add(new BookLevel(price, quantity, orders.isPresent() ? orders.getAsInt() : null));
            }
        }
        return levels;
    }

    private static BigDecimal decimal(WireFields preferred, WireFields fallback, WireFields.Field field) {
        BigDecimal value = preferred.decimal(field);
        return value != null ? value : fallback.decimal(field);
    }

    private static Instant firstInstant(Instant first, Instant second, Instant third) {
        return first != null ? first : second != null ? second : third;
    }

    private static StringBuilder request(String action, List<String> symbols) {
        StringBuilder json = new StringBuilder(32 + symbols.size() * 8);
        json.append("{\"action\":\"").append(action).append("\",\"symbols\":[");
        for (int i = 0; i < symbols.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            SahmkText.appendJsonString(json, symbols.get(i));
        }
        return json.append(']');
    }
}
