package io.marketfeed.simulator.alltick;

import static java.util.Objects.requireNonNull;

import io.marketfeed.simulator.CommandLineOption;
import io.marketfeed.simulator.SimulationOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Configuration of an {@link AlltickSimulation}: what every simulation has ({@link SimulationOptions}; its keys are
 * AllTick's tokens, any other token gets {@code 401 token invalid}, and its universe maps a code to its instrument)
 * and AllTick's own. Immutable; build with {@link #builder()}.
 */
public final class AlltickOptions extends SimulationOptions<Plan, Instrument> {

    /** How {@code seq} and {@code tick_time} appear on the wire: the sources disagree (protocols.md §4.4). */
    public enum NumberStyle {
        /** {@code "seq":"1605509068000001","tick_time":"1677831545217"} (GitBook and every HTTP example). */
        STRINGS,
        /** {@code "seq":1605509068000001,"tick_time":1677831545217} (the GitHub documentation since 2026-06). */
        INTEGERS
    }

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

    private AlltickOptions(Builder builder) {
        super(builder);
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
    public static Map<String, Plan> demoKeys() {
        Map<String, Plan> tokens = new LinkedHashMap<>();
        tokens.put(AlltickSimulation.DEMO_TOKEN, Plan.PREMIUM);
        tokens.put(AlltickSimulation.FREE_TOKEN, Plan.FREE);
        tokens.put(AlltickSimulation.BASIC_TOKEN, Plan.BASIC);
        tokens.put(AlltickSimulation.PROFESSIONAL_TOKEN, Plan.PROFESSIONAL);
        return tokens;
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

    /** Collects options; {@link #build()} validates them all. Not thread safe. */
    public static final class Builder extends SimulationOptions.Builder<Plan, Instrument, AlltickOptions, Builder> {

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

        Builder() {
            super(demoKeys(), new CommandLineOption("--key", "TOKEN=PLAN",
                    "accept TOKEN on PLAN (free|basic|premium|professional); repeatable"), Plan::fromWireName,
                    AlltickUniverse.defaults(), Duration.ofMillis(500));
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

        @Override
        protected void check(AlltickOptions options) {
            options.universe().forEach((code, instrument) -> {
                if (!code.equals(instrument.code())) {
                    throw new IllegalArgumentException("universe key " + code + " holds " + instrument.code());
                }
            });
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
        }

        @Override
        protected AlltickOptions create() {
            return new AlltickOptions(this);
        }

        @Override
        public AlltickSimulation newSimulation() {
            return new AlltickSimulation(build());
        }
    }
}
