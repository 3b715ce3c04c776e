package io.marketfeed.provider.tickatlas;

import io.marketfeed.toolkit.ExactDecimal;
import io.marketfeed.toolkit.ServerText;
import io.marketfeed.toolkit.Symbols;
import io.marketfeed.toolkit.TextFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The wire model: one TickAtlas server message as parsed, the top-level scalars plus the nested parts the protocol
 * has, kept as wire text ({@link TextFields}; the times read by {@link TickAtlasTime}). Every part is optional. One
 * instance per connection, cleared and refilled for each frame by {@link TickAtlasFrameReader}, read by
 * {@link TickAtlasSession} and {@link TickAtlasCodec}; not thread safe.
 */
final class TickAtlasMessage {

    /** Top-level scalars: {@code type}, {@code code}, {@code plan}, and a flat quote's fields. */
    final TextFields<TickAtlasField> top = new TextFields<>(TickAtlasField.class);
    /** A quote's {@code data} object (the shape of the streaming guide). */
    final TextFields<TickAtlasField> data = new TextFields<>(TickAtlasField.class);
    /** An {@code error} object, if the error came wrapped as in the REST API ({@code {"error":{"code":...}}}). */
    final TextFields<TickAtlasField> error = new TextFields<>(TickAtlasField.class);
    /** Whether a {@code data} object was present. */
    boolean hasData;
    /** {@code subscribed}/{@code unsubscribed}/{@code error} symbols; null when the message did not carry them. */
    List<String> symbols;
    private final TickAtlasTime timestamps = new TickAtlasTime();
    private final TickAtlasTime barTimes = new TickAtlasTime();

    void clear() {
        top.clear();
        data.clear();
        error.clear();
        hasData = false;
        symbols = null;
    }

    /** The message type (interned through {@code names}), or null when it has none. */
    String type(Symbols names) {
        return top.symbol(TickAtlasField.TYPE, names);
    }

    /**
     * The fields of a quote: {@code data} when present (the guide's shape), else the top level (the flat shape of
     * the older reference page).
     */
    TextFields<TickAtlasField> quoteFields() {
        return hasData ? data : top;
    }

    /** The time of the quote: {@code timestamp} of the quote's fields, else of the top level; null when neither. */
    Instant quoteTimestamp(ExactDecimal scratch) {
        Instant time = hasData ? timestamps.read(data, TickAtlasField.TIMESTAMP, scratch) : null;
        return time != null ? time : timestamps.read(top, TickAtlasField.TIMESTAMP, scratch);
    }

    /** The bar's {@code time} from the quote's fields, else from the top level; null when neither. */
    Instant barTime(ExactDecimal scratch) {
        Instant time = hasData ? barTimes.read(data, TickAtlasField.TIME, scratch) : null;
        return time != null ? time : barTimes.read(top, TickAtlasField.TIME, scratch);
    }

    /** Where {@code field} was sent: the quote's fields first, else the top level; null when neither has it. */
    TextFields<TickAtlasField> sentIn(TickAtlasField field) {
        return hasData && data.sent(field) ? data : top.sent(field) ? top : null;
    }

    /** The error code, lower case, from the top level or a wrapped error object; null when absent. */
    String errorCode() {
        String code = top.trimmed(TickAtlasField.CODE);
        if (code == null) {
            code = error.trimmed(TickAtlasField.CODE);
        }
        return code == null ? null : code.toLowerCase(Locale.ROOT);
    }

    /** The error's text from the top level, a wrapped error object, or an {@code error} string; null when absent. */
    String errorMessage() {
        String message = top.trimmed(TickAtlasField.MESSAGE);
        if (message == null) {
            message = error.trimmed(TickAtlasField.MESSAGE);
        }
        if (message == null) {
            message = top.trimmed(TickAtlasField.ERROR);
        }
        return message;
    }

    /** The {@code symbols} the message lists, empty when it lists none. */
    List<String> symbolList() {
        return symbols == null ? List.of() : List.copyOf(symbols);
    }

    /** The symbols an error names: its {@code symbols}, else its {@code symbol}, else the list in its text. */
    List<String> namedSymbols() {
        List<String> named = symbolList().stream().map(String::strip).filter(symbol -> !symbol.isEmpty()).distinct()
                .collect(Collectors.toCollection(ArrayList::new));
        String symbol = top.trimmed(TickAtlasField.SYMBOL);
        symbol = symbol != null ? symbol : error.trimmed(TickAtlasField.SYMBOL);
        if (named.isEmpty() && symbol != null) {
            named.add(symbol);
        }
        return named.isEmpty() ? ServerText.namedSymbols(errorMessage(), TickAtlasSymbols::isWellFormed) : named;
    }
}
