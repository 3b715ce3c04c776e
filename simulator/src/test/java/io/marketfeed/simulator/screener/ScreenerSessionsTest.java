package io.marketfeed.simulator.screener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-IP cap and saved sessions, on instants the test chooses (no server, no real time). */
class ScreenerSessionsTest {

    private static final Instant T0 = Instant.parse("2026-02-10T09:00:00Z");

    @Test
    void theIpCapRefusesOverItAndFreesOnRelease() {
        ScreenerSessions sessions = new ScreenerSessions(2, Duration.ofMinutes(5));
        assertTrue(sessions.admit("10.0.0.1"));
        assertTrue(sessions.admit("10.0.0.1"));
        assertFalse(sessions.admit("10.0.0.1"));
        assertTrue(sessions.admit("10.0.0.2"), "the cap is per IP");
        assertEquals(1, sessions.refusedOverCap());
        sessions.release("10.0.0.1");
        assertTrue(sessions.admit("10.0.0.1"));
    }

    @Test
    void aSavedSessionIsTakenOnceBeforeItExpires() {
        ScreenerSessions sessions = new ScreenerSessions(10, Duration.ofMinutes(5));
        Map<String, List<String>> subscriptions = Map.of("stock", List.of("005930"));
        sessions.save("c1", subscriptions, null, 42, T0);
        assertTrue(sessions.restorable("c1", T0.plus(Duration.ofMinutes(4))));
        ScreenerSessions.SavedSession session = sessions.take("c1", "anyone", T0.plus(Duration.ofMinutes(4)));
        assertEquals(subscriptions, session.subscriptions());
        assertEquals(42, session.lastSequence());
        assertNull(sessions.take("c1", null, T0.plus(Duration.ofMinutes(4))), "taken once");
        assertEquals(1, sessions.restorations());

        sessions.save("c2", subscriptions, null, 43, T0);
        assertEquals(1, sessions.saved(T0.plus(Duration.ofMinutes(4))));
        assertFalse(sessions.restorable("c2", T0.plus(Duration.ofMinutes(5))), "expired at the TTL");
        assertEquals(0, sessions.saved(T0.plus(Duration.ofMinutes(5))));
    }

    @Test
    void anotherUsersSessionIsNotRestored() {
        ScreenerSessions sessions = new ScreenerSessions(10, Duration.ofMinutes(5));
        sessions.save("c1", Map.of(), "alice", 1, T0);
        assertNull(sessions.take("c1", "bob", T0));
        assertEquals("alice", sessions.take("c1", null, T0).userId(), "an anonymous restore may take it");
        assertEquals(1, sessions.restorations());
    }
}
