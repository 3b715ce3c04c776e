package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One text message a client sent, recorded before the simulation looked at it (so also while stalled).
 *
 * @param connectionId the connection it arrived on
 * @param at when it arrived (the simulation's clock)
 * @param text the message exactly as received
 */
public record ReceivedMessage(long connectionId, Instant at, String text) {

    public ReceivedMessage {
        requireNonNull(at, "at is null");
        requireNonNull(text, "text is null");
    }
}
