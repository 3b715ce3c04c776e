package io.marketfeed.runtime.record;

import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.runtime.internal.ProtocolForTests;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A made-up text protocol whose decoding depends on what its session was asked to send, as real ones do: a line
 * {@code SYMBOL PRICE} is a quote only for a symbol subscribed on that session (otherwise a warning); {@code ack}
 * acknowledges what is subscribed; {@code ping} is a heartbeat; {@code hello} is an alert saying how many sessions
 * came before on the connection (from the previous session it was given) and how many heartbeats it was asked for;
 * a binary message is an alert with its length. Immutable; each session is used by one thread at a time.
 */
final class LineProtocol extends ProtocolForTests {

    static final String ID = "line";
    static final Endpoint STREAM = endpoint("stream", URI.create("ws://vendor.test/stream"), AuthStyle.none(),
            new SubscribeStyle(SubscribeStyle.Mode.ADDITIVE, false, Duration.ofSeconds(10)), "quotes");

    LineProtocol() {
        super(List.of(STREAM), Limits.unlimited(), NO_HEARTBEAT, List.of());
    }

    @Override
    public ProtocolSession openSession(SessionContext context) {
        return new LineSession(context.previous().map(previous -> ((LineSession) previous).generation + 1).orElse(0));
    }

    private static final class LineSession implements ProtocolSession {
        private final int generation;
        private final Set<String> subscribed = new LinkedHashSet<>();
        private int heartbeats;

        LineSession(int generation) {
            this.generation = generation;
        }

        @Override
        public void onOpen(DecodeOutput out) {
            out.ready();
        }

        @Override
        public OutboundFrame subscribe(String topic, List<String> symbols) {
            subscribed.addAll(symbols);
            return OutboundFrame.text("subscribe " + symbols);
        }

        @Override
        public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
            subscribed.removeAll(symbols);
            return Optional.of(OutboundFrame.text("unsubscribe " + symbols));
        }

        @Override
        public Optional<OutboundFrame> heartbeat() {
            heartbeats++;
            return Optional.of(OutboundFrame.text("ping"));
        }

        @Override
        public void decode(InboundFrame frame, DecodeOutput out) {
            if (!frame.isText()) {
                out.emit(new Alert(ID, null, "binary", frame.length() + " bytes", null, frame.receivedAt()));
                return;
            }
            String text = frame.asString();
            if (text.equals("ack")) {
                out.acknowledged("quotes", List.copyOf(subscribed));
            } else if (text.equals("ping")) {
                out.heartbeat();
            } else if (text.equals("hello")) {
                out.emit(new Alert(ID, null, "hello", "generation " + generation + ", " + heartbeats + " heartbeats",
                        null, frame.receivedAt()));
            } else {
                String[] parts = text.split(" ");
                if (subscribed.contains(parts[0])) {
                    out.emit(Quote.builder(ID).symbol(parts[0]).price(new BigDecimal(parts[1]))
                            .receivedAt(frame.receivedAt()).build());
                } else {
                    out.problem(Disposition.warn("data for " + parts[0] + ", which is not subscribed"));
                }
            }
        }
    }
}
