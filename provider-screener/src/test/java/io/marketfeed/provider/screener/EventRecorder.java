package io.marketfeed.provider.screener;

import static org.junit.jupiter.api.Assertions.fail;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.runtime.FeedListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Records every event a feed delivers and waits for conditions with a timeout. */
final class EventRecorder implements FeedListener {

    private final List<MarketEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(MarketEvent event) {
        events.add(event);
    }

    List<MarketEvent> events() {
        return List.copyOf(events);
    }

    <T extends MarketEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    <T extends MarketEvent> List<T> all(Class<T> type, Predicate<T> filter) {
        return all(type).stream().filter(filter).collect(Collectors.toList());
    }

    List<ConnectionEvent> states(ConnectionState state) {
        return all(ConnectionEvent.class, event -> event.state() == state);
    }

    /** Waits until at least one event of the type matches, failing with what was seen after the timeout. */
    <T extends MarketEvent> T await(Class<T> type, Predicate<T> filter, Duration timeout) {
        Waits.until(() -> !all(type, filter).isEmpty(), timeout,
                () -> "no matching " + type.getSimpleName() + " within " + timeout + "; last events: " + tail());
        return all(type, filter).get(0);
    }

    /** Waits until the count of matching events reaches {@code count}. */
    <T extends MarketEvent> List<T> awaitCount(Class<T> type, Predicate<T> filter, int count, Duration timeout) {
        Waits.until(() -> all(type, filter).size() >= count, timeout,
                () -> "fewer than " + count + " matching " + type.getSimpleName() + " within " + timeout + "; got "
                        + all(type, filter).size() + "; last events: " + tail());
        return all(type, filter);
    }

    String tail() {
        List<MarketEvent> snapshot = events();
        return snapshot.subList(Math.max(0, snapshot.size() - 15), snapshot.size()).toString();
    }

    static void failWith(String message) {
        fail(message);
    }
}
