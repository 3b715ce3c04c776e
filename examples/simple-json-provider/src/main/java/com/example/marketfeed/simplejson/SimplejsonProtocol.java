package com.example.marketfeed.simplejson;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The declared facts of one configured instance: one endpoint serving both channels, the key in a header,
 * ready as soon as the socket opens, additive acknowledged subscriptions, the server's limits, a client ping
 * every 15 s, and close 4001 (bad key) fatal. Immutable and thread safe, as {@link FeedProtocol} requires.
 */
final class SimplejsonProtocol implements FeedProtocol {

    /** The only endpoint's id; connections are named {@code simplejson/stream#1}, …. */
    static final String ENDPOINT_ID = "stream";

    /** The handshake header that carries the key; the runtime adds it and never logs it. */
    static final String API_KEY_HEADER = "X-API-Key";

    /** The server acknowledges within a second; ten leaves room for a slow network. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The server's published limits: 200 symbols per connection, 50 per request, 5 connections per key, 100 ms
     * between requests on a connection, and a connection attempt at most once a second. The host applies the
     * configured {@code limits.*} over them.
     */
    static final Limits LIMITS = Limits.builder().maxSymbolsPerConnection(200).maxSymbolsPerFrame(50)
            .maxConnections(5).minControlGap(Duration.ofMillis(100)).minReconnectGap(Duration.ofSeconds(1)).build();

    /**
     * The client pings and any frame proves liveness. The host applies {@code heartbeat.interval} and
     * {@code heartbeat.timeout} over the timings; {@code reference.conf} sets the same 15 s and 45 s.
     */
    static final HeartbeatSpec HEARTBEAT =
            new HeartbeatSpec(Pinger.CLIENT, Duration.ofSeconds(15), Duration.ofSeconds(45), Liveness.ANY_FRAME);

    private final SimplejsonSettings settings;
    private final Endpoint endpoint;

    SimplejsonProtocol(SimplejsonSettings settings) {
        this.settings = settings;
        this.endpoint = new Endpoint(ENDPOINT_ID, settings.endpoint(),
                AuthStyle.header(API_KEY_HEADER, settings.apiKey()), Readiness.onOpen(),
                SubscribeStyle.additive(ACK_TIMEOUT), Set.of(Topics.QUOTES, Topics.TRADES), Map.of());
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(endpoint);
    }

    @Override
    public Endpoint endpointFor(Subscription subscription) {
        if (SimplejsonChannel.forTopic(subscription.topic()).isEmpty()) {
            throw new IllegalArgumentException(topicProblem(subscription.topic()));
        }
        return endpoint;
    }

    @Override
    public List<Subscription> configuredSubscriptions() {
        List<Subscription> subscriptions = new ArrayList<>();
        settings.symbols().forEach(symbol -> subscriptions.add(new Subscription(Topics.QUOTES, symbol)));
        settings.tradeSymbols().forEach(symbol -> subscriptions.add(new Subscription(Topics.TRADES, symbol)));
        return List.copyOf(subscriptions);
    }

    @Override
    public Limits limits(Endpoint endpoint) {
        return LIMITS;
    }

    @Override
    public HeartbeatSpec heartbeat(Endpoint endpoint) {
        return HEARTBEAT;
    }

    @Override
    public Optional<String> symbolProblem(Subscription subscription) {
        if (SimplejsonChannel.forTopic(subscription.topic()).isEmpty()) {
            return Optional.of(topicProblem(subscription.topic()));
        }
        return SimplejsonSymbols.isSymbol(subscription.symbol()) ? Optional.empty()
                : Optional.of("'" + subscription.symbol() + "' is not a simplejson symbol; expected "
                        + SimplejsonSymbols.RULE);
    }

    @Override
    public Disposition classifyClose(int code, String reason) {
        return SimplejsonDispositions.close(code, reason);
    }

    /** 401 means the key, and says which setting to fix; the rest as the SPI's default (429 waits a minute). */
    @Override
    public Disposition classifyHandshake(int httpStatus) {
        return httpStatus == 401 ? SimplejsonDispositions.unauthorized()
                : FeedProtocol.super.classifyHandshake(httpStatus);
    }

    @Override
    public ProtocolSession openSession(SessionContext context) {
        return new SimplejsonSession();
    }

    private static String topicProblem(String topic) {
        return "simplejson has no topic '" + topic + "'; it serves " + Topics.QUOTES + " (channel ticker) and "
                + Topics.TRADES + " (channel trade)";
    }
}
