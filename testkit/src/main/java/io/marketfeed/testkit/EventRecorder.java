package io.marketfeed.testkit;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.marketfeed.api.model.Alert;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.model.MarketDataEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.runtime.FeedListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A {@link FeedListener} that records every event and lets a test wait for events with a timeout.
 *
 * <p>Two styles of use:
 * <ul>
 *   <li>Look: {@link #await}, {@link #awaitCount}, {@link #all} and {@link #since} search everything recorded.</li>
 *   <li>Consume: {@link #take} removes events from the unconsumed pool, in order, and
 *       {@link #assertExhausted()} (typically in {@code @AfterEach}) fails when data events were left that the
 *       test never expected.</li>
 * </ul>
 *
 * {@snippet :
 * EventRecorder events = new EventRecorder();
 * MarketFeed feed = MarketFeed.builder().provider(provider, settings)
 *         .listener("recorder", events, DeliveryPolicy.dropOldest(100_000)).build();
 * feed.start();
 * feed.subscribe("acme", Topics.QUOTES, List.of("AAPL"));
 * Quote quote = events.take(Quote.class, q -> q.symbol().equals("AAPL"), Duration.ofSeconds(5));
 * events.assertExhausted();
 * }
 *
 * <p>Thread safe: the feed records on its delivery thread while the test reads and waits on its own.
 */
public final class EventRecorder implements FeedListener {

    private final List<MarketEvent> events = new CopyOnWriteArrayList<>();
    private final Set<MarketEvent> consumed = Collections.newSetFromMap(new IdentityHashMap<>());

    /** How waits pass time: real time, or a virtual network's (set by the conformance kit). */
    private volatile Waiter waiter = Waiter.REAL;

    @Override
    public void onEvent(MarketEvent event) {
        events.add(event);
        Await.signal();
    }

    /** Wakes whoever waits for the listener to have everything (the kit on virtual time). */
    @Override
    public void onCaughtUp() {
        Await.signal();
    }

    void useWaiter(Waiter waiter) {
        this.waiter = waiter;
    }

    /** Every event so far, in delivery order (a snapshot). */
    public List<MarketEvent> events() {
        return List.copyOf(events);
    }

    /** How many events were recorded so far; a mark for {@link #since}. */
    public int mark() {
        return events.size();
    }

    /** Every recorded event of a type. */
    public <T extends MarketEvent> List<T> all(Class<T> type) {
        return all(type, event -> true);
    }

    /** Every recorded event of a type that matches. */
    public <T extends MarketEvent> List<T> all(Class<T> type, Predicate<? super T> filter) {
        return since(0, type, filter);
    }

    /** The events of a type that match, recorded at or after {@code mark} (a value of {@link #mark()}). */
    public <T extends MarketEvent> List<T> since(int mark, Class<T> type, Predicate<? super T> filter) {
        List<MarketEvent> snapshot = events();
        List<T> out = new ArrayList<>();
        for (MarketEvent event : snapshot.subList(Math.min(mark, snapshot.size()), snapshot.size())) {
            if (type.isInstance(event) && filter.test(type.cast(event))) {
                out.add(type.cast(event));
            }
        }
        return out;
    }

    /** The connection events that entered {@code state}. */
    public List<ConnectionEvent> states(ConnectionState state) {
        return all(ConnectionEvent.class, event -> event.state() == state);
    }

    /** Waits until an event of the type matches and returns the first that does. */
    public <T extends MarketEvent> T await(Class<T> type, Predicate<? super T> filter, Duration timeout) {
        return awaitCount(type, filter, 1, timeout).get(0);
    }

    /** Waits until at least {@code count} events of the type match, and returns all that do. */
    public <T extends MarketEvent> List<T> awaitCount(Class<T> type, Predicate<? super T> filter, int count,
            Duration timeout) {
        waiter.until(() -> all(type, filter).size() >= count, timeout,
                () -> (count == 1 ? "no matching " : "fewer than " + count + " matching ") + type.getSimpleName()
                        + " within " + timeout.toMillis() + " ms (got " + all(type, filter).size()
                        + "); last events: " + tail(15));
        return all(type, filter);
    }

    /**
     * Waits for the first unconsumed event of the type that matches, marks it consumed and returns it. Events
     * are consumed in delivery order.
     */
    public <T extends MarketEvent> T take(Class<T> type, Predicate<? super T> filter, Duration timeout) {
        waiter.until(() -> firstUnconsumed(type, filter) != null, timeout,
                () -> "no unconsumed matching " + type.getSimpleName() + " within " + timeout.toMillis()
                        + " ms; last events: " + tail(15));
        T event = firstUnconsumed(type, filter);
        synchronized (consumed) {
            consumed.add(event);
        }
        return event;
    }

    private <T extends MarketEvent> T firstUnconsumed(Class<T> type, Predicate<? super T> filter) {
        synchronized (consumed) {
            for (MarketEvent event : events) {
                if (type.isInstance(event) && !consumed.contains(event) && filter.test(type.cast(event))) {
                    return type.cast(event);
                }
            }
        }
        return null;
    }

    /**
     * Fails when unconsumed events remain that a test should have expected: market data, gaps, alerts and
     * market status. Connection and status events are lifecycle noise and are not counted.
     */
    public void assertExhausted() {
        assertExhausted(event -> event instanceof MarketDataEvent || event instanceof GapEvent
                || event instanceof Alert || event instanceof MarketStatus);
    }

    /** Fails when unconsumed events that {@code counted} accepts remain. */
    public void assertExhausted(Predicate<? super MarketEvent> counted) {
        List<MarketEvent> left = new ArrayList<>();
        synchronized (consumed) {
            for (MarketEvent event : events) {
                if (!consumed.contains(event) && counted.test(event)) {
                    left.add(event);
                }
            }
        }
        if (!left.isEmpty()) {
            fail(left.size() + " unexpected event(s) left unconsumed: " + shorten(left, 10));
        }
    }

    /** Fails when any recorded event of the type matches. */
    public <T extends MarketEvent> void assertNone(Class<T> type, Predicate<? super T> filter, String why) {
        List<T> found = all(type, filter);
        if (!found.isEmpty()) {
            fail(why + ": " + shorten(found, 5));
        }
    }

    /**
     * Fails as soon as an event of the type that matches arrives within {@code period}; otherwise returns after
     * {@code period}. Events recorded before the call count too.
     */
    public <T extends MarketEvent> void assertNoneWithin(Class<T> type, Predicate<? super T> filter,
            Duration period, String why) {
        waiter.staysFalse(() -> !all(type, filter).isEmpty(), period, () -> why + ": " + shorten(all(type, filter), 5));
    }

    /**
     * Fails when any event's text form contains {@code secret}: for checking that a credential never reaches
     * an event.
     */
    public void assertNotMentioned(String secret) {
        requireNonNull(secret, "secret is null");
        if (secret.isEmpty()) {
            return;
        }
        for (MarketEvent event : events) {
            if (event.toString().contains(secret)) {
                fail("a " + event.type() + " event shows the credential (masked here): "
                        + event.toString().replace(secret, "<CREDENTIAL>"));
            }
        }
    }

    /** The last {@code count} events, for failure messages. */
    public String tail(int count) {
        List<MarketEvent> snapshot = events();
        return shorten(snapshot.subList(Math.max(0, snapshot.size() - count), snapshot.size()), count);
    }

    private static String shorten(List<?> items, int max) {
        List<String> shown = new ArrayList<>();
        for (Object item : items.subList(0, Math.min(max, items.size()))) {
            String text = String.valueOf(item);
            shown.add(text.length() > 400 ? text.substring(0, 400) + "…" : text);
        }
        return shown + (items.size() > max ? " and " + (items.size() - max) + " more" : "");
    }
}
