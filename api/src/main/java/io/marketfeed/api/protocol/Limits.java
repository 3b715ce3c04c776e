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
        return new Limits(value, maxSymbolsPerFrame, maxConnections, minControlGap, minGlobalControlGap,
                minReconnectGap, perTopic);
    }

    public Limits withMaxSymbolsPerFrame(int value) {
        return new Limits(maxSymbolsPerConnection, value, maxConnections, minControlGap, minGlobalControlGap,
                minReconnectGap, perTopic);
    }

    public Limits withMaxConnections(int value) {
        return new Limits(maxSymbolsPerConnection, maxSymbolsPerFrame, value, minControlGap, minGlobalControlGap,
                minReconnectGap, perTopic);
    }

    public Limits withMinControlGap(Duration value) {
        return new Limits(maxSymbolsPerConnection, maxSymbolsPerFrame, maxConnections, value, minGlobalControlGap,
                minReconnectGap, perTopic);
    }

    public Limits withMinReconnectGap(Duration value) {
        return new Limits(maxSymbolsPerConnection, maxSymbolsPerFrame, maxConnections, minControlGap,
                minGlobalControlGap, value, perTopic);
    }

    public Limits withMinGlobalControlGap(Duration value) {
        return new Limits(maxSymbolsPerConnection, maxSymbolsPerFrame, maxConnections, minControlGap, value,
                minReconnectGap, perTopic);
    }

    /** These limits with the cap per connection counted per topic, or across topics. */
    public Limits withPerTopic(boolean value) {
        return new Limits(maxSymbolsPerConnection, maxSymbolsPerFrame, maxConnections, minControlGap,
                minGlobalControlGap, minReconnectGap, value);
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
