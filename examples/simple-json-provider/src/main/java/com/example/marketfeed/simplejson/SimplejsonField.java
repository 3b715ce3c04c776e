package com.example.marketfeed.simplejson;

/**
 * The scalar fields of a server message the decoder reads, kept as wire text in {@link SimplejsonMessage}: the
 * envelope's {@code event}, {@code topic}, {@code channel}, {@code code} and {@code msg}, and a push's {@code data}
 * fields (the JSON name in lower case).
 */
enum SimplejsonField {
    EVENT, TOPIC, CHANNEL, CODE, MSG,
    SYMBOL, LAST, BID, ASK, PX, SZ, SIDE, ID, TS
}
