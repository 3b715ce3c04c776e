package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.protocol.CreditPolicy;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.CreditSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the runtime does for one provider: the planner (wanted subscriptions, sharding), one
 * {@link Connection} per slot, the effective limits per endpoint (server-announced over configured over
 * defaults), the reconnect gap per endpoint, provider-wide pacing, credit counting, and failure.
 *
 * <p>Threading: control thread, except the counters, which the read threads use.
 */
final class ProviderRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRuntime.class);

    private final String id;
    private final FeedProtocol protocol;
    /** Whether sessions may be given the transport's buffer (SPI 1.1 and later), or need a copy they own. */
    private final boolean borrowsFrames;
    private final EngineContext context;
    private final EventCounts events = new EventCounts();
    private final java.util.concurrent.atomic.LongAdder problems = new java.util.concurrent.atomic.LongAdder();
    private final Consumer<ProviderRuntime> onFailure;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, Limits> limits = new ConcurrentHashMap<>();
    private final Map<String, HeartbeatSpec> heartbeats = new ConcurrentHashMap<>();
    private final SubscriptionPlanner planner;
    private final Map<SubscriptionPlanner.Slot, Connection> connections = new LinkedHashMap<>();
    private final List<Connection> retired = new ArrayList<>();
    private final AtomicLong ghostFrames = new AtomicLong();
    private final AtomicLong decodeErrors = new AtomicLong();
    private final CreditMeter credits;
    private final CreditPolicy creditPolicy;
    private final QuietSymbols quiet;
    private Instant warnedForReset;
    private boolean trimmed;
    private long creditTicks;
    private final Map<String, Long> warningsLoggedAt = new HashMap<>();
    private final ConnectGate gate = new ConnectGate();
    private long globalNextSendNanos;
    private boolean failed;
    private String failure;

    /** @param quietAfter silence after which a symbol whose neighbours stream is reported; zero: never */
    ProviderRuntime(String id, FeedProtocol protocol, boolean borrowsFrames, EngineContext context,
            Consumer<ProviderRuntime> onFailure, Duration quietAfter) {
        this.id = id;
        this.borrowsFrames = borrowsFrames;
        this.protocol = protocol;
        this.context = context;
        this.onFailure = onFailure;
        this.credits = protocol.credits().isMetered() ? new CreditMeter(protocol.credits(), Duration.ofMinutes(5))
                : null;
        this.creditPolicy = protocol.creditPolicy();
        this.quiet = new QuietSymbols(id, quietAfter, context);
        for (Endpoint endpoint : protocol.endpoints()) {
            endpoints.put(endpoint.id(), endpoint);
            limits.put(endpoint.id(), protocol.limits(endpoint));
            heartbeats.put(endpoint.id(), protocol.heartbeat(endpoint));
        }
        this.planner = new SubscriptionPlanner(new SubscriptionPlanner.Topology() {
            @Override
            public String endpointOf(Subscription subscription) {
                return protocol.endpointFor(subscription).id();
            }

            @Override
            public SubscribeStyle.Mode modeOf(String endpoint) {
                return endpoints.get(endpoint).subscribeStyle().mode();
            }

            @Override
            public Limits limits(String endpoint) {
                return limits.get(endpoint);
            }
        });
    }

    String id() {
        return id;
    }

    FeedProtocol protocol() {
        return protocol;
    }

    boolean borrowsFrames() {
        return borrowsFrames;
    }

    Limits limits(Endpoint endpoint) {
        return limits.get(endpoint.id());
    }

    HeartbeatSpec heartbeat(Endpoint endpoint) {
        return heartbeats.get(endpoint.id());
    }

    boolean failed() {
        return failed;
    }

    String failure() {
        return failure;
    }

    Map<String, Endpoint> endpoints() {
        return endpoints;
    }

    // ---------------------------------------------------------------- subscriptions

    void start() {
        subscribe(protocol.configuredSubscriptions());
        if (credits != null) {
            long every = context.creditSampleInterval().toNanos();
            credits.sample(context.clock().instant());
            context.control().scheduleAtFixedRate(this::creditTick, every, every, TimeUnit.NANOSECONDS);
        }
        if (quiet.enabled()) {
            long every = quiet.periodNanos();
            context.control().scheduleAtFixedRate(this::quietTick, every, every, TimeUnit.NANOSECONDS);
        }
    }

    private void quietTick() {
        if (failed) {
            return;
        }
        long now = context.nanoTime();
        for (Connection connection : connections.values()) {
            connection.checkQuiet(quiet, now);
        }
    }

    /** The provider said how a market stands: quiet symbols are not reported while it is closed. */
    void onMarketStatus(io.marketfeed.api.model.MarketStatus status) {
        quiet.marketStatus(status);
    }

    void subscribe(Collection<Subscription> subscriptions) {
        if (!failed) {
            int before = planner.wanted().size();
            apply(planner.add(subscriptions));
            if (credits != null) {
                credits.subscribed(planner.wanted().size() - before);
            }
        }
    }

    void unsubscribe(Collection<Subscription> subscriptions) {
        if (!failed) {
            apply(planner.remove(subscriptions));
        }
    }

    private void apply(SubscriptionPlanner.Changes changes) {
        for (SubscriptionPlanner.Slot slot : changes.created) {
            Connection connection = new Connection(this, slot, endpoints.get(slot.endpoint), context);
            connections.put(slot, connection);
            connection.start();
        }
        for (SubscriptionPlanner.Slot slot : changes.touched) {
            Connection connection = connections.get(slot);
            if (connection != null && !changes.created.contains(slot)) {
                connection.refreshWanted();
                connection.pump();
            }
        }
        for (SubscriptionPlanner.Slot slot : changes.emptied) {
            Connection connection = connections.remove(slot);
            planner.retire(slot);
            if (connection != null) {
                LOG.info("{}: no subscriptions left; closing", connection.id());
                connection.close("no subscriptions left");
                retired.add(connection);
            }
        }
        if (!changes.newlyUnassigned.isEmpty()) {
            reportUnassigned(changes.newlyUnassigned);
        }
    }

    private void reportUnassigned(List<Subscription> waiting) {
        Map<String, String> details = new TreeMap<>();
        details.put("count", Integer.toString(waiting.size()));
        details.put("subscriptions", waiting.size() > 20
                ? waiting.subList(0, 20) + " and " + (waiting.size() - 20) + " more" : waiting.toString());
        String endpoint = protocol.endpointFor(waiting.get(0)).id();
        Limits current = limits.get(endpoint);
        String message = waiting.size() + " subscription" + (waiting.size() == 1 ? "" : "s")
                + " do not fit the limits of " + id + "/" + endpoint + " (" + current.maxConnections() + " connections x "
                + current.maxSymbolsPerConnection() + " symbols): raise marketfeed.providers." + id
                + ".limits.max-connections if your plan allows, or subscribe to fewer symbols; they are sent as soon"
                + " as room appears";
        LOG.warn("{}", message);
        publishStatus("capacity", message, details);
    }

    // ---------------------------------------------------------------- signals

    void onLimits(Connection connection, Attempt attempt, LimitsUpdate update) {
        if (attempt.dead || attempt != connection.current()) {
            return;
        }
        String endpoint = connection.slot.endpoint;
        Limits before = limits.get(endpoint);
        Limits after = before.with(update);
        if (after.equals(before)) {
            return;
        }
        limits.put(endpoint, after);
        String message = "server limits for " + id + "/" + endpoint + ": " + after.maxSymbolsPerConnection()
                + " symbols per connection, " + after.maxSymbolsPerFrame() + " per request"
                + (update.plan().isEmpty() ? "" : " (plan " + update.plan() + ")");
        LOG.info("{}", message);
        Map<String, String> details = new TreeMap<>();
        details.put("endpoint", endpoint);
        details.put("maxSymbolsPerConnection", Integer.toString(after.maxSymbolsPerConnection()));
        details.put("maxSymbolsPerFrame", Integer.toString(after.maxSymbolsPerFrame()));
        details.put("maxConnections", Integer.toString(after.maxConnections()));
        if (!update.plan().isEmpty()) {
            details.put("plan", update.plan());
        }
        publishStatus("limits", message, details);
        apply(planner.rebalance(endpoint));
    }

    void onRejected(Connection connection, Attempt attempt, String topic, List<String> symbols, String reason) {
        if (attempt.dead || attempt != connection.current()) {
            return;
        }
        String message = id + " refused " + topic + " " + symbols + ": " + reason + " (not retried)";
        LOG.warn("{}", message);
        publishStatus("rejected", message, Map.of("topic", topic, "symbols", String.join(",", symbols),
                "reason", reason));
        apply(planner.reject(connection.slot, topic, symbols, reason));
    }

    void onSubstitute(Connection connection, Attempt attempt, String topic, String symbol, List<String> replacements,
            String reason) {
        if (attempt.dead || attempt != connection.current()) {
            return;
        }
        String message = id + " refused " + topic + " " + symbol + " (" + reason + ")"
                + (replacements.isEmpty() ? "; no fall-back list is configured"
                        : "; falling back to " + replacements.size() + " explicit symbols");
        LOG.warn("{}", message);
        publishStatus("rejected", message, Map.of("topic", topic, "symbols", symbol, "reason", reason,
                "replacements", String.join(",", replacements)));
        apply(planner.substitute(connection.slot, topic, symbol, replacements, reason));
    }

    void onCredits(CreditUpdate update) {
        if (credits != null) {
            update.costPerPush().ifPresent(credits::costPerPush);
            update.remaining().ifPresent(credits::reported);
        }
    }

    /** Samples spending; warns (and trims, when so configured) when the quota would run out before the reset. */
    private void creditTick() {
        if (failed) {
            return;
        }
        Instant now = context.clock().instant();
        credits.sample(now);
        CreditSnapshot snapshot = credits.snapshot(now);
        if (++creditTicks % 12 == 0) {
            publishStatus("credits", id + " credits: " + describe(snapshot), creditDetails(snapshot));
        }
        if (!snapshot.exhaustsBeforeReset() || snapshot.nextReset().equals(warnedForReset)) {
            return;
        }
        warnedForReset = snapshot.nextReset();
        String message = id + " will run out of credits at " + snapshot.exhaustsAt().orElseThrow()
                + ", before the quota resets at " + snapshot.nextReset() + " (" + describe(snapshot) + ")"
                + (creditPolicy.mode() == CreditPolicy.Mode.TRIM ? "; trimming to the priority list"
                        : "; subscribe to fewer symbols, or set marketfeed.providers." + id
                                + ".credits.on-forecast-exhaustion = trim with a priority list");
        LOG.warn("{}", message);
        publishStatus("credits-forecast", message, creditDetails(snapshot));
        if (creditPolicy.mode() == CreditPolicy.Mode.TRIM && !trimmed) {
            trim();
        }
    }

    private void trim() {
        trimmed = true;
        List<Subscription> dropped = new ArrayList<>();
        for (Subscription subscription : planner.wanted()) {
            if (!creditPolicy.priority().contains(subscription.symbol())) {
                dropped.add(subscription);
            }
        }
        if (dropped.isEmpty()) {
            return;
        }
        String message = id + " trimmed " + dropped.size() + " subscription" + (dropped.size() == 1 ? "" : "s")
                + " to save credits, keeping " + creditPolicy.priority();
        LOG.warn("{}", message);
        publishStatus("credits-trim", message, Map.of("dropped", dropped.toString()));
        apply(planner.remove(dropped));
    }

    private static String describe(CreditSnapshot snapshot) {
        return "used " + snapshot.used()
                + (snapshot.remaining().isPresent() ? ", remaining " + snapshot.remaining().getAsLong() : "")
                + String.format(Locale.ROOT, ", %.0f per hour", snapshot.perHour());
    }

    private static Map<String, String> creditDetails(CreditSnapshot snapshot) {
        Map<String, String> details = new TreeMap<>();
        details.put("used", Long.toString(snapshot.used()));
        snapshot.remaining().ifPresent(remaining -> details.put("remaining", Long.toString(remaining)));
        details.put("perHour", String.format(Locale.ROOT, "%.1f", snapshot.perHour()));
        snapshot.exhaustsAt().ifPresent(at -> details.put("exhaustsAt", at.toString()));
        details.put("nextReset", snapshot.nextReset().toString());
        return details;
    }

    void reportGhost(Connection connection, Subscription subscription) {
        String message = "data for " + subscription + " arrived on " + connection.id()
                + ", which does not want it: dropped, and unsubscribed again";
        LOG.info("{}", message);
        publishStatus("unwanted-data", message, Map.of("topic", subscription.topic(), "symbol", subscription.symbol(),
                "connection", connection.id()));
    }

    /** Logs a warning from a provider, at most once a minute per distinct text. */
    void warn(Connection connection, String message) {
        long now = context.nanoTime();
        Long last = warningsLoggedAt.get(message);
        if (last == null || now - last > Duration.ofMinutes(1).toNanos()) {
            warningsLoggedAt.put(message, now);
            LOG.warn("{}: {}", connection.id(), message);
            publishStatus("warning", message, Map.of("connection", connection.id()));
        }
    }

    void decodeFailed(Connection connection, InboundFrame frame, Throwable e) {
        long count = decodeErrors.incrementAndGet();
        if (count <= 10 || Long.bitCount(count) == 1) {
            LOG.warn("{}: the {} decoder threw on a frame ({} so far); the frame is skipped, the connection kept: {}",
                    connection.id(), id, count, e.toString());
        }
    }

    /** A market-data event was handed to the listeners. Read threads. */
    void countEvent(io.marketfeed.api.model.MarketEvent event) {
        events.count(event);
    }

    /** The session reported a problem with what the server sent. Read threads. */
    void countProblem() {
        problems.increment();
    }

    void countGhost() {
        ghostFrames.incrementAndGet();
    }

    void countPush() {
        if (credits != null) {
            credits.push();
        }
    }

    /** A fatal classification: stop every connection of this provider, never retry. */
    void fail(String whatToFix) {
        if (failed) {
            return;
        }
        failed = true;
        failure = whatToFix;
        LOG.error("{} stopped: {}", id, whatToFix);
        for (Connection connection : connections.values()) {
            connection.fail(whatToFix);
        }
        onFailure.accept(this);
    }

    // ---------------------------------------------------------------- pacing and connect gate

    /**
     * A connection attempt on {@code endpoint} starts now: a first connect (never held back by the minimum reconnect
     * gap) or a reserved reconnect coming due. Either counts for the gap of later reconnects on the endpoint.
     */
    void connectAttempted(String endpoint) {
        gate.attempted(endpoint, context.nanoTime());
    }

    /**
     * Reserves the next reconnect attempt on {@code endpoint}: after {@code backoff}, and no sooner than the
     * endpoint's minimum reconnect gap after its latest attempt (of any connection of that endpoint). The gap is a
     * floor, not an addition: {@code max(backoff, lastAttempt + gap - now)}.
     *
     * @return the delay until the reserved moment
     */
    Duration reserveReconnect(String endpoint, Duration backoff) {
        return Duration.ofNanos(gate.reserveReconnect(endpoint, context.nanoTime(), backoff.toNanos(),
                reconnectGap(endpoint).toNanos()));
    }

    /** The minimum gap between connection attempts on {@code endpoint}. */
    Duration reconnectGap(String endpoint) {
        Limits value = limits.get(endpoint);
        return value == null ? Duration.ZERO : value.minReconnectGap();
    }

    long globalNextSendNanos() {
        return globalNextSendNanos;
    }

    void controlFrameSent(long atNanos) {
        long gap = 0;
        for (Limits value : limits.values()) {
            gap = Math.max(gap, value.minGlobalControlGap().toNanos());
        }
        globalNextSendNanos = atNanos + Durations.withMargin(gap);
    }

    // ---------------------------------------------------------------- stop and status

    /** Starts a graceful close of every connection. */
    List<CompletableFuture<Void>> close() {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (Connection connection : connections.values()) {
            connection.close("client stopping");
            futures.add(connection.closedFuture());
        }
        for (Connection connection : retired) {
            futures.add(connection.closedFuture());
        }
        return futures;
    }

    void abortAll() {
        connections.values().forEach(Connection::abort);
        retired.forEach(Connection::abort);
    }

    private void publishStatus(String kind, String message, Map<String, String> details) {
        context.publish(new StatusEvent(id, kind, message, details, context.clock().instant()));
    }

    ProviderSnapshot snapshot() {
        List<ConnectionSnapshot> list = new ArrayList<>();
        connections.values().forEach(connection -> list.add(connection.snapshot()));
        Map<String, String> rejected = new TreeMap<>();
        planner.rejected().forEach((subscription, reason) -> rejected.put(subscription.toString(), reason));
        Optional<CreditSnapshot> creditSnapshot = credits == null ? Optional.empty()
                : Optional.of(credits.snapshot(context.clock().instant()));
        return new ProviderSnapshot(id, failed, failure, planner.wanted().size(), rejected, planner.unassigned().size(),
                ghostFrames.get(), decodeErrors.get(), creditSnapshot, list, activity());
    }

    private ProviderSnapshot.Activity activity() {
        long reconnects = 0;
        long stale = 0;
        long gaps = 0;
        Duration up = Duration.ZERO;
        List<Connection> all = new ArrayList<>(connections.values());
        all.addAll(retired);
        for (Connection connection : all) {
            reconnects += connection.reconnects();
            stale += connection.staleDetections();
            gaps += connection.gaps();
            up = up.plus(connection.upTime());
        }
        return new ProviderSnapshot.Activity(events.snapshot(), problems.sum(), reconnects, gaps, up, quiet.reports(),
                stale);
    }
}
