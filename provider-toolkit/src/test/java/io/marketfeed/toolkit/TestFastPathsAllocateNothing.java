package io.marketfeed.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The hot path is lean: the usual shapes of decimals, times and symbols are read without allocating (beyond the
 * {@code Instant} a time is), which is what the readers' fast paths are for; the slow paths they fall back to give the
 * same values but allocate text and {@code BigDecimal}s, and these tests would notice a fast path that gave up.
 */
class TestFastPathsAllocateNothing {

    private static final int ROUNDS = 20_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Bytes allocated per call of {@code body}, after a warm-up. */
    private static double bytesPerCall(Runnable body) {
        for (int i = 0; i < ROUNDS; i++) {
            body.run();
        }
        long before = allocated();
        for (int i = 0; i < ROUNDS; i++) {
            body.run();
        }
        return (allocated() - before) / (double) ROUNDS;
    }

    @Test
    void usualDecimalsAreReadWithoutAllocating() {
        ExactDecimal decimal = new ExactDecimal();
        char[][] usual = {"32.50".toCharArray(), " -0.0001 ".toCharArray(), "+1200".toCharArray(),
            "123456789012345678".toCharArray(), "0.12345678901234567".toCharArray()};
        for (char[] text : usual) {
            assertTrue(decimal.parse(text, 0, text.length), new String(text));
            double bytes = bytesPerCall(() -> decimal.parse(text, 0, text.length));
            assertTrue(bytes < 8, new String(text) + ": " + bytes + " bytes per decimal");
        }
        decimal.parse(usual[1], 0, usual[1].length);
        assertEquals(-1, decimal.unscaled());
        assertEquals(4, decimal.scale());
    }

    @Test
    void usualTimesAllocateOnlyTheirInstant() {
        String[] usual = {"2026-02-10T09:19:23Z", "2026-02-10T09:19:23.123456789+03:00", "2026-02-10 09:19:23.5Z",
            "  2026-12-31T23:59:59-05:30  ", "2024-02-29T00:00:00.1Z"};
        for (String text : usual) {
            char[] chars = text.toCharArray();
            assertEquals(java.time.OffsetDateTime.parse(text.strip().replace(' ', 'T')).toInstant(),
                    IsoInstant.parse(chars, 0, chars.length), text);
            double bytes = bytesPerCall(() -> IsoInstant.parse(chars, 0, chars.length));
            assertTrue(bytes < 64, text + ": " + bytes + " bytes per time");
        }
        char[] local = "2026-02-10T09:19:23.250".toCharArray();
        assertEquals(Instant.parse("2026-02-10T09:19:23.250Z"), IsoInstant.parseAssumingUtc(local, 0, local.length));
        assertTrue(bytesPerCall(() -> IsoInstant.parseAssumingUtc(local, 0, local.length)) < 64,
                "a local time taken as UTC is a usual shape too");
    }

    @Test
    void daysThatDoNotExistAreNoTime() {
        for (String text : new String[] {"2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
            "2026-06-31T12:00:00Z", "2026-09-31T12:00:00Z", "2026-11-31T12:00:00Z", "2026-13-01T00:00:00Z",
            "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z"}) {
            char[] chars = text.toCharArray();
            assertEquals(null, IsoInstant.parse(chars, 0, chars.length), text);
        }
        for (String text : new String[] {"2000-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-04-30T00:00:00Z",
            "2026-01-31T00:00:00Z", "2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z",
            "2026-08-31T00:00:00Z", "2026-10-31T00:00:00Z", "2026-12-31T00:00:00Z", "2026-02-28T00:00:00Z"}) {
            char[] chars = text.toCharArray();
            assertEquals(Instant.parse(text), IsoInstant.parse(chars, 0, chars.length), text);
        }
    }

    @Test
    void aKnownSymbolIsTheStringSeenBefore() {
        Symbols symbols = new Symbols();
        char[] text = " 2222 ".toCharArray();
        String first = symbols.intern(text, 0, text.length);
        assertEquals("2222", first);
        assertSame(first, symbols.intern("2222".toCharArray(), 0, 4));
        double bytes = bytesPerCall(() -> symbols.intern(text, 0, text.length));
        assertTrue(bytes < 8, bytes + " bytes per known symbol");
    }
}
