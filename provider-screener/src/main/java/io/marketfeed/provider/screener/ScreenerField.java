package io.marketfeed.provider.screener;

import java.util.HashMap;
import java.util.Map;

/**
 * The scalar field names the decoder reads, at any level of a Screener message: the envelope, the payloads of
 * quotes, books, market status, alerts and notifications, and what acks, errors and token refreshes carry. The
 * book levels' names and their aliases ({@code quantity}/{@code size}/{@code volume}, {@code orders}/
 * {@code order_count}) map to {@link #PRICE}, {@link #QUANTITY} and {@link #ORDERS} in the reader.
 */
enum ScreenerField {
    // A book level's fields first: a level's TextFields then holds three fields, not all of them.
    PRICE("price"),
    /** A book level's quantity; never a top-level name (there {@code volume} is {@link #VOLUME}). */
    QUANTITY(null),
    /** A book level's order count; never a top-level name. */
    ORDERS(null),
    TYPE("type"), TIMESTAMP("timestamp"), SEQUENCE("sequence"),
    STOCK_CODE("stock_code"), CODE("code"), SYMBOL("symbol"),
    CHANGE("change"), CHANGE_PERCENT("change_percent"), CHANGE_PCT("change_pct"), VOLUME("volume"),
    MARKET("market"), STATUS("status"), MESSAGE("message"),
    ALERT_TYPE("alert_type"), THRESHOLD("threshold"), CURRENT_PRICE("current_price"),
    NOTIFICATION_ID("notification_id"), NOTIFICATION_TYPE("notification_type"), PRIORITY("priority"),
    TITLE("title"), SESSION_ID("session_id"), CONNECTION_ID("connection_id"),
    SUBSCRIPTION_TYPE("subscription_type"), ACCESS_TOKEN("access_token"), EXPIRES_IN("expires_in"),
    REASON("reason");

    private static final Map<String, ScreenerField> BY_NAME = new HashMap<>();

    static {
        for (ScreenerField field : values()) {
            if (field.wireName != null) {
                BY_NAME.put(field.wireName, field);
            }
        }
    }

    private final String wireName;

    ScreenerField(String wireName) {
        this.wireName = wireName;
    }

    /** The field's JSON name, as bad values are reported (a level's {@code quantity} and {@code orders} so named). */
    String wire() {
        return wireName != null ? wireName : this == QUANTITY ? "quantity" : "orders";
    }

    /** The field with this JSON name in an object (not a book level), or null when the decoder does not read it. */
    static ScreenerField named(String name) {
        return BY_NAME.get(name);
    }

    /** The field a book level's JSON name stands for, or null. */
    static ScreenerField levelNamed(String name) {
        switch (name) {
            case "price": return PRICE;
            case "quantity": case "size": case "volume": return QUANTITY;
            case "orders": case "order_count": return ORDERS;
            default: return null;
        }
    }
}
