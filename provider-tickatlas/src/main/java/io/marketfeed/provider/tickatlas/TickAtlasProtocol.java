package io.marketfeed.provider.tickatlas;

import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.CreditSpec;
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
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The facts of one configured TickAtlas instance. Immutable and thread safe.
 *
 * <p>One endpoint, {@code /ws/v1/quotes}, serves two topics: {@code quotes} and {@code candles}. They share one
 * wire subscription per symbol (every push carries both), and the planner keeps the two subscriptions of a symbol
 * on the same connection because it shards by distinct symbols.
 */
final class TickAtlasProtocol implements FeedProtocol {

    /**
     * The path of the quotes stream (the streaming guide's {@code wss://tickatlas.com/ws/v1/quotes}), appended to a
     * configured base URL.
     */
    static final String PATH = "/ws/v1/quotes";

    static final String ENDPOINT_ID = "quotes";

    /** No acknowledgement deadline is published; ten seconds is generous for one small subscribe. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    /** "Quotes paused until midnight UTC" (guide). */
    static final LocalTime QUOTA_RESET_UTC = LocalTime.MIDNIGHT;

    /**
     * The server sends {@code {"type":"heartbeat"}} every 30 s (documented) and any frame proves liveness; 75 s of
     * silence allows for one lost heartbeat and a late one.
     */
    static final HeartbeatSpec SERVER_HEARTBEAT =
            new HeartbeatSpec(Pinger.SERVER, Duration.ofSeconds(30), Duration.ofSeconds(75), Liveness.ANY_FRAME);

    private final TickAtlasSettings settings;
    private final Endpoint endpoint;
    private final CreditSpec credits;
    private final HeartbeatSpec heartbeat;

    TickAtlasProtocol(TickAtlasSettings settings) {
        this.settings = settings;
        // The server must answer the auth message within the deadline; subscriptions wait for that answer.
        this.endpoint = new Endpoint(ENDPOINT_ID, settings.url(),
                AuthStyle.firstMessage(settings.authTimeout()), Readiness.awaitMessage(settings.authTimeout(), true),
                SubscribeStyle.additive(ACK_TIMEOUT), Set.of(Topics.QUOTES, Topics.CANDLES), Map.of());
        this.credits = new CreditSpec(settings.costPerPush(), 0, settings.dailyQuota(), QUOTA_RESET_UTC,
                TickAtlasDispositions.quotaExceeded(""));
        this.heartbeat = settings.clientPing() ? new HeartbeatSpec(Pinger.CLIENT, SERVER_HEARTBEAT.interval(),
                SERVER_HEARTBEAT.staleTimeout(), Liveness.ANY_FRAME) : SERVER_HEARTBEAT;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(endpoint);
    }

    @Override
    public Endpoint endpointFor(Subscription subscription) {
        if (!endpoint.topics().contains(subscription.topic())) {
            throw new IllegalArgumentException("no TickAtlas endpoint serves " + subscription + ": "
                    + topicProblem(subscription.topic()));
        }
        return endpoint;
    }

    /** Every symbol's quotes, then (unless {@code candles = false}) every symbol's candles. */
    @Override
    public List<Subscription> configuredSubscriptions() {
        List<String> topics = settings.candles() ? List.of(Topics.QUOTES, Topics.CANDLES) : List.of(Topics.QUOTES);
        return topics.stream().flatMap(topic -> settings.symbols().stream().map(s -> new Subscription(topic, s)))
                .toList();
    }

    /** The plan's limits; the host applies {@code limits.*} over them. */
    @Override
    public Limits limits(Endpoint ignored) {
        return settings.plan().limits();
    }

    /** Who pings ({@code heartbeat.client-ping}); the host applies {@code heartbeat.interval}/{@code timeout}. */
    @Override
    public HeartbeatSpec heartbeat(Endpoint ignored) {
        return heartbeat;
    }

    @Override
    public CreditSpec credits() {
        return credits;
    }

    @Override
    public Optional<String> symbolProblem(Subscription subscription) {
        if (!endpoint.topics().contains(subscription.topic())) {
            return Optional.of(topicProblem(subscription.topic()));
        }
        return TickAtlasSymbols.isWellFormed(subscription.symbol()) ? Optional.empty()
                : Optional.of("'" + subscription.symbol() + "' is not a TickAtlas symbol; expected "
                        + TickAtlasSymbols.RULE);
    }

    @Override
    public Disposition classifyClose(int code, String reason) {
        return TickAtlasDispositions.close(code, reason);
    }

    @Override
    public Disposition classifyHandshake(int httpStatus) {
        return TickAtlasDispositions.handshake(httpStatus);
    }

    @Override
    public ProtocolSession openSession(SessionContext context) {
        return new TickAtlasSession(settings.apiKey(), context.connectionId(), settings.costPerPush());
    }

    private static String topicProblem(String topic) {
        return "TickAtlas has no topic '" + topic + "'; it serves quotes and candles (M1)";
    }
}
