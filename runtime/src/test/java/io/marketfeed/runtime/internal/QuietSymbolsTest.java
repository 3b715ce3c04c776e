package io.marketfeed.runtime.internal;

import io.marketfeed.runtime.testing.VirtualConnection;
import static io.marketfeed.runtime.internal.VirtualFeed.OTHER_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.runtime.ReconnectPolicy;
import io.marketfeed.runtime.SymbolActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Quiet symbols on virtual time: three symbols on one connection, trades every second from those that stream. A
 * symbol silent for the threshold while its neighbours stream is reported once per quiet spell, and once when it
 * streams again; a connection on which everything stops, and a provider whose market said closed, report nothing.
 */
class QuietSymbolsTest {

    private static final Duration AFTER = Duration.ofMinutes(2);
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Limits ONE_CONNECTION = new Limits(100, 100, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    private VirtualFeed feed = start(AFTER);
    private VirtualConnection socket;

    private VirtualFeed start(Duration after) {
        VirtualFeed started = new VirtualFeed(ONE_CONNECTION, ReconnectPolicy.defaults(), after);
        started.subscribe("AAA", "BBB", "CCC");
        socket = started.transport.last(OTHER_PATH);
        socket.accept();
        started.advance(Duration.ZERO);
        return started;
    }

    @Test
    void aSymbolThatStopsWhileItsNeighboursStreamIsReportedOnceAfterTheThresholdAndNotBefore() {
        stream(Duration.ofSeconds(10), "AAA", "BBB", "CCC");
        Duration lastOfC = feed.elapsed().minus(SECOND);

        // Silent for the threshold less a second.
        stream(AFTER.minus(Duration.ofSeconds(2)), "AAA", "BBB");
        assertEquals(List.of(), quiet(), "reported before the threshold");

        stream(Duration.ofSeconds(2), "AAA", "BBB");
        StatusEvent report = only(quiet());
        assertEquals("fake", report.provider());
        assertEquals(Map.of("symbol", "CCC", "connection", "fake/other#1", "quietFor", "PT2M",
                "lastEventAt", at(lastOfC).toString(), "after", "PT2M"), report.details());
        assertEquals("fake/other#1: CCC has had no market data for 2m00s (last at " + at(lastOfC) + ") while other "
                + "symbols on the connection stream (threshold 2m00s)", report.message());
        SymbolActivity c = symbol("CCC");
        assertTrue(c.quiet());
        assertEquals(at(lastOfC), c.lastEventAt());
        assertFalse(symbol("AAA").quiet());

        stream(Duration.ofMinutes(5), "AAA", "BBB");
        assertEquals(1, quiet().size(), "one report per quiet spell");
        assertEquals(1, activity().quietReports());
        assertEquals(List.of(), resumed());

        stream(SECOND, "AAA", "BBB", "CCC");
        StatusEvent back = only(resumed());
        Duration silence = feed.elapsed().minus(SECOND).minus(lastOfC);
        assertEquals(silence.toString(), back.details().get("quietFor"));
        assertEquals("fake/other#1: CCC streams again after " + Durations.format(silence) + " without market data",
                back.message());
        assertFalse(symbol("CCC").quiet());

        // A second spell is a second report.
        stream(AFTER.plus(SECOND), "AAA", "BBB");
        assertEquals(2, quiet().size());
        assertEquals(1, resumed().size());
    }

    @Test
    void aSymbolThatNeverStreamedIsReportedFromWhenItWasSubscribed() {
        stream(AFTER.plus(SECOND), "AAA", "BBB");

        StatusEvent report = only(quiet());
        assertEquals("CCC", report.details().get("symbol"));
        assertEquals("never", report.details().get("lastEventAt"));
        assertEquals("PT2M", report.details().get("quietFor"));
        assertNull(symbol("CCC").lastEventAt());
        assertTrue(symbol("CCC").quiet());
    }

    @Test
    void subscriptionsToTopicsWithoutPerSymbolDataAreNotTracked() {
        feed.provider.subscribe(List.of(new Subscription("markets", "KRX"), new Subscription("sectors", "IT")));
        feed.advance(Duration.ZERO);

        stream(Duration.ofMinutes(3), "AAA", "BBB", "CCC");

        assertEquals(List.of(), quiet());
        assertEquals(List.of("AAA", "BBB", "CCC"), connection().symbolActivity().stream()
                .map(SymbolActivity::symbol).toList());
    }

    @Test
    void aConnectionOnWhichEverySymbolStopsIsNotReported() {
        stream(Duration.ofSeconds(10), "AAA", "BBB", "CCC");

        feed.advance(Duration.ofMinutes(10));

        assertEquals(List.of(), quiet());
    }

    @Test
    void nothingIsReportedWhileTheProvidersMarketIsClosedAndSilenceCountsFromTheOpening() {
        stream(Duration.ofSeconds(10), "AAA", "BBB", "CCC");
        Duration lastOfC = feed.elapsed().minus(SECOND);
        send("market KRX closed");

        stream(Duration.ofMinutes(10), "AAA", "BBB");
        assertEquals(List.of(), quiet(), "reported while the market is closed");

        send("market KRX open");
        Duration opened = feed.elapsed();
        stream(AFTER.minus(SECOND), "AAA", "BBB");
        assertEquals(List.of(), quiet(), "reported sooner than the threshold after the opening");

        stream(Duration.ofSeconds(2), "AAA", "BBB");
        StatusEvent report = only(quiet());
        Duration silence = opened.plus(AFTER).minus(lastOfC);
        assertEquals(silence.toString(), report.details().get("quietFor"));
    }

    @Test
    void anotherMarketOfTheProviderOpeningDoesNotEndTheClosure() {
        stream(Duration.ofSeconds(5), "AAA", "BBB", "CCC");
        send("market KOSPI closed");
        send("market KOSDAQ CLOSED");
        send("market KOSPI open");

        stream(Duration.ofMinutes(5), "AAA", "BBB");

        assertEquals(List.of(), quiet());
    }

    @Test
    void aLongerThresholdForTheProviderHoldsTheReportUntilIt() {
        feed = start(Duration.ofMinutes(10));
        stream(Duration.ofSeconds(10), "AAA", "BBB", "CCC");
        Duration lastOfC = feed.elapsed().minus(SECOND);

        stream(Duration.ofMinutes(10).minus(Duration.ofSeconds(2)), "AAA", "BBB");
        assertEquals(List.of(), quiet());
        stream(Duration.ofSeconds(2), "AAA", "BBB");

        assertEquals("PT10M", only(quiet()).details().get("after"));
        assertEquals(at(lastOfC).toString(), only(quiet()).details().get("lastEventAt"));
    }

    @Test
    void offMeansNoReportButTheTimesAreStillKept() {
        feed = start(Duration.ZERO);
        stream(Duration.ofSeconds(5), "AAA", "BBB", "CCC");
        Duration lastOfC = feed.elapsed().minus(SECOND);

        stream(Duration.ofMinutes(10), "AAA", "BBB");

        assertEquals(List.of(), quiet());
        assertEquals(at(lastOfC), symbol("CCC").lastEventAt());
        assertEquals(List.of("AAA", "BBB", "CCC"), connection().symbolActivity().stream()
                .map(SymbolActivity::symbol).toList());
        assertEquals(at(feed.elapsed().minus(SECOND)), connection().lastEventAt().get("AAA"));
    }

    @Test
    void theSilenceOfADisconnectionIsNotTheSymbols() {
        stream(Duration.ofSeconds(10), "AAA", "BBB", "CCC");
        socket.drop();
        feed.advance(Duration.ofMinutes(5));
        socket = feed.transport.last(OTHER_PATH);
        socket.accept();
        feed.advance(Duration.ZERO);

        stream(AFTER.minus(Duration.ofSeconds(2)), "AAA", "BBB");
        assertEquals(List.of(), quiet(), "the time disconnected counted as the symbol's silence");
        stream(Duration.ofSeconds(3), "AAA", "BBB");
        assertEquals("CCC", only(quiet()).details().get("symbol"));
    }

    @Test
    void closedWords() {
        for (String closed : List.of("closed", "CLOSED", "Closed ", "market-closed", "market closed", "halted",
                "suspended", "holiday", "close")) {
            assertTrue(QuietSymbols.saysClosed(closed), closed);
        }
        for (String open : List.of("open", "pre_market", "after_hours", "pre-close", "auction", "")) {
            assertFalse(QuietSymbols.saysClosed(open), open);
        }
    }

    /** Each second for {@code duration}: one trade of each symbol, then a second of time. */
    private void stream(Duration duration, String... symbols) {
        for (long s = 0; s < duration.toSeconds(); s++) {
            for (String symbol : symbols) {
                send("trade " + symbol);
            }
            feed.advance(SECOND);
        }
    }

    private void send(String text) {
        socket.send(text);
        feed.advance(Duration.ZERO);
    }

    private static Instant at(Duration elapsed) {
        return Instant.EPOCH.plus(elapsed);
    }

    private List<StatusEvent> quiet() {
        return status("symbol-quiet");
    }

    private List<StatusEvent> resumed() {
        return status("symbol-resumed");
    }

    private List<StatusEvent> status(String kind) {
        return feed.events().stream().filter(StatusEvent.class::isInstance).map(StatusEvent.class::cast)
                .filter(event -> event.kind().equals(kind)).toList();
    }

    private static StatusEvent only(List<StatusEvent> events) {
        assertEquals(1, events.size(), () -> "expected one: " + events);
        return events.get(0);
    }

    private ConnectionSnapshot connection() {
        return feed.provider.snapshot().connections().get(0);
    }

    private ProviderSnapshot.Activity activity() {
        return feed.provider.snapshot().activity();
    }

    private SymbolActivity symbol(String symbol) {
        return connection().symbolActivity().stream().filter(s -> s.symbol().equals(symbol)).findFirst()
                .orElseThrow(() -> new AssertionError(symbol + " not in " + connection().symbolActivity()));
    }
}
