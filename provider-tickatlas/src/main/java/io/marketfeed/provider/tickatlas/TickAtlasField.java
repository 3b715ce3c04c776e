package io.marketfeed.provider.tickatlas;

import java.util.Locale;

/**
 * The field names TickAtlas uses that the decoder reads, at any level of a message; each is its constant's name in
 * lower case ({@link TickAtlasFrameReader} finds them by it).
 */
enum TickAtlasField {
    TYPE, SYMBOL, MESSAGE, CODE, ERROR, PLAN, MAX_SYMBOLS, CREDITS_PER_PUSH, DAILY_QUOTA_REMAINING, TOTAL_SUBSCRIBED,
    BID, ASK, SPREAD, PRICE, OPEN, HIGH, LOW, CLOSE, VOLUME,
    /** Read by {@link TickAtlasTime}'s rules, as is {@link #TIMESTAMP}. */
    TIME, TIMESTAMP;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The field's JSON name, as bad values are reported. */
    String wire() {
        return wire;
    }
}
