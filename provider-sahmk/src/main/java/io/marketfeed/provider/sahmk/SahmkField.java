package io.marketfeed.provider.sahmk;

/** The field names SAHMK uses that the decoder reads, at any level of a message. */
enum SahmkField {
    TYPE("type"), SYMBOL("symbol"), MESSAGE("message"), CODE("code"), PLAN("plan"), AVAILABLE("available"),
    TIMESTAMP("timestamp"), UPDATED_AT("updated_at"), EVENT_TIME("event_time"),
    PRICE("price"), CHANGE("change"), CHANGE_PERCENT("change_percent"), VOLUME("volume"), BID("bid"),
    ASK("ask"), OPEN("open"), HIGH("high"), LOW("low"), PREVIOUS_CLOSE("previous_close"),
    QUANTITY("quantity"), VALUE("value"), SIDE("side"), TRADE_ID("trade_id"), LEVEL("level"),
    ORDER_COUNT("order_count"), MAX_SYMBOLS_PER_CONNECTION("max_symbols_per_connection"),
    MAX_SYMBOLS_PER_CALL("max_symbols_per_call");

    private final String wireName;

    SahmkField(String wireName) {
        this.wireName = wireName;
    }

    /** The field's JSON name, as bad values are reported. */
    String wire() {
        return wireName;
    }
}
