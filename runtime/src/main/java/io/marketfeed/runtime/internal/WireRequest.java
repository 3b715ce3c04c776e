package io.marketfeed.runtime.internal;

import java.util.List;

/**
 * One control request the ledger wants on the wire.
 *
 * @param kind what to send
 * @param topic the topic
 * @param symbols for {@link Kind#SUBSCRIBE} and {@link Kind#UNSUBSCRIBE} the symbols to add or remove; for
 *     {@link Kind#REPLACE} the whole list
 */
record WireRequest(Kind kind, String topic, List<String> symbols) {

    enum Kind { SUBSCRIBE, UNSUBSCRIBE, REPLACE }

    WireRequest {
        symbols = List.copyOf(symbols);
    }
}
