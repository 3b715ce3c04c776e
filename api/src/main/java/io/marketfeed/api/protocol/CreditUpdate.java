package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * Credit figures a server reported.
 *
 * @param remaining credits left in the current period
 * @param costPerPush a changed cost per push, if the server announced one
 */
public record CreditUpdate(OptionalLong remaining, OptionalLong costPerPush) {
    public CreditUpdate {
        requireNonNull(remaining, "remaining is null");
        requireNonNull(costPerPush, "costPerPush is null");
    }
}
