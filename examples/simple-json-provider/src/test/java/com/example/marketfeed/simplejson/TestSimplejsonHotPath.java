package com.example.marketfeed.simplejson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.Quote;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.testkit.fuzz.FuzzOutput;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The hot path is lean: a ticker push decodes into its quote and nothing else. What the decode allocates is
 * measured against what building the same quote (and its time) alone allocates, so the bound holds whatever the
 * JVM's object layout; a parser, a map, a string or a {@code BigDecimal} per frame would exceed it.
 */
class TestSimplejsonHotPath {

    private static final int ROUNDS = 20_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aTickerAllocatesOnlyItsQuote() {
        SimplejsonSession session = new SimplejsonSession();
        InboundFrame frame = Frames.frame("ticker.json");
        FuzzOutput out = new FuzzOutput();
        double decode = bytesPerCall(() -> {
            out.events().clear();
            session.decode(frame, out);
        });
        assertEquals(1, out.events().size(), out.problems()::toString);
        Quote.Builder builder = Quote.builder(SimplejsonProvider.ID);
        double quoteAlone = bytesPerCall(() -> builder.clear().symbol("BTC-USD").receivedAt(Frames.RECEIVED_AT)
                .set(Quote.Field.PRICE, 640125, 1).set(Quote.Field.BID, 640124, 1).set(Quote.Field.ASK, 640126, 1)
                .time(Instant.ofEpochMilli(1732233600123L)).build());
        assertTrue(decode <= quoteAlone + 8, decode + " bytes per ticker, " + quoteAlone + " for its quote alone");
    }

    private static double bytesPerCall(Runnable body) {
        for (int i = 0; i < ROUNDS; i++) {
            body.run();
        }
        long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < ROUNDS; i++) {
            body.run();
        }
        return (THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / (double) ROUNDS;
    }
}
