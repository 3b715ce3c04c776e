package io.marketfeed.testkit.fake;

import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.Readiness;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.api.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The fake's facts: one endpoint {@code /stream} serving quotes. */
final class FakeProtocol implements FeedProtocol {

    static final String PATH = "/stream";
    static final int FATAL_CLOSE = 4001;

    private final String id;
    private final FakeOptions options;
    private final FakeSettings settings;
    private final Endpoint endpoint;
    /** For {@link FakeOptions.Breakage#FORGETS_ON_RECONNECT}: symbols any session of this instance subscribed. */
    private final Set<String> everSubscribed = ConcurrentHashMap.newKeySet();

    FakeProtocol(String id, FakeOptions options, FakeSettings settings) {
        this.id = id;
        this.options = options;
        this.settings = settings;
        Duration deadline = Duration.ofSeconds(2);
        AuthStyle auth = switch (options.auth()) {
            case QUERY_PARAMETER -> AuthStyle.queryParameter("token", settings.apiKey());
            case HEADER -> AuthStyle.header("Authorization", Secret.of("Bearer " + settings.apiKey().reveal()));
            case FIRST_MESSAGE -> AuthStyle.firstMessage(deadline);
            case NONE -> AuthStyle.none();
        };
        SubscribeStyle style = options.mode() == SubscribeStyle.Mode.ADDITIVE ? SubscribeStyle.additive(deadline)
                : SubscribeStyle.replaceAll(deadline);
        endpoint = new Endpoint("stream", URI.create(settings.endpoint() + PATH), auth,
                Readiness.awaitMessage(deadline, true), style, options.breakage()
                        == FakeOptions.Breakage.REPEATS_SHARED_SUBSCRIBE ? Set.of(Topics.QUOTES, Topics.CANDLES)
                        : Set.of(Topics.QUOTES), Map.of());
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
        return settings.symbols().stream().map(symbol -> new Subscription(Topics.QUOTES, symbol)).toList();
    }

    @Override
    public Limits limits(Endpoint endpoint) {
        return settings.limits();
    }

    @Override
    public HeartbeatSpec heartbeat(Endpoint endpoint) {
        return settings.heartbeat();
    }

    @Override
    public Optional<String> symbolProblem(Subscription subscription) {
        if (subscription.symbol().equals("*") && !options.wholeMarket()
                && options.breakage() != FakeOptions.Breakage.LETS_WILDCARD_THROUGH) {
            return Optional.of("'*' is not supported");
        }
        return Optional.empty();
    }

    @Override
    public Disposition classifyClose(int code, String reason) {
        if (code == FATAL_CLOSE && options.breakage() != FakeOptions.Breakage.RETRIES_FATAL_CLOSE) {
            return Disposition.fatal("the server refused the key (close 4001); check api-key");
        }
        return Disposition.retry("closed with " + code);
    }

    @Override
    public Disposition classifyHandshake(int httpStatus) {
        if (httpStatus == 401 && options.breakage() == FakeOptions.Breakage.RETRIES_REFUSED_KEY) {
            return Disposition.retry("handshake refused with HTTP 401");
        }
        return FeedProtocol.super.classifyHandshake(httpStatus);
    }

    @Override
    public ProtocolSession openSession(SessionContext context) {
        return new FakeSession(id, options, settings.apiKey(), everSubscribed);
    }
}
