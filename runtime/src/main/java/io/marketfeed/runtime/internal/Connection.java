package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.runtime.ConnectionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection slot of a provider ({@code sahmk/quotes#1}) across all its reconnects: the state machine that
 * opens an attempt, hears how it ended, and reconnects with backoff or stops. The rest has its own owner:
 * {@link Liveness} (ready deadline, heartbeats, staleness), {@link SubscriptionPump} (the paced requests that
 * bring the wire to the ledger), {@link GapWindow} (the blind window that becomes a gap event), and, on the read
 * side, {@link Intake} and {@link WantedSymbols}.
 *
 * <p>Threading: every method runs on the control thread, which owns all mutable fields, except the read-side
 * ones said so ({@link #frameReceived}, {@link #isPaused}; {@link WantedSymbols} for the read thread). Transport
 * callbacks and decoded signals reach it as tasks posted to the control thread, tagged with their
 * {@link Attempt}; those of an attempt that is over are ignored.
 */
final class Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final ProviderRuntime provider;
    final SubscriptionPlanner.Slot slot;
    private final Endpoint endpoint;
    private final String id;
    private final EngineContext context;
    private final AtomicLong framesTotal = new AtomicLong();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final WantedSymbols wanted = new WantedSymbols();
    private final SubscriptionPump pump;
    private final Liveness liveness;
    private final GapWindow gap;
    private final ReconnectSchedule reconnect;
    private final ConnectionStates states;
    private final Dialer dialer;
    private volatile Instant lastFrameAt;

    private int generation;
    private Attempt current;
    private boolean ready;
    private volatile boolean paused;
    private boolean closing;
    /** Why we closed, reported instead of the server's echo of our own close frame. */
    private String closeReason;
    private boolean failed;

    Connection(ProviderRuntime provider, SubscriptionPlanner.Slot slot, Endpoint endpoint, EngineContext context) {
        this.provider = provider;
        this.slot = slot;
        this.endpoint = endpoint;
        this.context = context;
        this.id = provider.id() + "/" + endpoint.id() + "#" + slot.number;
        this.pump = new SubscriptionPump(this, provider, slot, endpoint, context);
        this.liveness = new Liveness(this, provider, endpoint, context, pump);
        this.gap = new GapWindow(provider.id(), id, context);
        this.reconnect = new ReconnectSchedule(id, endpoint.id(), provider, context);
        this.states = new ConnectionStates(provider.id(), id, context);
        this.dialer = new Dialer(this, provider, endpoint, context);
    }

    String id() {
        return id;
    }

    CompletableFuture<Void> closedFuture() {
        return closed;
    }

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
        Optional<Attempt> opened = dialer.open(++generation, current);
        if (opened.isEmpty()) {
            return;
        }
        Attempt next = opened.get();
        current = next;
        ready = false;
        paused = false;
        changeState(ConnectionState.CONNECTING, reconnect.attempt() == 0 ? null : "attempt " + reconnect.attempt(),
                null);
        // After the event: its time is then never later than the attempt the reconnect gap is measured from.
        provider.connectAttempted(endpoint.id());
        dialer.dial(next, this::onConnectFailed);
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
            pump.sendAuth(opened);
        }
        liveness.start(opened);
    }

    void onReady(Attempt owner) {
        if (!isCurrent(owner) || ready || owner.transport == null) {
            return;
        }
        ready = true;
        liveness.ready();
        reconnect.ready();
        int symbols = slot.ledger.desired().size();
        LOG.info("{}: connected to {} ({} subscription{})", id, endpoint.uri(), symbols, symbols == 1 ? "" : "s");
        changeState(ConnectionState.CONNECTED, null, null);
        pump.pump();
    }

    private void onConnectFailed(Attempt owner, Throwable failure) {
        if (isCurrent(owner)) {
            end(owner, ConnectOutcome.failed(id, failure, provider.protocol(), endpoint, owner.extraSecrets, context));
        }
    }

    void onTransportClosed(Attempt owner, int code, String reason) {
        if (isCurrent(owner)) {
            end(owner, ConnectOutcome.closed(id, code, reason, provider.protocol(), endpoint, owner.extraSecrets,
                    context));
        }
    }

    /** The server sent a message over the limit: one line and a status event, then a retry with backoff. */
    void onMessageTooLarge(Attempt owner, long limit, long received) {
        if (isCurrent(owner)) {
            provider.reports().messageTooLarge(this, limit, received);
            end(owner, ConnectOutcome.tooLarge(provider.id(), limit, received));
        }
    }

    private void end(Attempt owner, ConnectOutcome.Ending ending) {
        lost(owner, ending.why(), ending.disposition(), null, ending.warn());
    }

    /**
     * The attempt is over. Opens the blind window, then retries or fails as classified. The failure is logged once,
     * with the retry it leads to ({@code warn}: at WARN, for what the runtime or the provider decided; otherwise at
     * INFO, for what the network or the server did), or, when fatal, as the provider's stop.
     */
    void lost(Attempt owner, String why, Disposition disposition, Instant blindFrom, boolean warn) {
        owner.dead = true;
        stopAttempt();
        boolean wasReady = ready;
        ready = false;
        paused = false;
        if (closing) {
            changeState(ConnectionState.CLOSED, closeReason, null);
            closed.complete(null);
            return;
        }
        if (wasReady && !slot.ledger.isEmpty()) {
            Instant from = blindFrom != null ? blindFrom : owner.lastFrameAt;
            gap.open(from != null ? from : context.clock().instant(), slot.ledger.desired(), why);
        }
        slot.ledger.reset();
        changeState(ConnectionState.DISCONNECTED, why, null);
        if (disposition.kind() == Disposition.Kind.FATAL) {
            provider.fail(disposition.message());
        } else {
            Duration delay = reconnect.schedule(this::connect, disposition.minDelay(), why, warn);
            changeState(ConnectionState.RECONNECTING, why, delay);
        }
    }


    /** Publishes the wanted set for the read thread. */
    void refreshWanted() {
        wanted.refresh(slot.ledger.desired(), context.nanoTime());
    }

    /** What this connection wants, for its read thread. */
    WantedSymbols wanted() {
        return wanted;
    }

    /** The requests that bring the wire to the ledger, and the server's answers to them. */
    SubscriptionPump requests() {
        return pump;
    }

    /**
     * Reports symbols gone quiet while their neighbours stream, and quiet ones streaming again. While the
     * connection is not receiving (not ready, paused, a listener is behind) no symbol's silence counts.
     */
    void checkQuiet(QuietSymbols quiet, long nowNanos) {
        Attempt owner = receiving();
        if (owner == null || paused || failed || owner.intake.pausedByUs()) {
            wanted.clocks().notListening(nowNanos);
        }
        quiet.check(id, wanted.clocks(), nowNanos);
    }

    /** The current attempt when it is ready and the connection is not closing; null otherwise. */
    Attempt receiving() {
        Attempt owner = current;
        return ready && owner != null && !owner.dead && !closing ? owner : null;
    }

    /** Whether {@code owner} is this connection's live attempt: signals of any other are stale. */
    boolean isCurrent(Attempt owner) {
        return owner == current && !owner.dead;
    }

    boolean isReady() {
        return ready;
    }

    /** The wire carries what the ledger wants: the blind window, if open, ends now. */
    void closeGapIfRecovered() {
        if (ready && slot.ledger.settled()) {
            gap.closeRecovered();
        }
    }

    void onProblem(Attempt owner, Disposition disposition) {
        if (!isCurrent(owner)) {
            return;
        }
        if (closing && disposition.kind() != Disposition.Kind.FATAL) {
            // Stopping anyway: a complaint about the last requests changes nothing, and no reconnect follows.
            LOG.debug("{}: while closing: {}", id, disposition.message());
            return;
        }
        switch (disposition.kind()) {
            case FATAL -> provider.fail(disposition.message());
            case RETRY -> {
                if (owner.transport != null) {
                    owner.transport.close(1000, "reconnecting");
                }
                lost(owner, disposition.message(), disposition, null, true);
            }
            case PAUSE -> {
                if (!paused) {
                    paused = true;
                    LOG.warn("{}: paused: {}", id, disposition.message());
                    changeState(ConnectionState.PAUSED, disposition.message(), null);
                }
            }
            case RESUME -> resume(owner, disposition.message());
            default -> provider.reports().warn(this, disposition.message());
        }
    }

    /** Whether the server paused this connection (no data expected). Any thread. */
    boolean isPaused() {
        return paused;
    }

    void onData(Attempt owner) {
        if (paused && isCurrent(owner)) {
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
        if (!isCurrent(owner)) {
            return;
        }
        Instant to = owner.lastFrameAt != null ? owner.lastFrameAt : context.clock().instant();
        gap.lost(from, to, slot.ledger.desired(), why);
    }

    Attempt current() {
        return current;
    }

    /** Graceful close: unsubscribe everything on the wire, then close with 1000. */
    void close(String why) {
        if (closing) {
            return;
        }
        closing = true;
        closeReason = why;
        stopAttempt();
        reconnect.cancel();
        Attempt owner = current;
        if (owner != null && !owner.dead && owner.transport != null) {
            // With replace-all semantics the lists die with the connection; cancel requests would only break
            // the provider's pacing (AllTick refuses requests less than a second apart).
            if (ready && slot.ledger.mode() == SubscribeStyle.Mode.ADDITIVE) {
                pump.unsubscribeAll(owner);
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

    /** Stops after a fatal classification: no unsubscribe, no retry. */
    void fail(String what) {
        if (failed || closing) {
            return;
        }
        failed = true;
        stopAttempt();
        reconnect.cancel();
        Attempt owner = current;
        if (owner != null && !owner.dead) {
            owner.dead = true;
            if (owner.transport != null) {
                owner.transport.close(1000, "provider failed");
            }
        }
        gap.close(context.clock().instant(), "provider failed: " + what);
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

    private void stopAttempt() {
        liveness.stop();
        pump.stop();
    }

    private void changeState(ConnectionState next, String why, Duration nextAttemptIn) {
        states.change(next, why, reconnect.attempt(), nextAttemptIn);
    }

    /**
     * What this connection went through so far.
     *
     * @param staleDetections attempts given up as stale
     * @param reconnects reconnect attempts scheduled
     * @param gaps gap events published
     * @param upTime how long its sockets have been up, in all
     */
    record Stats(long staleDetections, long reconnects, long gaps, Duration upTime) {
    }

    Stats stats() {
        return new Stats(liveness.staleDetections(), reconnect.reconnects(), gap.gaps(), states.upTime());
    }

    ConnectionSnapshot snapshot() {
        return new ConnectionSnapshot(provider.id(), id, endpoint.uri().toString(), states.state(),
                slot.ledger.desired().size(), slot.ledger.confirmedCount(), framesTotal.get(), lastFrameAt,
                ready ? 0 : reconnect.attempt(), states.reason(),
                wanted.clocks().snapshot());
    }
}
