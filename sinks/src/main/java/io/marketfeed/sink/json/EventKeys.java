package io.marketfeed.sink.json;

import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.MarketDataEvent;
import io.marketfeed.api.model.MarketEvent;

/**
 * The key of an event in a keyed store (a Kafka record's key, for the Kafka sink and the Connect source alike):
 * {@code provider:symbol} for market data and alerts about a symbol, {@code provider:connection} for gap and
 * connection events, {@code provider} for the others. One key goes to one partition, so the events of a symbol (and
 * of a connection) stay in order.
 *
 * <p>Stateless; thread safe.
 */
public final class EventKeys {

    private EventKeys() {
    }

    /** The key of {@code event}. */
    public static String key(MarketEvent event) {
        if (event instanceof MarketDataEvent data) {
            return event.provider() + ':' + data.symbol();
        }
        if (event instanceof Alert alert && alert.symbol() != null) {
            return event.provider() + ':' + alert.symbol();
        }
        if (event instanceof GapEvent gap) {
            return event.provider() + ':' + gap.connection();
        }
        if (event instanceof ConnectionEvent connection) {
            return event.provider() + ':' + connection.connection();
        }
        return event.provider();
    }
}
