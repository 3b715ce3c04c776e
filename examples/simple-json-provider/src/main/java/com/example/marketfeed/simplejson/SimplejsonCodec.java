package com.example.marketfeed.simplejson;

import static com.example.marketfeed.simplejson.SimplejsonField.*;

import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.toolkit.ExactDecimal;
import io.marketfeed.toolkit.JsonText;
import io.marketfeed.toolkit.Symbols;
import io.marketfeed.toolkit.TextFields;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Translation between the wire and the event model: the client's requests (static), and the server's
 * {@code ticker} and {@code trade} pushes of one connection. An instance per session keeps what decoding reuses
 * (the quote builder, the decimal reader, the interned symbols), so that a push allocates only its event. Not
 * thread safe.
 *
 * <p>Prices and sizes are exact decimals read from the wire text, never through a {@code double}:
 * {@code "64012.50"} stays {@code 64012.50}. A value that cannot be read exactly (NaN, {@code true} or
 * {@code null} for a number, {@code 1e100}) is reported with {@link DecodeOutput#badValue}: required are the
 * {@code symbol}, a trade's {@code px} and {@code sz}, and one of a ticker's {@code last}, {@code bid} and
 * {@code ask} (the push is dropped); optional are each of those three on their own and {@code ts} (the push is
 * kept without it).
 */
final class SimplejsonCodec {

    /** The client heartbeat. */
    static final OutboundFrame PING = OutboundFrame.text("{\"op\":\"ping\"}");

    private final Quote.Builder quote = Quote.builder(SimplejsonProvider.ID);
    private final ExactDecimal decimal = new ExactDecimal();
    private final Symbols symbols = new Symbols();

    /** {@code {"op":"subscribe","channel":"ticker","args":["BTC-USD","ETH-USD"]}}. */
    static OutboundFrame subscribe(SimplejsonChannel channel, List<String> symbols) {
        return request("subscribe", channel, symbols);
    }

    /** {@code {"op":"unsubscribe","channel":"ticker","args":["ETH-USD"]}}. */
    static OutboundFrame unsubscribe(SimplejsonChannel channel, List<String> symbols) {
        return request("unsubscribe", channel, symbols);
    }

    /** A {@code ticker} push as a quote; one without a symbol or without any price is reported instead. */
    void ticker(TextFields<SimplejsonField> data, Instant receivedAt, DecodeOutput out) {
        String symbol = data.symbol(SYMBOL, symbols);
        if (symbol == null && bad(data, SYMBOL, "symbol", true, out)) {
            return;
        }
        quote.clear().symbol(symbol).receivedAt(receivedAt);
        boolean last = data.decimal(LAST, decimal, quote, Quote.Field.PRICE);
        boolean bid = data.decimal(BID, decimal, quote, Quote.Field.BID);
        boolean ask = data.decimal(ASK, decimal, quote, Quote.Field.ASK);
        boolean none = !(last || bid || ask);
        if (symbol != null) {
            boolean reported = (!last && bad(data, LAST, "last", none, out))
                    | (!bid && bad(data, BID, "bid", none, out))
                    | (!ask && bad(data, ASK, "ask", none, out));
            if (none && reported) {
                return;
            }
        }
        if (symbol == null || none) {
            out.problem(Disposition.warn("simplejson sent a ticker without a symbol or any of last, bid and ask"
                    + (symbol == null ? "" : " for " + symbol) + "; it was ignored"));
            return;
        }
        out.emit(quote.time(time(data, out)).build());
    }

    /** A {@code trade} push as a trade; one without a symbol, price or size is reported instead. */
    void trade(TextFields<SimplejsonField> data, Instant receivedAt, DecodeOutput out) {
        String symbol = data.symbol(SYMBOL, symbols);
        BigDecimal price = data.decimal(PX, decimal) ? decimal.value() : null;
        BigDecimal size = data.decimal(SZ, decimal) ? decimal.value() : null;
        boolean reported = (symbol == null && bad(data, SYMBOL, "symbol", true, out))
                | (price == null && bad(data, PX, "px", true, out))
                | (size == null && bad(data, SZ, "sz", true, out));
        if (reported) {
            return;
        }
        if (symbol == null || price == null || size == null) {
            out.problem(Disposition.warn("simplejson sent a trade without a symbol, px or sz"
                    + (symbol == null ? "" : " for " + symbol) + "; it was ignored"));
            return;
        }
        out.emit(new Trade(SimplejsonProvider.ID, symbol, price, size, null, side(data), data.trimmed(ID),
                time(data, out), receivedAt));
    }

    /** {@code ts}, milliseconds since the epoch, or null; one sent that is no such number is reported. */
    private Instant time(TextFields<SimplejsonField> data, DecodeOutput out) {
        if (data.decimal(TS, decimal) && decimal.isCompact() && decimal.scale() == 0) {
            return Instant.ofEpochMilli(decimal.unscaled());
        }
        bad(data, TS, "ts", false, out);
        return null;
    }

    /**
     * For a field that could not be read: reports it as a bad value when it was sent (JSON null, a structure, text
     * that is no value of its kind), and says whether it was. A field not sent at all is no bad value.
     */
    private static boolean bad(TextFields<SimplejsonField> data, SimplejsonField field, String name,
            boolean eventDropped, DecodeOutput out) {
        if (!data.sent(field)) {
            return false;
        }
        data.report(field, name, eventDropped, out);
        return true;
    }

    /** {@code buy} or {@code sell}, in any case; allocates only for a side in mixed case. */
    private static Side side(TextFields<SimplejsonField> data) {
        if (data.is(SIDE, "buy") || data.is(SIDE, "BUY")) {
            return Side.BUY;
        }
        if (data.is(SIDE, "sell") || data.is(SIDE, "SELL")) {
            return Side.SELL;
        }
        String side = data.trimmed(SIDE);
        return "buy".equalsIgnoreCase(side) ? Side.BUY : "sell".equalsIgnoreCase(side) ? Side.SELL : Side.UNKNOWN;
    }

    /**
     * A request. Symbols are checked before they are sent ({@link SimplejsonProtocol#symbolProblem}), so escaping
     * is only a second line of defence.
     */
    private static OutboundFrame request(String op, SimplejsonChannel channel, List<String> symbols) {
        StringBuilder json = new StringBuilder(48 + symbols.size() * 12);
        json.append("{\"op\":\"").append(op).append("\",\"channel\":\"").append(channel.wireName())
                .append("\",\"args\":[");
        for (int i = 0; i < symbols.size(); i++) {
            JsonText.appendString(i == 0 ? json : json.append(','), symbols.get(i));
        }
        return OutboundFrame.text(json.append("]}").toString());
    }
}
