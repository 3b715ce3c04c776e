package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.Readiness;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A provider with one endpoint for tests against a loopback server: ready on open, additive unacknowledged
 * subscriptions to {@code trades}, one connection of up to 100 symbols, no heartbeat (stale after 5 minutes), every
 * close retried, and frames decoded by the given function. Immutable.
 */
final class LoopbackProtocol implements FeedProtocol {

    private final Endpoint endpoint;
    private final List<Subscription> configured;
    private final BiConsumer<InboundFrame, DecodeOutput> decoder;

    LoopbackProtocol(String endpointId, URI uri, AuthStyle auth, List<Subscription> configured,
            BiConsumer<InboundFrame, DecodeOutput> decoder) {
        this.endpoint = new Endpoint(endpointId, uri, auth, Readiness.onOpen(),
                new SubscribeStyle(SubscribeStyle.Mode.ADDITIVE, false, Duration.ofSeconds(5)), Set.of("trades"),
                Map.of());
        this.configured = List.copyOf(configured);
        this.decoder = decoder;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(endpoint);
    }

    @Override
    public Endpoint endpointFor(Subscription subscription) {
        return endpoint;
    }

    @Override
    public List<Subscription> configuredSubscriptions() {
        return configured;
    }

    @Override
    public Limits limits(Endpoint endpoint) {
        return new Limits(100, 100, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    @Override
    public HeartbeatSpec heartbeat(Endpoint endpoint) {
        return new HeartbeatSpec(HeartbeatSpec.Pinger.NONE, Duration.ZERO, Duration.ofMinutes(5),
                HeartbeatSpec.Liveness.ANY_FRAME);
    }

    @Override
    public Disposition classifyClose(int code, String reason) {
        return Disposition.retry("closed with " + code);
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
