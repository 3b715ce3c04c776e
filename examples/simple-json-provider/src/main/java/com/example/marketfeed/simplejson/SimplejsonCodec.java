package com.example.marketfeed.simplejson;

import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.OutboundFrame;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Pure translation between the wire and the event model: the client's requests, and the server's
 * {@code ticker} and {@code trade} pushes. Stateless and thread safe.
 *
 * <p>Prices and sizes become {@link BigDecimal}s built from the wire text, never from a {@code double}:
 * {@code "64012.50"} stays {@code 64012.50}.
 *
 * <p>A value that cannot be read exactly (NaN, {@code true} or {@code null} for a number, {@code 1e100}) is reported
 * with {@link DecodeOutput#badValue}: required are the {@code symbol}, a trade's {@code px} and {@code sz}, and
 * one of a ticker's {@code last}, {@code bid} and {@code ask} (the push is dropped); optional are each of those
 * three on their own and {@code ts} (the push is kept without it).
 */
final class SimplejsonCodec {

    /** The client heartbeat. */
    static final OutboundFrame PING = OutboundFrame.text("{\"op\":\"ping\"}");

    /**
     * Longer numeric text, or a larger decimal exponent, is no price; refusing it keeps a hostile frame from
     * making {@code BigDecimal} arithmetic or printing expensive ({@code 1e999999999}).
     */
    private static final int MAX_NUMBER_LENGTH = 64;

    private SimplejsonCodec() {
    }

    /** {@code {"op":"subscribe","channel":"ticker","args":["BTC-USD","ETH-USD"]}}. */
    static OutboundFrame subscribe(SimplejsonChannel channel, List<String> symbols) {
        return request("subscribe", channel, symbols);
    }

    /** {@code {"op":"unsubscribe","channel":"ticker","args":["ETH-USD"]}}. */
    static OutboundFrame unsubscribe(SimplejsonChannel channel, List<String> symbols) {
        return request("unsubscribe", channel, symbols);
    }

    /** A {@code ticker} push as a quote; a push without a symbol or without any price is reported instead. */
    static void ticker(WireMessage message, Instant receivedAt, DecodeOutput out) {
        String symbol = message.dataField("symbol");
        if (symbol == null && badValue(message, "symbol", true, out)) {
            return;
        }
        BigDecimal last = decimal(message.dataField("last"));
        BigDecimal bid = decimal(message.dataField("bid"));
        BigDecimal ask = decimal(message.dataField("ask"));
        boolean none = last == null && bid == null && ask == null;
        if (symbol != null) {
            boolean reported = (last == null && badValue(message, "last", none, out))
                    | (bid == null && badValue(message, "bid", none, out))
                    | (ask == null && badValue(message, "ask", none, out));
            if (none && reported) {
                return;
            }
        }
        if (symbol == null || none) {
            out.problem(Disposition.warn("simplejson sent a ticker without a symbol or any of last, bid and ask"
                    + (symbol == null ? "" : " for " + SimplejsonSession.quoted(symbol)) + "; it was ignored"));
            return;
        }
        out.emit(Quote.builder(SimplejsonProvider.ID, symbol, receivedAt)
                .price(last)
                .bid(bid)
                .ask(ask)
                .time(time(message, out))
                .build());
    }

    /** A {@code trade} push as a trade; a push without a symbol, price or size is reported instead. */
    static void trade(WireMessage message, Instant receivedAt, DecodeOutput out) {
        String symbol = message.dataField("symbol");
        BigDecimal price = decimal(message.dataField("px"));
        BigDecimal size = decimal(message.dataField("sz"));
        boolean reported = (symbol == null && badValue(message, "symbol", true, out))
                | (price == null && badValue(message, "px", true, out))
                | (size == null && badValue(message, "sz", true, out));
        if (reported) {
            return;
        }
        if (symbol == null || price == null || size == null) {
            out.problem(Disposition.warn("simplejson sent a trade without a symbol, px or sz"
                    + (symbol == null ? "" : " for " + SimplejsonSession.quoted(symbol)) + "; it was ignored"));
            return;
        }
        out.emit(new Trade(SimplejsonProvider.ID, symbol, price, size, null, side(message.dataField("side")),
                message.dataField("id"), time(message, out), receivedAt));
    }

    /** {@code ts}, or null; one sent that is no time is reported (the push keeps its receive time only). */
    private static Instant time(WireMessage message, DecodeOutput out) {
        Instant time = epochMillis(message.dataField("ts"));
        if (time == null) {
            badValue(message, "ts", false, out);
        }
        return time;
    }

    /**
     * Reports {@code name} as a bad value when it was sent (a value that read as nothing); whether it was.
     * Call it only for a field that read as nothing.
     */
    private static boolean badValue(WireMessage message, String name, boolean eventDropped, DecodeOutput out) {
        String sample = message.sample(name);
        if (sample == null) {
            return false;
        }
        out.badValue(name, sample, eventDropped);
        return true;
    }

    /** The exact decimal the text spells; null when absent, not a number, or of an absurd magnitude. */
    static BigDecimal decimal(String text) {
        if (text == null || text.length() > MAX_NUMBER_LENGTH) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            return Math.abs(value.scale()) <= MAX_NUMBER_LENGTH ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Milliseconds since the epoch ({@code 1732233600123}), or null when absent or not a whole number. */
    static Instant epochMillis(String text) {
        if (text == null || text.length() > 19) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Side side(String side) {
        if (side == null) {
            return Side.UNKNOWN;
        }
        switch (side.toLowerCase(Locale.ROOT)) {
            case "buy": return Side.BUY;
            case "sell": return Side.SELL;
            default: return Side.UNKNOWN;
        }
    }

    private static OutboundFrame request(String op, SimplejsonChannel channel, List<String> symbols) {
        StringBuilder json = new StringBuilder(48 + symbols.size() * 12);
        json.append("{\"op\":\"").append(op).append("\",\"channel\":\"").append(channel.wireName())
                .append("\",\"args\":[");
        for (int i = 0; i < symbols.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            appendJsonString(json, symbols.get(i));
        }
        return OutboundFrame.text(json.append("]}").toString());
    }

    /**
     * A JSON string literal. Symbols are checked before they are sent ({@link SimplejsonProtocol#symbolProblem}),
     * so escaping is only a second line of defence.
     */
    private static void appendJsonString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
