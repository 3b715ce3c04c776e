package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A subscribe for a symbol the connection already had (or that appeared twice in one call). The simulator accepts
 * it as the real servers do, but records it: a well-behaved client never double-subscribes.
 *
 * @param connectionId the connection
 * @param at when it happened
 * @param symbol the symbol subscribed again
 */
public record DuplicateSubscribe(long connectionId, Instant at, String symbol) {

    public DuplicateSubscribe {
        requireNonNull(at, "at is null");
        requireNonNull(symbol, "symbol is null");
    }
}
