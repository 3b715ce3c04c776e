package io.marketfeed.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.StatusEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class TestEventRecorder {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final EventRecorder events = new EventRecorder();

    @Test
    void waitsForEventsDeliveredOnAnotherThread() {
        CompletableFuture.runAsync(() -> {
            events.onEvent(quote("2222"));
            events.onEvent(quote("1120"));
        });
        assertEquals("1120", events.await(Quote.class, quote -> quote.symbol().equals("1120"), WAIT).symbol());
        assertEquals(2, events.awaitCount(Quote.class, quote -> true, 2, WAIT).size());
    }

    @Test
    void aWaitThatTimesOutSaysWhatItSaw() {
        events.onEvent(quote("2222"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> events.await(Quote.class, quote -> quote.symbol().equals("9999"), Duration.ofMillis(30)));
        assertTrue(e.getMessage().contains("no matching Quote") && e.getMessage().contains("2222"), e.getMessage());
    }

    @Test
    void takesInOrderAndReportsWhatWasLeft() {
        Quote first = quote("2222");
        Quote second = quote("2222");
        events.onEvent(first);
        events.onEvent(connection(ConnectionState.CONNECTED));
        events.onEvent(second);
        assertSame(first, events.take(Quote.class, quote -> true, WAIT));
        AssertionFailedError left = assertThrows(AssertionFailedError.class, events::assertExhausted);
        assertTrue(left.getMessage().startsWith("1 unexpected event(s)"), left.getMessage());
        assertSame(second, events.take(Quote.class, quote -> true, WAIT));
        events.assertExhausted();
    }

    @Test
    void marksSeparateBeforeFromAfter() {
        events.onEvent(connection(ConnectionState.CONNECTED));
        int mark = events.mark();
        events.onEvent(connection(ConnectionState.DISCONNECTED));
        assertEquals(List.of(ConnectionState.DISCONNECTED), events.since(mark, ConnectionEvent.class, e -> true)
                .stream().map(ConnectionEvent::state).toList());
        assertEquals(1, events.states(ConnectionState.CONNECTED).size());
    }

    @Test
    void assertsThatNothingHappens() {
        events.assertNoneWithin(Quote.class, quote -> true, Duration.ofMillis(20), "no quotes expected");
        CompletableFuture.runAsync(() -> events.onEvent(quote("2222")));
        assertThrows(AssertionFailedError.class,
                () -> events.assertNoneWithin(Quote.class, quote -> true, WAIT, "no quotes expected"));
        assertThrows(AssertionFailedError.class, () -> events.assertNone(Quote.class, q -> true, "none"));
    }

    @Test
    void findsACredentialInAnyEvent() {
        events.onEvent(new StatusEvent("p", "warning", "ok", Map.of(), Instant.now()));
        events.assertNotMentioned("s3cret");
        events.onEvent(new StatusEvent("p", "warning", "connected with s3cret", Map.of(), Instant.now()));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> events.assertNotMentioned("s3cret"));
        assertTrue(e.getMessage().contains("<CREDENTIAL>") && !e.getMessage().contains("s3cret"), e.getMessage());
    }

    private static Quote quote(String symbol) {
        return Quote.builder("p", symbol, Instant.now()).build();
    }

    private static MarketEvent connection(ConnectionState state) {
        return new ConnectionEvent("p", "p/x#1", state, null, 0, null, Instant.now());
    }
}
