package io.marketfeed.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One message a client sent to a {@link ScriptedServer}.
 *
 * @param connection the id of the connection it came on
 * @param at when it arrived
 * @param text the message; for a binary message its bytes as ISO-8859-1 characters (one char per byte)
 * @param binary whether it was a binary message
 */
public record ReceivedFrame(long connection, Instant at, String text, boolean binary) {

    public ReceivedFrame {
        requireNonNull(at, "at is null");
        requireNonNull(text, "text is null");
    }

    @Override
    public String toString() {
        String shown = text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
        return "#" + connection + (binary ? " binary " : " ") + shown;
    }
}
