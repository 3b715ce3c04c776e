package io.marketfeed.it.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.GapEvent;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The chaos checker's own logic: blind windows against gap events, the schedule's determinism, the leak check. */
class ChaosCheckerTest {

    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void aWindowFromDisconnectToConnectedIsCoveredOnlyByAGapOfItsConnectionSpanningIt() {
        BlindWindows windows = new BlindWindows();
        windows.update(List.of(event("a", ConnectionState.CONNECTING, 0), event("a", ConnectionState.CONNECTED, 1),
                event("b", ConnectionState.CONNECTED, 1), event("a", ConnectionState.DISCONNECTED, 10),
                event("a", ConnectionState.RECONNECTING, 10), event("a", ConnectionState.CONNECTING, 12),
                event("a", ConnectionState.DISCONNECTED, 13), event("a", ConnectionState.CONNECTING, 15)), List.of());
        assertEquals(Set.of("sahmk/a"), windows.open());

        windows.update(List.of(event("a", ConnectionState.CONNECTED, 16)), List.of(gap("b", 9, 17), gap("a", 11, 17)));
        assertEquals(1, windows.windows());
        assertEquals(1, windows.uncovered().size(), "a gap of another connection, or starting late, covers nothing");

        windows.update(List.of(), List.of(gap("a", 9, 16)));
        assertTrue(windows.uncovered().isEmpty());
        assertEquals(1, windows.covered());
        assertEquals(3, windows.gapEvents());
    }

    @Test
    void aConnectionThatNeverCameUpOrWasClosedOpensNoWindow() {
        BlindWindows windows = new BlindWindows();
        windows.update(List.of(event("a", ConnectionState.CONNECTING, 0), event("a", ConnectionState.DISCONNECTED, 1),
                event("a", ConnectionState.CONNECTING, 2), event("a", ConnectionState.CONNECTED, 3),
                event("a", ConnectionState.DISCONNECTED, 4), event("a", ConnectionState.CLOSED, 5)), List.of());
        assertEquals(0, windows.windows());
        assertTrue(windows.open().isEmpty());
    }

    @Test
    void theSameSeedGivesTheSameScheduleAndEveryKindComesWithinOneRound() {
        FaultSchedule one = new FaultSchedule(42);
        FaultSchedule two = new FaultSchedule(42);
        List<Fault> a = IntStream.range(0, 30).mapToObj(i -> one.next()).toList();
        List<Fault> b = IntStream.range(0, 30).mapToObj(i -> two.next()).toList();
        assertEquals(a, b);
        int round = FaultKind.values().length;
        assertEquals(EnumSet.allOf(FaultKind.class), a.subList(0, round).stream().map(Fault::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class))));
        FaultSchedule other = new FaultSchedule(43);
        assertTrue(!a.equals(IntStream.range(0, 30).mapToObj(i -> other.next()).toList()));
    }

    @Test
    void aClassLeaksWhenItRisesSampleAfterSampleNotWhenItMovesWithTheState() {
        String chained = "io.marketfeed.provider.screener.ScreenerSession";
        String lazy = "io.marketfeed.toolkit.TextFields";
        List<HeapHistogram> samples = List.of(
                HeapHistogram.of(Map.of(chained, 13L, lazy, 400L)),
                HeapHistogram.of(Map.of(chained, 40L, lazy, 285L)),
                HeapHistogram.of(Map.of(chained, 70L, lazy, 400L)),
                HeapHistogram.of(Map.of(chained, 96L, lazy, 290L)),
                HeapHistogram.of(Map.of(chained, 130L, lazy, 515L)));
        assertEquals(List.of("provider.screener.ScreenerSession +117 (rose at 4 of 4 samples)"),
                HeapHistogram.growing(samples, 50));
        assertEquals(List.of(), HeapHistogram.growing(samples, 200));
        assertEquals(List.of(), HeapHistogram.growing(samples.subList(0, 1), 1));
    }

    private static ConnectionEvent event(String connection, ConnectionState state, int second) {
        return new ConnectionEvent("sahmk", connection, state, null, 0, null, T0.plusSeconds(second));
    }

    private static GapEvent gap(String connection, int from, int to) {
        return new GapEvent("sahmk", connection, List.of("2222"), T0.plusSeconds(from), T0.plusSeconds(to), "lost",
                T0.plusSeconds(to));
    }
}
