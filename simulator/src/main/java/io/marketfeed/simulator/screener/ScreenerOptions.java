package io.marketfeed.simulator.screener;

import static java.util.Objects.requireNonNull;

import io.marketfeed.simulator.SimulationOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a {@link ScreenerSimulation}: what every simulation has ({@link SimulationOptions}; no keys, as
 * clients authenticate with the JWTs it signs with {@link #secret()}; the universe maps a stock code to its previous
 * close; market data and market status every {@link #updateInterval()}) and the Screener's own. Defaults are the
 * server code's ({@code config.py}, {@code core/websocket.py}). Immutable; build with {@link #builder()}.
 */
public final class ScreenerOptions extends SimulationOptions<Void, BigDecimal> {

    private final Duration batchInterval;
    private final Duration heartbeatInterval;
    private final int maxTargetsPerRequest;
    private final int maxSubscriptionsPerConnection;
    private final int maxConnectionsPerIp;
    private final int rateLimit;
    private final Duration sessionTtl;
    private final Duration accessTokenTtl;
    private final String secret;
    private final int marketStatusEvery;
    private final boolean genericErrorsForUsers;
    private final boolean stripBatchedFields;
    private final boolean announceSessionId;

    private ScreenerOptions(Builder b) {
        super(b);
        batchInterval = b.batchInterval;
        heartbeatInterval = b.heartbeatInterval;
        maxTargetsPerRequest = b.maxTargetsPerRequest;
        maxSubscriptionsPerConnection = b.maxSubscriptionsPerConnection;
        maxConnectionsPerIp = b.maxConnectionsPerIp;
        rateLimit = b.rateLimit;
        sessionTtl = b.sessionTtl;
        accessTokenTtl = b.accessTokenTtl;
        secret = b.secret;
        marketStatusEvery = b.marketStatusEvery;
        genericErrorsForUsers = b.genericErrorsForUsers;
        stripBatchedFields = b.stripBatchedFields;
        announceSessionId = b.announceSessionId;
    }

    public static ScreenerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Three KOSPI stocks with plausible previous closes (won; demo data, not real prices). */
    public static Map<String, BigDecimal> defaultUniverse() {
        Map<String, BigDecimal> universe = new LinkedHashMap<>();
        universe.put("005930", new BigDecimal("73000"));
        universe.put("000660", new BigDecimal("145000"));
        universe.put("035720", new BigDecimal("48500"));
        return universe;
    }

    /** Batching flush period ({@code batch_interval=0.03}); zero sends every message at once. */
    public Duration batchInterval() { return batchInterval; }

    /** The unsolicited {@code pong} period (30 s). */
    public Duration heartbeatInterval() { return heartbeatInterval; }

    /** {@code TOO_MANY_TARGETS} above this (50). */
    public int maxTargetsPerRequest() { return maxTargetsPerRequest; }

    /** {@code SUBSCRIPTION_LIMIT_EXCEEDED} when current + requested exceed it (100). */
    public int maxSubscriptionsPerConnection() { return maxSubscriptionsPerConnection; }

    /** Handshakes over this per client IP get HTTP 403 (5). */
    public int maxConnectionsPerIp() { return maxConnectionsPerIp; }

    /** Outbound messages per connection per sliding second; excess is dropped with {@code RATE_LIMIT_EXCEEDED}
     *  (100); 0 disables. */
    public int rateLimit() { return rateLimit; }

    /** How long a disconnected connection's session can be restored (300 s). */
    public Duration sessionTtl() { return sessionTtl; }

    /** Lifetime of tokens issued by {@code refresh_token} (900 s). */
    public Duration accessTokenTtl() { return accessTokenTtl; }

    /** The HS256 key tokens are signed with. */
    public String secret() { return secret; }

    /** How many updates between market_status messages (20). */
    public int marketStatusEvery() { return marketStatusEvery; }

    /** Authenticated connections get every error as {@code "code":"ERROR"}, to all of the user's connections (the
     *  code's behaviour; true). */
    public boolean genericErrorsForUsers() { return genericErrorsForUsers; }

    /** Items of a batch lose their subclass fields, as pydantic serializes them as the base
     *  {@code WebSocketMessage} (true; market data keeps its fields so that the simulator is useful). */
    public boolean stripBatchedFields() { return stripBatchedFields; }

    /** Docs-shaped variant: send {@code {"type":"connected","session_id":...}} first (false: the code sends
     *  nothing). */
    public boolean announceSessionId() { return announceSessionId; }

    /** Builder with the server code's defaults, seed 7 and an update every 500 ms. Not thread safe. */
    public static final class Builder extends SimulationOptions.Builder<Void, BigDecimal, ScreenerOptions, Builder> {
        private Duration batchInterval = Duration.ofMillis(30);
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private int maxTargetsPerRequest = 50;
        private int maxSubscriptionsPerConnection = 100;
        private int maxConnectionsPerIp = 5;
        private int rateLimit = 100;
        private Duration sessionTtl = Duration.ofSeconds(300);
        private Duration accessTokenTtl = Duration.ofSeconds(900);
        private String secret = "screener-simulator-secret";
        private int marketStatusEvery = 20;
        private boolean genericErrorsForUsers = true;
        private boolean stripBatchedFields = true;
        private boolean announceSessionId;

        Builder() {
            super(Map.of(), null, null, defaultUniverse(), Duration.ofMillis(500));
            seed(7);
        }

        public Builder batchInterval(Duration value) { batchInterval = requireNonNull(value); return this; }
        public Builder heartbeatInterval(Duration value) { heartbeatInterval = requireNonNull(value); return this; }
        public Builder maxTargetsPerRequest(int value) { maxTargetsPerRequest = value; return this; }
        public Builder maxSubscriptionsPerConnection(int value) { maxSubscriptionsPerConnection = value; return this; }
        public Builder maxConnectionsPerIp(int value) { maxConnectionsPerIp = value; return this; }
        public Builder rateLimit(int value) { rateLimit = value; return this; }
        public Builder sessionTtl(Duration value) { sessionTtl = requireNonNull(value); return this; }
        public Builder accessTokenTtl(Duration value) { accessTokenTtl = requireNonNull(value); return this; }
        public Builder secret(String value) { secret = requireNonNull(value); return this; }
        public Builder marketStatusEvery(int value) { marketStatusEvery = value; return this; }
        public Builder genericErrorsForUsers(boolean value) { genericErrorsForUsers = value; return this; }
        public Builder stripBatchedFields(boolean value) { stripBatchedFields = value; return this; }
        public Builder announceSessionId(boolean value) { announceSessionId = value; return this; }

        @Override
        protected void check(ScreenerOptions options) {
            if (maxTargetsPerRequest < 1 || maxSubscriptionsPerConnection < 1 || maxConnectionsPerIp < 1
                    || rateLimit < 0 || marketStatusEvery < 1) {
                throw new IllegalArgumentException("limits must be positive (rate limit 0 disables it)");
            }
            if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
                throw new IllegalArgumentException("heartbeatInterval must be positive");
            }
        }

        @Override
        protected ScreenerOptions create() {
            return new ScreenerOptions(this);
        }

        @Override
        public ScreenerSimulation newSimulation() {
            return new ScreenerSimulation(build());
        }
    }
}
