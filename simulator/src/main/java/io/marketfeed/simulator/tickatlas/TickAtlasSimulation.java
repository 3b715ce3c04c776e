package io.marketfeed.simulator.tickatlas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketfeed.simulator.AbstractSimulation;
import io.marketfeed.simulator.HandshakeOutcome;
import io.marketfeed.simulator.SimulatedConnection;
import io.marketfeed.simulator.SimulatorServer;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol-faithful TickAtlas WebSocket server on {@code /ws/v1/quotes} (protocols.md §3, the streaming guide of
 * seed 003): first-message authentication under a deadline, plans with a symbol limit, credits per push and a daily
 * quota, a connection limit per key, server heartbeats, and quotes carrying the M1 bar. See {@link TickAtlasSession}
 * for the per-connection protocol, {@link TickAtlasAccounts} for keys, quotas and quota periods, and
 * {@link TickAtlasOptions} for what can be configured.
 *
 * <p>Every {@linkplain TickAtlasOptions#updateInterval() update interval} each instrument of a seeded
 * {@link ForexMarket} steps, and every authenticated subscriber gets one {@code quote}, charged
 * {@code credits_per_push} against its key's quota. A key whose quota is spent gets {@code quota_exceeded} once per
 * connection and quota period and no more quotes; its sockets stay open and heartbeats go on. Quotas reset at 00:00
 * UTC of the simulation's clock, on {@link #resetQuotas()} (to simulate midnight), and optionally every
 * {@linkplain TickAtlasOptions#quotaResetInterval() interval}. With a zero quote interval nothing is published
 * unless a test calls {@link #tick()} or {@link #publish}. Thread safe.
 *
 * <p>Faults: the generic ones of {@link io.marketfeed.simulator.FaultControl} (drop, stall, close, malformed, ghost,
 * refuse, limits: {@code per-connection} changes {@code max_symbols} for new authentications, and with
 * {@code announce} sends open connections a fresh {@code authenticated}), plus {@link #answerAuth(boolean)} for a
 * server that accepts sockets but never answers the auth message.
 */
public final class TickAtlasSimulation extends AbstractSimulation {

    public static final String NAME = "tickatlas";
    public static final String PATH = "/ws/v1/quotes";

    /** Demo key on Pro (20 symbols, 4 credits per push) with a generous quota of {@value #DEMO_QUOTA} credits. */
    public static final String DEMO_KEY = "ta_demo_key";
    public static final long DEMO_QUOTA = 10_000_000;
    /** Demo key on Starter (5 symbols, 5 credits per push, 50,000 credits). */
    public static final String STARTER_KEY = "ta_starter_key";
    /**
     * Demo key on Starter with a quota of {@value #SMALL_QUOTA} credits: 5 symbols at one push a second spend it in
     * a minute, for the exhaustion scenario.
     */
    public static final String SMALL_QUOTA_KEY = "ta_small_quota_key";
    public static final long SMALL_QUOTA = 1_500;
    /** Demo key on the Free plan, which may not stream: {@code forbidden}. */
    public static final String FREE_KEY = "ta_free_key";

    private static final Logger LOG = LoggerFactory.getLogger(TickAtlasSimulation.class);
    private static final int HISTORY = 1_000;

    private final TickAtlasOptions options;
    private final ForexMarket market;
    private final TickAtlasAccounts accounts;
    private final Map<String, Deque<ForexTick>> history = new HashMap<>();
    private final List<ScheduledFuture<?>> tasks = new CopyOnWriteArrayList<>();
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean answeringAuth = true;

    final AtomicLong authenticated = new AtomicLong();
    final AtomicLong invalidKeys = new AtomicLong();
    final AtomicLong forbidden = new AtomicLong();
    final AtomicLong authTimeouts = new AtomicLong();
    final AtomicLong connectionLimitRefusals = new AtomicLong();
    final AtomicLong requestsBeforeAuth = new AtomicLong();
    final AtomicLong quotaExceededSent = new AtomicLong();
    final AtomicLong pushes = new AtomicLong();
    final AtomicLong creditsCharged = new AtomicLong();
    final AtomicLong pushesWithheld = new AtomicLong();
    final AtomicLong heartbeatsSent = new AtomicLong();

    /** A simulation with {@link TickAtlasOptions#defaults()}. */
    public TickAtlasSimulation() {
        this(TickAtlasOptions.defaults());
    }

    public TickAtlasSimulation(TickAtlasOptions options) {
        super(NAME, List.of(PATH), options.clock(), false, options.maxPendingFrames());
        this.options = options;
        this.market = new ForexMarket(options.universe(), options.seed(), options.clock());
        this.accounts = new TickAtlasAccounts(options.keys(), options.quotaResetInterval(), options.clock().instant());
    }

    public TickAtlasOptions options() {
        return options;
    }

    public ForexMarket market() {
        return market;
    }

    /** {@code ws://host:port/ws/v1/quotes} on {@code server}: the key goes in the first message, not the URL. */
    public static URI uri(SimulatorServer server) {
        return server.webSocketUri(PATH);
    }

    /** {@code ws://host:port}, the base URL a client appends {@link #PATH} to. */
    public static String baseUrl(SimulatorServer server) {
        String uri = uri(server).toString();
        return uri.substring(0, uri.length() - PATH.length());
    }

    /** One step of every instrument, pushed to subscribers now; returns the number of quotes sent. */
    public int tick() {
        return publish(market.stepAll());
    }

    /** One step of one instrument, pushed to its subscribers now; returns the number of quotes sent. */
    public int publish(String symbol) {
        if (!market.contains(symbol)) {
            throw new IllegalArgumentException(symbol + " is not in the universe; use faults().pushGhost for that");
        }
        return publish(List.of(market.step(symbol)));
    }

    /** Sends a heartbeat to every authenticated connection now; returns how many were sent. */
    public int sendHeartbeats() {
        int sent = 0;
        for (SimulatedConnection connection : openConnections()) {
            if (connection.handler() instanceof TickAtlasSession session && session.authenticated()
                    && connection.send(TickAtlasMessages.heartbeat(now()))) {
                heartbeatsSent.incrementAndGet();
                sent++;
            }
        }
        return sent;
    }

    /** The latest ticks published for {@code symbol}, oldest first (at most the last 1,000). */
    public List<ForexTick> published(String symbol) {
        synchronized (history) {
            Deque<ForexTick> ticks = history.get(symbol);
            return ticks == null ? List.of() : List.copyOf(ticks);
        }
    }

    private int publish(List<ForexTick> ticks) {
        Map<String, String> texts = new LinkedHashMap<>();
        synchronized (history) {
            for (ForexTick tick : ticks) {
                texts.put(tick.symbol(), options.flatQuotes() ? TickAtlasMessages.flatQuote(tick)
                        : TickAtlasMessages.quote(tick));
                Deque<ForexTick> kept = history.computeIfAbsent(tick.symbol(), ignored -> new ArrayDeque<>());
                if (kept.size() == HISTORY) {
                    kept.removeFirst();
                }
                kept.addLast(tick);
            }
        }
        int[] sent = {0};
        for (SimulatedConnection connection : openConnections()) {
            if (!(connection.handler() instanceof TickAtlasSession session) || !session.authenticated()) {
                continue;
            }
            // Under the connection's lock: a subscribe in progress is answered before data for it flows.
            connection.atomically(() -> {
                for (String symbol : connection.subscriptions()) {
                    String text = texts.get(symbol);
                    if (text != null && session.push(connection, text)) {
                        sent[0]++;
                    }
                }
            });
        }
        return sent[0];
    }

    /** Every quota back to its plan's daily figure, as at 00:00 UTC; pushes resume on the next quote interval. */
    public void resetQuotas() {
        accounts.resetAll();
    }

    public void resetQuota(String key) {
        accounts.require(key).reset();
    }

    /** Credits left today for {@code key}. */
    public long remainingCredits(String key) {
        return accounts.require(key).remaining();
    }

    /** Sets what is left today for {@code key} (0 exhausts it at the next push). */
    public void remainingCredits(String key, long credits) {
        accounts.require(key).remaining(credits);
    }

    /** Authenticated connections currently holding a slot of {@code key}. */
    public int connectionsOf(String key) {
        return accounts.require(key).connectionCount();
    }

    /** With false, auth messages are recorded but never answered; the auth deadline still closes the socket. */
    public void answerAuth(boolean answer) {
        answeringAuth = answer;
    }

    public boolean answeringAuth() {
        return answeringAuth;
    }

    public TickAtlasCounters counters() {
        return new TickAtlasCounters(authenticated.get(), invalidKeys.get(), forbidden.get(), authTimeouts.get(),
                connectionLimitRefusals.get(), requestsBeforeAuth.get(), quotaExceededSent.get(), pushes.get(),
                creditsCharged.get(), pushesWithheld.get(), heartbeatsSent.get());
    }

    /** Zeroes {@link #counters()} and clears the generic observation; connections and quotas are untouched. */
    public void clear() {
        for (AtomicLong counter : List.of(authenticated, invalidKeys, forbidden, authTimeouts, connectionLimitRefusals,
                requestsBeforeAuth, quotaExceededSent, pushes, creditsCharged, pushesWithheld, heartbeatsSent)) {
            counter.set(0);
        }
        observation().clear();
    }

    KeyAccount account(String key) {
        return accounts.account(key);
    }

    int maxSymbols(TickAtlasPlan plan) {
        return accounts.maxSymbols(plan);
    }

    /** Schedules the auth deadline of a new connection; null when there is none. */
    ScheduledFuture<?> scheduleAuthDeadline(Runnable onDeadline) {
        ScheduledExecutorService current = scheduler;
        Duration deadline = options.authDeadline();
        if (current == null || deadline.isZero()) {
            return null;
        }
        return current.schedule(guarded("auth deadline", onDeadline), deadline.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} after {@code delay} on the scheduler, or at once when the delay is zero. */
    void later(Duration delay, Runnable task) {
        ScheduledExecutorService current = scheduler;
        if (delay.isZero() || current == null) {
            task.run();
        } else {
            current.schedule(guarded("delayed task", task), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Every handshake is accepted: TickAtlas checks the key in the first message, not at the upgrade. */
    @Override
    protected Admission admit(String path, Map<String, String> parameters) {
        return new Admission(HandshakeOutcome.ACCEPTED, "", new TickAtlasSession(this));
    }

    @Override
    protected void onStart(ScheduledExecutorService newScheduler) {
        scheduler = newScheduler;
        every(options.updateInterval(), "quote tick", this::tick);
        every(options.heartbeatInterval(), "heartbeat", this::sendHeartbeats);
        every(accounts.checkEvery(), "quota period", () -> accounts.checkPeriod(now()));
    }

    @Override
    protected void onStop() {
        tasks.forEach(task -> task.cancel(false));
    }

    private void every(Duration period, String what, Runnable task) {
        if (!period.isZero()) {
            long nanos = period.toNanos();
            tasks.add(scheduler.scheduleAtFixedRate(guarded(what, task), nanos, nanos, TimeUnit.NANOSECONDS));
        }
    }

    /** An exception would cancel a periodic task for good; log it and keep going. */
    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("TickAtlas {} failed", what, e);
            }
        };
    }

    @Override
    protected List<String> malformedFrames() {
        return List.of(
                "{\"type\":\"quote\",\"data\":{\"symbol\":\"EURUSD\",\"bid\":",
                "this is not json",
                "{\"type\":\"mystery_event\",\"payload\":{\"x\":1}}",
                "{\"type\":\"quote\",\"data\":{\"bid\":1.08423,\"ask\":1.08434}}",
                "{\"type\":\"quote\",\"data\":{\"symbol\":\"EURUSD\",\"bid\":\"abc\"}}",
                "{\"data\":{\"symbol\":\"EURUSD\",\"bid\":1.08423}}",
                "[]");
    }

    @Override
    protected String ghostFrame(SimulatedConnection connection, String symbol) {
        ForexTick tick = market.step(symbol);
        return options.flatQuotes() ? TickAtlasMessages.flatQuote(tick) : TickAtlasMessages.quote(tick);
    }

    /** {@code per-connection} sets {@code max_symbols}; TickAtlas publishes no per-request limit. */
    @Override
    protected void overrideLimits(OptionalInt perConnection, OptionalInt perCall, boolean announce) {
        if (perConnection.isEmpty()) {
            throw new UnsupportedOperationException(NAME + " has no per-call limit; give per-connection");
        }
        accounts.overrideMaxSymbols(perConnection.getAsInt());
        if (announce) {
            for (SimulatedConnection connection : openConnections()) {
                if (connection.handler() instanceof TickAtlasSession session && session.authenticated()) {
                    session.announce(connection, perConnection.getAsInt());
                }
            }
        }
    }

    @Override
    protected void clearLimitOverride() {
        accounts.overrideMaxSymbols(null);
    }

    @Override
    protected void describe(ObjectNode status) {
        accounts.describe(status.putArray("keys"));
        status.put("answering_auth", answeringAuth);
        status.put("limits_overridden", accounts.limitsOverridden());
        status.put("quote_interval_ms", options.updateInterval().toMillis());
        status.put("heartbeat_interval_ms", options.heartbeatInterval().toMillis());
        status.put("auth_deadline_ms", options.authDeadline().toMillis());
        status.put("universe_size", market.symbols().size());
        TickAtlasCounters counters = counters();
        status.putObject("tickatlas_counters")
                .put("authenticated", counters.authenticated())
                .put("invalid_keys", counters.invalidKeys())
                .put("forbidden", counters.forbidden())
                .put("auth_timeouts", counters.authTimeouts())
                .put("connection_limit_refusals", counters.connectionLimitRefusals())
                .put("requests_before_auth", counters.requestsBeforeAuth())
                .put("quota_exceeded_sent", counters.quotaExceededSent())
                .put("pushes", counters.pushes())
                .put("credits_charged", counters.creditsCharged())
                .put("pushes_withheld", counters.pushesWithheld())
                .put("heartbeats_sent", counters.heartbeatsSent());
    }

    /** Prints how to reach this simulation on {@code server}: the URL, the demo keys and their plans. */
    @Override
    public void describe(SimulatorServer server, PrintStream out) {
        out.println("TickAtlas (first-message auth; demo key " + DEMO_KEY + "):");
        out.println("  quotes: " + uri(server) + "   (base URL for marketfeed: " + baseUrl(server) + ")");
        accounts.describe(out);
        out.println("  quotes every " + millis(options.updateInterval()) + ", heartbeat every "
                + millis(options.heartbeatInterval()) + ", auth deadline " + millis(options.authDeadline()));
    }

    private static String millis(Duration duration) {
        return duration.isZero() ? "never" : duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s"
                : duration.toMillis() + " ms";
    }
}
