package io.marketfeed.provider.screener;

import io.marketfeed.api.Secret;
import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.BookLevel;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Encodes requests and turns decoded {@link ScreenerMessage}s into events. Pure functions; thread safe.
 *
 * <p>Topics: {@code stock} targets serve two topics, {@link Topics#QUOTES} ({@code price_update}) and
 * {@link Topics#BOOK} ({@code orderbook_update}), over one wire subscription; {@code market}, {@code sector} and
 * {@code watchlist} targets are topics of their own.
 */
final class ScreenerCodec {

    static final String PROVIDER = ScreenerProvider.ID;
    static final String TOPIC_MARKET = "market";
    static final String TOPIC_SECTOR = "sector";
    static final String TOPIC_WATCHLIST = "watchlist";
    static final String TYPE_STOCK = "stock";

    static final OutboundFrame PING = OutboundFrame.text("{\"type\":\"ping\"}");

    private ScreenerCodec() {
    }

    /** The wire {@code subscription_type} of a topic. */
    static String subscriptionType(String topic) {
        switch (topic) {
            case Topics.QUOTES: case Topics.BOOK: return TYPE_STOCK;
            case TOPIC_MARKET: return "market";
            case TOPIC_SECTOR: return "sector";
            case TOPIC_WATCHLIST: return "watchlist";
            default: throw new IllegalArgumentException("no Screener subscription type for topic " + topic);
        }
    }

    /** The topic of a non-stock subscription type, or null for stock (two topics) and unknown types. */
    static String topicOf(String subscriptionType) {
        switch (subscriptionType) {
            case "market": return TOPIC_MARKET;
            case "sector": return TOPIC_SECTOR;
            case "watchlist": return TOPIC_WATCHLIST;
            default: return null;
        }
    }

    static OutboundFrame subscribe(String subscriptionType, List<String> targets) {
        return OutboundFrame.text(request("subscribe", subscriptionType, targets));
    }

    static OutboundFrame unsubscribe(String subscriptionType, List<String> targets) {
        return OutboundFrame.text(request("unsubscribe", subscriptionType, targets));
    }

    static OutboundFrame refreshToken(Secret refreshToken) {
        return OutboundFrame.sensitive("{\"type\":\"refresh_token\",\"refresh_token\":" + quote(refreshToken.reveal())
                + "}");
    }

    private static String request(String type, String subscriptionType, List<String> targets) {
        StringBuilder out = new StringBuilder(64 + targets.size() * 10);
        out.append("{\"type\":\"").append(type).append("\",\"subscription_type\":").append(quote(subscriptionType))
                .append(",\"targets\":[");
        for (int i = 0; i < targets.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(targets.get(i)));
        }
        return out.append("]}").toString();
    }

    /** A JSON string literal. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }

    /** The stock a message is about: the code's {@code stock_code}, the docs' {@code code}, or nested data. */
    static String stockCode(ScreenerMessage message) {
        String code = message.first("stock_code", "code", "symbol");
        if (code == null) {
            code = ScreenerMessage.clean(message.data.get("stock_code"));
        }
        if (code == null) {
            code = ScreenerMessage.clean(message.data.get("code"));
        }
        return code;
    }

    /** {@code price_update} as a quote; every payload field is optional. */
    static Quote quote(ScreenerMessage message, String symbol, Instant receivedAt) {
        BigDecimal changePercent = message.decimal("change_percent");
        if (changePercent == null) {
            changePercent = message.decimal("change_pct");
        }
        if (changePercent == null) {
            changePercent = ScreenerMessage.decimalOf(message.data.get("change_pct"));
        }
        BigDecimal price = message.decimal("price");
        if (price == null) {
            price = ScreenerMessage.decimalOf(message.data.get("price"));
        }
        return Quote.builder(PROVIDER, symbol, receivedAt)
                .price(price)
                .change(message.decimal("change"))
                .changePercent(changePercent)
                .volume(message.decimal("volume"))
                .time(message.instant("timestamp"))
                .build();
    }

    /** {@code orderbook_update}; levels without a price or quantity are left out. */
    static BookSnapshot book(ScreenerMessage message, String symbol, Instant receivedAt) {
        return new BookSnapshot(PROVIDER, symbol, levels(message.bids), levels(message.asks),
                message.instant("timestamp"), receivedAt);
    }

    private static List<BookLevel> levels(List<ScreenerMessage.Level> wire) {
        List<BookLevel> out = new ArrayList<>();
        if (wire == null) {
            return out;
        }
        for (ScreenerMessage.Level level : wire) {
            BigDecimal price = ScreenerMessage.decimalOf(level.price());
            BigDecimal size = ScreenerMessage.decimalOf(level.quantity());
            if (price == null || size == null) {
                continue;
            }
            long orders = ScreenerMessage.wholeOf(level.orders());
            out.add(new BookLevel(price, size, orders >= 0 && orders <= Integer.MAX_VALUE ? (int) orders : null));
        }
        return out;
    }

    /** {@code market_status}, or null without a market or status. */
    static MarketStatus marketStatus(ScreenerMessage message, Instant receivedAt) {
        String market = message.trimmed("market");
        String status = message.trimmed("status");
        if (market == null || status == null) {
            return null;
        }
        return new MarketStatus(PROVIDER, market, status, message.trimmed("message"), message.instant("timestamp"),
                receivedAt);
    }

    /**
     * {@code alert}: the code's {@code alert_id, stock_code, alert_type, message, data} or the docs'
     * {@code code, alert_type, threshold, current_price, message}. Kind {@code alert:<alert_type>}.
     */
    static Alert alert(ScreenerMessage message, Instant receivedAt) {
        String type = message.trimmed("alert_type");
        String text = message.trimmed("message");
        if (text == null) {
            String threshold = message.trimmed("threshold");
            String current = message.trimmed("current_price");
            text = (type == null ? "alert" : type) + (threshold == null ? "" : " threshold " + threshold)
                    + (current == null ? "" : " current price " + current);
        }
        return new Alert(PROVIDER, stockCode(message), type == null ? "alert" : "alert:" + type, text,
                message.instant("timestamp"), receivedAt);
    }

    /**
     * {@code notification} (ALERT, MARKET_EVENT, SYSTEM, PORTFOLIO; priority LOW to URGENT). Kind
     * {@code notification:<notification_type>}; the message is {@code [PRIORITY] title: message}.
     */
    static Alert notification(ScreenerMessage message, Instant receivedAt) {
        String type = message.trimmed("notification_type");
        String priority = message.trimmed("priority");
        String title = message.trimmed("title");
        String text = message.trimmed("message");
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
                message.instant("timestamp"), receivedAt);
    }
}
