package io.marketfeed.simulator.alltick;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketfeed.simulator.AbstractSimulation;
import io.marketfeed.simulator.BookState;
import io.marketfeed.simulator.HandshakeOutcome;
import io.marketfeed.simulator.MarketGenerator;
import io.marketfeed.simulator.SimulatedConnection;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.Target;
import io.marketfeed.simulator.TickSizeTable;
import java.math.BigDecimal;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol-faithful AllTick server on the official {@code cmd_id} protocol (protocols.md §4): stocks and indices
 * on {@code /quote-stock-b-ws-api}, everything else on {@code /quote-b-ws-api}, authenticated by the {@code token}
 * query parameter against configured tokens, each on a {@link Plan}. See {@link AlltickSession} for the requests
 * and {@link AlltickOptions} for what can be tuned.
 *
 * <p>What it enforces: replace semantics per list per connection; pacing (a request less than the request gap
 * after the connection's previous one, or less than the cross-connection gap after another connection's request
 * of the same token, is refused and not applied); the heartbeat timeout (a connection without {@code 22000} for
 * that long is closed); the plan's connections per token per endpoint ({@code 606} and a close); the plan's codes
 * per list (the excess is acknowledged and never served). Everything refused is recorded ({@link #refusals()}).
 *
 * <p>A seeded {@link MarketGenerator} drives the data: every
 * {@linkplain AlltickOptions#updateInterval() update interval} each code takes one step, and connections serving
 * it get a trade and an order book. With a zero interval nothing is published unless a test calls {@link #tick()}
 * or {@link #publish}. Thread safe.
 */
public final class AlltickSimulation extends AbstractSimulation {

    public static final String NAME = "alltick";
    /** Demo token on the Premium plan: 3 connections per endpoint, 200 codes per list. */
    public static final String DEMO_TOKEN = "alltick_demo_token";
    /** Demo token on the Free plan: 1 connection per endpoint, 5 codes per list. */
    public static final String FREE_TOKEN = "alltick_free_token";
    /** Demo token on the Basic plan: 1 connection per endpoint, 100 codes per list. */
    public static final String BASIC_TOKEN = "alltick_basic_token";
    /** Demo token on the Professional plan: 10 connections per endpoint, 3000 codes per list. */
    public static final String PROFESSIONAL_TOKEN = "alltick_professional_token";
    /** A token the simulator does not know: answered with {@code 401 token invalid}. */
    public static final String EXPIRED_TOKEN = "alltick_expired_token";

    private static final Logger LOG = LoggerFactory.getLogger(AlltickSimulation.class);
    /** Prices are generated on a flat grid of 0.01 and shifted to each instrument's decimals. */
    private static final TickSizeTable FLAT = TickSizeTable.of(Map.of("0", "0.01"));
    private static final long FIRST_SEQ = 1_605_509_068_000_001L;

    private final AlltickOptions options;
    private final Map<String, Instrument> instruments = new LinkedHashMap<>();
    private final MarketGenerator market;
    private final AlltickPublisher publisher = new AlltickPublisher(this);
    private final TokenLedger ledger = new TokenLedger();
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final RefusalLog refusals = new RefusalLog();
    private final AtomicInteger injectedRet = new AtomicInteger();
    /** Runtime override of the codes per list for new connections; 0 when none. */
    private volatile int codesOverride;
    private volatile ScheduledExecutorService scheduler;
    private volatile ScheduledFuture<?> ticking;
    private volatile ScheduledFuture<?> heartbeatCheck;

    /** A simulation with {@link AlltickOptions#defaults()}. */
    public AlltickSimulation() {
        this(AlltickOptions.defaults());
    }

    public AlltickSimulation(AlltickOptions options) {
        super(NAME, Arrays.stream(AlltickEndpoint.values()).map(AlltickEndpoint::path).toList(), options.clock(),
                false, options.maxPendingFrames());
        this.options = options;
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (Instrument instrument : options.universe().values()) {
            instruments.put(instrument.code(), instrument);
            prices.put(instrument.code(), instrument.generatorPrice());
        }
        this.market = new MarketGenerator(prices, options.seed(), FLAT, options.clock());
    }

    public AlltickOptions options() {
        return options;
    }

    public MarketGenerator market() {
        return market;
    }

    /** {@code ws://host:port/<endpoint path>?token=<token>} on {@code server}. */
    public static URI uri(SimulatorServer server, AlltickEndpoint endpoint, String token) {
        return server.webSocketUri(endpoint.path() + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    @Override
    public void describe(SimulatorServer server, PrintStream out) {
        out.println("AllTick (the token goes in the token query parameter; demo token " + DEMO_TOKEN + "):");
        for (AlltickEndpoint endpoint : AlltickEndpoint.values()) {
            out.printf("  %-7s%s%n", endpoint.name().toLowerCase(Locale.ROOT) + ":", uri(server, endpoint, DEMO_TOKEN));
        }
        out.println("  tokens:");
        options.keys().forEach((token, plan) -> out.printf("    %-28s%s: %d connection%s per endpoint, %d codes per "
                + "list%n", token, plan.wireName(), plan.connections(), plan.connections() == 1 ? "" : "s",
                plan.codesPerList()));
        out.printf("    %-28s%s%n", EXPIRED_TOKEN, "unknown: refused with 401 token invalid");
        out.println("  codes: stocks such as AAPL.US, 700.HK, 600519.SH on stock; EURUSD, XAUUSD, BTCUSDT on other");
    }

    /** The instrument with this code, or null when the simulator does not know it. */
    public Instrument instrument(String code) {
        return instruments.get(code);
    }

    /** One step of every code, published to the connections serving it now; returns the number of frames queued. */
    public int tick() {
        return publisher.publish(market.stepAll());
    }

    /** One step of one code, published now; returns the number of frames queued. */
    public int publish(String code) {
        if (!instruments.containsKey(code)) {
            throw new IllegalArgumentException(code + " is not in the universe; use faults().pushGhost for that");
        }
        return publisher.publish(List.of(market.step(code)));
    }

    /** The lists of every open connection, in connection order. */
    public List<ConnectionLists> lists() {
        List<ConnectionLists> all = new ArrayList<>();
        for (SimulatedConnection connection : openConnections()) {
            if (connection.handler() instanceof AlltickSession session && session.admitted()) {
                all.add(new ConnectionLists(connection.id(), session.endpoint(), session.token(), session.trades(),
                        List.copyOf(session.depth().keySet()), session.depth(), session.servedTrades(),
                        List.copyOf(session.servedDepth().keySet())));
            }
        }
        return all;
    }

    /** The lists of one open connection; empty when it is closed or unknown. */
    public Optional<ConnectionLists> lists(long connectionId) {
        return lists().stream().filter(lists -> lists.connectionId() == connectionId).findFirst();
    }

    /** Everything refused so far, oldest first (at most 10 000). */
    public List<Refusal> refusals() {
        return refusals.all();
    }

    /** Requests whose trace repeated an earlier one on the same connection (AllTick asks for unique traces). */
    public long duplicateTraces() {
        return refusals.duplicateTraces();
    }

    /**
     * Answers the next list or cancel request (of any connection) with {@code ret} instead of applying it; 606
     * also closes that connection.
     */
    public void injectNextRet(int ret) {
        if (ret < 201 || ret > 999) {
            throw new IllegalArgumentException("ret must be an error code such as 429, 600 or 606, got " + ret);
        }
        injectedRet.set(ret);
    }

    /**
     * Sends {@code ret} outside any request ({@code cmd_id} 0) to the targeted connections; 606 also closes them,
     * as AllTick does after "too many requests and connection will be closed". Returns how many were affected.
     */
    public int sendRet(Target target, int ret) {
        int count = 0;
        for (SimulatedConnection connection : openConnections()) {
            if (!(connection.handler() instanceof AlltickSession session) || !session.admitted()
                    || !(target.isAll() || Target.connection(connection.id()).equals(target))) {
                continue;
            }
            refused(connection, Refusal.Kind.INJECTED, 0, ret, "sent by a test");
            connection.send(AlltickMessages.unsolicited(ret, AlltickMessages.text(ret)));
            if (ret == 606 && session.startClosing()) {
                connection.close(1008, "too many requests");
            }
            count++;
        }
        return count;
    }

    @Override
    protected Admission admit(String path, Map<String, String> parameters) {
        AlltickEndpoint endpoint = AlltickEndpoint.forPath(path);
        String token = parameters.getOrDefault("token", "");
        Plan plan = options.keys().get(token);
        if (plan == null) {
            return new Admission(HandshakeOutcome.AUTH_FAILED, "", new RefusedToken(this));
        }
        return new Admission(HandshakeOutcome.ACCEPTED, plan.wireName(),
                new AlltickSession(this, endpoint, token, plan, codesPerList(plan)));
    }

    @Override
    protected void onStart(ScheduledExecutorService newScheduler) {
        scheduler = newScheduler;
        if (!options.updateInterval().isZero()) {
            long periodNanos = options.updateInterval().toNanos();
            ticking = newScheduler.scheduleAtFixedRate(this::scheduledTick, periodNanos, periodNanos,
                    TimeUnit.NANOSECONDS);
        }
        long timeout = options.heartbeatTimeout().toNanos();
        long check = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(timeout / 10, TimeUnit.SECONDS.toNanos(1)));
        heartbeatCheck = newScheduler.scheduleAtFixedRate(this::closeSilentConnections, check, check,
                TimeUnit.NANOSECONDS);
    }

    @Override
    protected void onStop() {
        for (ScheduledFuture<?> task : new ScheduledFuture<?>[] {ticking, heartbeatCheck}) {
            if (task != null) {
                task.cancel(false);
            }
        }
    }

    @Override
    protected List<String> malformedFrames() {
        return List.of(
                "{\"cmd_id\":22998,\"data\":{\"code\":\"AAPL.US\",\"price\":",
                "this is not json",
                "{\"cmd_id\":22777,\"data\":{\"x\":1}}",
                "{\"data\":{\"code\":\"AAPL.US\",\"price\":\"189.84\",\"volume\":\"100\"}}",
                "{\"cmd_id\":22998,\"data\":{\"price\":\"189.84\",\"volume\":\"100\"}}",
                "{\"cmd_id\":22998,\"data\":{\"code\":\"AAPL.US\",\"price\":\"abc\",\"volume\":\"100\"}}",
                "{\"cmd_id\":22999,\"data\":{\"code\":\"700.HK\",\"bids\":[{\"price\":\"x\"}],\"asks\":{}}}",
                "[]");
    }

    @Override
    protected String ghostFrame(SimulatedConnection connection, String code) {
        Instrument instrument = instruments.get(code);
        if (instrument == null) {
            instrument = Instrument.of(code, AlltickEndpoint.OTHER, Instrument.Kind.FOREX, "10.00");
        }
        return tradeText(instrument, market.step(code));
    }

    /** Limits are not announced by AllTick: the override only changes which codes are served. */
    @Override
    protected void overrideLimits(OptionalInt perConnection, OptionalInt perCall, boolean announce) {
        if (perConnection.isEmpty()) {
            throw new IllegalArgumentException("AllTick has only a per-connection code limit; give perConnection");
        }
        codesOverride = perConnection.getAsInt();
        if (announce) {
            for (SimulatedConnection connection : openConnections()) {
                if (connection.handler() instanceof AlltickSession session) {
                    session.codesPerList(codesOverride);
                }
            }
        }
    }

    @Override
    protected void clearLimitOverride() {
        codesOverride = 0;
    }

    @Override
    protected void describe(ObjectNode status) {
        ObjectNode plans = status.putObject("plans");
        for (Plan plan : Plan.values()) {
            plans.putObject(plan.wireName())
                    .put("connections_per_endpoint", plan.connections())
                    .put("codes_per_list", codesPerList(plan));
        }
        status.put("request_gap_ms", options.requestGap().toMillis());
        status.put("cross_connection_gap_ms", options.crossConnectionGap().toMillis());
        status.put("heartbeat_timeout_ms", options.heartbeatTimeout().toMillis());
        status.put("refusals", refusals().size());
        status.put("duplicate_traces", refusals.duplicateTraces());
        status.put("universe_size", instruments.size());
        status.put("updates_per_second", options.updatesPerSecond());
    }

    // ---------------------------------------------------------------- package access for the sessions

    TokenLedger ledger() {
        return ledger;
    }

    int codesPerList(Plan plan) {
        int override = codesOverride;
        return override > 0 ? override : plan.codesPerList();
    }

    /** The injected ret for the next request, consumed; 0 when none. */
    int takeInjectedRet() {
        return injectedRet.getAndSet(0);
    }

    void refused(SimulatedConnection connection, Refusal.Kind kind, int cmdId, int ret, String detail) {
        LOG.debug("{}: refused ({} {}): {}", connection, kind, ret, detail);
        refusals.add(new Refusal(connection.id(), now(), kind, cmdId, ret, detail));
    }

    void duplicateTrace(SimulatedConnection connection, String trace) {
        refusals.duplicateTrace();
        LOG.debug("{}: trace {} repeated", connection, trace);
    }

    /** Runs {@code task} on the scheduler after {@code delay} (at once when zero or not started). */
    void later(Duration delay, Runnable task) {
        ScheduledExecutorService current = scheduler;
        if (current != null && !delay.isZero()) {
            try {
                current.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return;
            } catch (RejectedExecutionException e) {
                // The server is stopping: do it now.
            }
        }
        task.run();
    }

    String tradeText(Instrument instrument, MarketGenerator.Step step) {
        return AlltickMessages.trade(instrument, step.trade(), nextSeq("trade/" + instrument.code()),
                options.numberStyle(), options.tickTimeInSeconds());
    }

    String depthText(Instrument instrument, BookState book) {
        return AlltickMessages.depth(instrument, book, nextSeq("depth/" + instrument.code()), options.numberStyle(),
                options.tickTimeInSeconds());
    }

    private long nextSeq(String key) {
        return sequences.computeIfAbsent(key, ignored -> new AtomicLong(FIRST_SEQ - 1)).incrementAndGet();
    }

    private void scheduledTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task for good; log and keep the market running.
            LOG.warn("AllTick market tick failed", e);
        }
    }

    /** Closes connections that sent no heartbeat within the timeout; stalled ones are silent by design. */
    private void closeSilentConnections() {
        long now = System.nanoTime();
        long timeout = options.heartbeatTimeout().toNanos();
        for (SimulatedConnection connection : openConnections()) {
            if (connection.handler() instanceof AlltickSession session && session.admitted()
                    && !connection.isStalled() && session.silentNanos(now) > timeout && session.startClosing()) {
                LOG.debug("{}: no heartbeat for {} ms; closing", connection, session.silentNanos(now) / 1_000_000);
                connection.close(1000, "no heartbeat for " + options.heartbeatTimeout().toMillis() + " ms");
            }
        }
    }

    /**
     * The lists of one connection as the server holds them.
     *
     * @param trades the trade list as last replaced
     * @param depth the order-book list as last replaced
     * @param depthLevels {@code depth_level} per order-book code ({@link Integer#MAX_VALUE} when not given)
     * @param servedTrades the trade codes actually served (the first codes up to the plan's limit)
     * @param servedDepth the order-book codes actually served
     */
    public record ConnectionLists(long connectionId, AlltickEndpoint endpoint, String token, List<String> trades,
            List<String> depth, Map<String, Integer> depthLevels, List<String> servedTrades, List<String> servedDepth) {

        public ConnectionLists {
            trades = List.copyOf(trades);
            depth = List.copyOf(depth);
            depthLevels = Map.copyOf(depthLevels);
            servedTrades = List.copyOf(servedTrades);
            servedDepth = List.copyOf(servedDepth);
        }
    }
}
