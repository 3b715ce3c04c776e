package io.marketfeed.provider.alltick;

import io.marketfeed.toolkit.Symbols;
import io.marketfeed.toolkit.TextFields;
import io.marketfeed.toolkit.TextFieldsList;
import io.marketfeed.toolkit.WholeNumber;
import java.util.ArrayList;
import java.util.List;

/**
 * One AllTick server message as parsed: the envelope and the {@code data} fields the decoder uses, each kept as
 * the text it had on the wire ({@link TextFields}: a number {@code 1677831545217} and a string
 * {@code "1677831545217"} read the same, and decimals keep their scale), the envelope's whole numbers also read
 * as numbers. Every part is optional. One instance per connection, cleared and refilled for each frame by
 * {@link AlltickFrameReader}, read by {@link AlltickSession} and {@link AlltickCodec}; valid until the next frame.
 * Not thread safe.
 */
final class AlltickMessage {

    /** Envelope: {@code cmd_id}, {@code trace}; responses add {@code ret} and {@code msg}. */
    final TextFields<AlltickField> top = new TextFields<>(AlltickField.class);
    /** {@code cmd_id}, {@code ret} and {@code seq_id} as numbers, as {@code parseInt}/{@code parseLong} read them. */
    final WholeNumber cmdId = new WholeNumber(true);
    final WholeNumber ret = new WholeNumber(true);
    final WholeNumber seqId = new WholeNumber(false);
    /** The length of {@code trace} as sent, -1 when absent. */
    int traceLength = -1;

    /** {@code data} of a push: the product and the trade. */
    final TextFields<AlltickField> data = new TextFields<>(AlltickField.class);
    /** {@code data.bids} / {@code data.asks} of an order-book push, one element per level object sent. */
    final TextFieldsList<AlltickField> bids = new TextFieldsList<>(AlltickField.class);
    final TextFieldsList<AlltickField> asks = new TextFieldsList<>(AlltickField.class);

    /** Codes named in {@code data.symbol_list} (an error response might echo the request). */
    final List<String> symbolList = new ArrayList<>();

    void clear() {
        top.clear();
        cmdId.clear();
        ret.clear();
        seqId.clear();
        traceLength = -1;
        data.clear();
        bids.clear();
        asks.clear();
        symbolList.clear();
    }

    /** Whether it is a response (it carries {@code ret}); pushes do not. */
    boolean isResponse() {
        return ret.isPresent();
    }

    /** Whether it carries a non-empty {@code trace}. */
    boolean hasTrace() {
        return traceLength > 0;
    }

    /**
     * Whether {@code trace} is exactly {@code expected}, which (as every trace this provider sends) has no blanks
     * around it and is shorter than {@link TextFields#MAX_VALUE_LENGTH}. Allocates nothing.
     */
    boolean traceIs(String expected) {
        // Of equal length, the trimmed trace can only equal it when nothing was trimmed.
        return traceLength == expected.length() && top.is(AlltickField.TRACE, expected);
    }

    /** {@code data.code}, trimmed and interned through {@code symbols}; null when absent or blank. */
    String code(Symbols symbols) {
        return data.symbol(AlltickField.CODE, symbols);
    }

    /** The codes the message names: {@code data.code} and {@code data.symbol_list}. Allocates (rare frames). */
    List<String> namedCodes() {
        List<String> named = new ArrayList<>(symbolList);
        String code = data.trimmed(AlltickField.CODE);
        if (code != null && !named.contains(code)) {
            named.add(code);
        }
        return named;
    }
}
