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
import java.util.OptionalInt;

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
        return message.top.symbol(TYPE, types);
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

    static OutboundFrame refreshToken(Secret refreshToken) {
        return OutboundFrame.sensitive(JsonText.appendString(new StringBuilder("{\"type\":\"refresh_token\","
                + "\"refresh_token\":"), refreshToken.reveal()).append('}').toString());
    }

    /** A {@code subscribe} or {@code unsubscribe} request ({@code type}) of targets of one subscription type. */
    static OutboundFrame request(String type, String subscriptionType, List<String> targets) {
        StringBuilder out = new StringBuilder(64 + targets.size() * 10).append("{\"type\":\"").append(type)
                .append("\",\"subscription_type\":");
        JsonText.appendString(out, subscriptionType).append(",\"targets\":");
        return OutboundFrame.text(JsonText.appendStrings(out, targets).append('}').toString());
    }

    /** The stock a message is about: the code's {@code stock_code}, the docs' {@code code}, or nested data. */
    String stockCode(ScreenerMessage message) {
        for (ScreenerField field : CODE_FIELDS) {
            String code = message.top.symbol(field, symbols);
            if (code != null) {
                return code;
            }
        }
        String code = message.data.symbol(STOCK_CODE, symbols);
        return code != null ? code : message.data.symbol(CODE, symbols);
    }

    /** {@code price_update} as a quote; every payload field is optional. */
    Quote quote(ScreenerMessage message, String symbol, Instant receivedAt, DecodeOutput out) {
        TextFields<ScreenerField> top = message.top;
        TextFields<ScreenerField> data = message.data;
        quote.clear().symbol(symbol).receivedAt(receivedAt);
        if (!top.decimal(PRICE, decimal, quote, Quote.Field.PRICE)
                && !data.decimal(PRICE, decimal, quote, Quote.Field.PRICE)) {
            reportBad(top, PRICE, data, PRICE, out);
        }
        if (top.optionalDecimal(CHANGE, CHANGE.wire(), decimal, out)) {
            decimal.into(quote, Quote.Field.CHANGE);
        }
        if (!top.decimal(CHANGE_PERCENT, decimal, quote, Quote.Field.CHANGE_PERCENT)
                && !top.decimal(CHANGE_PCT, decimal, quote, Quote.Field.CHANGE_PERCENT)
                && !data.decimal(CHANGE_PCT, decimal, quote, Quote.Field.CHANGE_PERCENT)
                && !reportBad(top, CHANGE_PERCENT, top, CHANGE_PCT, out)) {
            reportBad(data, CHANGE_PCT, data, CHANGE_PCT, out);   // the top level's names had no bad value
        }
        if (top.optionalDecimal(VOLUME, VOLUME.wire(), decimal, out)) {
            decimal.into(quote, Quote.Field.VOLUME);
        }
        return quote.time(timestamp(message, out)).build();
    }

    /**
     * Reports the first of two places of an optional field that holds a bad value (the event is kept without it).
     * Whether one did.
     */
    private boolean reportBad(TextFields<ScreenerField> first, ScreenerField firstField,
            TextFields<ScreenerField> second, ScreenerField secondField, DecodeOutput out) {
        if (first.read(firstField, decimal) == TextFields.BAD) {
            first.report(firstField, firstField.wire(), false, out);
        } else if (second.read(secondField, decimal) == TextFields.BAD) {
            second.report(secondField, secondField.wire(), false, out);
        } else {
            return false;
        }
        return true;
    }

    /** The message's {@code timestamp}; one sent that is no time is reported (the event keeps its receive time). */
    static Instant timestamp(ScreenerMessage message, DecodeOutput out) {
        Instant time = message.timestamp();
        if (time == null && message.top.sent(TIMESTAMP)) {
            message.top.report(TIMESTAMP, TIMESTAMP.wire(), false, out);
        }
        return time;
    }

    /** Reports a stock code sent but blank, null or a structure: the event is dropped. Whether there was one. */
    boolean badStockCode(ScreenerMessage message, DecodeOutput out) {
        for (int i = 0; i < CODE_FIELDS.length * 2 - 1; i++) {
            TextFields<ScreenerField> in = i < CODE_FIELDS.length ? message.top : message.data;
            ScreenerField field = CODE_FIELDS[i % CODE_FIELDS.length];
            if (in.sent(field)) {
                in.report(field, field.wire(), true, out);
                return true;
            }
        }
        return false;
    }

    /** {@code orderbook_update}; levels without a price or quantity are left out. */
    BookSnapshot book(ScreenerMessage message, String symbol, Instant receivedAt, DecodeOutput out) {
        levels(message.bids, bids, out);
        levels(message.asks, asks, out);
        return new BookSnapshot(PROVIDER, symbol, bids, asks, timestamp(message, out), receivedAt);
    }

    /**
     * The usable levels of one side: one with a bad price or quantity is left out and reported, one without them
     * left out; {@code orders} that are no whole number from 0 to 2^31 - 1 are reported and left out of the level.
     */
    private void levels(TextFieldsList<ScreenerField> wire, List<BookLevel> levels, DecodeOutput out) {
        levels.clear();
        for (int i = 0; i < wire.size(); i++) {
            TextFields<ScreenerField> level = wire.get(i);
            BigDecimal price = required(level, PRICE, out);
            BigDecimal size = price == null ? null : required(level, QUANTITY, out);
            if (size == null) {
                continue;
            }
            OptionalInt orders = level.wholeNumber(ORDERS, 0, decimal);
            if (orders.isEmpty() && level.sent(ORDERS)) {
                level.report(ORDERS, ORDERS.wire(), false, out);
            }
            levels.add(new BookLevel(price, size, orders.isPresent() ? orders.getAsInt() : null));
        }
    }

    /** A level's price or quantity; null when absent, or bad and reported (the level is dropped). */
    private BigDecimal required(TextFields<ScreenerField> level, ScreenerField field, DecodeOutput out) {
        int read = level.read(field, decimal);
        if (read == TextFields.BAD) {
            level.report(field, field.wire(), true, out);
        }
        return read == TextFields.READ ? decimal.value() : null;
    }

    /** {@code market_status}, or null without a market or status. */
    MarketStatus marketStatus(ScreenerMessage message, Instant receivedAt, DecodeOutput out) {
        String market = message.top.symbol(MARKET, symbols);
        String status = message.top.symbol(STATUS, symbols);
        if (market == null || status == null) {
            return null;
        }
        return new MarketStatus(PROVIDER, market, status, message.text, timestamp(message, out), receivedAt);
    }

    /**
     * {@code alert}: the code's {@code alert_id, stock_code, alert_type, message, data} or the docs'
     * {@code code, alert_type, threshold, current_price, message}. Kind {@code alert:<alert_type>}.
     */
    Alert alert(ScreenerMessage message, Instant receivedAt, DecodeOutput out) {
        String type = message.top.trimmed(ALERT_TYPE);
        String text = message.text;
        if (text == null) {
            String threshold = message.top.trimmed(THRESHOLD);
            String current = message.top.trimmed(CURRENT_PRICE);
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
        String type = message.top.trimmed(NOTIFICATION_TYPE);
        String priority = message.top.trimmed(PRIORITY);
        String title = message.top.trimmed(TITLE);
        String text = message.text;
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
