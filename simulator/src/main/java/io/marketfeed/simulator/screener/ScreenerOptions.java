package io.marketfeed.simulator.screener;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;

/**
 * Settings of a {@link ScreenerSimulation}. Defaults are the server code's ({@code config.py},
 * {@code core/websocket.py}).
 *
 * @param batchInterval batching flush period ({@code batch_interval=0.03}); zero sends every message at once
 * @param heartbeatInterval the unsolicited {@code pong} period (30 s)
 * @param maxTargetsPerRequest {@code TOO_MANY_TARGETS} above this (50)
 * @param maxSubscriptionsPerConnection {@code SUBSCRIPTION_LIMIT_EXCEEDED} when current + requested exceed it (100)
 * @param maxConnectionsPerIp handshakes over this per client IP get HTTP 403 (5)
 * @param rateLimit outbound messages per connection per sliding second; excess is dropped with
 *     {@code RATE_LIMIT_EXCEEDED} (100); 0 disables
 * @param sessionTtl how long a disconnected connection's session can be restored (300 s)
 * @param accessTokenTtl lifetime of tokens issued by {@code refresh_token} (900 s)
 * @param secret the HS256 key tokens are signed with
 * @param updateInterval market data period for subscribed stocks (and market status every
 *     {@code marketStatusEvery} updates); zero publishes only on {@link ScreenerSimulation#tick()}
 * @param marketStatusEvery how many updates between market_status messages
 * @param genericErrorsForUsers authenticated connections get every error as {@code "code":"ERROR"}, to all of
 *     the user's connections (the code's behaviour; true)
 * @param stripBatchedFields items of a batch lose their subclass fields, as pydantic serializes them as the base
 *     {@code WebSocketMessage} (true; market data keeps its fields so that the simulator is useful)
 * @param announceSessionId docs-shaped variant: send {@code {"type":"connected","session_id":...}} first (false:
 *     the code sends nothing)
 * @param seed the market generator seed
 * @param maxPendingFrames writes one connection may have outstanding
 * @param clock the clock
 */
public record ScreenerOptions(Duration batchInterval, Duration heartbeatInterval, int maxTargetsPerRequest,
        int maxSubscriptionsPerConnection, int maxConnectionsPerIp, int rateLimit, Duration sessionTtl,
        Duration accessTokenTtl, String secret, Duration updateInterval, int marketStatusEvery,
        boolean genericErrorsForUsers, boolean stripBatchedFields, boolean announceSessionId, long seed,
        int maxPendingFrames, Clock clock) {

    public ScreenerOptions {
        requireNonNull(batchInterval, "batchInterval is null");
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        requireNonNull(sessionTtl, "sessionTtl is null");
        requireNonNull(accessTokenTtl, "accessTokenTtl is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(updateInterval, "updateInterval is null");
        requireNonNull(clock, "clock is null");
        if (maxTargetsPerRequest < 1 || maxSubscriptionsPerConnection < 1 || maxConnectionsPerIp < 1
                || rateLimit < 0 || marketStatusEvery < 1 || maxPendingFrames < 1) {
            throw new IllegalArgumentException("limits must be positive (rate limit 0 disables it)");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeatInterval must be positive");
        }
    }

    public static ScreenerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.batchInterval = batchInterval;
        b.heartbeatInterval = heartbeatInterval;
        b.maxTargetsPerRequest = maxTargetsPerRequest;
        b.maxSubscriptionsPerConnection = maxSubscriptionsPerConnection;
        b.maxConnectionsPerIp = maxConnectionsPerIp;
        b.rateLimit = rateLimit;
        b.sessionTtl = sessionTtl;
        b.accessTokenTtl = accessTokenTtl;
        b.secret = secret;
        b.updateInterval = updateInterval;
        b.marketStatusEvery = marketStatusEvery;
        b.genericErrorsForUsers = genericErrorsForUsers;
        b.stripBatchedFields = stripBatchedFields;
        b.announceSessionId = announceSessionId;
        b.seed = seed;
        b.maxPendingFrames = maxPendingFrames;
        b.clock = clock;
        return b;
    }

    /** Builder with the server code's defaults. */
    public static final class Builder {
        private Duration batchInterval = Duration.ofMillis(30);
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private int maxTargetsPerRequest = 50;
        private int maxSubscriptionsPerConnection = 100;
        private int maxConnectionsPerIp = 5;
        private int rateLimit = 100;
        private Duration sessionTtl = Duration.ofSeconds(300);
        private Duration accessTokenTtl = Duration.ofSeconds(900);
        private String secret = "screener-simulator-secret";
        private Duration updateInterval = Duration.ofMillis(500);
        private int marketStatusEvery = 20;
        private boolean genericErrorsForUsers = true;
        private boolean stripBatchedFields = true;
        private boolean announceSessionId;
        private long seed = 7;
        private int maxPendingFrames = 10_000;
        private Clock clock = Clock.systemUTC();

        public Builder batchInterval(Duration value) { batchInterval = value; return this; }
        public Builder heartbeatInterval(Duration value) { heartbeatInterval = value; return this; }
        public Builder maxTargetsPerRequest(int value) { maxTargetsPerRequest = value; return this; }
        public Builder maxSubscriptionsPerConnection(int value) { maxSubscriptionsPerConnection = value; return this; }
        public Builder maxConnectionsPerIp(int value) { maxConnectionsPerIp = value; return this; }
        public Builder rateLimit(int value) { rateLimit = value; return this; }
        public Builder sessionTtl(Duration value) { sessionTtl = value; return this; }
        public Builder accessTokenTtl(Duration value) { accessTokenTtl = value; return this; }
        public Builder secret(String value) { secret = value; return this; }
        public Builder updateInterval(Duration value) { updateInterval = value; return this; }
        public Builder marketStatusEvery(int value) { marketStatusEvery = value; return this; }
        public Builder genericErrorsForUsers(boolean value) { genericErrorsForUsers = value; return this; }
        public Builder stripBatchedFields(boolean value) { stripBatchedFields = value; return this; }
        public Builder announceSessionId(boolean value) { announceSessionId = value; return this; }
        public Builder seed(long value) { seed = value; return this; }
        public Builder maxPendingFrames(int value) { maxPendingFrames = value; return this; }
        public Builder clock(Clock value) { clock = value; return this; }

        public ScreenerOptions build() {
            return new ScreenerOptions(batchInterval, heartbeatInterval, maxTargetsPerRequest,
                    maxSubscriptionsPerConnection, maxConnectionsPerIp, rateLimit, sessionTtl, accessTokenTtl, secret,
                    updateInterval, marketStatusEvery, genericErrorsForUsers, stripBatchedFields, announceSessionId,
                    seed, maxPendingFrames, clock);
        }
    }
}
