package io.marketfeed.api.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A blind window: between {@code from} and {@code to} data for {@code symbols} may have been missed
 * (disconnect, stall, or a server-side drop). Consumers that keep state should resynchronise.
 *
 * @param connection the connection that was blind
 * @param symbols the symbols affected
 * @param from last moment data was known to flow
 * @param to first moment it was known to flow again (or the moment the blindness was detected)
 * @param reason why
 */
public record GapEvent(String provider, String connection, List<String> symbols, Instant from, Instant to,
        String reason, Instant receivedAt) implements MarketEvent {

    public GapEvent {
        requireNonNull(provider, "provider is null");
        requireNonNull(connection, "connection is null");
        symbols = List.copyOf(symbols);
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(receivedAt, "receivedAt is null");
    }

    @Override
    public String type() {
        return "gap";
    }
}
