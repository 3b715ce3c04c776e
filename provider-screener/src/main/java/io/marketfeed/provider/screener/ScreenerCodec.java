package io.marketfeed.provider.screener;

import static io.marketfeed.provider.screener.ScreenerField.*;

import io.marketfeed.api.Secret;
import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.toolkit.ExactDecimal;
import io.marketfeed.toolkit.JsonText;
import io.marketfeed.toolkit.Symbols;
import io.marketfeed.toolkit.TextFields;
import io.marketfeed.toolkit.TextFieldsList;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Encodes requests (static, thread safe) and turns one connection's decoded {@link ScreenerMessage}s into events:
 * an instance per session keeps what decoding reuses (the quote builder, the decimal reader, the book sides being
 * built, the interned symbols and message types), so that a quote allocates only itself. Not thread safe.
 *
 * <p>Topics: {@code stock} targets serve two topics, {@link Topics#QUOTES} ({@code price_update}) and
 * {@link Topics#BOOK} ({@code orderbook_update}), over one wire subscription; {@code market}, {@code sector} and
 * {@code watchlist} targets are topics of their own.
 *
 * <p>Values that cannot be read exactly ({@code DecodeOutput#badValue}): required are the stock code of a quote or
 * book (the event is dropped) and a book level's {@code price} and {@code quantity} (the level is left out);
 * optional, left out of an event that is still emitted: a quote's {@code price}, {@code change},
 * {@code change_percent}/{@code change_pct} and {@code volume}, a level's {@code orders}, and every
 * {@code timestamp} (the receive time stands in).
 */
final class ScreenerCodec {

    static final String PROVIDER = ScreenerProvider.ID;
    static final String TOPIC_MARKET = "market";
    static final String TOPIC_SECTOR = "sector";
    static final String TOPIC_WATCHLIST = "watchlist";
    static final String TYPE_STOCK = "stock";
    /** The topics whose targets are subscribed under the topic's name as {@code subscription_type}. */
    private static final List<String> TARGET_TOPICS = List.of(TOPIC_MARKET, TOPIC_SECTOR, TOPIC_WATCHLIST);

    /** Where a message names its stock, first found first: at the top, then (not {@code symbol}) in {@code data}. */
    private static final ScreenerField[] CODE_FIELDS = {STOCK_CODE, CODE, SYMBOL};

    static final OutboundFrame PING = OutboundFrame.text("{\"type\":\"ping\"}");

    private final Quote.Builder quote = Quote.builder(PROVIDER);
    private final ExactDecimal decimal = new ExactDecimal();
    private final Symbols symbols = new Symbols();
    private final Symbols types = new Symbols();
    /** A book's sides while they are built; the snapshot copies them. */
    private final List<BookLevel> bids = new ArrayList<>();
    private final List<BookLevel> asks = new ArrayList<>();

    /** The message's type, interned; null when it has none. */
    String type(ScreenerMessage message) {
        return message.type(types);
    }

    /** The wire {@code subscription_type} of a topic. */
    static String subscriptionType(String topic) {
        if (topic.equals(Topics.QUOTES) || topic.equals(Topics.BOOK)) {
            return TYPE_STOCK;
        }
        if (topicOf(topic) == null) {
            throw new IllegalArgumentException("no Screener subscription type for topic " + topic);
        }
        return topic;
    }

    /** The topic of a non-stock subscription type (its own name), or null for stock (two topics) and unknown types. */
    static String topicOf(String subscriptionType) {
        return TARGET_TOPICS.contains(subscriptionType) ? subscriptionType : null;
    }

    static OutboundFrame subscribe(String subscriptionType, List<String> targets) {
        return OutboundFrame.text(request("subscribe", subscriptionType, targets));
    }

    static OutboundFrame unsubscribe(String subscriptionType, List<String> targets) {
        return OutboundFrame.text(request("unsubscribe", subscriptionType, targets));
    }

    static OutboundFrame refreshToken(Secret refreshToken) {
        return OutboundFrame.sensitive(JsonText.appendString(new StringBuilder("{\"type\":\"refresh_token\","
                + "\"refresh_token\":"), refreshToken.reveal()).append('}').toString());
    }

    private static String request(String type, String subscriptionType, List<String> targets) {
        StringBuilder out = new StringBuilder(64 + targets.size() * 10);
        out.append("{\"type\":\"").append(type).append("\",\"subscription_type\":");
        JsonText.appendString(out, subscriptionType).append(",\"targets\":[");
        for (int i = 0; i < targets.size(); i++) {
            JsonText.appendString(i > 0 ? out.append(',') : out, targets.get(i));
        }
        return out.append("]}").toString();
    }

    /** The stock a message is about: the code's {@code stock_code}, the docs' {@code code}, or nested data. */
    String stockCode(ScreenerMessage message) {
        for (ScreenerField field : CODE_FIELDS) {
            String code = message.symbol(message.top, field, symbols);
            if (code != null) {
                return code;
            }
        }
        String code = message.symbol(message.data, STOCK_CODE, symbols);
        return code != null ? code : message.symbol(message.data, CODE, symbols);
    }

    /** {@code price_update} as a quote; every payload field is optional. */
    Quote quote(ScreenerMessage message, String symbol, Instant receivedAt, DecodeOutput out) {
        TextFields<ScreenerField> top = message.top;
        TextFields<ScreenerField> data = message.data;
        quote.clear().symbol(symbol).receivedAt(receivedAt);
        if (!message.decimal(top, PRICE, decimal, quote, Quote.Field.PRICE)
                && !message.decimal(data, PRICE, decimal, quote, Quote.Field.PRICE)) {
            reportBad(message, top, PRICE, data, PRICE, out);
        }
        if (!message.decimal(top, CHANGE, decimal, quote, Quote.Field.CHANGE)) {
            reportBad(message, top, CHANGE, top, CHANGE, out);
        }
        if (!message.decimal(top, CHANGE_PERCENT, decimal, quote, Quote.Field.CHANGE_PERCENT)
                && !message.decimal(top, CHANGE_PCT, decimal, quote, Quote.Field.CHANGE_PERCENT)
                && !message.decimal(data, CHANGE_PCT, decimal, quote, Quote.Field.CHANGE_PERCENT)) {
            reportBad(message, top, CHANGE_PERCENT, top, CHANGE_PCT, out);
            if (!message.bad(top, CHANGE_PERCENT, decimal) && !message.bad(top, CHANGE_PCT, decimal)) {
                reportBad(message, data, CHANGE_PCT, data, CHANGE_PCT, out);
            }
        }
        if (!message.decimal(top, VOLUME, decimal, quote, Quote.Field.VOLUME)) {
            reportBad(message, top, VOLUME, top, VOLUME, out);
        }
        return quote.time(timestamp(message, out)).build();
    }

    /** Reports the first of two places of an optional field that holds a bad value (the event is kept without it). */
    private void reportBad(ScreenerMessage message, TextFields<ScreenerField> first, ScreenerField firstField,
            TextFields<ScreenerField> second, ScreenerField secondField, DecodeOutput out) {
        if (message.bad(first, firstField, decimal)) {
            out.badValue(firstField.wire(), message.sample(first, firstField), false);
        } else if (message.bad(second, secondField, decimal)) {
            out.badValue(secondField.wire(), message.sample(second, secondField), false);
        }
    }

    /** The message's {@code timestamp}; one sent that is no time is reported (the event keeps its receive time). */
    static Instant timestamp(ScreenerMessage message, DecodeOutput out) {
        Instant time = message.timestamp();
        if (time == null) {
            message.reportBadTimestamp(out);
        }
        return time;
    }

    /** Reports a stock code sent but blank, null or a structure: the event is dropped. Whether there was one. */
    boolean badStockCode(ScreenerMessage message, DecodeOutput out) {
        for (int i = 0; i < CODE_FIELDS.length * 2 - 1; i++) {
            TextFields<ScreenerField> in = i < CODE_FIELDS.length ? message.top : message.data;
            ScreenerField field = CODE_FIELDS[i % CODE_FIELDS.length];
            if (in.sent(field)) {
                out.badValue(field.wire(), message.sample(in, field), true);
                return true;
            }
        }
        return false;
    }

    /** {@code orderbook_update}; levels without a price or quantity are left out. */
    BookSnapshot book(ScreenerMessage message, String symbol, Instant receivedAt, DecodeOutput out) {
        levels(message, message.bids, bids, out);
        levels(message, message.asks, asks, out);
        return new BookSnapshot(PROVIDER, symbol, bids, asks, timestamp(message, out), receivedAt);
    }

    /** The usable levels of one side; one with a bad price or quantity is left out and reported. */
    private void levels(ScreenerMessage message, TextFieldsList<ScreenerField> wire, List<BookLevel> levels,
            DecodeOutput out) {
        levels.clear();
        for (int i = 0; i < wire.size(); i++) {
            TextFields<ScreenerField> level = wire.get(i);
            BigDecimal price = message.decimal(level, PRICE, decimal);
            if (price == null) {
                if (message.bad(level, PRICE, decimal)) {
                    out.badValue(PRICE.wire(), message.sample(level, PRICE), true);
                }
                continue;
            }
            BigDecimal size = message.decimal(level, QUANTITY, decimal);
            if (size == null) {
                if (message.bad(level, QUANTITY, decimal)) {
                    out.badValue(QUANTITY.wire(), message.sample(level, QUANTITY), true);
                }
                continue;
            }
            long orders = message.whole(level, ORDERS, decimal);
            if (orders < 0 && message.sent(level, ORDERS)) {   // not a whole number of at least zero
                out.badValue(ORDERS.wire(), message.sample(level, ORDERS), false);
            }
            levels.add(new BookLevel(price, size, orders >= 0 && orders <= Integer.MAX_VALUE ? (int) orders : null));
        }
    }

    /** {@code market_status}, or null without a market or status. */
    MarketStatus marketStatus(ScreenerMessage message, Instant receivedAt, DecodeOutput out) {
        String market = message.symbol(message.top, MARKET, symbols);
        String status = message.symbol(message.top, STATUS, symbols);
        if (market == null || status == null) {
            return null;
        }
        return new MarketStatus(PROVIDER, market, status, message.trimmed(MESSAGE), timestamp(message, out),
                receivedAt);
    }

    /**
     * {@code alert}: the code's {@code alert_id, stock_code, alert_type, message, data} or the docs'
     * {@code code, alert_type, threshold, current_price, message}. Kind {@code alert:<alert_type>}.
     */
    Alert alert(ScreenerMessage message, Instant receivedAt, DecodeOutput out) {
        String type = message.trimmed(ALERT_TYPE);
        String text = message.trimmed(MESSAGE);
        if (text == null) {
            String threshold = message.trimmed(THRESHOLD);
            String current = message.trimmed(CURRENT_PRICE);
            text = (type == null ? "alert" : type) + (threshold == null ? "" : " threshold " + threshold)
                    + (current == null ? "" : " current price " + current);
        }
        return new Alert(PROVIDER, stockCode(message), type == null ? "alert" : "alert:" + type, text,
                timestamp(message, out), receivedAt);
    }

    /**
     * {@code notification} (ALERT, MARKET_EVENT, SYSTEM, PORTFOLIO; priority LOW to URGENT). Kind
     * {@code notification:<notification_type>}; the message is {@code [PRIORITY] title: message}.
     */
    Alert notification(ScreenerMessage message, Instant receivedAt, DecodeOutput out) {
        String type = message.trimmed(NOTIFICATION_TYPE);
        String priority = message.trimmed(PRIORITY);
        String title = message.trimmed(TITLE);
        String text = message.trimmed(MESSAGE);
        StringBuilder shown = new StringBuilder();
        if (priority != null) {
            shown.append('[').append(priority).append("] ");
        }
        if (title != null) {
            shown.append(title);
            if (text != null) {
                shown.append(": ");
            }
        }
        if (text != null) {
            shown.append(text);
        }
        return new Alert(PROVIDER, stockCode(message),
                type == null ? "notification" : "notification:" + type.toLowerCase(Locale.ROOT), shown.toString(),
                timestamp(message, out), receivedAt);
    }
}
