package io.marketfeed.simulator.tickatlas;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the server keeps per API key: its plan, the credits left today (shared by all its connections), and the
 * connections authenticated with it. Thread safe: every method locks the account.
 */
final class KeyAccount {

    private final String key;
    private final TickAtlasPlan plan;
    private final Set<Long> connections = new LinkedHashSet<>();
    private long remaining;
    /** Counts quota periods, so each connection is told about exhaustion once per period. */
    private long period;

    KeyAccount(String key, TickAtlasPlan plan) {
        this.key = key;
        this.plan = plan;
        this.remaining = plan.dailyQuota();
    }

    String key() {
        return key;
    }

    TickAtlasPlan plan() {
        return plan;
    }

    /** Takes a connection slot; false when the key already holds {@code limit} connections. */
    synchronized boolean attach(long connectionId, int limit) {
        if (connections.contains(connectionId)) {
            return true;
        }
        if (connections.size() >= limit) {
            return false;
        }
        connections.add(connectionId);
        return true;
    }

    synchronized void detach(long connectionId) {
        connections.remove(connectionId);
    }

    synchronized int connectionCount() {
        return connections.size();
    }

    /** Charges {@code cost} credits if that many are left. */
    synchronized boolean charge(long cost) {
        if (remaining < cost) {
            return false;
        }
        remaining -= cost;
        return true;
    }

    synchronized long remaining() {
        return remaining;
    }

    synchronized long period() {
        return period;
    }

    /** A new quota period: the plan's full quota again. */
    synchronized void reset() {
        remaining = plan.dailyQuota();
        period++;
    }

    synchronized void remaining(long credits) {
        if (credits < 0) {
            throw new IllegalArgumentException("credits must not be negative, got " + credits);
        }
        remaining = credits;
        if (credits > 0) {
            // Credits again: a connection that runs out later must be told again.
            period++;
        }
    }
}
