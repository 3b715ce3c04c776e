package io.marketfeed.app.ops;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.CreditSnapshot;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.runtime.SymbolActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-made snapshots for the unit tests, at {@link #NOW}. */
final class Snapshots {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private Snapshots() {
    }

    static ConnectionSnapshot connection(String id, ConnectionState state, int symbols, int confirmed,
            Instant lastFrameAt, String reason) {
        String provider = id.substring(0, id.indexOf('/'));
        return new ConnectionSnapshot(provider, id, "ws://127.0.0.1:1/" + provider, state, symbols, confirmed, 10,
                lastFrameAt, state == ConnectionState.CONNECTED ? 0 : 2, reason);
    }

    static ProviderSnapshot provider(String id, List<ConnectionSnapshot> connections) {
        return new ProviderSnapshot(id, false, null, 4, Map.of(), 0, 0, 0, Optional.empty(), connections,
                ProviderSnapshot.Activity.NONE);
    }

    static ProviderSnapshot failed(String id, String failure) {
        return new ProviderSnapshot(id, true, failure, 4, Map.of(), 0, 0, 0, Optional.empty(),
                List.of(connection(id + "/quotes#1", ConnectionState.FAILED, 4, 0, null, failure)),
                ProviderSnapshot.Activity.NONE);
    }

    /** A metered provider with some of everything. */
    static ProviderSnapshot busy(String id) {
        CreditSnapshot credits = new CreditSnapshot(120, java.util.OptionalLong.of(880), 60.0,
                Optional.of(NOW.plus(Duration.ofHours(10))), NOW.plus(Duration.ofHours(5)));
        return new ProviderSnapshot(id, false, null, 6, Map.of("quotes:NOPE", "unknown symbol"), 1, 4, 2,
                Optional.of(credits), List.of(
                        new ConnectionSnapshot(id, id + "/quotes#1", "ws://127.0.0.1:1/" + id,
                                ConnectionState.CONNECTED, 4, 3, 10, NOW.minusSeconds(2), 0, null, List.of(
                                        new SymbolActivity("EURUSD", NOW.minusSeconds(2), false),
                                        new SymbolActivity("XAUUSD", null, true))),
                        connection(id + "/quotes#2", ConnectionState.RECONNECTING, 1, 0, null, "closed 1006")),
                new ProviderSnapshot.Activity(Map.of("quote", 7L, "candle", 3L), 5, 1, 2, Duration.ofSeconds(80),
                        1, 1));
    }

    static FeedSnapshot started(List<ProviderSnapshot> providers) {
        return new FeedSnapshot(NOW, NOW.minusSeconds(90), providers, List.of());
    }
}
