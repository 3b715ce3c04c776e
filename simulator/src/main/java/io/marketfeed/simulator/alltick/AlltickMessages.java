package io.marketfeed.simulator.alltick;

import com.fasterxml.jackson.core.JsonGenerator;
import io.marketfeed.simulator.BookState;
import io.marketfeed.simulator.JsonText;
import io.marketfeed.simulator.TradePrint;
import io.marketfeed.simulator.alltick.AlltickOptions.NumberStyle;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The JSON AllTick's servers send (protocols.md §4.3–4.4): responses with {@code ret}, {@code msg}, the request's
 * {@code cmd_id + 1}, {@code seq_id} and {@code trace}; pushes with only {@code cmd_id} and {@code data}. Prices and
 * volumes are decimal strings, exact to the instrument's decimals. Stateless and thread safe.
 */
final class AlltickMessages {

    static final int HEARTBEAT = 22000;
    static final int SUBSCRIBE_DEPTH = 22002;
    static final int SUBSCRIBE_TRADES = 22004;
    static final int CANCEL = 22006;
    static final int PUSH_TRADE = 22998;
    static final int PUSH_DEPTH = 22999;

    private AlltickMessages() {
    }

    /** The text of each {@code ret} (AllTick's error table). */
    static String text(int ret) {
        return switch (ret) {
            case 200 -> "ok";
            case 400 -> "request data param invalid";
            case 401 -> "token invalid";
            case 429 -> "rate limit";
            case 600 -> "code invalid";
            case 601 -> "body empty";
            case 603 -> "token level not enough";
            case 604 -> "code unauthorized";
            case 605 -> "too many requests";
            case 606 -> "too many requests and connection will be closed";
            default -> "error";
        };
    }

    /** A response to a request: {@code cmd_id} is the request's plus one. */
    static String response(int ret, String msg, int requestCmdId, long seqId, String trace) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeNumberField("ret", ret);
            json.writeStringField("msg", msg);
            json.writeNumberField("cmd_id", requestCmdId == 0 ? 0 : requestCmdId + 1);
            json.writeNumberField("seq_id", seqId);
            json.writeStringField("trace", trace);
            json.writeObjectFieldStart("data");
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    static String response(int ret, int requestCmdId, long seqId, String trace) {
        return response(ret, text(ret), requestCmdId, seqId, trace);
    }

    /** A {@code ret} that answers no request (an unparsable header, a refused connection): {@code cmd_id} 0. */
    static String unsolicited(int ret, String msg) {
        return response(ret, msg, 0, 0, "");
    }

    /** A {@code 22998} trade push. */
    static String trade(Instrument instrument, TradePrint trade, long seq, NumberStyle style, boolean seconds) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeNumberField("cmd_id", PUSH_TRADE);
            json.writeObjectFieldStart("data");
            json.writeStringField("code", instrument.code());
            header(json, seq, trade.time(), style, seconds);
            BigDecimal price = instrument.wirePrice(trade.price());
            json.writeStringField("price", price.toPlainString());
            json.writeStringField("volume", Long.toString(trade.quantity()));
            if (instrument.kind().hasTurnover()) {
                json.writeStringField("turnover",
                        price.multiply(BigDecimal.valueOf(trade.quantity())).toPlainString());
            }
            json.writeNumberField("trade_direction", instrument.kind().hasDirection() ? (trade.buy() ? 1 : 2) : 0);
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** A {@code 22999} order-book push of {@code book} (already cut to the levels served). */
    static String depth(Instrument instrument, BookState book, long seq, NumberStyle style, boolean seconds) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeNumberField("cmd_id", PUSH_DEPTH);
            json.writeObjectFieldStart("data");
            json.writeStringField("code", instrument.code());
            header(json, seq, book.updatedAt(), style, seconds);
            levels(json, "bids", instrument, book.bids());
            levels(json, "asks", instrument, book.asks());
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static void header(JsonGenerator json, long seq, Instant time, NumberStyle style, boolean seconds)
            throws IOException {
        long tickTime = seconds ? time.getEpochSecond() : time.toEpochMilli();
        if (style == NumberStyle.INTEGERS) {
            json.writeNumberField("seq", seq);
            json.writeNumberField("tick_time", tickTime);
        } else {
            json.writeStringField("seq", Long.toString(seq));
            json.writeStringField("tick_time", Long.toString(tickTime));
        }
    }

    private static void levels(JsonGenerator json, String side, Instrument instrument, List<BookState.Level> levels)
            throws IOException {
        json.writeArrayFieldStart(side);
        for (BookState.Level level : levels) {
            json.writeStartObject();
            json.writeStringField("price", instrument.wirePrice(level.price()).toPlainString());
            json.writeStringField("volume", instrument.kind().hasBookVolume()
                    ? BigDecimal.valueOf(level.quantity()).setScale(2).toPlainString() : "0");
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
