package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A provider with one endpoint for tests against a loopback server: ready on open, additive unacknowledged
 * subscriptions to {@code trades}, one connection of up to 100 symbols, no heartbeat (stale after 5 minutes), every
 * close retried, and frames decoded by the given function. Immutable.
 */
final class LoopbackProtocol extends ProtocolForTests {

    private final BiConsumer<InboundFrame, DecodeOutput> decoder;

    LoopbackProtocol(String endpointId, URI uri, AuthStyle auth, List<Subscription> configured,
            BiConsumer<InboundFrame, DecodeOutput> decoder) {
        super(List.of(endpoint(endpointId, uri, auth, new SubscribeStyle(SubscribeStyle.Mode.ADDITIVE, false,
                Duration.ofSeconds(5)), "trades")), new Limits(100, 100, 1, Duration.ZERO, Duration.ZERO,
                Duration.ZERO), NO_HEARTBEAT.withStaleTimeout(Duration.ofMinutes(5)), configured);
        this.decoder = decoder;
    }

    @Override
    public ProtocolSession openSession(SessionContext context) {
        return new ProtocolSession() {
            @Override
            public OutboundFrame subscribe(String topic, List<String> symbols) {
                return OutboundFrame.text("subscribe " + symbols);
            }

            @Override
            public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
                return Optional.empty();
            }

            @Override
            public void decode(InboundFrame frame, DecodeOutput out) {
                decoder.accept(frame, out);
            }
        };
    }
}
