package io.marketfeed.provider.screener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.BookSnapshot;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.testkit.RecordingDecodeOutput;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What fuzzing the decoder (TestScreenerFuzz) found, each as a plain test. */
class TestScreenerFuzzFindings {

    private final ScreenerProtocol protocol = TestScreenerSession.protocol(Map.of("symbols", List.of("005930")));

    /**
     * Values with Unicode blanks or control characters around them used to be kept as strings, and each one kept
     * scanned all those kept before, so a book of 32,000 such levels (770 KB) took fifteen seconds of the read thread.
     * Now read as every value is (a price with an em space is a bad value): each reported, in proportion.
     */
    @Test
    void manyOddValuesCostTimeInProportion() {
        ScreenerSession session = session();
        int levels = 32_000;
        StringBuilder book = new StringBuilder("{\"type\":\"orderbook_update\",\"stock_code\":\"005930\",\"asks\":[");
        for (int i = 0; i < levels; i++) {
            book.append(i == 0 ? "" : ",").append("[\"7300").append(i % 10).append("\u2003\",\"\\u2003 8\"]");
        }
        RecordingDecodeOutput out = new RecordingDecodeOutput();
        long started = System.nanoTime();
        session.decode(InboundFrame.text(book.append("]}").toString(), Instant.now()), out);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(millis < 2_000, "decoding took " + millis + " ms");
        assertEquals(List.of(), out.events(BookSnapshot.class).get(0).asks());
        assertEquals(levels, out.badValues().size());
        assertEquals(RecordingDecodeOutput.BadValue.dropped("price", "73009\u2003"), out.badValues().get(levels - 1));
    }

    /**
     * Each level of a book is kept in its own reused fields object, which used to take an array per field of the
     * message (29) and two text buffers however little the level held: a book of {@code [98]} levels (5 bytes each)
     * cost about 120 bytes per byte of the frame. Now about 30.
     */
    @Test
    void manySmallLevelsCostMemoryInProportion() {
        assertAllocatesInProportion(book(20_000, "[98]"));
        assertAllocatesInProportion(book(20_000, "{}"));
    }

    /**
     * A value that is no number used to be refused by BigDecimal throwing: an exception per level, about 140 bytes
     * per byte of a book of {@code ["n/a",1]} levels, and 116 of one priced "1" and a NUL (then a value kept as a
     * string, for its control character).
     */
    @Test
    void valuesThatAreNoNumbersCostNoException() {
        assertAllocatesInProportion(book(20_000, "[\"n/a\",1]"));
        assertAllocatesInProportion(book(20_000, "[\"7\u00a0\",1]"));
        assertAllocatesInProportion(book(20_000, "[\"1\\u0000\",1]"));
    }

    /**
     * A {@code token_refreshed} with an {@code expires_in} of 2^63 - 1 seconds overflowed the clock: the exception
     * was reported as a warning and left the refresh half done (the token taken, still marked as being refreshed).
     * Such a lifetime is none; the server's 15 minutes are assumed.
     */
    @Test
    void anAbsurdTokenLifetimeIsNone() {
        ScreenerProtocol refreshing = TestScreenerSession.protocol(Map.of("token",
                TestTokens.jwt(Instant.now().plusSeconds(30)), "refresh-token",
                TestTokens.jwt(Instant.now().plusSeconds(3600))));
        ScreenerSession session = (ScreenerSession) refreshing.openSession(new SessionContext("s",
                refreshing.endpoints().get(0)));
        session.heartbeat();
        RecordingDecodeOutput out = new RecordingDecodeOutput();
        session.decode(InboundFrame.text("{\"type\":\"token_refreshed\",\"access_token\":\"opaque\","
                + "\"expires_in\":9223372036854775807}", Instant.now()), out);
        assertEquals(List.of(), out.calls());
        Instant expected = Instant.now().plus(TokenState.SERVER_ACCESS_TOKEN_LIFETIME);
        Instant expiresAt = refreshing.tokens().expiresAt();
        assertTrue(Math.abs(expiresAt.getEpochSecond() - expected.getEpochSecond()) < 60, expiresAt.toString());
        assertEquals("opaque", refreshing.tokens().access().orElseThrow().reveal(), "the refresh is done");
    }

    private void assertAllocatesInProportion(String frame) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        ScreenerSession session = session();
        session.decode(InboundFrame.text(book(10, "[1,1]"), Instant.now()), new RecordingDecodeOutput());
        InboundFrame inbound = InboundFrame.text(frame, Instant.now());
        long before = threads.getCurrentThreadAllocatedBytes();
        session.decode(inbound, new io.marketfeed.testkit.fuzz.FuzzOutput());
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        long limit = 64L * inbound.length() + 64 * 1024;
        assertTrue(allocated <= limit, () -> allocated + " bytes allocated for a frame of " + inbound.length()
                + " bytes: " + frame.substring(0, 120));
    }

    private static String book(int levels, String level) {
        StringBuilder book = new StringBuilder("{\"type\":\"orderbook_update\",\"stock_code\":\"005930\",\"bids\":[");
        for (int i = 0; i < levels; i++) {
            book.append(i == 0 ? "" : ",").append(level);
        }
        return book.append("]}").toString();
    }

    private ScreenerSession session() {
        ScreenerSession session = (ScreenerSession) protocol.openSession(new SessionContext("screener/ws#1",
                protocol.endpoints().get(0)));
        session.subscribe(Topics.BOOK, List.of("005930"));
        return session;
    }
}
