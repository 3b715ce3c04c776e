package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * One WebSocket handshake attempt as the simulator saw it, whatever its outcome.
 *
 * @param at when the upgrade request arrived (the simulation's clock)
 * @param simulation name of the simulation that handled it
 * @param path request path, e.g. {@code /ws/v1/stocks/}
 * @param parameters query parameters (first value of each), e.g. {@code api_key}
 * @param origin value of the {@code Origin} header, or empty when the client sent none
 * @param outcome what the simulator did
 * @param connectionId id of the connection the handshake created, or 0 when it was answered with an HTTP error
 */
public record HandshakeRecord(Instant at, String simulation, String path, Map<String, String> parameters,
        String origin, HandshakeOutcome outcome, long connectionId) {

    public HandshakeRecord {
        requireNonNull(at, "at is null");
        requireNonNull(simulation, "simulation is null");
        requireNonNull(path, "path is null");
        parameters = Map.copyOf(parameters);
        requireNonNull(origin, "origin is null");
        requireNonNull(outcome, "outcome is null");
    }
}
