package io.marketfeed.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import java.lang.ref.WeakReference;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a provider's sessions one after the other, each given the one before as {@code previous} (as the runtime
 * does on every reconnect), and checks that the first becomes unreachable: a session that keeps its predecessor
 * keeps every earlier one, and a feed that reconnects for weeks runs out of memory.
 *
 * <p>Used by the one test thread of a case.
 */
final class SessionChainCheck {

    /** Reconnects in a row. */
    static final int RECONNECTS = 1_000;

    private SessionChainCheck() {
    }

    static void run(ProviderFacts facts) {
        FeedProtocol protocol = facts.protocol();
        Endpoint endpoint = facts.endpoint();
        String id = facts.id() + "/" + endpoint.id() + "#1";
        ProtocolSession first = protocol.openSession(new SessionContext(id, endpoint));
        WeakReference<ProtocolSession> firstRef = new WeakReference<>(first);
        ProtocolSession last = first;
        first = null;
        for (int i = 0; i < RECONNECTS; i++) {
            last = protocol.openSession(new SessionContext(id, endpoint, Optional.of(last)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (firstRef.get() != null) {
            if (System.nanoTime() > deadline) {
                fail("after " + RECONNECTS + " reconnects the first session is still reachable: openSession keeps "
                        + "SessionContext.previous (or something of it that refers back to it); copy what is needed "
                        + "from it instead, so that sessions do not form a chain");
            }
            System.gc();
            Thread.onSpinWait();
        }
        // The newest session is still ours: keep it reachable until the check is done.
        java.lang.ref.Reference.reachabilityFence(last);
    }
}
