package com.example.marketfeed.simplejson;

import static com.example.marketfeed.simplejson.SimplejsonField.*;

import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.toolkit.JsonFrames;
import io.marketfeed.toolkit.TextFields;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One connection: encodes requests and decodes every frame the server sends. The protocol keeps no state per
 * connection (acknowledgements and errors name their channel), so a session holds only what decoding reuses.
 *
 * <p>Threading: the runtime calls a session one method at a time, never concurrently: {@link #decode} on the
 * connection's read thread, the rest on its control thread. Nothing here blocks or does I/O. {@link #decode} never
 * throws: a frame it cannot use is reported with {@link DecodeOutput#problem} as a warning, and the socket stays
 * open. Server text is quoted as sent; the runtime makes it safe to show.
 */
final class SimplejsonSession implements ProtocolSession {

    private final SimplejsonFrameReader reader = new SimplejsonFrameReader();
    private final SimplejsonCodec codec = new SimplejsonCodec();

    @Override
    public OutboundFrame subscribe(String topic, List<String> symbols) {
        return SimplejsonCodec.subscribe(channel(topic), symbols);
    }

    @Override
    public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
        return Optional.of(SimplejsonCodec.unsubscribe(channel(topic), symbols));
    }

    @Override
    public Optional<OutboundFrame> heartbeat() {
        return Optional.of(SimplejsonCodec.PING);
    }

    @Override
    public void decode(InboundFrame frame, DecodeOutput out) {
        if (!frame.isText()) {
            out.problem(Disposition.warn("simplejson sent a binary frame of " + frame.length()
                    + " bytes; it was ignored"));
            return;
        }
        SimplejsonMessage message;
        try {
            message = reader.read(frame);
        } catch (IOException | RuntimeException e) {
            out.problem(Disposition.warn("simplejson sent a frame that is not a JSON object ("
                    + JsonFrames.reason(e) + "); it was ignored"));
            return;
        }
        try {
            dispatch(message, frame, out);
        } catch (RuntimeException e) {
            // A bug of ours, not the server's: the frame is lost, the connection is fine.
            out.problem(Disposition.warn("could not translate a simplejson frame: " + e));
        }
    }

    private void dispatch(SimplejsonMessage message, InboundFrame frame, DecodeOutput out) {
        TextFields<SimplejsonField> top = message.top;
        if (top.has(TOPIC)) {
            if (top.is(TOPIC, "ticker")) {
                codec.ticker(message.data, frame.receivedAt(), out);
            } else if (top.is(TOPIC, "trade")) {
                codec.trade(message.data, frame.receivedAt(), out);
            } else {
                out.problem(Disposition.warn("simplejson sent data on unknown topic '" + top.text(TOPIC)
                        + "'; it was ignored"));
            }
        } else if (top.is(EVENT, "pong")) {
            out.heartbeat();
        } else if (top.is(EVENT, "subscribe")) {
            acknowledged(message, out);
        } else if (top.is(EVENT, "error")) {
            error(message, out);
        } else if (!top.is(EVENT, "unsubscribe")) {
            // An unsubscribe acknowledgement needs nothing: the runtime counts an unsubscription done when sent.
            out.problem(Disposition.warn(top.has(EVENT) ? "simplejson sent an event of unknown type '"
                    + top.text(EVENT) + "'; it was ignored"
                    : "simplejson sent a message with neither event nor topic; it was ignored"));
        }
    }

    private static void acknowledged(SimplejsonMessage message, DecodeOutput out) {
        SimplejsonChannel channel = SimplejsonChannel.named(message.top, CHANNEL);
        if (channel == null) {
            out.problem(Disposition.warn("simplejson acknowledged a subscription on unknown channel '"
                    + message.top.text(CHANNEL) + "'; it was ignored"));
        } else {
            out.acknowledged(channel.topic(), List.copyOf(message.args));
        }
    }

    /**
     * An error on a channel refuses the symbols it names (the runtime drops them and never retries), or, naming
     * none ("too many symbols"), the request it answers: the runtime knows which one. An error without a channel is
     * a warning. Failed authentication is not an error frame: the server closes with 4001.
     */
    private static void error(SimplejsonMessage message, DecodeOutput out) {
        TextFields<SimplejsonField> top = message.top;
        String msg = text(top, MSG);
        String code = text(top, CODE);
        String described = (msg == null ? "no message given" : msg) + (code == null ? "" : " (code " + code + ")");
        SimplejsonChannel channel = SimplejsonChannel.named(top, CHANNEL);
        if (channel != null) {
            out.rejected(channel.topic(), List.copyOf(message.args), "simplejson refused the subscription: "
                    + described);
        } else {
            out.problem(SimplejsonDispositions.error(described));
        }
    }

    /**
     * Server text as sent, trimmed; {@code (600 characters)} for text longer than the toolkit keeps; null when absent,
     * blank or JSON null.
     */
    private static String text(TextFields<SimplejsonField> top, SimplejsonField field) {
        String text = top.sent(field) && !top.isNull(field) ? top.sample(field).toString().strip() : "";
        return text.isEmpty() ? null : text;
    }

    /** The channel of a topic; the runtime only asks for topics the endpoint declares. */
    private static SimplejsonChannel channel(String topic) {
        return SimplejsonChannel.forTopic(topic)
                .orElseThrow(() -> new IllegalArgumentException("simplejson has no channel for topic " + topic));
    }
}
