package io.marketfeed.provider.sahmk;

import io.marketfeed.api.protocol.Limits;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The SAHMK plans that include WebSocket streaming, with the limits SAHMK publishes for them
 * (protocols.md §1.6). The server's {@code connected.limits} beat these at runtime.
 */
public enum SahmkPlan {
    PRO(60, 20),
    BUSINESS(120, 40),
    /** "Custom by contract; current default can be 200"; 20 per call unless the enterprise profile says 100. */
    ENTERPRISE(200, 20);

    /**
     * SAHMK does not publish a connection limit per key. Ten is a safety default so that a large symbol list
     * cannot open an unbounded number of sockets; raise it with {@code limits.max-connections}.
     */
    static final int MAX_CONNECTIONS_SAFETY_DEFAULT = 10;

    /** Not published either; one second keeps a crash loop from hammering the front end. */
    static final Duration MIN_RECONNECT_GAP = Duration.ofSeconds(1);

    private final int maxSymbolsPerConnection;
    private final int maxSymbolsPerCall;

    SahmkPlan(int maxSymbolsPerConnection, int maxSymbolsPerCall) {
        this.maxSymbolsPerConnection = maxSymbolsPerConnection;
        this.maxSymbolsPerCall = maxSymbolsPerCall;
    }

    /** The limits before configured overrides and server announcements. No control gap is published. */
    public Limits limits() {
        return Limits.builder().maxSymbolsPerConnection(maxSymbolsPerConnection).maxSymbolsPerFrame(maxSymbolsPerCall)
                .maxConnections(MAX_CONNECTIONS_SAFETY_DEFAULT).minReconnectGap(MIN_RECONNECT_GAP).build();
    }

    /** The name used in configuration and by the server: {@code pro}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The plan a configured name means, ignoring case and surrounding blanks. */
    public static Optional<SahmkPlan> fromConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (SahmkPlan plan : values()) {
            if (plan.configName().equals(wanted)) {
                return Optional.of(plan);
            }
        }
        return Optional.empty();
    }
}
