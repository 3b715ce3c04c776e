package com.example.marketfeed.simplejson;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One connection: encodes requests and decodes every frame the server sends. The protocol needs no state per
 * connection (acknowledgements and errors name their channel and symbols), so a session holds none.
 *
 * <p>Threading: the runtime calls a session serially, never concurrently, and never on the socket's read
 * thread (see {@link ProtocolSession}). Nothing here blocks or does I/O. {@link #decode} never throws: a frame
 * it cannot use is reported with {@link DecodeOutput#problem} as a warning, and the socket stays open.
 */
final class SimplejsonSession implements ProtocolSession {

    /** The longest piece of server text quoted in a problem. */
    private static final int MAX_QUOTED = 120;

    /** Jackson appends the location of a parse error, which says nothing useful about a single frame. */
    private static final Pattern LOCATION = Pattern.compile("\\s*(\\(start marker )?at \\[Source.*", Pattern.DOTALL);

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
        WireMessage message;
        try {
            message = SimplejsonFrameReader.read(frame);
        } catch (IOException | RuntimeException e) {
            out.problem(Disposition.warn("simplejson sent a frame that is not a JSON object ("
                    + quoted(parseError(e)) + "); it was ignored"));
            return;
        }
        try {
            dispatch(message, frame, out);
        } catch (RuntimeException e) {
            // A bug of ours, not the server's: the frame is lost, the connection is fine.
            out.problem(Disposition.warn("could not translate a simplejson frame: " + quoted(e.toString())));
        }
    }

    private static void dispatch(WireMessage message, InboundFrame frame, DecodeOutput out) {
        if (message.topic != null) {
            switch (message.topic) {
                case "ticker": SimplejsonCodec.ticker(message, frame.receivedAt(), out); break;
                case "trade": SimplejsonCodec.trade(message, frame.receivedAt(), out); break;
                default: out.problem(Disposition.warn("simplejson sent data on unknown topic '"
                        + quoted(message.topic) + "'; it was ignored"));
            }
            return;
        }
        if (message.event == null) {
            out.problem(Disposition.warn("simplejson sent a message with neither event nor topic; it was ignored"));
            return;
        }
        switch (message.event) {
            case "pong": out.heartbeat(); break;
            case "subscribe": acknowledgement(message, out, true); break;
            case "unsubscribe": acknowledgement(message, out, false); break;
            case "error": error(message, out); break;
            default: out.problem(Disposition.warn("simplejson sent an event of unknown type '"
                    + quoted(message.event) + "'; it was ignored"));
        }
    }

    private static void acknowledgement(WireMessage message, DecodeOutput out, boolean subscribed) {
        Optional<SimplejsonChannel> channel = SimplejsonChannel.forWireName(message.channel);
        List<String> symbols = message.args == null ? List.of() : List.copyOf(message.args);
        if (channel.isEmpty()) {
            out.problem(Disposition.warn("simplejson acknowledged " + (subscribed ? "a subscription" : "an "
                    + "unsubscription") + " on unknown channel '" + quoted(message.channel) + "'; it was ignored"));
        } else if (subscribed) {
            out.acknowledged(channel.get().topic(), symbols);
        } else {
            out.unsubscribed(channel.get().topic(), symbols);
        }
    }

    /**
     * An error naming symbols on a channel refuses those symbols (the runtime drops them and never retries);
     * any other error is a warning. Failed authentication is not an error frame: the server closes with 4001,
     * which {@link SimplejsonProtocol#classifyClose} makes fatal.
     */
    private static void error(WireMessage message, DecodeOutput out) {
        String described = (message.msg == null || message.msg.isBlank() ? "no message given" : quoted(message.msg))
                + (message.code == null ? "" : " (code " + quoted(message.code) + ")");
        Optional<SimplejsonChannel> channel = SimplejsonChannel.forWireName(message.channel);
        List<String> symbols = message.args == null ? List.of()
                : message.args.stream().map(String::strip).filter(symbol -> !symbol.isEmpty()).toList();
        if (channel.isPresent() && !symbols.isEmpty()) {
            out.rejected(channel.get().topic(), symbols, "simplejson refused the subscription: " + described);
        } else {
            out.problem(Disposition.warn("simplejson error: " + described));
        }
    }

    /** The channel of a topic; the runtime only asks for topics the endpoint declares. */
    private static SimplejsonChannel channel(String topic) {
        return SimplejsonChannel.forTopic(topic)
                .orElseThrow(() -> new IllegalArgumentException("simplejson has no channel for topic " + topic));
    }

    private static String parseError(Exception e) {
        String message = e instanceof JsonProcessingException
                ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : LOCATION.matcher(message).replaceFirst("");
    }

    /** Server text fit to quote in a log line: bounded in length, control characters replaced. */
    static String quoted(String text) {
        if (text == null) {
            return "";
        }
        String bounded = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text;
        return bounded.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
