package com.example.marketfeed.simplejson;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One server message as parsed: the top-level scalars the protocol uses, {@code args}, and the scalars of
 * {@code data}, all kept as the text they had on the wire (so {@code 64012.50} keeps its scale, and a number
 * sent as a string reads the same). Any part may be absent (null). Built by {@link SimplejsonFrameReader};
 * not thread safe.
 */
final class WireMessage {

    /** Control messages: {@code subscribe}, {@code unsubscribe}, {@code error}, {@code pong}. */
    String event;
    /** Data messages: {@code ticker} or {@code trade}. */
    String topic;
    /** The channel an acknowledgement or error is about. */
    String channel;
    /** An error's code and text. */
    String code;
    String msg;
    /** The symbols an acknowledgement or error names. */
    List<String> args;
    /** A data message's payload; empty when it had none. */
    final Map<String, String> data = new HashMap<>();

    /** Fields of {@code data} sent as JSON null, an object or an array, with what was sent ({@code null}, …). */
    final Map<String, String> sentWithoutValue = new HashMap<>();

    /** The value of a {@code data} field as sent, for a bad-value report; null when it was not sent. */
    String sample(String name) {
        String value = data.get(name);
        return value != null ? value : sentWithoutValue.get(name);
    }

    /** A trimmed, non-blank value of {@code data}, or null. */
    String dataField(String name) {
        String value = data.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.strip();
    }
}
