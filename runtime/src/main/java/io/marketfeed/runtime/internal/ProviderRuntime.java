package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * defaults), the reconnect gap per endpoint, provider-wide pacing, and failure. Credits are counted by its
 * {@link CreditWatch}, status events and warnings go out through its {@link ProviderReports}.
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
    private final ProviderReports reports;
    private final CreditWatch credits;
    /** Values its servers sent that could not be read exactly; counted on the read threads. */
    private final BadValueCounts badValues;
    private final QuietSymbols quiet;
    private final ConnectGate gate = new ConnectGate();
    private long globalNextSendNanos;
    private boolean failed;
    private String failure;

    private final long maxMessageSize;

    /**
     * @param quietAfter silence after which a symbol whose neighbours stream is reported; zero: never
     * @param maxMessageSize the largest message its servers may send, in bytes
     */
    ProviderRuntime(String id, FeedProtocol protocol, boolean borrowsFrames, EngineContext context,
            Consumer<ProviderRuntime> onFailure, Duration quietAfter, long maxMessageSize) {
        this.id = id;
        this.maxMessageSize = maxMessageSize;
        this.borrowsFrames = borrowsFrames;
        this.protocol = protocol;
        this.context = context;
        this.onFailure = onFailure;
        this.reports = new ProviderReports(id, context);
        this.credits = new CreditWatch(id, protocol, context, reports);
        this.badValues = BadValueCounts.of(id, context);
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


    void start() {
        subscribe(protocol.configuredSubscriptions());
        credits.start(() -> failed, planner::wanted, dropped -> apply(planner.remove(dropped)));
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
            credits.subscribed(planner.wanted().size() - before);
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
                connection.requests().pump();
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
            String endpoint = protocol.endpointFor(changes.newlyUnassigned.get(0)).id();
            reports.unassigned(changes.newlyUnassigned, endpoint, limits.get(endpoint));
        }
    }

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
        reports.status("limits", message, details);
        apply(planner.rebalance(endpoint));
    }

    void onRejected(Connection connection, Attempt attempt, String topic, List<String> named, String reason) {
        if (attempt.dead || attempt != connection.current()) {
            return;
        }
        // A refusal naming no symbols ("too many symbols") refuses the request it answers.
        List<String> symbols = named.isEmpty() ? connection.slot.ledger.unnamedRefusal(topic) : named;
        if (symbols.isEmpty()) {
            reports.warn(connection, "the server refused a " + topic + " request without naming symbols, and none "
                    + "is outstanding (" + reason + ")");
            return;
        }
        String message = id + " refused " + topic + " " + symbols + ": " + reason + " (not retried)";
        LOG.warn("{}", message);
        reports.status("rejected", message, Map.of("topic", topic, "symbols", String.join(",", symbols),
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
        reports.status("rejected", message, Map.of("topic", topic, "symbols", symbol, "reason", reason,
                "replacements", String.join(",", replacements)));
        apply(planner.substitute(connection.slot, topic, symbol, replacements, reason));
    }

    void onCredits(CreditUpdate update) {
        credits.onCredits(update);
    }

    /** The largest message this provider's servers may send, in bytes. */
    long maxMessageSize() {
        return maxMessageSize;
    }

    /** The counts of bad values, which the read threads report into. */
    BadValueCounts badValues() {
        return badValues;
    }

    /** Status events and the lines that go with them. */
    ProviderReports reports() {
        return reports;
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
        credits.push();
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

    ProviderSnapshot snapshot() {
        List<ConnectionSnapshot> list = new ArrayList<>();
        connections.values().forEach(connection -> list.add(connection.snapshot()));
        Map<String, String> rejected = new TreeMap<>();
        planner.rejected().forEach((subscription, reason) -> rejected.put(subscription.toString(), reason));
        return new ProviderSnapshot(id, failed, failure, planner.wanted().size(), rejected, planner.unassigned().size(),
                ghostFrames.get(), reports.decodeErrors(), credits.snapshot(), list, activity(), badValues.snapshot());
    }

    private ProviderSnapshot.Activity activity() {
        long reconnects = 0;
        long stale = 0;
        long gaps = 0;
        Duration up = Duration.ZERO;
        List<Connection> all = new ArrayList<>(connections.values());
        all.addAll(retired);
        for (Connection connection : all) {
            Connection.Stats stats = connection.stats();
            reconnects += stats.reconnects();
            stale += stats.staleDetections();
            gaps += stats.gaps();
            up = up.plus(stats.upTime());
        }
        return new ProviderSnapshot.Activity(events.snapshot(), problems.sum(), reconnects, gaps, up, quiet.reports(),
                stale);
    }
}
