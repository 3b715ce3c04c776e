package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Restored and not-applied subscriptions: the wire still converges, without a duplicate request. */
class SessionResumptionLedgerTest {

    private static Subscription quote(String symbol) {
        return new Subscription("quotes", symbol);
    }

    @Test
    void restoredSubscriptionsAreNotRequestedAgainAndUnwantedOnesAreRemoved() {
        ConnectionLedger ledger = new ConnectionLedger(SubscribeStyle.Mode.ADDITIVE);
        ledger.want(quote("A"));
        ledger.want(quote("B"));
        ledger.reset();
        ledger.restored("quotes", List.of("A", "C"));   // the server kept A and a C we no longer want

        assertEquals(new WireRequest(WireRequest.Kind.UNSUBSCRIBE, "quotes", List.of("C")),
                ledger.next(50).orElseThrow());
        assertEquals(new WireRequest(WireRequest.Kind.SUBSCRIBE, "quotes", List.of("B")),
                ledger.next(50).orElseThrow(), "only what is missing is requested");
        ledger.acknowledged("quotes", List.of("B"));
        assertTrue(ledger.next(50).isEmpty());
        assertTrue(ledger.settled());
    }

    @Test
    void notAppliedSymbolsAreSentAgainWithinTheCurrentFrameLimit() {
        ConnectionLedger ledger = new ConnectionLedger(SubscribeStyle.Mode.ADDITIVE);
        for (String symbol : List.of("A", "B", "C", "D")) {
            ledger.want(quote(symbol));
        }
        WireRequest first = ledger.next(4).orElseThrow();
        assertEquals(4, first.symbols().size());
        ledger.notApplied("quotes", first.symbols());      // e.g. too many targets in one request

        assertEquals(List.of("A", "B"), ledger.next(2).orElseThrow().symbols());
        assertEquals(List.of("C", "D"), ledger.next(2).orElseThrow().symbols());
        assertTrue(ledger.next(2).isEmpty());
    }

    @Test
    void replaceModeRestoresTheListAndResendsOnlyWhenItDiffers() {
        ConnectionLedger ledger = new ConnectionLedger(SubscribeStyle.Mode.REPLACE_ALL);
        ledger.want(quote("A"));
        ledger.want(quote("B"));
        ledger.restored("quotes", List.of("B", "A"));
        assertTrue(ledger.next(10).isEmpty(), "the restored list already matches");
        ledger.notApplied("quotes", List.of("A", "B"));
        assertEquals(new WireRequest(WireRequest.Kind.REPLACE, "quotes", List.of("A", "B")),
                ledger.next(10).orElseThrow());
    }
}
