package io.marketfeed.runtime.internal;

import io.marketfeed.runtime.testing.VirtualConnection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.runtime.ReconnectPolicy;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * After 1,000 reconnects of one connection, on virtual time, the runtime holds no earlier session: each attempt's
 * session, intake and decode output are let go once the attempt is over (the new session gets the last one as
 * {@code previous}, and only that).
 */
class SessionRetentionTest {

    private static final int RECONNECTS = 1_000;

    @Test
    void aThousandReconnectsLeaveNoEarlierSessionReachable() {
        VirtualFeed feed = new VirtualFeed(Limits.builder().maxSymbolsPerConnection(5).build(),
                ReconnectPolicy.defaults().withDelays(Duration.ofMillis(10), Duration.ofMillis(10)));
        feed.subscribe("AAA");
        for (int i = 0; i < RECONNECTS; i++) {
            VirtualConnection dial = feed.transport.last(VirtualFeed.OTHER_PATH);
            dial.accept();
            feed.control.runDue();
            dial.send("trade AAA");
            dial.drop();
            feed.control.runDue();
            feed.transport.forgetEnded();
            feed.advance(Duration.ofMillis(20));
        }
        assertEquals(RECONNECTS + 1, feed.sessions.size(), "one session per attempt");
        List<WeakReference<ProtocolSession>> earlier = feed.sessions.subList(0, RECONNECTS - 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (earlier.stream().anyMatch(session -> session.get() != null)) {
            if (System.nanoTime() > deadline) {
                long kept = earlier.stream().filter(session -> session.get() != null).count();
                fail(kept + " of the " + earlier.size() + " earlier sessions are still reachable");
            }
            System.gc();
        }
    }
}
