package io.marketfeed.runtime.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When one connection tries again: the reconnect policy's backoff with jitter for the attempt number (which starts
 * over after a connection stayed up long enough), never less than what the failure asked for, and never sooner
 * than the endpoint's minimum gap after its previous attempt. Logs the one line per failure that says what
 * happened and when the next attempt comes.
 *
 * <p>Threading: the control thread only; the counts are read by snapshots.
 */
final class ReconnectSchedule {

    /** Under the connection's name: these are its lines. */
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final String connection;
    private final String endpoint;
    private final ProviderRuntime provider;
    private final EngineContext context;
    private int attempt;
    private long readySinceNanos;
    private volatile long reconnects;
    private ScheduledFuture<?> timer;

    ReconnectSchedule(String connection, String endpoint, ProviderRuntime provider, EngineContext context) {
        this.connection = connection;
        this.endpoint = endpoint;
        this.provider = provider;
        this.context = context;
    }

    /** The connection is up and confirmed: staying up for the policy's reset time starts the backoff over. */
    void ready() {
        readySinceNanos = context.nanoTime();
    }

    /**
     * Schedules {@code reconnect} after the failure described by {@code why}, logging the line (at WARN when
     * {@code warn}: the runtime or the provider decided; otherwise INFO: the network or the server did).
     *
     * @return the delay chosen
     */
    Duration schedule(Runnable reconnect, Duration minDelay, String why, boolean warn) {
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
        Duration delay = provider.reserveReconnect(endpoint, backoff);
        // Logged before the event is published, so whoever sees the event finds the line written.
        String line = connection + ": " + why + "; reconnect attempt " + attempt + " in " + Durations.format(delay);
        if (delay.compareTo(backoff) > 0) {
            line += " (the minimum gap of " + Durations.format(provider.reconnectGap(endpoint))
                    + " after the previous attempt on " + provider.id() + "/" + endpoint + ")";
        }
        if (warn) {
            LOG.warn("{}", line);
        } else {
            LOG.info("{}", line);
        }
        timer = context.control().schedule(reconnect, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return delay;
    }

    /** No more reconnects: the connection is closing or failed. */
    void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** The number of the attempt in the current run of failures; 0 once connected. */
    int attempt() {
        return attempt;
    }

    /** Reconnect attempts scheduled so far. */
    long reconnects() {
        return reconnects;
    }
}
