package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The limits the runtime shards and paces by, for one endpoint. Precedence: values the server announces at
 * runtime ({@link DecodeOutput#limits}) beat configured ones ({@code marketfeed.providers.<id>.limits.*}),
 * which beat the provider's defaults for the plan.
 *
 * @param maxSymbolsPerConnection distinct symbols one connection may carry
 * @param maxSymbolsPerFrame symbols in one additive subscribe or unsubscribe frame
 * @param maxConnections connections per credential on this endpoint
 * @param minControlGap least time between two control frames on one connection
 * @param minGlobalControlGap least time between two control frames across all connections of the provider
 * @param minReconnectGap least time between two connection attempts on the same endpoint: a floor under the
 *     reconnect backoff, never added to it; first connects are not held back
 * @param perTopic whether {@code maxSymbolsPerConnection} applies to each topic's list separately (AllTick: the
 *     trades list and the depth list each hold up to the cap) rather than to distinct symbols across topics
 *
 * <p>Built by name rather than by position:
 * {@snippet :
 * Limits limits = Limits.builder()
 *         .maxSymbolsPerConnection(60)
 *         .maxSymbolsPerFrame(20)
 *         .minControlGap(Duration.ofMillis(250))
 *         .build();                               // everything not named: unlimited, or no gap
 * }
 */
public record Limits(int maxSymbolsPerConnection, int maxSymbolsPerFrame, int maxConnections, Duration minControlGap,
        Duration minGlobalControlGap, Duration minReconnectGap, boolean perTopic) {

    /** Limits counting distinct symbols across topics. */
    public Limits(int maxSymbolsPerConnection, int maxSymbolsPerFrame, int maxConnections, Duration minControlGap,
            Duration minGlobalControlGap, Duration minReconnectGap) {
        this(maxSymbolsPerConnection, maxSymbolsPerFrame, maxConnections, minControlGap, minGlobalControlGap,
                minReconnectGap, false);
    }

    /** Means "no limit" for the counts. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public Limits {
        positive(maxSymbolsPerConnection, "maxSymbolsPerConnection");
        positive(maxSymbolsPerFrame, "maxSymbolsPerFrame");
        positive(maxConnections, "maxConnections");
        requireNonNull(minControlGap, "minControlGap is null");
        requireNonNull(minGlobalControlGap, "minGlobalControlGap is null");
        requireNonNull(minReconnectGap, "minReconnectGap is null");
    }

    /** A builder that starts from no limits at all: every count unlimited, every gap zero, counted across topics. */
    public static Builder builder() {
        return new Builder(unlimited());
    }

    /** A builder that starts from these limits. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** No limits at all. */
    public static Limits unlimited() {
        return new Limits(UNLIMITED, UNLIMITED, UNLIMITED, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** These limits with the values an update carries. */
    public Limits with(LimitsUpdate update) {
        return new Limits(update.maxSymbolsPerConnection().orElse(maxSymbolsPerConnection),
                update.maxSymbolsPerFrame().orElse(maxSymbolsPerFrame),
                update.maxConnections().orElse(maxConnections), minControlGap, minGlobalControlGap,
                minReconnectGap, perTopic);
    }

    public Limits withMaxSymbolsPerConnection(int value) {
        return toBuilder().maxSymbolsPerConnection(value).build();
    }

    public Limits withMaxSymbolsPerFrame(int value) {
        return toBuilder().maxSymbolsPerFrame(value).build();
    }

    public Limits withMaxConnections(int value) {
        return toBuilder().maxConnections(value).build();
    }

    public Limits withMinControlGap(Duration value) {
        return toBuilder().minControlGap(value).build();
    }

    public Limits withMinReconnectGap(Duration value) {
        return toBuilder().minReconnectGap(value).build();
    }

    public Limits withMinGlobalControlGap(Duration value) {
        return toBuilder().minGlobalControlGap(value).build();
    }

    /** These limits with the cap per connection counted per topic, or across topics. */
    public Limits withPerTopic(boolean value) {
        return toBuilder().perTopic(value).build();
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    /** Builds {@link Limits} by name; each value is checked by {@link #build()}. Not thread safe. */
    public static final class Builder {
        private int maxSymbolsPerConnection;
        private int maxSymbolsPerFrame;
        private int maxConnections;
        private Duration minControlGap;
        private Duration minGlobalControlGap;
        private Duration minReconnectGap;
        private boolean perTopic;

        private Builder(Limits from) {
            maxSymbolsPerConnection = from.maxSymbolsPerConnection;
            maxSymbolsPerFrame = from.maxSymbolsPerFrame;
            maxConnections = from.maxConnections;
            minControlGap = from.minControlGap;
            minGlobalControlGap = from.minGlobalControlGap;
            minReconnectGap = from.minReconnectGap;
            perTopic = from.perTopic;
        }

        /** Distinct symbols one connection may carry; {@link #UNLIMITED} by default. */
        public Builder maxSymbolsPerConnection(int value) {
            maxSymbolsPerConnection = value;
            return this;
        }

        /** Symbols in one additive subscribe or unsubscribe frame; {@link #UNLIMITED} by default. */
        public Builder maxSymbolsPerFrame(int value) {
            maxSymbolsPerFrame = value;
            return this;
        }

        /** Connections per credential on the endpoint; {@link #UNLIMITED} by default. */
        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /** Least time between two control frames on one connection; zero by default. */
        public Builder minControlGap(Duration value) {
            minControlGap = value;
            return this;
        }

        /** Least time between two control frames across the provider's connections; zero by default. */
        public Builder minGlobalControlGap(Duration value) {
            minGlobalControlGap = value;
            return this;
        }

        /** Least time between two connection attempts on the endpoint; zero by default. */
        public Builder minReconnectGap(Duration value) {
            minReconnectGap = value;
            return this;
        }

        /** Whether the cap per connection applies to each topic's list separately; false by default. */
        public Builder perTopic(boolean value) {
            perTopic = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming a count below 1
         * @throws NullPointerException naming a gap that is null
         */
        public Limits build() {
            return new Limits(maxSymbolsPerConnection, maxSymbolsPerFrame, maxConnections, minControlGap,
                    minGlobalControlGap, minReconnectGap, perTopic);
        }
    }
}
