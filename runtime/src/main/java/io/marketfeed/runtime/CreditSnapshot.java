package io.marketfeed.runtime;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Credit accounting of a metered provider at a moment.
 *
 * @param used credits spent since start (pushes and subscriptions at the declared costs)
 * @param remaining what is left of the quota: the server's last figure minus what was spent since
 * @param perHour the spending rate at the current subscription set, measured over the last minutes
 * @param exhaustsAt when the quota runs out at that rate; empty when nothing is spent or nothing is known
 * @param nextReset when the quota resets
 */
public record CreditSnapshot(long used, OptionalLong remaining, double perHour, Optional<Instant> exhaustsAt,
        Instant nextReset) {

    /** Whether the forecast says the quota runs out before it resets. */
    public boolean exhaustsBeforeReset() {
        return exhaustsAt.isPresent() && exhaustsAt.get().isBefore(nextReset);
    }
}
