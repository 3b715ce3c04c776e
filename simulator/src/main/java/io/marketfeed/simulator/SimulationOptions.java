package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What every simulation is configured with: the accepted keys and their plans, the universe, how often the market
 * steps, the generator seed, the clock, and how many writes a connection may have outstanding. Each provider's
 * options extend this class with only what is its own, and their builders extend {@link Builder}, which also reads
 * the command line ({@link Builder#option}), so that {@link SimulatorMain} and the app's {@code simulate} take the
 * same options. Immutable.
 *
 * @param <P> a key's plan ({@link Void} for a simulation without keys, which has none)
 * @param <I> what the universe holds for each symbol
 */
public abstract class SimulationOptions<P, I> {

    private final Map<String, P> keys;
    private final Map<String, I> universe;
    private final Duration updateInterval;
    private final long seed;
    private final Clock clock;
    private final int maxPendingFrames;

    protected SimulationOptions(Builder<P, I, ?, ?> builder) {
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(builder.keys));
        this.universe = Collections.unmodifiableMap(new LinkedHashMap<>(builder.universe));
        this.updateInterval = builder.updateInterval;
        this.seed = builder.seed;
        this.clock = builder.clock;
        this.maxPendingFrames = builder.maxPendingFrames;
    }

    /** Accepted keys (tokens) and their plans, in the order given; any other key is refused. */
    public Map<String, P> keys() {
        return keys;
    }

    /** Symbols in order, each with what the market generator starts from. */
    public Map<String, I> universe() {
        return universe;
    }

    /**
     * How often every symbol steps and is published to its subscribers; zero publishes only when a test calls the
     * simulation's {@code tick()}.
     */
    public Duration updateInterval() {
        return updateInterval;
    }

    /** {@link #updateInterval()} as a rate: steps per second per symbol, 0 for none. */
    public double updatesPerSecond() {
        return updateInterval.isZero() ? 0 : 1e9 / updateInterval.toNanos();
    }

    /** The market generator's seed: the same seed, the same market. */
    public long seed() {
        return seed;
    }

    /** Clock for every timestamp on the wire and in observation. */
    public Clock clock() {
        return clock;
    }

    /** Outstanding writes per connection before further frames are dropped (slow client protection). */
    public int maxPendingFrames() {
        return maxPendingFrames;
    }

    /**
     * Collects options; {@link #build()} validates them all. Not thread safe.
     *
     * @param <O> the options it builds
     * @param <B> the provider's own builder, which every setter returns
     */
    public abstract static class Builder<P, I, O extends SimulationOptions<P, I>, B extends Builder<P, I, O, B>> {

        private static final List<CommandLineOption> COMMON = List.of(
                new CommandLineOption("--seed", "N", "market generator seed"),
                new CommandLineOption("--rate", "R", "updates per second per symbol, 0 for none"),
                new CommandLineOption("--update-interval", "D", "an update per symbol every D (500ms, 1s; 0 for none)"));

        private final Map<String, P> keys;
        private final CommandLineOption keyOption;
        private final Function<String, P> plans;
        private Map<String, I> universe;
        private Duration updateInterval;
        private long seed = 42;
        private Clock clock = Clock.systemUTC();
        private int maxPendingFrames = 10_000;

        /**
         * @param demoKeys the keys accepted unless {@link #clearKeys()}
         * @param keyOption how {@code --key} is written, such as {@code KEY=PLAN}; null when there are no keys
         * @param plans the plan a {@code --key} names after its {@code =}
         * @param universe the default universe
         * @param updateInterval the default update interval
         */
        protected Builder(Map<String, P> demoKeys, CommandLineOption keyOption, Function<String, P> plans,
                Map<String, I> universe, Duration updateInterval) {
            this.keys = new LinkedHashMap<>(demoKeys);
            this.keyOption = keyOption;
            this.plans = plans;
            this.universe = new LinkedHashMap<>(universe);
            this.updateInterval = updateInterval;
        }

        @SuppressWarnings("unchecked")
        protected final B self() {
            return (B) this;
        }

        /** Accepts {@code key} on {@code plan}, besides the demo keys unless {@link #clearKeys()}. */
        public B key(String key, P plan) {
            requireNonNull(key, "key is null");
            if (key.isBlank()) {
                throw new IllegalArgumentException("key is blank");
            }
            keys.put(key, requireNonNull(plan, "plan is null"));
            return self();
        }

        /** Forgets every key so far, the demo keys included. */
        public B clearKeys() {
            keys.clear();
            return self();
        }

        public B universe(Map<String, I> universe) {
            this.universe = new LinkedHashMap<>(universe);
            return self();
        }

        /** See {@link SimulationOptions#updateInterval()}. */
        public B updateInterval(Duration interval) {
            this.updateInterval = requireNonNull(interval, "interval is null");
            return self();
        }

        /** The update interval as a rate, at most 1000 per second; 0 for none. */
        public B updatesPerSecond(double rate) {
            if (!(rate >= 0 && rate <= 1_000)) {
                throw new IllegalArgumentException("updatesPerSecond must be between 0 and 1000, got " + rate);
            }
            return updateInterval(rate == 0 ? Duration.ZERO : Duration.ofNanos(Math.round(1e9 / rate)));
        }

        public B seed(long seed) {
            this.seed = seed;
            return self();
        }

        public B clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return self();
        }

        public B maxPendingFrames(int maxPendingFrames) {
            this.maxPendingFrames = maxPendingFrames;
            return self();
        }

        /** Validates every option, those every simulation has first. */
        public final O build() {
            if (universe.isEmpty()) {
                throw new IllegalArgumentException("the universe must not be empty");
            }
            if (updateInterval.isNegative() || (!updateInterval.isZero() && updateInterval.toMillis() < 1)) {
                throw new IllegalArgumentException("updateInterval must be zero or at least 1 ms, got "
                        + updateInterval);
            }
            if (maxPendingFrames < 1) {
                throw new IllegalArgumentException("maxPendingFrames must be at least 1, got " + maxPendingFrames);
            }
            O options = create();
            check(options);
            return options;
        }

        /** A simulation with {@link #build()}'s options. */
        public abstract Simulation newSimulation();

        /** The options, before {@link #check} validates the provider's own. */
        protected abstract O create();

        /** Validates the provider's own options (those every simulation has are valid). */
        protected abstract void check(O options);

        /** The command-line options that set the provider's own options, for {@link #ownOption}. */
        protected List<CommandLineOption> ownOptions() {
            return List.of();
        }

        /** Applies one of {@link #ownOptions()}; false when {@code name} is not one. */
        protected boolean ownOption(String name, String value) {
            return false;
        }

        /** Every command-line option this simulation takes: {@code --seed}, {@code --rate}, ... and its own. */
        public final List<CommandLineOption> commandLine() {
            List<CommandLineOption> all = new ArrayList<>(COMMON);
            if (keyOption != null) {
                all.add(keyOption);
            }
            all.addAll(ownOptions());
            return all;
        }

        /** The options all simulations take. */
        public static List<CommandLineOption> commonCommandLine() {
            return COMMON;
        }

        /**
         * Applies one command-line option; false when this simulation has no such option.
         *
         * @param value the option's value, null for a flag
         * @throws IllegalArgumentException naming the option, when the value is not valid
         */
        public final boolean option(String name, String value) {
            switch (name) {
                case "--seed" -> seed(CommandLineOption.integer(value, name));
                case "--rate" -> updatesPerSecond(CommandLineOption.number(value, name));
                case "--update-interval" -> updateInterval(CommandLineOption.duration(value, name));
                case "--key" -> {
                    if (keyOption == null) {
                        return false;
                    }
                    String spec = CommandLineOption.required(value, name);
                    int separator = spec.lastIndexOf('=');
                    if (separator <= 0 || separator == spec.length() - 1) {
                        throw new IllegalArgumentException("--key needs " + keyOption.argument() + ", got " + spec);
                    }
                    key(spec.substring(0, separator), plans.apply(spec.substring(separator + 1)));
                }
                default -> {
                    return ownOption(name, value);
                }
            }
            return true;
        }
    }
}
