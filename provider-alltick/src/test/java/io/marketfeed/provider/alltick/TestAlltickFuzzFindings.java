package io.marketfeed.provider.alltick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.testkit.RecordingDecodeOutput;
import io.marketfeed.testkit.RecordingDecodeOutput.Heartbeat;
import io.marketfeed.testkit.fuzz.FuzzOutput;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** What fuzzing the decoder (TestAlltickFuzz) found, each as a plain test. */
class TestAlltickFuzzFindings {

    /**
     * An envelope number that is no whole number in range ({@code 1.5}, {@code "x"}, 2^63) used to be refused by
     * {@code Long.parseLong} throwing: an exception of about a kilobyte for each, so a frame repeating
     * {@code "seq_id":1.5} cost about 115 bytes per byte. Refused now without an exception, with the same result.
     */
    @Test
    void envelopeNumbersThatAreNoWholeNumbersCostNoException() {
        StringBuilder frame = new StringBuilder("{\"ret\":200,\"msg\":\"ok\",\"cmd_id\":22001");
        for (int i = 0; i < 2_000; i++) {
            frame.append(i % 3 == 0 ? ",\"seq_id\":1.5" : i % 3 == 1 ? ",\"cmd_id\":\"x\""
                    : ",\"seq_id\":9223372036854775808");
        }
        String text = frame.append(",\"cmd_id\":22001,\"data\":{}}").toString();
        AlltickSession session = new AlltickSession(AlltickChannel.STOCK, 5, "t-", Duration.ofSeconds(3),
                new NotServedCodes("alltick/stock#1", AlltickChannel.STOCK, Duration.ofSeconds(60),
                        ConcurrentHashMap.newKeySet()));
        session.decode(InboundFrame.text(text, Instant.now()), new FuzzOutput());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        InboundFrame inbound = InboundFrame.text(text, Instant.now());
        RecordingDecodeOutput out = new RecordingDecodeOutput();
        long before = threads.getCurrentThreadAllocatedBytes();
        session.decode(inbound, out);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // Was about 55 bytes per byte of this frame; now less than one.
        assertTrue(allocated <= 8L * inbound.length() + 64 * 1024, allocated + " bytes for " + inbound.length());
        assertEquals(List.of(new Heartbeat()), out.calls(), "an unmatched 200 with cmd_id 22001 is a heartbeat");
    }
}
