package io.marketfeed.provider.tickatlas;

import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.CreditPolicy;
import io.marketfeed.api.protocol.CreditSpec;
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
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
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

    private final TickAtlasSettings settings;
    private final Endpoint endpoint;
    private final CreditSpec credits;

    TickAtlasProtocol(TickAtlasSettings settings) {
        this.settings = settings;
        // The server must answer the auth message within the deadline; subscriptions wait for that answer.
        this.endpoint = new Endpoint(ENDPOINT_ID, settings.url(),
                AuthStyle.firstMessage(settings.authTimeout()), Readiness.awaitMessage(settings.authTimeout(), true),
                SubscribeStyle.additive(ACK_TIMEOUT), Set.of(Topics.QUOTES, Topics.CANDLES), Map.of());
        this.credits = new CreditSpec(settings.credits().costPerPush(), 0, settings.credits().dailyQuota(),
                QUOTA_RESET_UTC, TickAtlasErrors.quotaExceeded(""));
    }

    TickAtlasSettings settings() {
        return settings;
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
        List<Subscription> subscriptions = new ArrayList<>();
        for (String symbol : settings.symbols()) {
            subscriptions.add(new Subscription(Topics.QUOTES, symbol));
        }
        if (settings.candles()) {
            for (String symbol : settings.symbols()) {
                subscriptions.add(new Subscription(Topics.CANDLES, symbol));
            }
        }
        return List.copyOf(subscriptions);
    }

    @Override
    public Limits limits(Endpoint ignored) {
        return settings.limits();
    }

    @Override
    public HeartbeatSpec heartbeat(Endpoint ignored) {
        return settings.heartbeat();
    }

    @Override
    public CreditSpec credits() {
        return credits;
    }

    @Override
    public CreditPolicy creditPolicy() {
        return settings.credits().policy();
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
        return TickAtlasErrors.close(code, reason, TickAtlasText.quoted(reason, settings.apiKey()),
                settings.limits().maxConnections());
    }

    @Override
    public Disposition classifyHandshake(int httpStatus) {
        return TickAtlasErrors.handshake(httpStatus);
    }

    @Override
    public ProtocolSession openSession(SessionContext context) {
        return new TickAtlasSession(settings.apiKey(), context.connectionId(), settings.credits().costPerPush(),
                settings.limits().maxConnections());
    }

    private static String topicProblem(String topic) {
        return "TickAtlas has no topic '" + topic + "'; it serves quotes and candles (M1)";
    }
}
