package io.marketfeed.provider.screener;

import java.util.Locale;
import java.util.Map;

/**
 * The scalar field names the decoder reads, at any level of a Screener message: the envelope, the payloads of
 * quotes, books, market status, alerts and notifications, and what acks, errors and token refreshes carry; each is
 * its constant's name in lower case. A book level's names and their aliases ({@code quantity}/{@code size}/
 * {@code volume}, {@code orders}/{@code order_count}) are {@link #LEVEL}'s. The texts that may be longer than a
 * value ({@code message}, {@code access_token}) are read whole by {@link ScreenerFrameReader}, not here.
 */
enum ScreenerField {
    // A book level's fields first: a level's TextFields then holds three fields, not all of them.
    PRICE, QUANTITY, ORDERS,
    TYPE, TIMESTAMP, SEQUENCE, STOCK_CODE, CODE, SYMBOL, CHANGE, CHANGE_PERCENT, CHANGE_PCT, VOLUME, MARKET, STATUS,
    ALERT_TYPE, THRESHOLD, CURRENT_PRICE, NOTIFICATION_ID, NOTIFICATION_TYPE, PRIORITY, TITLE, SESSION_ID,
    CONNECTION_ID, SUBSCRIPTION_TYPE, EXPIRES_IN, REASON;

    /** The names of a book level's fields (an object's; a level sent as an array is read by position). */
    static final Map<String, ScreenerField> LEVEL = Map.of("price", PRICE, "quantity", QUANTITY, "size", QUANTITY,
            "volume", QUANTITY, "orders", ORDERS, "order_count", ORDERS);

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The field's JSON name, as bad values are reported (a level's quantity as {@code quantity}). */
    String wire() {
        return wire;
    }
}
