package io.marketfeed.provider.sahmk;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The facts of one configured SAHMK instance. Immutable and thread safe.
 *
 * <p>Each channel is an endpoint of its own; the depth and trades endpoints exist only when enabled, so the
 * runtime never opens a socket that can carry nothing.
 */
final class SahmkProtocol implements FeedProtocol {

    /** SAHMK publishes no acknowledgement deadline; ten seconds is generous for one small subscribe. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    /** The query parameter that carries the key; the runtime adds it, so no URI here contains the key. */
    static final String API_KEY_PARAMETER = "api_key";

    /** The client pings (the official SDK every 30 s) and any frame proves liveness. */
    static final HeartbeatSpec HEARTBEAT =
            new HeartbeatSpec(Pinger.CLIENT, Duration.ofSeconds(30), Duration.ofSeconds(90), Liveness.ANY_FRAME);

    private final SahmkSettings settings;
    private final Map<SahmkChannel, Endpoint> endpoints = new EnumMap<>(SahmkChannel.class);
    private final List<Endpoint> endpointList;

    SahmkProtocol(SahmkSettings settings) {
        this.settings = settings;
        endpoints.put(SahmkChannel.QUOTES, endpoint(SahmkChannel.QUOTES));
        if (settings.depth().enabled()) {
            endpoints.put(SahmkChannel.DEPTH, endpoint(SahmkChannel.DEPTH));
        }
        if (settings.trades().enabled()) {
            endpoints.put(SahmkChannel.TRADES, endpoint(SahmkChannel.TRADES));
        }
        endpointList = List.copyOf(endpoints.values());
    }

    @Override
    public List<Endpoint> endpoints() {
        return endpointList;
    }

    @Override
    public Endpoint endpointFor(Subscription subscription) {
        Endpoint endpoint = SahmkChannel.forTopic(subscription.topic()).map(endpoints::get).orElse(null);
        if (endpoint == null) {
            throw new IllegalArgumentException("no SAHMK endpoint serves " + subscription + ": "
                    + topicProblem(subscription.topic()));
        }
        return endpoint;
    }

    @Override
    public List<Subscription> configuredSubscriptions() {
        List<Subscription> subscriptions = new ArrayList<>();
        add(subscriptions, SahmkChannel.QUOTES, settings.symbols());
        if (settings.depth().enabled()) {
            add(subscriptions, SahmkChannel.DEPTH, settings.depth().symbols());
        }
        if (settings.trades().enabled()) {
            add(subscriptions, SahmkChannel.TRADES, settings.trades().symbols());
        }
        return List.copyOf(subscriptions);
    }

    /** The plan's limits, the same on every channel; SAHMK announces them per connection anyway. */
    @Override
    public Limits limits(Endpoint endpoint) {
        return settings.plan().limits();
    }

    @Override
    public HeartbeatSpec heartbeat(Endpoint endpoint) {
        return HEARTBEAT;
    }

    @Override
    public Optional<String> symbolProblem(Subscription subscription) {
        Optional<SahmkChannel> channel = SahmkChannel.forTopic(subscription.topic());
        if (channel.isEmpty() || !endpoints.containsKey(channel.get())) {
            return Optional.of(topicProblem(subscription.topic()));
        }
        String symbol = subscription.symbol();
        if (symbol.equals(SahmkSymbols.WHOLE_MARKET)) {
            return channel.get() == SahmkChannel.QUOTES ? Optional.empty()
                    : Optional.of("'*' (the whole market) is only available for quotes on SAHMK; list the "
                            + subscription.topic() + " symbols explicitly");
        }
        return SahmkSymbols.isWellFormed(symbol) ? Optional.empty()
                : Optional.of("'" + symbol + "' is not a SAHMK symbol; expected " + SahmkSymbols.RULE);
    }

    @Override
    public Disposition classifyClose(int code, String reason) {
        return SahmkDispositions.close(code, reason);
    }

    /** 403 is retried slowly rather than fatal: SAHMK's front end also refuses for reasons that pass. */
    @Override
    public Disposition classifyHandshake(int httpStatus) {
        if (httpStatus == 401) {
            return SahmkDispositions.unauthorizedHandshake();
        }
        if (httpStatus == 403) {
            return SahmkDispositions.forbiddenHandshake(settings.hasOrigin());
        }
        return FeedProtocol.super.classifyHandshake(httpStatus);
    }

    @Override
    public ProtocolSession openSession(SessionContext context) {
        SahmkChannel channel = SahmkChannel.forEndpointId(context.endpoint().id())
                .orElseThrow(() -> new IllegalArgumentException("not a SAHMK endpoint: " + context.endpoint()));
        return new SahmkSession(channel, settings.fallbackSymbols(), settings.depth().levels());
    }

    private Endpoint endpoint(SahmkChannel channel) {
        Map<String, String> headers = settings.hasOrigin() ? Map.of("Origin", settings.origin()) : Map.of();
        return new Endpoint(channel.endpointId(), settings.url(channel),
                AuthStyle.queryParameter(API_KEY_PARAMETER, settings.apiKey()),
                Readiness.awaitMessage(settings.readyTimeout(), false), SubscribeStyle.additive(ACK_TIMEOUT),
                Set.of(channel.topic()), headers);
    }

    private String topicProblem(String topic) {
        Optional<SahmkChannel> channel = SahmkChannel.forTopic(topic);
        if (channel.isEmpty()) {
            return "SAHMK has no topic '" + topic + "'; it serves quotes, book and trades";
        }
        String block = channel.get() == SahmkChannel.DEPTH ? "depth" : "trades";
        return "the SAHMK " + block + " channel is disabled; set marketfeed.providers.sahmk." + block
                + ".enabled = true";
    }

    private static void add(List<Subscription> into, SahmkChannel channel, List<String> symbols) {
        for (String symbol : symbols) {
            into.add(new Subscription(channel.topic(), symbol));
        }
    }
}
