package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.Readiness;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the runtime's test providers share ({@link LoopbackProtocol}, {@link VirtualFeed}'s, the recording tests'
 * {@code LineProtocol}): their endpoints, the first of which serves every subscription unless a subclass routes
 * them, configured subscriptions, one limits and one heartbeat for every endpoint, and every close retried. A
 * subclass says what its sessions do. Immutable when the subclass is.
 */
public abstract class ProtocolForTests implements FeedProtocol {

    /** Nobody pings, any frame is a sign of life, and an hour of silence is stale. */
    public static final HeartbeatSpec NO_HEARTBEAT = new HeartbeatSpec(HeartbeatSpec.Pinger.NONE, Duration.ZERO,
            Duration.ofHours(1), HeartbeatSpec.Liveness.ANY_FRAME);

    private final List<Endpoint> endpoints;
    private final Limits limits;
    private final HeartbeatSpec heartbeat;
    private final List<Subscription> configured;

    protected ProtocolForTests(List<Endpoint> endpoints, Limits limits, HeartbeatSpec heartbeat,
            List<Subscription> configured) {
        this.endpoints = List.copyOf(endpoints);
        this.limits = limits;
        this.heartbeat = heartbeat;
        this.configured = List.copyOf(configured);
    }

    /** An endpoint with these subscriptions to {@code topics}, ready as soon as the socket opens. */
    public static Endpoint endpoint(String id, URI uri, AuthStyle auth, SubscribeStyle style, String... topics) {
        return endpoint(id, uri, auth, Readiness.onOpen(), style, topics);
    }

    /** An endpoint with this readiness and these subscriptions to {@code topics}. */
    public static Endpoint endpoint(String id, URI uri, AuthStyle auth, Readiness readiness, SubscribeStyle style,
            String... topics) {
        return new Endpoint(id, uri, auth, readiness, style, Set.of(topics), Map.of());
    }

    @Override
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    @Override
    public Endpoint endpointFor(Subscription subscription) {
        return endpoints.get(0);
    }

    @Override
    public List<Subscription> configuredSubscriptions() {
        return configured;
    }

    @Override
    public Limits limits(Endpoint endpoint) {
        return limits;
    }

    @Override
    public HeartbeatSpec heartbeat(Endpoint endpoint) {
        return heartbeat;
    }

    @Override
    public Disposition classifyClose(int code, String reason) {
        return Disposition.retry("closed with " + code);
    }
}
