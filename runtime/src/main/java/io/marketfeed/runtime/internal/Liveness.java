package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.OutboundFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers of one connection attempt: the deadline for the server's ready message, the client's heartbeats,
 * and the stale check that replaces a connection on which nothing arrived for the heartbeat timeout. A silence
 * the runtime caused (reading paused because a lossless listener is behind) is never taken for a dead server.
 *
 * <p>Threading: the control thread only; it reads the liveness times the read thread writes into the
 * {@link Attempt}.
 */
final class Liveness {

    /** Under the connection's name: these are its lines, whichever class writes them. */
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final Connection connection;
    private final ProviderRuntime provider;
    private final Endpoint endpoint;
    private final EngineContext context;
    private final SubscriptionPump pump;
    private ScheduledFuture<?> readyTimer;
    private ScheduledFuture<?> heartbeatTimer;
    private ScheduledFuture<?> staleTimer;
    /** Attempts replaced because nothing arrived within the stale timeout; read by snapshots. */
    private volatile long staleDetections;

    Liveness(Connection connection, ProviderRuntime provider, Endpoint endpoint, EngineContext context,
            SubscriptionPump pump) {
        this.connection = connection;
        this.provider = provider;
        this.endpoint = endpoint;
        this.context = context;
        this.pump = pump;
    }

    /** The socket of {@code opened} is up: heartbeats and the stale check start, and the ready deadline if any. */
    void start(Attempt opened) {
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
        if (endpoint.readiness().awaitMessage()) {
            Duration deadline = endpoint.auth().kind() == AuthStyle.Kind.FIRST_MESSAGE
                    ? min(endpoint.auth().deadline(), endpoint.readiness().deadline())
                    : endpoint.readiness().deadline();
            readyTimer = context.control().schedule(() -> onReadyTimeout(opened, deadline),
                    Math.max(0, deadline.toNanos()), TimeUnit.NANOSECONDS);
        } else {
            connection.onReady(opened);
        }
    }

    /** The server confirmed the connection: no more ready deadline. */
    void ready() {
        cancel(readyTimer);
    }

    /** The attempt is over: every timer stops. */
    void stop() {
        cancel(readyTimer);
        cancel(heartbeatTimer);
        cancel(staleTimer);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void sendHeartbeat(Attempt owner) {
        if (!connection.isCurrent(owner) || owner.transport == null) {
            return;
        }
        Optional<OutboundFrame> ping;
        synchronized (owner) {
            ping = owner.session.heartbeat();
        }
        ping.ifPresent(frame -> pump.send(owner, frame));
    }

    private void checkStale(Attempt owner) {
        HeartbeatSpec heartbeat = provider.heartbeat(endpoint);
        // Paused means no data is expected; heartbeats still are, so a dead socket is noticed during a pause too.
        boolean heartbeatsFlow = heartbeat.pinger() != HeartbeatSpec.Pinger.NONE;
        if (!connection.isCurrent(owner) || (connection.isPaused() && !heartbeatsFlow)) {
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
            connection.lost(owner, why, Disposition.retry(why), lastLive(owner), true);
        }
    }

    private Instant lastLive(Attempt owner) {
        long agoNanos = context.nanoTime() - owner.lastLiveNanos;
        return context.clock().instant().minusNanos(Math.max(0, agoNanos));
    }

    private void onReadyTimeout(Attempt owner, Duration deadline) {
        if (!connection.isCurrent(owner) || connection.isReady()) {
            return;
        }
        if (endpoint.readiness().required() || endpoint.auth().kind() == AuthStyle.Kind.FIRST_MESSAGE) {
            String why = "the server did not confirm the connection within " + Durations.format(deadline);
            if (owner.transport != null) {
                owner.transport.abort();
            }
            connection.lost(owner, why, Disposition.retry(why), null, true);
        } else {
            LOG.warn("{}: no ready message within {}; subscribing anyway with the configured limits", connection.id(),
                    Durations.format(deadline));
            connection.onReady(owner);
        }
    }

    /** Attempts given up as stale so far. */
    long staleDetections() {
        return staleDetections;
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
