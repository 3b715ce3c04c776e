package io.marketfeed.provider.alltick;

import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.HeartbeatSpec.Liveness;
import io.marketfeed.api.protocol.HeartbeatSpec.Pinger;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.Readiness;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.api.protocol.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The facts of one configured AllTick instance. Immutable and thread safe (the only mutable parts, the session
 * counter and the set of codes reported as not served, are concurrent).
 *
 * <p>Two endpoints, each serving trades and order books; every subscription goes to the endpoint its code
 * belongs to. Subscriptions replace the whole list of their topic, are acknowledged, and must be paced; the
 * client sends a heartbeat every 10 s. AllTick has no ready message: a connection may subscribe once open.
 */
final class AlltickProtocol implements FeedProtocol {

    /** AllTick publishes no acknowledgement deadline; ten seconds is generous for one request. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    /** The query parameter that carries the token; the runtime adds it, so no URI here contains the token. */
    static final String TOKEN_PARAMETER = "token";

    /**
     * AllTick's heartbeat facts: the client sends {@code 22000} every 10 s, as AllTick asks, and any frame proves
     * liveness (the server answers each heartbeat); AllTick closes a connection silent for 30 s.
     */
    static final HeartbeatSpec HEARTBEAT = new HeartbeatSpec(Pinger.CLIENT, Duration.ofSeconds(10),
            AlltickSettings.SERVER_HEARTBEAT_TIMEOUT, Liveness.ANY_FRAME);

    private static final Set<String> TOPICS = Set.of(Topics.TRADES, Topics.BOOK);

    private final AlltickSettings settings;
    private final AlltickCodes codes;
    private final Map<AlltickChannel, Endpoint> endpoints = new EnumMap<>(AlltickChannel.class);
    private final List<Endpoint> endpointList;
    /** Makes traces unique across runs: AllTick asks that a trace never repeat. */
    private final String runId = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    private final AtomicLong sessions = new AtomicLong();
    private final Set<String> reportedNotServed = ConcurrentHashMap.newKeySet();

    AlltickProtocol(AlltickSettings settings) {
        this.settings = settings;
        this.codes = new AlltickCodes(settings.routedChannels());
        for (AlltickChannel channel : AlltickChannel.values()) {
            endpoints.put(channel, endpoint(channel));
        }
        endpointList = List.copyOf(endpoints.values());
    }

    @Override
    public List<Endpoint> endpoints() {
        return endpointList;
    }

    @Override
    public Endpoint endpointFor(Subscription subscription) {
        return endpoints.get(codes.channelOf(subscription.symbol()));
    }

    @Override
    public List<Subscription> configuredSubscriptions() {
        List<Subscription> subscriptions = new ArrayList<>();
        settings.trades().forEach(code -> subscriptions.add(new Subscription(Topics.TRADES, code)));
        settings.depth().symbols().forEach(code -> subscriptions.add(new Subscription(Topics.BOOK, code)));
        return List.copyOf(subscriptions);
    }

    /** The plan's limits (with the pacing margin): the same on both endpoints, each with its own allowance. */
    @Override
    public Limits limits(Endpoint endpoint) {
        return settings.limits();
    }

    @Override
    public HeartbeatSpec heartbeat(Endpoint endpoint) {
        return HEARTBEAT;
    }

    @Override
    public Optional<String> symbolProblem(Subscription subscription) {
        if (!TOPICS.contains(subscription.topic())) {
            return Optional.of("AllTick has no topic '" + subscription.topic() + "'; it serves trades and book");
        }
        return AlltickCodes.problem(subscription.symbol());
    }

    @Override
    public Disposition classifyClose(int code, String reason) {
        return AlltickDispositions.close(code, reason);
    }

    @Override
    public Disposition classifyHandshake(int httpStatus) {
        return AlltickDispositions.handshake(httpStatus);
    }

    @Override
    public ProtocolSession openSession(SessionContext context) {
        AlltickChannel channel = AlltickChannel.forEndpointId(context.endpoint().id())
                .orElseThrow(() -> new IllegalArgumentException("not an AllTick endpoint: " + context.endpoint()));
        String tracePrefix = "mf-" + runId + "-" + sessions.incrementAndGet() + "-";
        return new AlltickSession(channel, settings.depth().levels(), tracePrefix,
                settings.limits().minReconnectGap(), new NotServedCodes(context.connectionId(), channel,
                        settings.notServedAfter(), reportedNotServed));
    }

    private Endpoint endpoint(AlltickChannel channel) {
        return new Endpoint(channel.endpointId(), settings.url(channel),
                AuthStyle.queryParameter(TOKEN_PARAMETER, settings.token()), Readiness.onOpen(),
                SubscribeStyle.replaceAll(ACK_TIMEOUT), TOPICS, Map.of());
    }
}
