package io.marketfeed.it.chaos;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.MarketDataEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.runtime.FeedListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chaos feed's listener: keeps what the invariants need and nothing per market-data event beyond a time per
 * symbol (a soak runs for hours): the last data time of each provider's symbol, the connection and gap events
 * until the chaos thread takes them, and every event for a symbol that was not subscribed.
 *
 * <p>Written by the feed's delivery thread, read by the chaos thread: the maps are concurrent, the lists are
 * guarded by this object's monitor and read as copies.
 */
final class ChaosRecorder implements FeedListener {

    private final Map<String, Set<String>> subscribed = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastData = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> dataEvents = new ConcurrentHashMap<>();
    private final List<ConnectionEvent> connectionEvents = new ArrayList<>();
    private final List<GapEvent> gaps = new ArrayList<>();
    private final List<MarketDataEvent> strays = new ArrayList<>();

    ChaosRecorder(Map<String, ProviderSetup> setups) {
        setups.forEach((id, setup) -> {
            subscribed.put(id, Set.copyOf(setup.symbols()));
            dataEvents.put(id, new AtomicLong());
        });
    }

    @Override
    public void onEvent(MarketEvent event) {
        if (event instanceof MarketDataEvent data) {
            Set<String> symbols = subscribed.get(event.provider());
            if (symbols == null || !symbols.contains(data.symbol())) {
                synchronized (this) {
                    strays.add(data);
                }
                return;
            }
            lastData.put(key(event.provider(), data.symbol()), event.receivedAt());
            dataEvents.get(event.provider()).incrementAndGet();
        } else if (event instanceof ConnectionEvent connection) {
            synchronized (this) {
                connectionEvents.add(connection);
            }
        } else if (event instanceof GapEvent gap) {
            synchronized (this) {
                gaps.add(gap);
            }
        }
    }

    /** When the provider's symbol last had data; null before its first. */
    Instant lastData(String provider, String symbol) {
        return lastData.get(key(provider, symbol));
    }

    long dataEvents(String provider) {
        return dataEvents.get(provider).get();
    }

    /** The connection events since the previous call, in delivery order; the caller owns them now. */
    synchronized List<ConnectionEvent> takeConnectionEvents() {
        List<ConnectionEvent> taken = List.copyOf(connectionEvents);
        connectionEvents.clear();
        return taken;
    }

    /** The gap events since the previous call, in delivery order; the caller owns them now. */
    synchronized List<GapEvent> takeGaps() {
        List<GapEvent> taken = List.copyOf(gaps);
        gaps.clear();
        return taken;
    }

    synchronized List<MarketDataEvent> strays() {
        return List.copyOf(strays);
    }

    private static String key(String provider, String symbol) {
        return provider + '\u0000' + symbol;
    }
}
