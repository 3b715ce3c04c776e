package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * Limits a server announced at runtime (SAHMK {@code connected.limits}). Absent values keep their current
 * setting.
 *
 * @param plan the plan the server says the credential has, or empty
 */
public record LimitsUpdate(OptionalInt maxSymbolsPerConnection, OptionalInt maxSymbolsPerFrame,
        OptionalInt maxConnections, String plan) {

    public LimitsUpdate {
        requireNonNull(maxSymbolsPerConnection, "maxSymbolsPerConnection is null");
        requireNonNull(maxSymbolsPerFrame, "maxSymbolsPerFrame is null");
        requireNonNull(maxConnections, "maxConnections is null");
        requireNonNull(plan, "plan is null");
    }
}
