package io.marketfeed.api.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the runtime does when its forecast says a metered provider's quota runs out before the next reset.
 * Either way it warns (a {@code status} event of kind {@code credits-forecast} and a log line).
 *
 * @param mode warn only, or also trim the subscriptions to a priority list
 * @param priority with {@link Mode#TRIM}: the symbols kept; every other subscription is dropped once
 */
public record CreditPolicy(Mode mode, List<String> priority) {

    /** The choices of {@code credits.on-forecast-exhaustion}. */
    public enum Mode {
        /** Warn only. */
        WARN,
        /** Warn, then unsubscribe everything not in the priority list. */
        TRIM
    }

    public CreditPolicy {
        requireNonNull(mode, "mode is null");
        priority = List.copyOf(priority);
    }

    public static CreditPolicy warn() {
        return new CreditPolicy(Mode.WARN, List.of());
    }
}
