package io.marketfeed.provider.alltick;

import static io.marketfeed.provider.alltick.AlltickField.*;

import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.toolkit.EpochTime;
import io.marketfeed.toolkit.ExactDecimal;
import io.marketfeed.toolkit.JsonText;
import io.marketfeed.toolkit.Symbols;
import io.marketfeed.toolkit.TextFields;
import io.marketfeed.toolkit.TextFieldsList;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Translation between AllTick's official wire format (protocols.md §4.3–4.4) and the event model: the request
 * envelopes the client sends (static), and the trade ({@code 22998}) and order-book ({@code 22999}) pushes of one
 * connection (an instance per session keeps what decoding reuses: the decimal reader, the interned codes and the
 * array a book's levels are gathered in, so that a push allocates only its event). Request ids and matching are in
 * {@link AlltickSession}. Not thread safe.
 *
 * <p>Values that cannot be read exactly ({@code DecodeOutput#badValue}): required are the {@code code}, a
 * trade's {@code price} and {@code volume}, and a book level's {@code price} and (when sent, not blank and not
 * null: a level without volume is one of forex, metals or CFDs, of size zero) {@code volume}: the trade or level is
 * dropped. Optional: {@code turnover} and {@code tick_time} (the receive
 * time stands in), which the event is kept without.
 *
 * <p>Not the simplified format of some blog posts ({@code "action":"subscribe"}, {@code "type":"tick"}): AllTick's
 * servers do not speak it (§4.10).
 */
final class AlltickCodec {

    static final int HEARTBEAT = 22000;
    static final int HEARTBEAT_RESPONSE = 22001;
    static final int SUBSCRIBE_DEPTH = 22002;
    static final int SUBSCRIBE_DEPTH_RESPONSE = 22003;
    static final int SUBSCRIBE_TRADES = 22004;
    static final int SUBSCRIBE_TRADES_RESPONSE = 22005;
    static final int CANCEL = 22006;
    static final int CANCEL_RESPONSE = 22007;
    static final int PUSH_TRADE = 22998;
    static final int PUSH_DEPTH = 22999;

    /** {@code cancel_type} of {@code 22006}: 1 cancels the order-book list, 2 the trade list (0 would be both). */
    static final int CANCEL_DEPTH = 1;
    static final int CANCEL_TRADES = 2;

    private final ExactDecimal decimal = new ExactDecimal();
    private final Symbols symbols = new Symbols();
    /** Where one side's levels are gathered; emptied after each side. */
    private BookLevel[] levels = new BookLevel[AlltickSettings.MAX_DEPTH_LEVELS];
    /** Events or levels dropped for a bad value already reported, in the push being decoded. */
    private int reported;

    /** The message's {@code data.code}, trimmed and interned; null when absent or blank. */
    String code(AlltickMessage message) {
        return message.code(symbols);
    }

    /** {@code 22004}: the whole trade list of the connection, replacing the previous one. */
    static OutboundFrame subscribeTrades(long seqId, String trace, List<String> codes) {
        return OutboundFrame.text(envelope(SUBSCRIBE_TRADES, seqId, trace).append("{\"symbol_list\":")
                .append(symbolList(codes, 0)).append("}}").toString());
    }

    /** {@code 22002}: the whole order-book list, every code with an explicit {@code depth_level}. */
    static OutboundFrame subscribeDepth(long seqId, String trace, List<String> codes, int levels) {
        return OutboundFrame.text(envelope(SUBSCRIBE_DEPTH, seqId, trace).append("{\"symbol_list\":")
                .append(symbolList(codes, levels)).append("}}").toString());
    }

    /** {@code 22006} with {@code cancel_type}. */
    static OutboundFrame cancel(long seqId, String trace, int cancelType) {
        return OutboundFrame.text(envelope(CANCEL, seqId, trace).append("{\"cancel_type\":").append(cancelType)
                .append("}}").toString());
    }

    /** {@code 22000}, sent every 10 s from the moment the connection opens. */
    static OutboundFrame heartbeat(long seqId, String trace) {
        return OutboundFrame.text(envelope(HEARTBEAT, seqId, trace).append("{}}").toString());
    }

    /**
     * A {@code 22998} push: price, volume, turnover, side from {@code trade_direction}, {@code seq}, time.
     *
     * @param code {@link #code}
     */
    void trade(AlltickMessage push, String code, Instant receivedAt, DecodeOutput out) {
        TextFields<AlltickField> data = push.data;
        reported = 0;
        if (code == null && data.sent(CODE)) {
            data.report(CODE, "code", true, out);
            return;
        }
        BigDecimal price = required(data, PRICE, "price", out);
        BigDecimal volume = required(data, VOLUME, "volume", out);
        if (reported > 0) {
            return;
        }
        if (code == null || price == null || volume == null) {
            out.problem(Disposition.warn("AllTick sent a trade without a code, price or volume"
                    + (code == null ? "" : " for " + code) + "; it was ignored"));
            return;
        }
        BigDecimal turnover = data.optionalDecimal(TURNOVER, "turnover", decimal, out) ? decimal.value() : null;
        out.emit(new Trade(AlltickProvider.ID, code, price, volume, turnover, side(data),
                data.trimmed(SEQ), instant(data, out), receivedAt));
    }

    /** A required field's exact value, or null when absent or unreadable (reported as dropping its event). */
    private BigDecimal required(TextFields<AlltickField> fields, AlltickField field, String name, DecodeOutput out) {
        int read = fields.read(field, decimal);
        if (read == TextFields.BAD) {
            fields.report(field, name, true, out);
            reported++;
        }
        return read == TextFields.READ ? decimal.value() : null;
    }

    /**
     * A {@code 22999} push: a full snapshot of the top levels, best first. Forex, metals and CFDs send no volume
     * at their levels; those levels get a size of zero. Levels without a usable price are left out and reported.
     *
     * @param code {@link #code}
     */
    void book(AlltickMessage push, String code, Instant receivedAt, DecodeOutput out) {
        if (code == null) {
            if (push.data.sent(CODE)) {
                push.data.report(CODE, "code", true, out);
            } else {
                out.problem(Disposition.warn("AllTick sent an order book without a code; it was ignored"));
            }
            return;
        }
        reported = 0;
        List<BookLevel> bids = levels(push.bids, out);
        List<BookLevel> asks = levels(push.asks, out);
        out.emit(new BookSnapshot(AlltickProvider.ID, code, bids, asks, instant(push.data, out), receivedAt));
        int skipped = push.bids.size() + push.asks.size() - bids.size() - asks.size() - reported;
        if (skipped > 0) {
            out.problem(Disposition.warn("AllTick order book for " + code + " had " + skipped
                    + " level(s) without a valid price or volume; they were left out"));
        }
    }

    /**
     * {@code tick_time} as an instant: a string or an integer, in seconds or milliseconds (told apart by
     * magnitude: the documentation says milliseconds but one of its examples has ten digits), leniently also
     * microseconds or nanoseconds ({@link EpochTime}). Null when absent, not a number, or not positive.
     */
    private Instant instant(TextFields<AlltickField> data, DecodeOutput out) {
        Instant time = data.decimal(TICK_TIME, decimal) ? EpochTime.of(decimal) : null;
        if (time == null && data.sent(TICK_TIME)) {
            data.report(TICK_TIME, "tick_time", false, out);
        }
        return time;
    }

    /** {@code trade_direction}: 1 buy (at the ask or above), 2 sell (at the bid or below), 0 neutral. */
    private static Side side(TextFields<AlltickField> data) {
        if (data.is(TRADE_DIRECTION, "1")) {
            return Side.BUY;
        }
        return data.is(TRADE_DIRECTION, "2") ? Side.SELL : Side.UNKNOWN;
    }

    /** The usable levels of one side, in the order sent; those with a bad value reported (and counted). */
    private List<BookLevel> levels(TextFieldsList<AlltickField> sent, DecodeOutput out) {
        if (levels.length < sent.size()) {
            levels = new BookLevel[sent.size()];
        }
        int count = 0;
        for (int i = 0; i < sent.size(); i++) {
            TextFields<AlltickField> level = sent.get(i);
            int before = reported;
            BigDecimal price = required(level, PRICE, "price", out);
            // No volume, a blank or a null one, is a level without volume (forex, metals, CFDs): size zero.
            BigDecimal volume = !level.sent(VOLUME) || level.isNull(VOLUME) || level.is(VOLUME, "")
                    ? BigDecimal.ZERO : required(level, VOLUME, "volume", out);
            reported = before + (reported > before ? 1 : 0);
            if (price != null && volume != null) {
                levels[count++] = new BookLevel(price, volume, null);
            }
        }
        List<BookLevel> list = immutable(levels, count);
        Arrays.fill(levels, 0, count, null);
        return list;
    }

    /**
     * The first {@code count} levels as an immutable list, which {@link BookSnapshot} keeps as it is (a list of
     * another kind it copies, which costs two arrays instead of one). AllTick serves at most ten levels a side.
     */
    private static List<BookLevel> immutable(BookLevel[] l, int count) {
        switch (count) {
            case 0: return List.of();
            case 1: return List.of(l[0]);
            case 2: return List.of(l[0], l[1]);
            case 3: return List.of(l[0], l[1], l[2]);
            case 4: return List.of(l[0], l[1], l[2], l[3]);
            case 5: return List.of(l[0], l[1], l[2], l[3], l[4]);
            case 6: return List.of(l[0], l[1], l[2], l[3], l[4], l[5]);
            case 7: return List.of(l[0], l[1], l[2], l[3], l[4], l[5], l[6]);
            case 8: return List.of(l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7]);
            case 9: return List.of(l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7], l[8]);
            case 10: return List.of(l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7], l[8], l[9]);
            default: return List.of(Arrays.copyOf(l, count));
        }
    }

    private static StringBuilder envelope(int cmdId, long seqId, String trace) {
        StringBuilder json = new StringBuilder(96);
        json.append("{\"cmd_id\":").append(cmdId).append(",\"seq_id\":").append(seqId).append(",\"trace\":");
        return JsonText.appendString(json, trace).append(",\"data\":");
    }

    private static StringBuilder symbolList(List<String> codes, int levels) {
        StringBuilder json = new StringBuilder(2 + codes.size() * (levels > 0 ? 36 : 20));
        json.append('[');
        for (int i = 0; i < codes.size(); i++) {
            json.append(i == 0 ? "{\"code\":" : ",{\"code\":");
            JsonText.appendString(json, codes.get(i));
            if (levels > 0) {
                json.append(",\"depth_level\":").append(levels);
            }
            json.append('}');
        }
        return json.append(']');
    }
}
