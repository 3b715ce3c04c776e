package io.marketfeed.runtime.internal;

import static io.marketfeed.runtime.internal.VirtualFeed.STOCK_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.runtime.ReconnectPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A close is reported as one line with its code, what the code means, and the server's reason (on one line, at
 * most 200 characters); the network stack's internal state, which it sometimes puts in the reason of a lost
 * connection, is left out.
 */
class CloseLinesTest {

    private static final Limits LIMITS = new Limits(10, 10, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    @Test
    void aCloseNamesItsCodeWhatItMeansAndTheReasonOnOneLine() {
        assertEquals("closed by server with 1008 (policy violation) \"too many connections\"",
                reasonOf(1008, "too many\r\n  connections"));
        assertEquals("closed by server with 1001 (going away)", reasonOf(1001, ""));
        assertEquals("closed by server with 4001 \"invalid key\"", reasonOf(4001, "invalid key"));
    }

    @Test
    void aLostConnectionSaysSoAndLeavesTheNetworkStacksStateOut() {
        assertEquals("connection lost (1006)", reasonOf(1006, ""));
        assertEquals("connection lost (1006: Connection reset by peer)", reasonOf(1006, "Connection reset by peer"));
        assertEquals("connection lost (1006)", reasonOf(1006, "Session Closed"));
        assertEquals("connection lost (1006)", reasonOf(1006, "java.io.EOFException: oejcti.HttpConnectionOverHTTP"
                + "@6b112987::oeji.SocketChannelEndPoint@27b4bd12[{l=/127.0.0.1:50746,r=/127.0.0.1:45999,ISHUT"));
    }

    @Test
    void aLongReasonIsCutAtTwoHundredCharacters() {
        String reason = reasonOf(4000, "r".repeat(500));
        assertEquals("closed by server with 4000 \"" + "r".repeat(200) + "…\"", reason);
    }

    @Test
    void theGapEventCarriesTheSameLine() {
        VirtualFeed feed = new VirtualFeed(LIMITS, ReconnectPolicy.defaults());
        feed.subscribe("AAPL.US");
        feed.transport.last(STOCK_PATH).accept();
        feed.advance(Duration.ofSeconds(5));
        feed.transport.last(STOCK_PATH).close(1011, "internal error");
        feed.advance(Duration.ofSeconds(1));
        feed.transport.last(STOCK_PATH).accept();
        feed.advance(Duration.ofSeconds(1));

        GapEvent gap = feed.events().stream().filter(GapEvent.class::isInstance).map(GapEvent.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no gap: " + feed.events()));
        assertEquals("closed by server with 1011 (server error) \"internal error\"", gap.reason());
    }

    private static String reasonOf(int code, String reason) {
        VirtualFeed feed = new VirtualFeed(LIMITS, ReconnectPolicy.defaults());
        feed.subscribe("AAPL.US");
        feed.transport.last(STOCK_PATH).accept();
        feed.advance(Duration.ofSeconds(1));
        feed.transport.last(STOCK_PATH).close(code, reason);
        feed.advance(Duration.ZERO);
        return feed.lastState(ConnectionState.DISCONNECTED).reason();
    }
}
