package io.marketfeed.simulator.alltick;

import java.time.Duration;
import java.util.Locale;

/**
 * An AllTick plan and its WebSocket limits (protocols.md §4.7): connections per token on each endpoint, codes
 * per list of a connection (trades and depth each), and the least gap between connection attempts.
 */
public enum Plan {
    FREE(1, 5, Duration.ofSeconds(10)),
    BASIC(1, 100, Duration.ofSeconds(3)),
    PREMIUM(3, 200, Duration.ofSeconds(3)),
    PROFESSIONAL(10, 3000, Duration.ofSeconds(3));

    private final int connections;
    private final int codesPerList;
    private final Duration reconnectGap;

    Plan(int connections, int codesPerList, Duration reconnectGap) {
        this.connections = connections;
        this.codesPerList = codesPerList;
        this.reconnectGap = reconnectGap;
    }

    /** Connections one token may hold on each endpoint. */
    public int connections() {
        return connections;
    }

    /** Codes of one list that are served; the rest are acknowledged and ignored. */
    public int codesPerList() {
        return codesPerList;
    }

    /** Least gap between connection attempts (enforced only when the options ask for it). */
    public Duration reconnectGap() {
        return reconnectGap;
    }

    /** {@code free}, {@code basic}, {@code premium}, {@code professional}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Plan fromWireName(String name) {
        for (Plan plan : values()) {
            if (plan.wireName().equalsIgnoreCase(name.trim())) {
                return plan;
            }
        }
        throw new IllegalArgumentException("unknown AllTick plan '" + name
                + "'; use free, basic, premium or professional");
    }
}
