package io.marketfeed.provider.sahmk;

import io.marketfeed.toolkit.ServerText;
import io.marketfeed.toolkit.Symbols;
import io.marketfeed.toolkit.TextFields;
import io.marketfeed.toolkit.TextFieldsList;
import java.util.ArrayList;
import java.util.List;

/**
 * One SAHMK server message as parsed (the wire model): the top-level scalars plus the few nested parts the protocol
 * has, each kept as wire text ({@link TextFields}). Every part is optional. One instance per connection, cleared and
 * refilled for each frame by {@link SahmkFrameReader}, read by {@link SahmkSession} and {@link SahmkCodec};
 * not thread safe.
 */
final class SahmkMessage {

    /** Top-level scalars: {@code type}, {@code symbol}, {@code message}, a trade's fields, … */
    final TextFields<SahmkField> top = new TextFields<>(SahmkField.class);
    /** A quote's {@code data} object. */
    final TextFields<SahmkField> data = new TextFields<>(SahmkField.class);
    /** {@code connected.limits}. */
    final TextFields<SahmkField> limits = new TextFields<>(SahmkField.class);
    /** A depth snapshot's sides. */
    final TextFieldsList<SahmkField> bids = new TextFieldsList<>(SahmkField.class);
    final TextFieldsList<SahmkField> asks = new TextFieldsList<>(SahmkField.class);
    /** A trades snapshot's trades. */
    final TextFieldsList<SahmkField> events = new TextFieldsList<>(SahmkField.class);
    /** {@code subscribed}/{@code unsubscribed}/{@code error} symbols; null when the message did not carry them. */
    List<String> symbols;

    void clear() {
        top.clear();
        data.clear();
        limits.clear();
        bids.clear();
        asks.clear();
        events.clear();
        symbols = null;
    }

    /** The message type (interned through {@code names}), or null when it has none. */
    String type(Symbols names) {
        return top.symbol(SahmkField.TYPE, names);
    }

    /** The symbol at the top level, else inside {@code data}; null when neither has one. */
    String symbol(Symbols symbols) {
        String symbol = top.symbol(SahmkField.SYMBOL, symbols);
        return symbol != null ? symbol : data.symbol(SahmkField.SYMBOL, symbols);
    }

    /** The {@code symbols} as sent, in a list of their own; empty when the message carried none. */
    List<String> symbolList() {
        return symbols == null ? List.of() : List.copyOf(symbols);
    }

    /**
     * The symbols an {@code error} names: its {@code symbols}, its {@code symbol}, or the list in a message
     * such as {@code Invalid symbols: 9999, 8888}. Empty when it names none.
     */
    List<String> namedSymbols() {
        List<String> named = new ArrayList<>();
        if (symbols != null) {
            symbols.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(named::add);
        }
        String symbol = top.trimmed(SahmkField.SYMBOL);
        if (named.isEmpty() && symbol != null) {
            named.add(symbol);
        }
        return named.isEmpty()
                ? ServerText.namedSymbols(top.trimmed(SahmkField.MESSAGE), SahmkSymbols::isWellFormed) : named;
    }
}
