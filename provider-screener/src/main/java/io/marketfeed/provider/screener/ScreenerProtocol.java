package io.marketfeed.provider.screener;

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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The facts of one configured Screener instance. Immutable and thread safe, except for the shared
 * {@link TokenState} and the notification de-duplication, which are synchronized.
 *
 * <p>One endpoint, {@code /v1/ws}, serves five topics: {@code quotes} and {@code book} (both from one
 * {@code stock} wire subscription per code; the planner keeps both topics of a code on one connection because it
 * shards by distinct symbols), {@code market}, {@code sector} and {@code watchlist}.
 *
 * <p>Readiness: the server sends nothing on a fresh connection, so a fresh session calls ready in
 * {@link ProtocolSession#onOpen}; a session restoring a server session waits for {@code reconnected} (or the
 * {@code SESSION_RESTORATION_FAILED} error) up to {@code restore-timeout}, then proceeds anyway.
 */
final class ScreenerProtocol implements FeedProtocol {

    /** Router prefix {@code /v1} + {@code @router.websocket("/ws")}. */
    static final String PATH = "/v1/ws";
    static final String ENDPOINT_ID = "ws";
    /** Acks are batched (30 ms); ten seconds is generous. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    static final Set<String> TOPICS = Set.of(Topics.QUOTES, Topics.BOOK, ScreenerCodec.TOPIC_MARKET,
            ScreenerCodec.TOPIC_SECTOR, ScreenerCodec.TOPIC_WATCHLIST);
    private static final int NOTIFICATIONS_REMEMBERED = 1024;

    /** The server code's limits (config.py / core/websocket.py): 100 per connection, 50 per request, 5 per IP. */
    static final Limits SERVER_LIMITS = Limits.builder().maxSymbolsPerConnection(100).maxSymbolsPerFrame(50)
            .maxConnections(5).minControlGap(Duration.ofMillis(100)).minReconnectGap(Duration.ofSeconds(1)).build();

    /** The server pongs every 30 s unasked; any frame proves liveness. */
    static final HeartbeatSpec SERVER_HEARTBEAT =
            new HeartbeatSpec(Pinger.SERVER, Duration.ofSeconds(30), Duration.ofSeconds(90), Liveness.ANY_FRAME);

    private final ScreenerSettings settings;
    private final Endpoint endpoint;
    private final TokenState tokens;
    /** Notifications go to every connection of the user: delivered once per notification_id. */
    private final Map<String, Boolean> seenNotifications = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > NOTIFICATIONS_REMEMBERED;
        }
    };

    ScreenerProtocol(ScreenerSettings settings) {
        this.settings = settings;
        // permessage-deflate is offered: the docs recommend it and the server takes what its ASGI stack negotiates.
        this.endpoint = new Endpoint(ENDPOINT_ID, settings.url(), AuthStyle.none(),
                Readiness.awaitMessage(settings.restoreTimeout(), false), SubscribeStyle.additive(ACK_TIMEOUT),
                TOPICS, Map.of(), true);
        this.tokens = new TokenState(settings.token(), settings.refreshToken(), settings.refreshBeforeExpiry(),
                Clock.systemUTC());
    }

    ScreenerSettings settings() {
        return settings;
    }

    TokenState tokens() {
        return tokens;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(endpoint);
    }

    @Override
    public Endpoint endpointFor(Subscription subscription) {
        if (!TOPICS.contains(subscription.topic())) {
            throw new IllegalArgumentException("no Screener endpoint serves " + subscription + ": "
                    + topicProblem(subscription.topic()));
        }
        return endpoint;
    }

    /** Quotes of every symbol, then (with book) their books, then markets, sectors and watchlists. */
    @Override
    public List<Subscription> configuredSubscriptions() {
        List<Subscription> out = new ArrayList<>();
        settings.symbols().forEach(symbol -> out.add(new Subscription(Topics.QUOTES, symbol)));
        if (settings.book()) {
            settings.symbols().forEach(symbol -> out.add(new Subscription(Topics.BOOK, symbol)));
        }
        settings.markets().forEach(market -> out.add(new Subscription(ScreenerCodec.TOPIC_MARKET, market)));
        settings.sectors().forEach(sector -> out.add(new Subscription(ScreenerCodec.TOPIC_SECTOR, sector)));
        settings.watchlists().forEach(list -> out.add(new Subscription(ScreenerCodec.TOPIC_WATCHLIST, list)));
        return List.copyOf(out);
    }

    /** The server code's limits; the host applies the configured {@code limits.*} over them. */
    @Override
    public Limits limits(Endpoint ignored) {
        return SERVER_LIMITS;
    }

    /**
     * The server's heartbeat; the client's timer when it pings or refreshes tokens (the runtime's only
     * per-connection timer is the client heartbeat). The host applies {@code heartbeat.interval} and
     * {@code heartbeat.timeout} over it.
     */
    @Override
    public HeartbeatSpec heartbeat(Endpoint ignored) {
        return settings.clientTimer() ? new HeartbeatSpec(Pinger.CLIENT, SERVER_HEARTBEAT.interval(),
                SERVER_HEARTBEAT.staleTimeout(), Liveness.ANY_FRAME) : SERVER_HEARTBEAT;
    }

    @Override
    public Optional<String> symbolProblem(Subscription subscription) {
        return TOPICS.contains(subscription.topic())
                ? ScreenerSymbols.problem(subscription.topic(), subscription.symbol())
                : Optional.of(topicProblem(subscription.topic()));
    }

    @Override
    public Disposition classifyClose(int code, String reason) {
        return ScreenerDispositions.close(code, reason, settings.connectionCapBackoff());
    }

    @Override
    public Disposition classifyHandshake(int httpStatus) {
        return httpStatus == 403 ? ScreenerDispositions.connectionCap(settings.connectionCapBackoff())
                : FeedProtocol.super.classifyHandshake(httpStatus);
    }

    @Override
    public ProtocolSession openSession(SessionContext context) {
        ScreenerSession previous = context.previous().filter(ScreenerSession.class::isInstance)
                .map(ScreenerSession.class::cast).orElse(null);
        return new ScreenerSession(this, context.connectionId(), previous);
    }

    /** Whether this notification is new (true once per id; notifications without an id always count as new). */
    synchronized boolean firstNotification(String id) {
        if (id == null) {
            return true;
        }
        return seenNotifications.put(id, Boolean.TRUE) == null;
    }

    private static String topicProblem(String topic) {
        return "Screener has no topic '" + topic + "'; it serves quotes, book, market, sector and watchlist";
    }
}
