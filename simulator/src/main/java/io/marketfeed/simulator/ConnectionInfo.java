package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * A snapshot of one open connection.
 *
 * @param id connection id, unique within one {@link SimulatorServer}
 * @param simulation name of the simulation serving it
 * @param path the WebSocket path it connected to
 * @param plan the plan of its credential (provider-specific label, empty if none)
 * @param openedAt when the handshake arrived
 * @param subscriptions current subscriptions in subscription order
 * @param framesSent frames written to the client so far
 * @param framesReceived text frames received from the client so far
 * @param stalled whether a stall fault currently silences it
 */
public record ConnectionInfo(long id, String simulation, String path, String plan, Instant openedAt,
        Set<String> subscriptions, long framesSent, long framesReceived, boolean stalled) {

    public ConnectionInfo {
        requireNonNull(simulation, "simulation is null");
        requireNonNull(path, "path is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(openedAt, "openedAt is null");
        requireNonNull(subscriptions, "subscriptions is null");
    }
}
