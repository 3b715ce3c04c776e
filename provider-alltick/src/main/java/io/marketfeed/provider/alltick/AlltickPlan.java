package io.marketfeed.provider.alltick;

import io.marketfeed.api.protocol.Limits;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * AllTick's plans and the WebSocket limits each one has (protocols.md §4.7). Connections are counted per token
 * and per endpoint (the stock and the other endpoint each have their own allowance); the code limit applies to
 * each list of a connection, trades and depth separately.
 */
public enum AlltickPlan {
    FREE("free", 1, 5, Duration.ofSeconds(10)),
    BASIC("basic", 1, 100, Duration.ofSeconds(3)),
    /** Called "Advanced" on some pages; {@code advanced} is accepted as a name for it. */
    PREMIUM("premium", 3, 200, Duration.ofSeconds(3)),
    PROFESSIONAL("professional", 10, 3000, Duration.ofSeconds(3)),
    ALL_HK_STOCKS("all-hk-stocks", 10, 3000, Duration.ofSeconds(3)),
    ALL_CN_STOCKS("all-cn-stocks", 10, 3000, Duration.ofSeconds(3)),
    ALL_US_STOCKS("all-us-stocks", 10, 3000, Duration.ofSeconds(3));

    /** One request per second per connection: a second request within the same second is refused. */
    static final Duration REQUEST_GAP = Duration.ofSeconds(1);
    /** Across connections of one token, requests at least 3 s apart (2 s before 2025-04-09). */
    static final Duration CROSS_CONNECTION_GAP = Duration.ofSeconds(3);

    private final String configName;
    private final int connections;
    private final int codesPerConnection;
    private final Duration reconnectGap;

    AlltickPlan(String configName, int connections, int codesPerConnection, Duration reconnectGap) {
        this.configName = configName;
        this.connections = connections;
        this.codesPerConnection = codesPerConnection;
        this.reconnectGap = reconnectGap;
    }

    /**
     * The limits before configured overrides. Requests carry whole lists, so the per-request limit is the
     * per-connection one.
     */
    public Limits limits() {
        return Limits.builder().maxSymbolsPerConnection(codesPerConnection).maxSymbolsPerFrame(codesPerConnection)
                .maxConnections(connections).minControlGap(REQUEST_GAP).minGlobalControlGap(CROSS_CONNECTION_GAP)
                .minReconnectGap(reconnectGap).build();
    }

    /** The name in configuration: {@code premium}. */
    public String configName() {
        return configName;
    }

    public int codesPerConnection() {
        return codesPerConnection;
    }

    /** The plan a configured name means, ignoring case and surrounding blanks. */
    public static Optional<AlltickPlan> fromConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals("advanced")) {
            return Optional.of(PREMIUM);
        }
        for (AlltickPlan plan : values()) {
            if (plan.configName.equals(wanted)) {
                return Optional.of(plan);
            }
        }
        return Optional.empty();
    }

    /** Every code limit some plan has, ascending: what a silently truncated list is truncated to. */
    static SortedSet<Integer> codeLimits() {
        SortedSet<Integer> limits = new TreeSet<>();
        for (AlltickPlan plan : values()) {
            limits.add(plan.codesPerConnection);
        }
        return limits;
    }

    /** The configured names, for messages. */
    static String names() {
        return Arrays.stream(values()).map(AlltickPlan::configName).collect(Collectors.joining(", "));
    }
}
