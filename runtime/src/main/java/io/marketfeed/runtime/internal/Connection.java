package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.Secret;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.ConnectionSnapshot;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection slot of a provider ({@code sahmk/quotes#1}) across all its reconnects: the state machine,
 * timers (readiness deadline, heartbeat, staleness, backoff, pacing, acknowledgement), and the blind
 * window that becomes a gap event.
 *
 * <p>Threading: every method except {@link #decode} and the transport callbacks runs on the control thread,
 * which owns all mutable fields. Transport callbacks only record times and post to the control thread;
 * {@link #decode} runs on the provider's decode thread and posts its control signals.
 */
final class Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final Duration GHOST_RESEND_INTERVAL = Duration.ofSeconds(30);

    private final ProviderRuntime provider;
    final SubscriptionPlanner.Slot slot;
    private final Endpoint endpoint;
    private final String id;
    private final EngineContext context;
    private final AtomicLong framesTotal = new AtomicLong();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Map<Subscription, Long> ghostHandledAt = new HashMap<>();
    /** The last market-data event per symbol: written by the read thread, checked for quiet symbols here. */
    private final SymbolClocks clocks = new SymbolClocks();

    /** Read by the read thread to drop data nobody wants: symbols by topic. */
    private volatile Map<String, Set<String>> wantedByTopic = Map.of();
    private volatile Set<String> wildcardTopics = Set.of();
    private volatile Instant lastFrameAt;

    private ConnectionState state = ConnectionState.CONNECTING;
    private String reason;
    private int attempt;
    private int generation;
    private Attempt current;
    private boolean ready;
    private volatile boolean paused;
    private boolean closing;
    /** Why we closed, reported instead of the server's echo of our own close frame. */
    private String closeReason;
    private boolean failed;
    private long readySinceNanos;
    /** Since when the socket has been up (connected or paused by the server), or -1; with the time before. */
    private long upSinceNanos = -1;
    private long upNanos;
    private long reconnects;
    /** Attempts replaced because nothing arrived within the stale timeout; control thread, read by snapshots. */
    private volatile long staleDetections;
    private long gaps;
    private long nextSendNanos;
    private ScheduledFuture<?> readyTimer;
    private ScheduledFuture<?> heartbeatTimer;
    private ScheduledFuture<?> staleTimer;
    private ScheduledFuture<?> reconnectTimer;
    private ScheduledFuture<?> pumpTimer;
    private ScheduledFuture<?> ackTimer;
    private Instant blindSince;
    private Set<Subscription> blindSubscriptions = Set.of();
    private String blindReason;

    Connection(ProviderRuntime provider, SubscriptionPlanner.Slot slot, Endpoint endpoint, EngineContext context) {
        this.provider = provider;
        this.slot = slot;
        this.endpoint = endpoint;
        this.context = context;
        this.id = provider.id() + "/" + endpoint.id() + "#" + slot.number;
    }

    String id() {
        return id;
    }

    CompletableFuture<Void> closedFuture() {
        return closed;
    }

    // ---------------------------------------------------------------- connecting

    /**
     * First connect, at once: the minimum reconnect gap holds reconnects, not the first connect of each
     * connection (see {@link ConnectGate}).
     */
    void start() {
        refreshWanted();
        connect();
    }

    private void connect() {
        if (closing || failed) {
            return;
        }
        generation++;
        long now = context.nanoTime();
        Optional<io.marketfeed.api.protocol.ProtocolSession> previous = current == null ? Optional.empty()
                : Optional.of(current.session);
        io.marketfeed.api.protocol.ProtocolSession opened;
        try {
            opened = provider.protocol().openSession(new SessionContext(id, endpoint, previous));
        } catch (RuntimeException | LinkageError e) {
            LOG.error("{}: the {} provider could not open a session", id, provider.id(), e);
            provider.fail("the provider could not open a session for " + id + " (" + e
                    + "); this is a bug in the provider or its packaging (a missing class or jar)");
            return;
        }
        Attempt next = new Attempt(generation, opened, now);
        current = next;
        ready = false;
        paused = false;
        changeState(ConnectionState.CONNECTING, attempt == 0 ? null : "attempt " + attempt, null);
        // After the event: its time is then never later than the attempt the reconnect gap is measured from.
        provider.connectAttempted(endpoint.id());
        HeartbeatSpec heartbeat = provider.heartbeat(endpoint);
        Duration idleTimeout = heartbeat.staleTimeout().multipliedBy(4).plus(Duration.ofMinutes(1));
        Map<String, Secret> parameters;
        synchronized (next) {
            parameters = next.session.queryParameters();
        }
        next.extraSecrets = List.copyOf(parameters.values());
        next.intake = new Intake(this, next, provider, context, heartbeat);
        context.transport()
                .connect(authenticatedUri(parameters), handshakeHeaders(), endpoint.compression(), context.connectTimeout(),
                        idleTimeout, next.intake)
                .whenComplete((session, failure) -> {
                    if (failure != null) {
                        context.post(() -> onConnectFailed(next, failure));
                    }
                });
    }

    private URI authenticatedUri(Map<String, Secret> sessionParameters) {
        Map<String, Secret> parameters = new LinkedHashMap<>();
        AuthStyle auth = endpoint.auth();
        if (auth.kind() == AuthStyle.Kind.QUERY_PARAMETER) {
            parameters.put(auth.name(), auth.secret().orElseThrow());
        }
        parameters.putAll(sessionParameters);
        StringBuilder uri = new StringBuilder(endpoint.uri().toString());
        char separator = endpoint.uri().getRawQuery() == null ? '?' : '&';
        for (Map.Entry<String, Secret> parameter : parameters.entrySet()) {
            uri.append(separator).append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(parameter.getValue().reveal(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    private Map<String, String> handshakeHeaders() {
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        AuthStyle auth = endpoint.auth();
        if (auth.kind() == AuthStyle.Kind.HEADER) {
            headers.put(auth.name(), auth.secret().orElseThrow().reveal());
        }
        return headers;
    }

    /** A frame arrived on the current or a dying attempt. Read thread. */
    void frameReceived(Instant at) {
        lastFrameAt = at;
        framesTotal.incrementAndGet();
    }

    void onOpened(Attempt opened, Transport.TransportSession session) {
        opened.transport = session;
        if (opened != current || opened.dead || closing || failed) {
            session.close(1000, "not needed");
            return;
        }
        opened.lastLiveNanos = context.nanoTime();
        LOG.debug("{}: socket open to {}", id, endpoint.uri());
        if (endpoint.auth().kind() == AuthStyle.Kind.FIRST_MESSAGE) {
            Optional<OutboundFrame> auth;
            synchronized (opened) {
                auth = opened.session.authMessage();
            }
            auth.ifPresent(frame -> send(opened, frame));
        }
        startTimers(opened);
        if (endpoint.readiness().awaitMessage()) {
            Duration deadline = endpoint.auth().kind() == AuthStyle.Kind.FIRST_MESSAGE
                    ? min(endpoint.auth().deadline(), endpoint.readiness().deadline())
                    : endpoint.readiness().deadline();
            readyTimer = schedule(deadline, () -> onReadyTimeout(opened, deadline));
        } else {
            onReady(opened);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void startTimers(Attempt opened) {
        HeartbeatSpec heartbeat = provider.heartbeat(endpoint);
        if (heartbeat.pinger() == HeartbeatSpec.Pinger.CLIENT) {
            long interval = heartbeat.interval().toNanos();
            heartbeatTimer = context.control().scheduleAtFixedRate(() -> sendHeartbeat(opened), interval, interval,
                    TimeUnit.NANOSECONDS);
        }
        long check = Math.max(TimeUnit.MILLISECONDS.toNanos(20),
                Math.min(heartbeat.staleTimeout().toNanos() / 5, TimeUnit.SECONDS.toNanos(1)));
        staleTimer = context.control().scheduleAtFixedRate(() -> checkStale(opened), check, check,
                TimeUnit.NANOSECONDS);
    }

    private void sendHeartbeat(Attempt owner) {
        if (owner != current || owner.dead || owner.transport == null) {
            return;
        }
        Optional<OutboundFrame> ping;
        synchronized (owner) {
            ping = owner.session.heartbeat();
        }
        ping.ifPresent(frame -> send(owner, frame));
    }

    private void checkStale(Attempt owner) {
        HeartbeatSpec heartbeat = provider.heartbeat(endpoint);
        // Paused means no data is expected; heartbeats still are, so a dead socket is noticed during a pause too.
        boolean heartbeatsFlow = heartbeat.pinger() != HeartbeatSpec.Pinger.NONE;
        if (owner != current || owner.dead || (paused && !heartbeatsFlow)) {
            return;
        }
        if (owner.intake.pausedByUs()) {
            // We stopped reading (a lossless listener is behind): the silence is ours, not a dead server's.
            owner.lastLiveNanos = context.nanoTime();
            return;
        }
        long silence = context.nanoTime() - owner.lastLiveNanos;
        if (silence > heartbeat.staleTimeout().toNanos()) {
            staleDetections++;
            String why = "stale: no sign of life for " + Durations.format(Duration.ofNanos(silence)) + " (timeout "
                    + Durations.format(heartbeat.staleTimeout()) + ") after " + owner.frames.get() + " frames";
            Transport.TransportSession transport = owner.transport;
            if (transport != null) {
                transport.abort();
            }
            lost(owner, why, Disposition.retry(why), lastLive(owner), true);
        }
    }

    private Instant lastLive(Attempt owner) {
        long agoNanos = context.nanoTime() - owner.lastLiveNanos;
        return context.clock().instant().minusNanos(Math.max(0, agoNanos));
    }

    private void onReadyTimeout(Attempt owner, Duration deadline) {
        if (owner != current || owner.dead || ready) {
            return;
        }
        if (endpoint.readiness().required() || endpoint.auth().kind() == AuthStyle.Kind.FIRST_MESSAGE) {
            String why = "the server did not confirm the connection within " + Durations.format(deadline);
            if (owner.transport != null) {
                owner.transport.abort();
            }
            lost(owner, why, Disposition.retry(why), null, true);
        } else {
            LOG.warn("{}: no ready message within {}; subscribing anyway with the configured limits", id,
                    Durations.format(deadline));
            onReady(owner);
        }
    }

    void onReady(Attempt owner) {
        if (owner != current || owner.dead || ready || owner.transport == null) {
            return;
        }
        ready = true;
        cancel(readyTimer);
        readySinceNanos = context.nanoTime();
        int symbols = slot.ledger.desired().size();
        LOG.info("{}: connected to {} ({} subscription{})", id, endpoint.uri(), symbols, symbols == 1 ? "" : "s");
        changeState(ConnectionState.CONNECTED, null, null);
        pump();
    }

    private void onConnectFailed(Attempt failedAttempt, Throwable failure) {
        if (failedAttempt != current || failedAttempt.dead) {
            return;
        }
        List<Secret> secrets = failedAttempt.extraSecrets;
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: connection attempt failed: {}", id, ConnectFailures.debugChain(failure, endpoint, secrets));
        }
        // One readable line: what happened and what to check; the network stack's own text stays at DEBUG.
        String why = ConnectFailures.describe(failure, endpoint, secrets, context.connectTimeout());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof Transport.HandshakeException)
                && !(cause instanceof Transport.BadUrlException)) {
            cause = cause.getCause();
        }
        if (cause instanceof Transport.HandshakeException refused) {
            Disposition disposition = provider.protocol().classifyHandshake(refused.status());
            if (disposition.kind() == Disposition.Kind.FATAL) {
                String body = ConnectFailures.body(refused, endpoint, secrets);
                if (!body.isEmpty()) {
                    disposition = Disposition.fatal(disposition.message() + " (the server answered: " + body + ")");
                }
            }
            lost(failedAttempt, why, disposition, null, false);
        } else if (cause instanceof Transport.BadUrlException) {
            lost(failedAttempt, why, Disposition.fatal(why), null, false);
        } else {
            lost(failedAttempt, why, Disposition.retry(why), null, false);
        }
    }

    void onTransportClosed(Attempt owner, int code, String closeReason) {
        if (owner != current || owner.dead) {
            return;
        }
        if (LOG.isDebugEnabled() && !closeReason.isEmpty()) {
            LOG.debug("{}: closed with {}: {}", id, code, Redaction.redact(closeReason, endpoint, owner.extraSecrets));
        }
        String why = ConnectFailures.describeClose(code, closeReason, endpoint, owner.extraSecrets);
        lost(owner, why, provider.protocol().classifyClose(code, closeReason), null, false);
    }

    /**
     * The attempt is over. Opens the blind window, then retries or fails as classified. The failure is logged once,
     * with the retry it leads to ({@code warn}: at WARN, for what the runtime or the provider decided; otherwise at
     * INFO, for what the network or the server did), or, when fatal, as the provider's stop.
     */
    private void lost(Attempt owner, String why, Disposition disposition, Instant blindFrom, boolean warn) {
        owner.dead = true;
        cancelTimers();
        boolean wasReady = ready;
        ready = false;
        paused = false;
        if (closing) {
            changeState(ConnectionState.CLOSED, closeReason, null);
            closed.complete(null);
            return;
        }
        if (wasReady && blindSince == null && !slot.ledger.isEmpty()) {
            Instant from = blindFrom != null ? blindFrom : owner.lastFrameAt;
            blindSince = from != null ? from : context.clock().instant();
            blindSubscriptions = new TreeSet<>(slot.ledger.desired());
            blindReason = why;
        }
        slot.ledger.reset();
        changeState(ConnectionState.DISCONNECTED, why, null);
        switch (disposition.kind()) {
            case FATAL:
                provider.fail(disposition.message());
                break;
            default:
                scheduleReconnect(disposition.minDelay(), why, warn);
                break;
        }
    }

    private void scheduleReconnect(Duration minDelay, String why, boolean warn) {
        long now = context.nanoTime();
        if (readySinceNanos != 0 && now - readySinceNanos >= context.reconnect().resetAfter().toNanos()) {
            attempt = 0;
        }
        readySinceNanos = 0;
        attempt++;
        reconnects++;
        Duration backoff = context.reconnect().delay(attempt, context.random().getAsDouble());
        if (backoff.compareTo(minDelay) < 0) {
            backoff = minDelay;
        }
        // The endpoint's minimum gap is a floor measured from its last attempt, never added to the backoff.
        Duration delay = provider.reserveReconnect(endpoint.id(), backoff);
        // One line per failure: what happened, what to check, and when the next attempt comes. Logged before the
        // event is published, so whoever sees the event finds the line written.
        String line = id + ": " + why + "; reconnect attempt " + attempt + " in " + Durations.format(delay);
        if (delay.compareTo(backoff) > 0) {
            line += " (the minimum gap of " + Durations.format(provider.reconnectGap(endpoint.id()))
                    + " after the previous attempt on " + provider.id() + "/" + endpoint.id() + ")";
        }
        if (warn) {
            LOG.warn("{}", line);
        } else {
            LOG.info("{}", line);
        }
        changeState(ConnectionState.RECONNECTING, why, delay);
        reconnectTimer = schedule(delay, this::connect);
    }

    // ---------------------------------------------------------------- subscriptions on the wire

    /** Publishes the wanted set for the read thread. */
    void refreshWanted() {
        Map<String, Set<String>> wanted = new HashMap<>();
        Set<String> wildcards = new HashSet<>();
        for (Subscription subscription : slot.ledger.desired()) {
            if (subscription.symbol().equals("*")) {
                wildcards.add(subscription.topic());
            }
            wanted.computeIfAbsent(subscription.topic(), topic -> new HashSet<>()).add(subscription.symbol());
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        wanted.forEach((topic, symbols) -> frozen.put(topic, Set.copyOf(symbols)));
        wantedByTopic = Map.copyOf(frozen);
        wildcardTopics = Set.copyOf(wildcards);
        clocks.rebuild(slot.ledger.desired(), context.nanoTime());
    }

    /** A wanted market-data event for {@code symbol} arrived. Read thread; allocates nothing. */
    void dataSeen(String symbol, long nanos, Instant at) {
        clocks.seen(symbol, nanos, at);
    }

    /**
     * Reports symbols gone quiet while their neighbours stream, and quiet ones streaming again. While the
     * connection is not receiving (not ready, paused, a listener is behind) no symbol's silence counts.
     */
    void checkQuiet(QuietSymbols quiet, long nowNanos) {
        Attempt owner = current;
        boolean listening = ready && !paused && !closing && !failed && owner != null && !owner.dead
                && !owner.intake.pausedByUs();
        if (!listening) {
            clocks.notListening(nowNanos);
        }
        quiet.check(id, clocks, nowNanos);
    }

    /** Sends what brings the wire closer to the ledger, as fast as pacing allows. */
    void pump() {
        Attempt owner = current;
        if (!ready || owner == null || owner.dead || closing) {
            return;
        }
        Limits limits = provider.limits(endpoint);
        while (true) {
            long now = context.nanoTime();
            long earliest = Math.max(nextSendNanos, provider.globalNextSendNanos());
            if (now < earliest) {
                schedulePump(earliest - now);
                return;
            }
            Optional<WireRequest> request = slot.ledger.next(limits.maxSymbolsPerFrame());
            if (request.isEmpty()) {
                closeGapIfRecovered();
                return;
            }
            Optional<OutboundFrame> frame = encode(owner, request.get());
            if (frame.isEmpty()) {
                continue;
            }
            send(owner, frame.get());
            if (request.get().kind() == WireRequest.Kind.UNSUBSCRIBE) {
                // Data already in flight for these is expected for a moment: drop it quietly, no second request.
                for (String symbol : request.get().symbols()) {
                    ghostHandledAt.put(new Subscription(request.get().topic(), symbol), now);
                }
            }
            nextSendNanos = now + Durations.withMargin(limits.minControlGap().toNanos());
            provider.controlFrameSent(now);
            if (request.get().kind() != WireRequest.Kind.UNSUBSCRIBE) {
                armAckTimer(owner);
            }
        }
    }

    private Optional<OutboundFrame> encode(Attempt owner, WireRequest request) {
        synchronized (owner) {
            switch (request.kind()) {
                case UNSUBSCRIBE:
                    return owner.session.unsubscribe(request.topic(), request.symbols());
                default:
                    return Optional.of(owner.session.subscribe(request.topic(), request.symbols()));
            }
        }
    }

    private void schedulePump(long delayNanos) {
        if (pumpTimer == null || pumpTimer.isDone()) {
            pumpTimer = context.control().schedule(() -> {
                // Cleared first: the pump run by this timer may need to schedule the next one.
                pumpTimer = null;
                pump();
            }, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void armAckTimer(Attempt owner) {
        if (!endpoint.subscribeStyle().acknowledged()) {
            slot.ledger.assumeAcknowledged();
            return;
        }
        cancel(ackTimer);
        Duration timeout = endpoint.subscribeStyle().ackTimeout();
        ackTimer = schedule(timeout, () -> {
            if (owner == current && !owner.dead && slot.ledger.awaitingAcknowledgement()) {
                LOG.warn("{}: no acknowledgement for a subscribe request within {}; treating it as applied", id,
                        Durations.format(timeout));
                slot.ledger.assumeAcknowledged();
                closeGapIfRecovered();
            }
        });
    }

    private void send(Attempt owner, OutboundFrame frame) {
        Transport.TransportSession transport = owner.transport;
        if (transport == null) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} -> {}", id, frame.sensitive() ? "<credential>" : frame.text());
        }
        transport.send(frame.text()).exceptionally(failure -> {
            LOG.debug("{}: a send failed: {}", id, failure.getMessage());
            return null;
        });
    }

    void onAcknowledged(Attempt owner, String topic, List<String> symbols) {
        if (owner != current || owner.dead) {
            return;
        }
        slot.ledger.acknowledged(topic, symbols);
        if (!slot.ledger.awaitingAcknowledgement()) {
            cancel(ackTimer);
        }
        closeGapIfRecovered();
    }

    void onRestored(Attempt owner, String topic, List<String> symbols) {
        if (owner != current || owner.dead) {
            return;
        }
        LOG.info("{}: the server restored {} {} subscription{} from the previous session", id, symbols.size(), topic,
                symbols.size() == 1 ? "" : "s");
        slot.ledger.restored(topic, symbols);
        pump();
    }

    void onNotApplied(Attempt owner, String topic, List<String> symbols, String why) {
        if (owner != current || owner.dead) {
            return;
        }
        provider.warn(this, "the server did not apply a request for " + symbols.size() + " " + topic + " symbol"
                + (symbols.size() == 1 ? "" : "s") + " (" + why + "); sending again within the current limits");
        slot.ledger.notApplied(topic, symbols);
        pump();
    }

    /** Data came for a subscription this connection does not want: unsubscribe it, at most every 30 s. */
    void onGhost(Attempt owner, Subscription subscription) {
        if (owner != current || owner.dead || slot.ledger.wants(subscription)) {
            return;
        }
        long now = context.nanoTime();
        Long last = ghostHandledAt.get(subscription);
        if (last != null && now - last < GHOST_RESEND_INTERVAL.toNanos()) {
            return;
        }
        ghostHandledAt.put(subscription, now);
        provider.reportGhost(this, subscription);
        slot.ledger.ghost(subscription);
        pump();
    }

    private void closeGapIfRecovered() {
        if (blindSince == null || !ready || !slot.ledger.settled()) {
            return;
        }
        emitGap(context.clock().instant(), blindReason);
    }

    private void emitGap(Instant to, String why) {
        Set<Subscription> affected = blindSubscriptions;
        Instant from = blindSince;
        blindSince = null;
        blindSubscriptions = Set.of();
        if (affected.isEmpty()) {
            return;
        }
        List<String> symbols = new ArrayList<>();
        for (Subscription subscription : affected) {
            if (!symbols.contains(subscription.symbol())) {
                symbols.add(subscription.symbol());
            }
        }
        gaps++;
        LOG.info("{}: gap of {} for {} symbol{} ({})", id, Durations.format(Duration.between(from, to)),
                symbols.size(), symbols.size() == 1 ? "" : "s", why);
        context.publish(new GapEvent(provider.id(), id, symbols, from, to, why, context.clock().instant()));
    }

    /** Whether data for this subscription is wanted here. Read thread; allocates nothing. */
    boolean wants(String topic, String symbol) {
        if (wildcardTopics.contains(topic)) {
            return true;
        }
        Set<String> symbols = wantedByTopic.get(topic);
        return symbols != null && symbols.contains(symbol);
    }

    // ---------------------------------------------------------------- signals from the decoder (control thread)

    void onProblem(Attempt owner, Disposition disposition) {
        if (owner != current || owner.dead) {
            return;
        }
        if (closing && disposition.kind() != Disposition.Kind.FATAL) {
            // Stopping anyway: a complaint about the last requests changes nothing, and no reconnect follows.
            LOG.debug("{}: while closing: {}", id, disposition.message());
            return;
        }
        switch (disposition.kind()) {
            case FATAL:
                provider.fail(disposition.message());
                break;
            case RETRY:
                if (owner.transport != null) {
                    owner.transport.close(1000, "reconnecting");
                }
                lost(owner, disposition.message(), disposition, null, true);
                break;
            case PAUSE:
                if (!paused) {
                    paused = true;
                    LOG.warn("{}: paused: {}", id, disposition.message());
                    changeState(ConnectionState.PAUSED, disposition.message(), null);
                }
                break;
            case RESUME:
                resume(owner, disposition.message());
                break;
            default:
                provider.warn(this, disposition.message());
                break;
        }
    }

    boolean isPaused() {
        return paused;
    }

    void onData(Attempt owner) {
        if (paused && owner == current && !owner.dead) {
            resume(owner, "data flows again");
        }
    }

    private void resume(Attempt owner, String why) {
        if (paused) {
            paused = false;
            owner.lastLiveNanos = context.nanoTime();
            LOG.info("{}: resumed: {}", id, why);
            changeState(ConnectionState.CONNECTED, why, null);
        }
    }

    void onLost(Attempt owner, Instant from, String why) {
        if (owner != current || owner.dead) {
            return;
        }
        Instant to = owner.lastFrameAt != null ? owner.lastFrameAt : context.clock().instant();
        blindSince = from.isAfter(to) ? to : from;
        blindSubscriptions = new TreeSet<>(slot.ledger.desired());
        emitGap(to, why);
    }

    Attempt current() {
        return current;
    }

    // ---------------------------------------------------------------- stopping

    /** Graceful close: unsubscribe everything on the wire, then close with 1000. */
    void close(String why) {
        if (closing) {
            return;
        }
        closing = true;
        closeReason = why;
        cancelTimers();
        cancel(reconnectTimer);
        Attempt owner = current;
        if (owner != null && !owner.dead && owner.transport != null) {
            // With replace-all semantics the lists die with the connection; cancel requests would only break
            // the provider's pacing (AllTick refuses requests less than a second apart).
            if (ready && slot.ledger.mode() == io.marketfeed.api.protocol.SubscribeStyle.Mode.ADDITIVE) {
                unsubscribeAll(owner);
            }
            owner.transport.close(1000, why);
        } else {
            if (owner != null) {
                owner.dead = true;
                if (owner.transport != null) {
                    owner.transport.abort();
                }
            }
            changeState(ConnectionState.CLOSED, why, null);
            closed.complete(null);
        }
    }

    private void unsubscribeAll(Attempt owner) {
        Limits limits = provider.limits(endpoint);
        Map<String, List<String>> byTopic = new LinkedHashMap<>();
        for (Subscription subscription : slot.ledger.onWire()) {
            byTopic.computeIfAbsent(subscription.topic(), topic -> new ArrayList<>()).add(subscription.symbol());
        }
        byTopic.forEach((topic, symbols) -> {
            int step = limits.maxSymbolsPerFrame();
            for (int from = 0; from < symbols.size(); from += step) {
                List<String> chunk = symbols.subList(from, Math.min(symbols.size(), from + step));
                Optional<OutboundFrame> frame;
                synchronized (owner) {
                    frame = owner.session.unsubscribe(topic, chunk);
                }
                frame.ifPresent(f -> send(owner, f));
            }
        });
    }

    /** Stops after a fatal classification: no unsubscribe, no retry. */
    void fail(String what) {
        if (failed || closing) {
            return;
        }
        failed = true;
        cancelTimers();
        cancel(reconnectTimer);
        Attempt owner = current;
        if (owner != null && !owner.dead) {
            owner.dead = true;
            if (owner.transport != null) {
                owner.transport.close(1000, "provider failed");
            }
        }
        if (blindSince != null) {
            emitGap(context.clock().instant(), "provider failed: " + what);
        }
        changeState(ConnectionState.FAILED, what, null);
        closed.complete(null);
    }

    /** The stop timeout passed: drop the socket. */
    void abort() {
        Attempt owner = current;
        if (owner != null && owner.transport != null) {
            owner.transport.abort();
        }
        if (!closed.isDone()) {
            changeState(ConnectionState.CLOSED, "stop timeout", null);
            closed.complete(null);
        }
    }

    // ---------------------------------------------------------------- helpers

    private void changeState(ConnectionState next, String why, Duration nextAttemptIn) {
        boolean up = next == ConnectionState.CONNECTED || next == ConnectionState.PAUSED;
        if (up && upSinceNanos < 0) {
            upSinceNanos = context.nanoTime();
        } else if (!up && upSinceNanos >= 0) {
            upNanos += context.nanoTime() - upSinceNanos;
            upSinceNanos = -1;
        }
        state = next;
        reason = why;
        context.publish(new ConnectionEvent(provider.id(), id, next, why, attempt, nextAttemptIn,
                context.clock().instant()));
    }

    private ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return context.control().schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    private void cancelTimers() {
        cancel(readyTimer);
        cancel(heartbeatTimer);
        cancel(staleTimer);
        cancel(pumpTimer);
        cancel(ackTimer);
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    /** Attempts given up as stale so far. */
    long staleDetections() {
        return staleDetections;
    }

    /** Reconnect attempts scheduled so far. */
    long reconnects() {
        return reconnects;
    }

    /** Gap events published so far. */
    long gaps() {
        return gaps;
    }

    /** How long this connection's sockets have been up, in all. */
    Duration upTime() {
        return Duration.ofNanos(upNanos + (upSinceNanos < 0 ? 0 : context.nanoTime() - upSinceNanos));
    }

    ConnectionSnapshot snapshot() {
        return new ConnectionSnapshot(provider.id(), id, endpoint.uri().toString(), state, slot.ledger.desired().size(),
                slot.ledger.confirmedCount(), framesTotal.get(), lastFrameAt, ready ? 0 : attempt, reason,
                clocks.snapshot());
    }
}
