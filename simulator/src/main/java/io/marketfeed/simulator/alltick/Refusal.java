package io.marketfeed.simulator.alltick;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A request or connection the simulator refused, for tests to assert on.
 *
 * @param connectionId the connection
 * @param at when (the simulation's clock)
 * @param kind why
 * @param cmdId the request's {@code cmd_id}; 0 for a refused connection
 * @param ret the {@code ret} sent
 * @param detail what exactly, with the numbers
 */
public record Refusal(long connectionId, Instant at, Kind kind, int cmdId, int ret, String detail) {

    /** Why something was refused. */
    public enum Kind {
        /** A request came less than the request gap after the connection's previous one. */
        PACING,
        /** A request came less than the cross-connection gap after another connection's request of the token. */
        CROSS_CONNECTION_PACING,
        /** More connections than the plan allows on the endpoint. */
        CONNECTION_LIMIT,
        /** A connection attempt less than the connect gap after the previous one. */
        CONNECT_GAP,
        /** A code unknown, or of the other endpoint ({@code 600}). */
        CODE_INVALID,
        /** A code the plan may not access ({@code 604}). */
        CODE_UNAUTHORIZED,
        /** A list longer than the plan allows, when so configured ({@code 603}). */
        LIST_TOO_LONG,
        /** An unreadable envelope or data ({@code 400}). */
        MALFORMED,
        /** An unknown token ({@code 401}). */
        TOKEN,
        /** A fault injected by a test. */
        INJECTED
    }

    public Refusal {
        requireNonNull(at, "at is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(detail, "detail is null");
    }

    /** Whether it was refused for coming too early. */
    public boolean isPacing() {
        return kind == Kind.PACING || kind == Kind.CROSS_CONNECTION_PACING;
    }
}
