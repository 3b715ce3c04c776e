package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

/**
 * A text message to send.
 *
 * @param text the message
 * @param sensitive whether it carries a credential; the runtime then never logs its content
 */
public record OutboundFrame(String text, boolean sensitive) {

    public OutboundFrame {
        requireNonNull(text, "text is null");
    }

    public static OutboundFrame text(String text) {
        return new OutboundFrame(text, false);
    }

    /** A frame carrying a credential. */
    public static OutboundFrame sensitive(String text) {
        return new OutboundFrame(text, true);
    }

    @Override
    public String toString() {
        return sensitive ? "OutboundFrame[<credential, " + text.length() + " chars>]" : "OutboundFrame[" + text + "]";
    }
}
