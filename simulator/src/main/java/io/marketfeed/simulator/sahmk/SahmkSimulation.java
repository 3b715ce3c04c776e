package io.marketfeed.simulator.sahmk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketfeed.simulator.AbstractSimulation;
import io.marketfeed.simulator.ClosingHandler;
import io.marketfeed.simulator.HandshakeOutcome;
import io.marketfeed.simulator.MarketGenerator;
import io.marketfeed.simulator.SimulatedConnection;
import io.marketfeed.simulator.SimulatorServer;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol-faithful SAHMK (Saudi Tadawul) WebSocket server: quotes on {@code /ws/v1/stocks/}, depth on
 * {@code /ws/v1/market/depth/}, trades on {@code /ws/v1/market/trades/}, authenticated by the {@code api_key} query
 * parameter against configured keys, each with a {@link Plan}. See protocols.md §1 and {@link SahmkOptions}.
 *
 * <p>A seeded {@link MarketGenerator} over a Tadawul universe drives the data: every
 * {@linkplain SahmkOptions#updateInterval() update interval} each symbol takes one step, and subscribers of the
 * symbol get one quote, depth snapshot or trade. With a zero interval nothing is published unless a test calls
 * {@link #tick()} or {@link #publish}. Thread safe.
 */
public final class SahmkSimulation extends AbstractSimulation {

    public static final String NAME = "sahmk";
    /** Demo key on the Pro plan (60 symbols per connection, 20 per call). */
    public static final String DEMO_KEY = "shmk_test_demo";
    public static final String BUSINESS_KEY = "shmk_test_business";
    /** Demo key on the Enterprise plan ({@code *} allowed). */
    public static final String ENTERPRISE_KEY = "shmk_test_enterprise";
    /** Demo key whose account may not stream: closed with 4403. */
    public static final String INACTIVE_KEY = "shmk_test_inactive";

    private static final Logger LOG = LoggerFactory.getLogger(SahmkSimulation.class);

    private final SahmkOptions options;
    private final MarketGenerator market;
    private final SahmkPublisher publisher = new SahmkPublisher(this);
    /** Runtime override of the per-plan limits for new connections; null when none. */
    private volatile LimitOverride limitOverride;
    private volatile ScheduledFuture<?> ticking;

    /** A simulation with {@link SahmkOptions#defaults()}. */
    public SahmkSimulation() {
        this(SahmkOptions.defaults());
    }

    public SahmkSimulation(SahmkOptions options) {
        super(NAME, Arrays.stream(Channel.values()).map(Channel::path).toList(), options.clock(),
                options.rejectOrigin(), options.maxPendingFrames());
        this.options = options;
        this.market = new MarketGenerator(options.universe(), options.seed(), options.tickSizes(), options.clock());
    }

    public SahmkOptions options() {
        return options;
    }

    public MarketGenerator market() {
        return market;
    }

    /** {@code ws://host:port/<channel path>?api_key=<key>} on {@code server}. */
    public static URI uri(SimulatorServer server, Channel channel, String apiKey) {
        return server.webSocketUri(channel.path() + "?api_key=" + URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
    }

    @Override
    public void describe(SimulatorServer server, PrintStream out) {
        out.println("SAHMK (demo key " + DEMO_KEY + ", plan pro):");
        for (Channel channel : Channel.values()) {
            out.printf("  %-7s %s%n", channel.name().toLowerCase(Locale.ROOT) + ":", uri(server, channel, DEMO_KEY));
        }
        out.println("  keys:   " + options.keys().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + " (" + entry.getValue().wireName() + ")").toList());
    }

    /** One step of every symbol, published to subscribers now; returns the number of frames queued. */
    public int tick() {
        return publisher.publish(market.stepAll());
    }

    /** One step of one universe symbol, published to its subscribers now; returns the number of frames queued. */
    public int publish(String symbol) {
        if (!market.contains(symbol)) {
            throw new IllegalArgumentException(symbol + " is not in the universe; use faults().pushGhost for that");
        }
        return publisher.publish(List.of(market.step(symbol)));
    }

    /** The limits a new connection on {@code plan} gets now (configured, or overridden by a fault). */
    public PlanLimits limits(Plan plan) {
        PlanLimits configured = options.planLimits().get(plan);
        LimitOverride override = limitOverride;
        return override == null ? configured : override.applyTo(configured);
    }

    @Override
    protected Admission admit(String path, Map<String, String> parameters) {
        Channel channel = Channel.forPath(path);
        String key = parameters.getOrDefault("api_key", "");
        Plan plan = options.keys().get(key);
        if (plan == null) {
            return new Admission(HandshakeOutcome.AUTH_FAILED, "", rejecting(options.badKeyCloseCode(),
                    "Invalid API key"));
        }
        if (plan == Plan.INACTIVE) {
            return new Admission(HandshakeOutcome.FORBIDDEN, plan.wireName(), rejecting(4403,
                    "WebSocket streaming requires an active Pro, Business or Enterprise plan"));
        }
        return new Admission(HandshakeOutcome.ACCEPTED, plan.wireName(),
                new SahmkSession(this, channel, plan, limits(plan)));
    }

    private ClosingHandler rejecting(int code, String reason) {
        Optional<String> error = options.errorBeforeAuthClose()
                ? Optional.of(SahmkMessages.error(reason)) : Optional.empty();
        return new ClosingHandler(code, reason, error);
    }

    @Override
    protected void onStart(ScheduledExecutorService scheduler) {
        if (!options.updateInterval().isZero()) {
            long periodNanos = options.updateInterval().toNanos();
            ticking = scheduler.scheduleAtFixedRate(this::scheduledTick, periodNanos, periodNanos,
                    TimeUnit.NANOSECONDS);
        }
    }

    private void scheduledTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task for good; log and keep the market running.
            LOG.warn("SAHMK market tick failed", e);
        }
    }

    @Override
    protected void onStop() {
        ScheduledFuture<?> current = ticking;
        if (current != null) {
            current.cancel(false);
        }
    }

    @Override
    protected List<String> malformedFrames() {
        return List.of(
                "{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":",
                "this is not json",
                "{\"type\":\"mystery_event\",\"payload\":{\"x\":1}}",
                "{\"type\":\"quote\",\"data\":{\"price\":27.45}}",
                "{\"type\":\"quote\",\"symbol\":\"2222\"}",
                "{\"symbol\":\"2222\",\"data\":{\"price\":27.45}}",
                "{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":\"abc\"}}",
                "[]");
    }

    @Override
    protected String ghostFrame(SimulatedConnection connection, String symbol) {
        MarketGenerator.Step step = market.step(symbol);
        Channel channel = connection.handler() instanceof SahmkSession session ? session.channel() : Channel.QUOTES;
        return switch (channel) {
            case QUOTES -> SahmkMessages.quote(step.quote(), now());
            case TRADES -> SahmkMessages.trade(step.trade());
            case DEPTH -> SahmkMessages.depthSnapshot(market.book(symbol, SahmkSession.DEFAULT_DEPTH_LEVELS),
                    SahmkSession.DEFAULT_DEPTH_LEVELS);
        };
    }

    @Override
    protected void overrideLimits(OptionalInt perConnection, OptionalInt perCall, boolean announce) {
        limitOverride = new LimitOverride(perConnection, perCall);
        if (announce) {
            for (SimulatedConnection connection : openConnections()) {
                if (connection.handler() instanceof SahmkSession session && session.ready()) {
                    session.announce(connection, limitOverride.applyTo(session.limits()));
                }
            }
        }
    }

    @Override
    protected void clearLimitOverride() {
        limitOverride = null;
    }

    @Override
    protected void describe(ObjectNode status) {
        ObjectNode limits = status.putObject("limits");
        for (Plan plan : Plan.values()) {
            PlanLimits effective = limits(plan);
            limits.putObject(plan.wireName())
                    .put("max_symbols_per_connection", effective.maxSymbolsPerConnection())
                    .put("max_symbols_per_call", effective.maxSymbolsPerCall())
                    .put("subscribe_all", effective.subscribeAll());
        }
        status.put("limits_overridden", limitOverride != null);
        status.put("universe_size", market.symbols().size());
        status.put("updates_per_second", options.updatesPerSecond());
    }

    /** Values of a limits fault; empty ones keep the plan's own. */
    private record LimitOverride(OptionalInt perConnection, OptionalInt perCall) {

        PlanLimits applyTo(PlanLimits limits) {
            return new PlanLimits(perConnection.orElse(limits.maxSymbolsPerConnection()),
                    perCall.orElse(limits.maxSymbolsPerCall()), limits.subscribeAll());
        }
    }
}
