package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The minimum reconnect gap per endpoint, as pure arithmetic on nanoseconds: a floor under the backoff measured from
 * the endpoint's latest attempt, made or reserved, never added to it.
 */
class ConnectGateTest {

    private final ConnectGate gate = new ConnectGate();

    @Test
    void withoutAnEarlierAttemptOrAGapTheBackoffAloneCounts() {
        assertEquals(5, gate.reserveReconnect("stock", 100, 5, 10), "no attempt yet");
        gate.attempted("other", 100);
        assertEquals(1, gate.reserveReconnect("other", 104, 1, 0), "no gap");
        assertEquals(0, gate.reserveReconnect("other", 104, -3, 0), "never a negative delay");
    }

    @Test
    void theGapIsAFloorFromTheLatestAttemptMadeOrReserved() {
        gate.attempted("stock", 100);
        assertEquals(6, gate.reserveReconnect("stock", 104, 1, 10), "until 110");
        assertEquals(16, gate.reserveReconnect("stock", 104, 1, 10), "after the reserved 110: 120");
        assertEquals(30, gate.reserveReconnect("stock", 104, 30, 10), "a longer backoff is not lengthened");
        assertEquals(10, gate.reserveReconnect("other", 104, 10, 10), "each endpoint has its own");
    }

    @Test
    void anAttemptNeverMovesTheLatestBack() {
        gate.attempted("stock", 200);
        gate.attempted("stock", 150);
        assertEquals(10, gate.reserveReconnect("stock", 200, 1, 10));
        gate.attempted("stock", 205);
        assertEquals(20, gate.reserveReconnect("stock", 200, 1, 10), "the reservation at 210 stands: 220");
    }
}
