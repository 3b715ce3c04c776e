package io.marketfeed.provider.tickatlas;

import java.util.List;
import java.util.Locale;

/**
 * One TickAtlas server message as parsed: the top-level scalars plus the nested parts the protocol has. Every
 * part is optional; a list is null when the message did not carry it. Built by {@link TickAtlasFrameReader}, read
 * by {@link TickAtlasSession} and {@link TickAtlasCodec}; not thread safe.
 */
final class WireMessage {

    /** Top-level scalars: {@code type}, {@code code}, {@code plan}, and a flat quote's fields. */
    final WireFields top = new WireFields();
    /** A quote's {@code data} object (the shape of the streaming guide). */
    final WireFields data = new WireFields();
    /** An {@code error} object, if the error came wrapped as in the REST API ({@code {"error":{"code":...}}}). */
    final WireFields error = new WireFields();
    /** Whether a {@code data} object was present. */
    boolean hasData;
    /** {@code subscribed}/{@code unsubscribed}/{@code error} symbols. */
    List<String> symbols;

    /** The message type, or null when it has none. */
    String type() {
        return top.trimmed(WireFields.Field.TYPE);
    }

    /**
     * The fields of a quote: {@code data} when present (the guide's shape), else the top level (the flat shape of
     * the older reference page).
     */
    WireFields quoteFields() {
        return hasData ? data : top;
    }

    /** The error code, lower case, from the top level or a wrapped error object; null when absent. */
    String errorCode() {
        String code = top.trimmed(WireFields.Field.CODE);
        if (code == null) {
            code = error.trimmed(WireFields.Field.CODE);
        }
        return code == null ? null : code.toLowerCase(Locale.ROOT);
    }

    /** The error's text from the top level, a wrapped error object, or an {@code error} string; null when absent. */
    String errorMessage() {
        String message = top.trimmed(WireFields.Field.MESSAGE);
        if (message == null) {
            message = error.trimmed(WireFields.Field.MESSAGE);
        }
        if (message == null) {
            message = top.trimmed(WireFields.Field.ERROR);
        }
        return message;
    }
}
