package io.marketfeed.provider.alltick;

import static org.junit.jupiter.api.Assertions.fail;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.runtime.FeedListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Records every event a feed delivers, and waits for conditions with a timeout: the only way tests wait. */
final class EventRecorder implements FeedListener {

    private final List<MarketEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(MarketEvent event) {
        events.add(event);
    }

    <T extends MarketEvent> List<T> all(Class<T> type, Predicate<T> filter) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(filter).toList();
    }

    List<ConnectionEvent> states(ConnectionState state) {
        return all(ConnectionEvent.class, event -> event.state() == state);
    }

    /** Waits until an event of the type matches; fails with the latest events after the timeout. */
    <T extends MarketEvent> T await(Class<T> type, Predicate<T> filter, Duration timeout) {
        until(() -> !all(type, filter).isEmpty(), timeout,
                () -> "no matching " + type.getSimpleName() + " within " + timeout + "; last events: " + tail());
        return all(type, filter).get(0);
    }

    String tail() {
        List<MarketEvent> snapshot = List.copyOf(events);
        return snapshot.subList(Math.max(0, snapshot.size() - 15), snapshot.size()).toString();
    }

    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> failure) {
        if (!holdsWithin(condition, timeout)) {
            fail(failure.get());
        }
    }

    /** Whether the condition became true within the timeout, polling every 10 ms. */
    static boolean holdsWithin(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
