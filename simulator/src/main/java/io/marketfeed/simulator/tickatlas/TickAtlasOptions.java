package io.marketfeed.simulator.tickatlas;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Configuration of a {@link TickAtlasSimulation}. Immutable; build with {@link #builder()}. */
public final class TickAtlasOptions {

    private final Map<String, TickAtlasPlan> keys;
    private final Map<String, ForexInstrument> universe;
    private final Duration quoteInterval;
    private final Duration heartbeatInterval;
    private final Duration authDeadline;
    private final int connectionsPerKey;
    private final Duration quotaResetInterval;
    private final boolean flatQuotes;
    private final int errorCloseCode;
    private final Duration errorCloseDelay;
    private final long seed;
    private final Clock clock;
    private final int maxPendingFrames;

    private TickAtlasOptions(Builder builder) {
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(builder.keys));
        this.universe = Collections.unmodifiableMap(new LinkedHashMap<>(builder.universe));
        this.quoteInterval = builder.quoteInterval;
        this.heartbeatInterval = builder.heartbeatInterval;
        this.authDeadline = builder.authDeadline;
        this.connectionsPerKey = builder.connectionsPerKey;
        this.quotaResetInterval = builder.quotaResetInterval;
        this.flatQuotes = builder.flatQuotes;
        this.errorCloseCode = builder.errorCloseCode;
        this.errorCloseDelay = builder.errorCloseDelay;
        this.seed = builder.seed;
        this.clock = builder.clock;
        this.maxPendingFrames = builder.maxPendingFrames;
    }

    /**
     * Demo keys, the default universe, a quote per symbol every second, heartbeats every 30 s, a 10 s auth deadline,
     * 2 connections per key, seed 42.
     */
    public static TickAtlasOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The demo keys every default configuration accepts, key → plan. */
    public static Map<String, TickAtlasPlan> demoKeys() {
        Map<String, TickAtlasPlan> keys = new LinkedHashMap<>();
        keys.put(TickAtlasSimulation.DEMO_KEY, TickAtlasPlan.PRO.withDailyQuota(TickAtlasSimulation.DEMO_QUOTA));
        keys.put(TickAtlasSimulation.STARTER_KEY, TickAtlasPlan.STARTER);
        keys.put(TickAtlasSimulation.SMALL_QUOTA_KEY,
                TickAtlasPlan.STARTER.withDailyQuota(TickAtlasSimulation.SMALL_QUOTA));
        keys.put(TickAtlasSimulation.FREE_KEY, TickAtlasPlan.FREE);
        return Collections.unmodifiableMap(keys);
    }

    /** Accepted keys and their plans (each key has its own quota and connection slots). */
    public Map<String, TickAtlasPlan> keys() {
        return keys;
    }

    public Map<String, ForexInstrument> universe() {
        return universe;
    }

    /**
     * How often every symbol steps and is pushed to its subscribers; zero publishes only on
     * {@link TickAtlasSimulation#tick()}. The real server pushes about once a minute.
     */
    public Duration quoteInterval() {
        return quoteInterval;
    }

    /** How often authenticated connections get {@code {"type":"heartbeat"}}; zero sends none. Real: 30 s. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** How long a connection may take to authenticate before {@code auth_timeout}; zero for no deadline. */
    public Duration authDeadline() {
        return authDeadline;
    }

    /** Authenticated connections one key may hold at once; one more gets {@code connection_limit}. */
    public int connectionsPerKey() {
        return connectionsPerKey;
    }

    /** Besides at 00:00 UTC, every quota is reset this often (for demos); zero for only at midnight. */
    public Duration quotaResetInterval() {
        return quotaResetInterval;
    }

    /** Whether quotes use the flat shape of the older reference page instead of the guide's nested {@code data}. */
    public boolean flatQuotes() {
        return flatQuotes;
    }

    /**
     * The close code after a connection-ending error (the error code is the close reason). Not documented; 1008
     * (policy violation) is the usual choice.
     */
    public int errorCloseCode() {
        return errorCloseCode;
    }

    /**
     * How long after a connection-ending error frame the close follows; zero (the default) closes at once, as a
     * server that sends the error and closes would. A client sees both either way; a delay makes the order in which
     * it handles them deterministic for tests.
     */
    public Duration errorCloseDelay() {
        return errorCloseDelay;
    }

    public long seed() {
        return seed;
    }

    /** Clock for every timestamp on the wire, for bars, and for the midnight reset. */
    public Clock clock() {
        return clock;
    }

    /** Outstanding writes per connection before further frames are dropped (slow client protection). */
    public int maxPendingFrames() {
        return maxPendingFrames;
    }

    /** Collects options; {@link #build()} validates them all. Not thread safe. */
    public static final class Builder {

        private final Map<String, TickAtlasPlan> keys = new LinkedHashMap<>(demoKeys());
        private Map<String, ForexInstrument> universe = ForexUniverse.defaults();
        private Duration quoteInterval = Duration.ofSeconds(1);
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration authDeadline = Duration.ofSeconds(10);
        private int connectionsPerKey = 2;
        private Duration quotaResetInterval = Duration.ZERO;
        private boolean flatQuotes;
        private int errorCloseCode = 1008;
        private Duration errorCloseDelay = Duration.ZERO;
        private long seed = 42;
        private Clock clock = Clock.systemUTC();
        private int maxPendingFrames = 10_000;

        Builder() {
        }

        /** Accepts {@code key} on {@code plan} (in addition to the demo keys, unless {@link #clearKeys()}). */
        public Builder key(String key, TickAtlasPlan plan) {
            requireNonNull(key, "key is null");
            if (key.isBlank()) {
                throw new IllegalArgumentException("key is blank");
            }
            keys.put(key, requireNonNull(plan, "plan is null"));
            return this;
        }

        /** Forgets every key so far, the demo keys included. */
        public Builder clearKeys() {
            keys.clear();
            return this;
        }

        public Builder universe(Map<String, ForexInstrument> universe) {
            this.universe = new LinkedHashMap<>(universe);
            return this;
        }

        public Builder quoteInterval(Duration interval) {
            this.quoteInterval = requireNonNull(interval, "interval is null");
            return this;
        }

        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = requireNonNull(interval, "interval is null");
            return this;
        }

        public Builder authDeadline(Duration deadline) {
            this.authDeadline = requireNonNull(deadline, "deadline is null");
            return this;
        }

        public Builder connectionsPerKey(int connections) {
            this.connectionsPerKey = connections;
            return this;
        }

        public Builder quotaResetInterval(Duration interval) {
            this.quotaResetInterval = requireNonNull(interval, "interval is null");
            return this;
        }

        public Builder flatQuotes(boolean flat) {
            this.flatQuotes = flat;
            return this;
        }

        public Builder errorCloseCode(int code) {
            this.errorCloseCode = code;
            return this;
        }

        public Builder errorCloseDelay(Duration delay) {
            this.errorCloseDelay = requireNonNull(delay, "delay is null");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        public Builder maxPendingFrames(int maxPendingFrames) {
            this.maxPendingFrames = maxPendingFrames;
            return this;
        }

        public TickAtlasOptions build() {
            if (universe.isEmpty()) {
                throw new IllegalArgumentException("the universe must not be empty");
            }
            universe.forEach((symbol, instrument) -> {
                if (!symbol.equals(instrument.symbol())) {
                    throw new IllegalArgumentException("universe key " + symbol + " holds " + instrument.symbol());
                }
            });
            notNegative(quoteInterval, "quoteInterval");
            notNegative(heartbeatInterval, "heartbeatInterval");
            notNegative(authDeadline, "authDeadline");
            notNegative(quotaResetInterval, "quotaResetInterval");
            notNegative(errorCloseDelay, "errorCloseDelay");
            if (!quoteInterval.isZero() && quoteInterval.toMillis() < 1) {
                throw new IllegalArgumentException("quoteInterval must be zero or at least 1 ms");
            }
            if (connectionsPerKey < 1) {
                throw new IllegalArgumentException("connectionsPerKey must be at least 1, got " + connectionsPerKey);
            }
            boolean sendable = (errorCloseCode >= 1000 && errorCloseCode <= 1003)
                    || (errorCloseCode >= 1007 && errorCloseCode <= 1014)
                    || (errorCloseCode >= 3000 && errorCloseCode <= 4999);
            if (!sendable) {
                throw new IllegalArgumentException("errorCloseCode " + errorCloseCode + " cannot be sent in a close "
                        + "frame; use 1000-1003, 1007-1014 or 3000-4999");
            }
            if (maxPendingFrames < 1) {
                throw new IllegalArgumentException("maxPendingFrames must be at least 1, got " + maxPendingFrames);
            }
            return new TickAtlasOptions(this);
        }

        private static void notNegative(Duration duration, String name) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + duration);
            }
        }
    }
}
