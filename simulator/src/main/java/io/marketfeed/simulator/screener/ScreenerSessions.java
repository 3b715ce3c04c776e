package io.marketfeed.simulator.screener;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the Screener's connection manager keeps beyond one socket: the connection count per client IP with its cap
 * ({@code connect} refuses over it), and the sessions {@code save_session} keeps after a disconnect for the session
 * TTL until {@code restore_session} takes them. Thread safe: concurrent maps updated atomically per entry, shared by
 * the Jetty threads that upgrade and close connections and by tests.
 */
final class ScreenerSessions {

    /** A disconnected connection's state, as {@code save_session} keeps it. */
    record SavedSession(Map<String, List<String>> subscriptions, String userId, long lastSequence, Instant expires) {
    }

    private final int maxConnectionsPerIp;
    private final Duration ttl;
    private final Map<String, Integer> perIp = new ConcurrentHashMap<>();
    private final Map<String, SavedSession> saved = new ConcurrentHashMap<>();
    private final AtomicLong refusedOverCap = new AtomicLong();
    private final AtomicLong restorations = new AtomicLong();

    ScreenerSessions(int maxConnectionsPerIp, Duration ttl) {
        this.maxConnectionsPerIp = maxConnectionsPerIp;
        this.ttl = ttl;
    }

    /** Takes a connection slot of {@code ip}; false (and counted as refused) when it already holds the cap. */
    boolean admit(String ip) {
        boolean[] admitted = {false};
        perIp.compute(ip, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxConnectionsPerIp) {
                return now;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            refusedOverCap.incrementAndGet();
        }
        return admitted[0];
    }

    /** Gives back a slot {@link #admit} took. */
    void release(String ip) {
        perIp.computeIfPresent(ip, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** {@code save_session}: the connection's state, kept under its id until {@code now} plus the TTL. */
    void save(String connectionId, Map<String, List<String>> subscriptions, String userId, long lastSequence,
            Instant now) {
        saved.put(connectionId, new SavedSession(subscriptions, userId, lastSequence, now.plus(ttl)));
    }

    /** Whether a session saved under {@code id} is still there at {@code now}. */
    boolean restorable(String id, Instant now) {
        expire(now);
        return saved.containsKey(id);
    }

    /** {@code restore_session}: the saved session if known, unexpired and (with a valid token) the same user. */
    SavedSession take(String id, String userId, Instant now) {
        expire(now);
        SavedSession session = saved.get(id);
        if (session == null || (userId != null && session.userId() != null && !userId.equals(session.userId()))) {
            return null;
        }
        saved.remove(id);
        restorations.incrementAndGet();
        return session;
    }

    /** Sessions saved and not yet restored or expired at {@code now}. */
    int saved(Instant now) {
        expire(now);
        return saved.size();
    }

    long refusedOverCap() {
        return refusedOverCap.get();
    }

    long restorations() {
        return restorations.get();
    }

    private void expire(Instant now) {
        saved.values().removeIf(session -> !now.isBefore(session.expires()));
    }
}
