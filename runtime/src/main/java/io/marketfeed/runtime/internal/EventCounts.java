package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.model.Candle;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Trade;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Market-data events handed to the listeners, by type. Thread safe: counted by any number of read threads
 * without contention (one {@link LongAdder} per type), read by the control thread.
 */
final class EventCounts {

    private static final String[] TYPES = {"quote", "trade", "candle", "book", "market", "alert", "other"};

    private final LongAdder[] counts = new LongAdder[TYPES.length];

    EventCounts() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void count(MarketEvent event) {
        counts[index(event)].increment();
    }

    private static int index(MarketEvent event) {
        if (event instanceof Quote) {
            return 0;
        }
        if (event instanceof Trade) {
            return 1;
        }
        if (event instanceof Candle) {
            return 2;
        }
        if (event instanceof BookSnapshot) {
            return 3;
        }
        if (event instanceof MarketStatus) {
            return 4;
        }
        return event instanceof Alert ? 5 : 6;
    }

    /** The counts so far, by type name as in the jsonl output; types never seen are left out. */
    Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            long count = counts[i].sum();
            if (count > 0) {
                snapshot.put(TYPES[i], count);
            }
        }
        return snapshot;
    }
}
