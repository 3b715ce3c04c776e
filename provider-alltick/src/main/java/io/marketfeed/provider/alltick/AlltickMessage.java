package io.marketfeed.provider.alltick;

import java.util.ArrayList;
import java.util.List;

/**
 * One AllTick server message as parsed: the envelope and the {@code data} fields the decoder uses, each kept as
 * the text it had on the wire (a number {@code 1677831545217} and a string {@code "1677831545217"} read the
 * same, and decimals keep their scale). Every part is optional; absent fields are null. Built by
 * {@link AlltickFrameReader}; not thread safe.
 */
final class AlltickMessage {

    /** Envelope: {@code cmd_id}, {@code seq_id}, {@code trace}; responses add {@code ret} and {@code msg}. */
    String cmdId;
    String seqId;
    String trace;
    String ret;
    String msg;

    /** {@code data} of a push: the product and the trade. */
    String code;
    String seq;
    String tickTime;
    String price;
    String volume;
    String turnover;
    String tradeDirection;

    /** {@code data.bids} / {@code data.asks} of an order-book push; null when absent. */
    List<Level> bids;
    List<Level> asks;

    /** Codes named in {@code data.symbol_list} (an error response might echo the request). */
    final List<String> symbolList = new ArrayList<>();

    /** One book level as sent. */
    static final class Level {
        String price;
        String volume;
    }

    /** Whether it is a response (it carries {@code ret}); pushes do not. */
    boolean isResponse() {
        return ret != null;
    }

    /** The codes the message names: {@code data.code} and {@code data.symbol_list}. */
    List<String> namedCodes() {
        List<String> named = new ArrayList<>(symbolList);
        if (code != null && !code.isBlank() && !named.contains(code.strip())) {
            named.add(code.strip());
        }
        return named;
    }
}
