package io.marketfeed.provider.tickatlas;

import io.marketfeed.api.protocol.Limits;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The TickAtlas plans that include WebSocket streaming (Free and Pay-As-You-Go do not), with what the streaming
 * guide publishes for them (protocols.md §3.5, seed 003 "Understanding Credits"): Starter 5 symbols and 5 credits
 * per push, Pro 4 credits per push and at least 20 symbols, Enterprise 3 credits per push. The Pro and
 * Enterprise symbol caps are not published; 20 and 100 are assumptions, and the server's {@code authenticated}
 * message ({@code max_symbols}) beats them at runtime.
 */
public enum TickAtlasPlan {
    STARTER(5, 5),
    PRO(20, 4),
    ENTERPRISE(100, 3);

    /** "You already have 2 active WebSocket connections for this API key" (guide, connection_limit). */
    static final int MAX_CONNECTIONS_PER_KEY = 2;

    /** Not published; one second keeps a crash loop from hammering the server. */
    static final Duration MIN_RECONNECT_GAP = Duration.ofSeconds(1);

    private final int maxSymbols;
    private final int creditsPerPush;

    TickAtlasPlan(int maxSymbols, int creditsPerPush) {
        this.maxSymbols = maxSymbols;
        this.creditsPerPush = creditsPerPush;
    }

    /** Symbols one connection may carry. */
    public int maxSymbols() {
        return maxSymbols;
    }

    /** Credits one quote push costs. */
    public int creditsPerPush() {
        return creditsPerPush;
    }

    /**
     * The limits before configured overrides and server announcements. No per-request limit and no control gap
     * are published.
     */
    public Limits limits() {
        return Limits.builder().maxSymbolsPerConnection(maxSymbols).maxConnections(MAX_CONNECTIONS_PER_KEY)
                .minReconnectGap(MIN_RECONNECT_GAP).build();
    }

    /** The name used in configuration and by the server: {@code starter}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The plan a configured or announced name means, ignoring case and surrounding blanks. */
    public static Optional<TickAtlasPlan> fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(plan -> plan.configName().equals(wanted)).findFirst();
    }
}
