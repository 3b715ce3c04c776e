package io.marketfeed.provider.sahmk;

import java.util.List;

/**
 * One SAHMK server message as parsed: the top-level scalars plus the few nested parts the protocol has.
 * Every part is optional; a list is null when the message did not carry it. Built by
 * {@link SahmkFrameReader}, read by {@link SahmkSession} and {@link SahmkCodec}; not thread safe.
 */
final class WireMessage {

    /** Top-level scalars: {@code type}, {@code symbol}, {@code message}, a trade's fields, … */
    final WireFields top = new WireFields();
    /** A quote's {@code data} object. */
    final WireFields data = new WireFields();
    /** {@code connected.limits}. */
    final WireFields limits = new WireFields();
    /** {@code subscribed}/{@code unsubscribed}/{@code error} symbols. */
    List<String> symbols;
    /** A depth snapshot's sides. */
    List<WireFields> bids;
    List<WireFields> asks;
    /** A trades snapshot's trades. */
    List<WireFields> events;

    /** The message type, or null when it has none. */
    String type() {
        return top.trimmed(WireFields.Field.TYPE);
    }

    /** The symbol at the top level, else inside {@code data}; null when neither has one. */
    String symbol() {
        String symbol = top.trimmed(WireFields.Field.SYMBOL);
        return symbol != null ? symbol : data.trimmed(WireFields.Field.SYMBOL);
    }
}
