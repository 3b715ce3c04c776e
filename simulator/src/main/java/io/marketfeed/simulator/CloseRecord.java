package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * How one connection ended.
 *
 * <p>{@code code} is the status in the close frame the client sent: its own code when it closed first (a graceful
 * client stop shows 1000 here), or its echo when the simulator closed first. {@code 1006} means no close frame
 * arrived at all (abrupt drop by either side).
 *
 * @param connectionId the connection
 * @param at when the close completed (the simulation's clock)
 * @param code close status code, 1006 when there was no close frame
 * @param reason close reason, possibly empty
 * @param serverInitiated whether the simulator closed or dropped the connection first
 */
public record CloseRecord(long connectionId, Instant at, int code, String reason, boolean serverInitiated) {

    /** RFC 6455 "abnormal closure": never sent on the wire, reported when a connection ends without a close frame. */
    public static final int NO_CLOSE_FRAME = 1006;

    public CloseRecord {
        requireNonNull(at, "at is null");
        requireNonNull(reason, "reason is null");
    }
}
