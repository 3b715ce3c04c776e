package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

import java.time.LocalTime;
import java.util.OptionalLong;

/**
 * What data costs. The runtime counts credits spent per push and per subscription, and compares them with
 * the quota the server reports ({@link DecodeOutput#credits}).
 *
 * @param costPerPush credits one pushed data frame costs
 * @param costPerSubscription credits one subscribed symbol costs
 * @param quota the quota per period when known before connecting (servers may report it later)
 * @param resetTimeUtc when the quota resets each day, in UTC
 * @param onExhaustion what a spent quota means (usually {@link Disposition#pause})
 */
public record CreditSpec(long costPerPush, long costPerSubscription, OptionalLong quota, LocalTime resetTimeUtc,
        Disposition onExhaustion) {

    private static final CreditSpec NONE = new CreditSpec(0, 0, OptionalLong.empty(), LocalTime.MIDNIGHT,
            Disposition.warn("no credits are involved"));

    public CreditSpec {
        requireNonNull(quota, "quota is null");
        requireNonNull(resetTimeUtc, "resetTimeUtc is null");
        requireNonNull(onExhaustion, "onExhaustion is null");
    }

    /** The provider does not bill by credits. */
    public static CreditSpec none() {
        return NONE;
    }

    public boolean isMetered() {
        return costPerPush > 0 || costPerSubscription > 0 || quota.isPresent();
    }
}
