package io.marketfeed.simulator.alltick;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Configuration of an {@link AlltickSimulation}. Immutable; build with {@link #builder()}. */
public final class AlltickOptions {

    /** How {@code seq} and {@code tick_time} appear on the wire: the sources disagree (protocols.md §4.4). */
    public enum NumberStyle {
        /** {@code "seq":"1605509068000001","tick_time":"1677831545217"} (GitBook and every HTTP example). */
        STRINGS,
        /** {@code "seq":1605509068000001,"tick_time":1677831545217} (the GitHub documentation since 2026-06). */
        INTEGERS
    }

    private final Map<String, Plan> tokens;
    private final List<Instrument> universe;
    private final double updatesPerSecond;
    private final long seed;
    private final Clock clock;
    private final Duration requestGap;
    private final Duration crossConnectionGap;
    private final Duration connectGap;
    private final boolean heartbeatsPaced;
    private final Duration heartbeatTimeout;
    private final int pacingViolationRet;
    private final boolean refuseOverLimit;
    private final Set<String> restrictedCodes;
    private final NumberStyle numberStyle;
    private final boolean tickTimeInSeconds;
    private final Duration authCloseDelay;
    private final int maxPendingFrames;

    private AlltickOptions(Builder builder) {
        this.tokens = Map.copyOf(builder.tokens);
        this.universe = List.copyOf(builder.universe);
        this.updatesPerSecond = builder.updatesPerSecond;
        this.seed = builder.seed;
        this.clock = builder.clock;
        this.requestGap = builder.requestGap;
        this.crossConnectionGap = builder.crossConnectionGap;
        this.connectGap = builder.connectGap;
        this.heartbeatsPaced = builder.heartbeatsPaced;
        this.heartbeatTimeout = builder.heartbeatTimeout;
        this.pacingViolationRet = builder.pacingViolationRet;
        this.refuseOverLimit = builder.refuseOverLimit;
        this.restrictedCodes = Set.copyOf(builder.restrictedCodes);
        this.numberStyle = builder.numberStyle;
        this.tickTimeInSeconds = builder.tickTimeInSeconds;
        this.authCloseDelay = builder.authCloseDelay;
        this.maxPendingFrames = builder.maxPendingFrames;
    }

    /**
     * Demo tokens, the default universe, 2 updates per second per code, seed 42, AllTick's pacing (1 s per
     * connection, 3 s across connections) and its 30 s heartbeat timeout.
     */
    public static AlltickOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The demo tokens every default configuration accepts, token → plan. */
    public static Map<String, Plan> demoTokens() {
        Map<String, Plan> tokens = new LinkedHashMap<>();
        tokens.put(AlltickSimulation.DEMO_TOKEN, Plan.PREMIUM);
        tokens.put(AlltickSimulation.FREE_TOKEN, Plan.FREE);
        tokens.put(AlltickSimulation.BASIC_TOKEN, Plan.BASIC);
        tokens.put(AlltickSimulation.PROFESSIONAL_TOKEN, Plan.PROFESSIONAL);
        return tokens;
    }

    /** Accepted tokens and their plans; any other token gets {@code 401 token invalid}. */
    public Map<String, Plan> tokens() {
        return tokens;
    }

    public List<Instrument> universe() {
        return universe;
    }

    /** Generator steps per second per code; 0 publishes only on {@link AlltickSimulation#tick()}. */
    public double updatesPerSecond() {
        return updatesPerSecond;
    }

    public long seed() {
        return seed;
    }

    /** Clock for every timestamp on the wire and in observation. */
    public Clock clock() {
        return clock;
    }

    /** Least time between two requests on one connection (AllTick: 1 s). */
    public Duration requestGap() {
        return requestGap;
    }

    /** Least time between a request and another connection's previous request of the same token (AllTick: 3 s). */
    public Duration crossConnectionGap() {
        return crossConnectionGap;
    }

    /** Least time between two connection attempts of one token; zero (the default) does not enforce any. */
    public Duration connectGap() {
        return connectGap;
    }

    /** Whether heartbeats count as requests for pacing (AllTick does not say; default no). */
    public boolean heartbeatsPaced() {
        return heartbeatsPaced;
    }

    /** A connection without a heartbeat for this long is closed (AllTick: 30 s). */
    public Duration heartbeatTimeout() {
        return heartbeatTimeout;
    }

    /** The {@code ret} a request that comes too early gets: 606 (and the connection is closed), or 605 or 429. */
    public int pacingViolationRet() {
        return pacingViolationRet;
    }

    /**
     * Whether a list longer than the plan allows is refused with {@code 603}; by default it is acknowledged and
     * only its first codes are served, as AllTick documents.
     */
    public boolean refuseOverLimit() {
        return refuseOverLimit;
    }

    /** Codes that only the professional plan may access; others get {@code 604 code unauthorized}. */
    public Set<String> restrictedCodes() {
        return restrictedCodes;
    }

    public NumberStyle numberStyle() {
        return numberStyle;
    }

    /** Whether {@code tick_time} is in seconds (10 digits, as one documentation example) instead of milliseconds. */
    public boolean tickTimeInSeconds() {
        return tickTimeInSeconds;
    }

    /** How long after answering an invalid token with {@code 401} the connection is closed. */
    public Duration authCloseDelay() {
        return authCloseDelay;
    }

    /** Outstanding writes per connection before further frames are dropped (slow client protection). */
    public int maxPendingFrames() {
        return maxPendingFrames;
    }

    /** Collects options; {@link #build()} validates them all. Not thread safe. */
    public static final class Builder {

        private final Map<String, Plan> tokens = new LinkedHashMap<>(demoTokens());
        private List<Instrument> universe = AlltickUniverse.defaults();
        private double updatesPerSecond = 2;
        private long seed = 42;
        private Clock clock = Clock.systemUTC();
        private Duration requestGap = Duration.ofSeconds(1);
        private Duration crossConnectionGap = Duration.ofSeconds(3);
        private Duration connectGap = Duration.ZERO;
        private boolean heartbeatsPaced;
        private Duration heartbeatTimeout = Duration.ofSeconds(30);
        private int pacingViolationRet = 606;
        private boolean refuseOverLimit;
        private final Set<String> restrictedCodes = new HashSet<>();
        private NumberStyle numberStyle = NumberStyle.STRINGS;
        private boolean tickTimeInSeconds;
        private Duration authCloseDelay = Duration.ofMillis(500);
        private int maxPendingFrames = 10_000;

        Builder() {
        }

        /** Accepts {@code token} on {@code plan} (in addition to the demo tokens, unless {@link #clearTokens()}). */
        public Builder token(String token, Plan plan) {
            tokens.put(requireNonNull(token, "token is null"), requireNonNull(plan, "plan is null"));
            return this;
        }

        public Builder clearTokens() {
            tokens.clear();
            return this;
        }

        public Builder universe(List<Instrument> universe) {
            this.universe = new ArrayList<>(universe);
            return this;
        }

        public Builder updatesPerSecond(double updatesPerSecond) {
            this.updatesPerSecond = updatesPerSecond;
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

        /** The per-connection and the cross-connection request gaps. */
        public Builder pacing(Duration requestGap, Duration crossConnectionGap) {
            this.requestGap = requireNonNull(requestGap, "requestGap is null");
            this.crossConnectionGap = requireNonNull(crossConnectionGap, "crossConnectionGap is null");
            return this;
        }

        public Builder connectGap(Duration connectGap) {
            this.connectGap = requireNonNull(connectGap, "connectGap is null");
            return this;
        }

        public Builder heartbeatsPaced(boolean heartbeatsPaced) {
            this.heartbeatsPaced = heartbeatsPaced;
            return this;
        }

        public Builder heartbeatTimeout(Duration heartbeatTimeout) {
            this.heartbeatTimeout = requireNonNull(heartbeatTimeout, "heartbeatTimeout is null");
            return this;
        }

        public Builder pacingViolationRet(int ret) {
            this.pacingViolationRet = ret;
            return this;
        }

        public Builder refuseOverLimit(boolean refuseOverLimit) {
            this.refuseOverLimit = refuseOverLimit;
            return this;
        }

        public Builder restrictedCode(String code) {
            restrictedCodes.add(requireNonNull(code, "code is null"));
            return this;
        }

        public Builder numberStyle(NumberStyle numberStyle) {
            this.numberStyle = requireNonNull(numberStyle, "numberStyle is null");
            return this;
        }

        public Builder tickTimeInSeconds(boolean tickTimeInSeconds) {
            this.tickTimeInSeconds = tickTimeInSeconds;
            return this;
        }

        public Builder authCloseDelay(Duration authCloseDelay) {
            this.authCloseDelay = requireNonNull(authCloseDelay, "authCloseDelay is null");
            return this;
        }

        public Builder maxPendingFrames(int maxPendingFrames) {
            this.maxPendingFrames = maxPendingFrames;
            return this;
        }

        public AlltickOptions build() {
            if (universe.isEmpty()) {
                throw new IllegalArgumentException("the universe must not be empty");
            }
            Set<String> codes = new HashSet<>();
            for (Instrument instrument : universe) {
                if (!codes.add(instrument.code())) {
                    throw new IllegalArgumentException("the universe lists " + instrument.code() + " twice");
                }
            }
            if (!(updatesPerSecond >= 0 && updatesPerSecond <= 1_000)) {
                throw new IllegalArgumentException("updatesPerSecond must be between 0 and 1000, got "
                        + updatesPerSecond);
            }
            for (Duration gap : List.of(requestGap, crossConnectionGap, connectGap, authCloseDelay)) {
                if (gap.isNegative()) {
                    throw new IllegalArgumentException("gaps and delays must not be negative, got " + gap);
                }
            }
            if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero()) {
                throw new IllegalArgumentException("heartbeatTimeout must be positive, got " + heartbeatTimeout);
            }
            if (pacingViolationRet != 606 && pacingViolationRet != 605 && pacingViolationRet != 429) {
                throw new IllegalArgumentException("pacingViolationRet must be 606, 605 or 429, got "
                        + pacingViolationRet);
            }
            if (maxPendingFrames < 1) {
                throw new IllegalArgumentException("maxPendingFrames must be at least 1, got " + maxPendingFrames);
            }
            return new AlltickOptions(this);
        }
    }
}
