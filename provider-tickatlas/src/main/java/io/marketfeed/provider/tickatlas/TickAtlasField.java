package io.marketfeed.provider.tickatlas;

import java.util.HashMap;
import java.util.Map;

/** The field names TickAtlas uses that the decoder reads, at any level of a message. */
enum TickAtlasField {
    TYPE("type"), SYMBOL("symbol"), MESSAGE("message"), CODE("code"), ERROR("error"), PLAN("plan"),
    MAX_SYMBOLS("max_symbols"), CREDITS_PER_PUSH("credits_per_push"),
    DAILY_QUOTA_REMAINING("daily_quota_remaining"), TOTAL_SUBSCRIBED("total_subscribed"),
    BID("bid"), ASK("ask"), SPREAD("spread"), PRICE("price"), OPEN("open"), HIGH("high"), LOW("low"),
    CLOSE("close"), VOLUME("volume"),
    /** Kept in a {@link WireTime}, not in the object's text fields: see {@link TickAtlasTime}. */
    TIME("time"),
    /** Kept in a {@link WireTime}, not in the object's text fields: see {@link TickAtlasTime}. */
    TIMESTAMP("timestamp");

    private static final Map<String, TickAtlasField> BY_NAME = new HashMap<>();

    static {
        for (TickAtlasField field : values()) {
            BY_NAME.put(field.wireName, field);
        }
    }

    private final String wireName;

    TickAtlasField(String wireName) {
        this.wireName = wireName;
    }

    /** The field's JSON name, as bad values are reported. */
    String wire() {
        return wireName;
    }

    /** The field with this JSON name, or null when the decoder does not use it. */
    static TickAtlasField named(String name) {
        return BY_NAME.get(name);
    }
}
