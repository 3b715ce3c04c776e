package io.marketfeed.provider.alltick;

import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.OutboundFrame;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure translation between AllTick's official wire format (protocols.md §4.3–4.4) and the event model: the
 * request envelopes the client sends, and the trade ({@code 22998}) and order-book ({@code 22999}) pushes.
 * Stateless; request ids and matching are in {@link AlltickSession}.
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

    /**
     * A number with more digits than this is no AllTick value; refusing it keeps a hostile frame from making
     * {@code BigDecimal} work expensive.
     */
    private static final int MAX_VALUE_LENGTH = 64;

    /** Below this a timestamp counts seconds (10 digits until the year 5138), below the next milliseconds, … */
    private static final BigDecimal MILLIS_FROM = new BigDecimal("1e11");
    private static final BigDecimal MICROS_FROM = new BigDecimal("1e14");
    private static final BigDecimal NANOS_FROM = new BigDecimal("1e17");

    private AlltickCodec() {
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

    /** A {@code 22998} push: price, volume, turnover, side from {@code trade_direction}, {@code seq}, time. */
    static void trade(AlltickMessage push, Instant receivedAt, DecodeOutput out) {
        String code = trimmed(push.code);
        BigDecimal price = decimal(push.price);
        BigDecimal volume = decimal(push.volume);
        if (code == null || price == null || volume == null) {
            out.problem(Disposition.warn("AllTick sent a trade without a code, price or volume"
                    + (code == null ? "" : " for " + AlltickText.quoted(code)) + "; it was ignored"));
            return;
        }
        out.emit(new Trade(AlltickProvider.ID, code, price, volume, decimal(push.turnover),
                side(push.tradeDirection), trimmed(push.seq), instant(push.tickTime), receivedAt));
    }

    /**
     * A {@code 22999} push: a full snapshot of the top levels, best first. Forex, metals and CFDs send no volume
     * at their levels; those levels get a size of zero. Levels without a usable price are left out and reported.
     */
    static void book(AlltickMessage push, Instant receivedAt, DecodeOutput out) {
        String code = trimmed(push.code);
        if (code == null) {
            out.problem(Disposition.warn("AllTick sent an order book without a code; it was ignored"));
            return;
        }
        List<AlltickMessage.Level> bidsSent = push.bids == null ? List.of() : push.bids;
        List<AlltickMessage.Level> asksSent = push.asks == null ? List.of() : push.asks;
        List<BookLevel> bids = levels(bidsSent);
        List<BookLevel> asks = levels(asksSent);
        out.emit(new BookSnapshot(AlltickProvider.ID, code, bids, asks, instant(push.tickTime), receivedAt));
        int skipped = bidsSent.size() + asksSent.size() - bids.size() - asks.size();
        if (skipped > 0) {
            out.problem(Disposition.warn("AllTick order book for " + AlltickText.quoted(code) + " had " + skipped
                    + " level(s) without a valid price or volume; they were left out"));
        }
    }

    /**
     * {@code tick_time} as an instant: a string or an integer, in seconds or milliseconds (told apart by
     * magnitude: the documentation says milliseconds but one of its examples has ten digits), leniently also
     * microseconds or nanoseconds. Null when absent, not a number, or not positive.
     */
    static Instant instant(String text) {
        BigDecimal value = decimal(text);
        if (value == null || value.signum() <= 0) {
            return null;
        }
        BigDecimal nanos;
        if (value.compareTo(MILLIS_FROM) < 0) {
            nanos = value.movePointRight(9);
        } else if (value.compareTo(MICROS_FROM) < 0) {
            nanos = value.movePointRight(6);
        } else if (value.compareTo(NANOS_FROM) < 0) {
            nanos = value.movePointRight(3);
        } else {
            nanos = value;
        }
        BigDecimal[] split = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
        try {
            return Instant.ofEpochSecond(split[0].longValueExact(), split[1].longValue());
        } catch (ArithmeticException | DateTimeException e) {
            return null;
        }
    }

    /** The exact decimal the text spells, or null when absent, blank, not a number or of an absurd size. */
    static BigDecimal decimal(String text) {
        String value = trimmed(text);
        if (value == null || value.length() > MAX_VALUE_LENGTH) {
            return null;
        }
        try {
            BigDecimal decimal = new BigDecimal(value);
            return Math.abs(decimal.scale()) <= MAX_VALUE_LENGTH ? decimal : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code trade_direction}: 1 buy (at the ask or above), 2 sell (at the bid or below), 0 neutral. */
    static Side side(String text) {
        String value = trimmed(text);
        if (value == null) {
            return Side.UNKNOWN;
        }
        switch (value) {
            case "1": return Side.BUY;
            case "2": return Side.SELL;
            default: return Side.UNKNOWN;
        }
    }

    private static List<BookLevel> levels(List<AlltickMessage.Level> sent) {
        List<BookLevel> levels = new ArrayList<>(sent.size());
        for (AlltickMessage.Level level : sent) {
            BigDecimal price = decimal(level.price);
            String volumeText = trimmed(level.volume);
            BigDecimal volume = volumeText == null ? BigDecimal.ZERO : decimal(volumeText);
            if (price != null && volume != null) {
                levels.add(new BookLevel(price, volume, null));
            }
        }
        return levels;
    }

    private static String trimmed(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static StringBuilder envelope(int cmdId, long seqId, String trace) {
        StringBuilder json = new StringBuilder(96);
        json.append("{\"cmd_id\":").append(cmdId).append(",\"seq_id\":").append(seqId).append(",\"trace\":");
        AlltickText.appendJsonString(json, trace);
        return json.append(",\"data\":");
    }

    private static StringBuilder symbolList(List<String> codes, int levels) {
        StringBuilder json = new StringBuilder(2 + codes.size() * (levels > 0 ? 36 : 20));
        json.append('[');
        for (int i = 0; i < codes.size(); i++) {
            json.append(i == 0 ? "{\"code\":" : ",{\"code\":");
            AlltickText.appendJsonString(json, codes.get(i));
            if (levels > 0) {
                json.append(",\"depth_level\":").append(levels);
            }
            json.append('}');
        }
        return json.append(']');
    }
}
