package io.marketfeed.simulator.tickatlas;

import static java.util.Objects.requireNonNull;

import io.marketfeed.simulator.CommandLineOption;
import io.marketfeed.simulator.SimulationOptions;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration of a {@link TickAtlasSimulation}: what every simulation has ({@link SimulationOptions}; its
 * {@link #updateInterval()} is how often quotes are pushed, about once a minute on the real server) and TickAtlas's
 * own. Immutable; build with {@link #builder()}.
 */
public final class TickAtlasOptions extends SimulationOptions<TickAtlasPlan, ForexInstrument> {

    private final Duration heartbeatInterval;
    private final Duration authDeadline;
    private final int connectionsPerKey;
    private final Duration quotaResetInterval;
    private final boolean flatQuotes;
    private final int errorCloseCode;
    private final Duration errorCloseDelay;

    private TickAtlasOptions(Builder builder) {
        super(builder);
        this.heartbeatInterval = builder.heartbeatInterval;
        this.authDeadline = builder.authDeadline;
        this.connectionsPerKey = builder.connectionsPerKey;
        this.quotaResetInterval = builder.quotaResetInterval;
        this.flatQuotes = builder.flatQuotes;
        this.errorCloseCode = builder.errorCloseCode;
        this.errorCloseDelay = builder.errorCloseDelay;
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

    /** {@code pro} or {@code pro:777} (the plan with a daily quota of 777 credits), as {@code --key} takes it. */
    static TickAtlasPlan plan(String spec) {
        int colon = spec.indexOf(':');
        TickAtlasPlan plan = TickAtlasPlan.named(colon < 0 ? spec : spec.substring(0, colon));
        return colon < 0 ? plan : plan.withDailyQuota(CommandLineOption.integer(spec.substring(colon + 1),
                "--key quota"));
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

    /** Collects options; {@link #build()} validates them all. Not thread safe. */
    public static final class Builder
            extends SimulationOptions.Builder<TickAtlasPlan, ForexInstrument, TickAtlasOptions, Builder> {

        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration authDeadline = Duration.ofSeconds(10);
        private int connectionsPerKey = 2;
        private Duration quotaResetInterval = Duration.ZERO;
        private boolean flatQuotes;
        private int errorCloseCode = 1008;
        private Duration errorCloseDelay = Duration.ZERO;

        Builder() {
            super(demoKeys(), new CommandLineOption("--key", "KEY=PLAN[:QUOTA]",
                    "accept KEY on PLAN (starter|pro|enterprise|free|payg); repeatable"), TickAtlasOptions::plan,
                    ForexUniverse.defaults(), Duration.ofSeconds(1));
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

        @Override
        protected List<CommandLineOption> ownOptions() {
            return List.of(new CommandLineOption("--quote-interval", "D", "the same as --update-interval [1s]"),
                    new CommandLineOption("--heartbeat", "D", "server heartbeat every D [30s]"),
                    new CommandLineOption("--auth-deadline", "D", "close unauthenticated connections after D [10s]"),
                    new CommandLineOption("--connections-per-key", "N", "connection limit per key [2]"),
                    new CommandLineOption("--quota-reset-every", "D",
                            "also reset every quota every D (00:00 UTC always resets) [never]"),
                    CommandLineOption.flag("--flat-quotes", "use the flat quote shape of the older reference page"));
        }

        @Override
        protected boolean ownOption(String name, String value) {
            switch (name) {
                case "--quote-interval" -> updateInterval(CommandLineOption.duration(value, name));
                case "--heartbeat" -> heartbeatInterval(CommandLineOption.duration(value, name));
                case "--auth-deadline" -> authDeadline(CommandLineOption.duration(value, name));
                case "--connections-per-key" -> connectionsPerKey(CommandLineOption.integer(value, name));
                case "--quota-reset-every" -> quotaResetInterval(CommandLineOption.duration(value, name));
                case "--flat-quotes" -> flatQuotes(true);
                default -> {
                    return false;
                }
            }
            return true;
        }

        @Override
        protected void check(TickAtlasOptions options) {
            options.universe().forEach((symbol, instrument) -> {
                if (!symbol.equals(instrument.symbol())) {
                    throw new IllegalArgumentException("universe key " + symbol + " holds " + instrument.symbol());
                }
            });
            for (Map.Entry<String, Duration> duration : Map.of("heartbeatInterval", heartbeatInterval,
                    "authDeadline", authDeadline, "quotaResetInterval", quotaResetInterval,
                    "errorCloseDelay", errorCloseDelay).entrySet()) {
                if (duration.getValue().isNegative()) {
                    throw new IllegalArgumentException(duration.getKey() + " must not be negative, got "
                            + duration.getValue());
                }
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
        }

        @Override
        protected TickAtlasOptions create() {
            return new TickAtlasOptions(this);
        }

        @Override
        public TickAtlasSimulation newSimulation() {
            return new TickAtlasSimulation(build());
        }
    }
}
