package io.marketfeed.provider.alltick;

/**
 * The scalar fields of an AllTick message the decoder reads, kept as wire text in {@link AlltickMessage}. The
 * envelope's {@code cmd_id}, {@code ret} and {@code msg} (as text, for messages), {@code trace}; a push's
 * {@code data} fields; a book level's {@code price} and {@code volume}. {@link AlltickFrameReader} maps the JSON
 * names to them ({@code volume} and the documentation's misspelling {@code volumn} are the same field).
 */
enum AlltickField {
    CMD_ID, TRACE, RET, MSG,
    CODE, SEQ, TICK_TIME, PRICE, VOLUME, TURNOVER, TRADE_DIRECTION
}
