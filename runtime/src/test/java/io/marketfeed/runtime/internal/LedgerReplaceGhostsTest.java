package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A replace-all connection receiving data for subscriptions it does not want (ghosts) on several topics: each
 * topic's ghosts are answered by that topic's request, none is forgotten, and the answer waits for confirmation.
 */
class LedgerReplaceGhostsTest {

    private final ConnectionLedger ledger = new ConnectionLedger(SubscribeStyle.Mode.REPLACE_ALL);

    private static Subscription q(String symbol) {
        return new Subscription("quotes", symbol);
    }

    private static Subscription t(String symbol) {
        return new Subscription("trades", symbol);
    }

    private static Optional<WireRequest> request(WireRequest.Kind kind, String topic, String... symbols) {
        return Optional.of(new WireRequest(kind, topic, List.of(symbols)));
    }

    @Test
    void ghostsOnTwoTopicsWithNothingWantedAreEachUnsubscribed() {
        ledger.ghost(q("A"));
        ledger.ghost(t("B"));
        assertEquals(request(WireRequest.Kind.UNSUBSCRIBE, "quotes", "A"), ledger.next(10));
        assertEquals(request(WireRequest.Kind.UNSUBSCRIBE, "trades", "B"), ledger.next(10));
        assertEquals(Optional.empty(), ledger.next(10));
    }

    @Test
    void aGhostOnAWantedTopicResendsItsListAndLeavesOtherTopicsGhostsForTheirOwnRequest() {
        ledger.want(q("A"));
        ledger.next(10);
        ledger.acknowledged("quotes", List.of());
        assertTrue(ledger.settled());
        ledger.ghost(q("Z"));
        ledger.ghost(t("Y"));
        assertFalse(ledger.settled());
        assertEquals(request(WireRequest.Kind.REPLACE, "quotes", "A"), ledger.next(10));
        assertTrue(ledger.awaitingAcknowledgement(), "the list sent again waits for its confirmation");
        assertEquals(request(WireRequest.Kind.UNSUBSCRIBE, "trades", "Y"), ledger.next(10));
        assertEquals(Optional.empty(), ledger.next(10));
        ledger.acknowledged("quotes", List.of());
        assertFalse(ledger.awaitingAcknowledgement());
        assertTrue(ledger.settled());
    }

    @Test
    void emptyingATopicUnsubscribesItsListAndItsGhostsButNotAnotherTopicsGhosts() {
        ledger.want(q("A"));
        ledger.next(10);
        ledger.ghost(q("Z"));
        ledger.ghost(t("Y"));
        ledger.unwant(q("A"));
        assertEquals(request(WireRequest.Kind.UNSUBSCRIBE, "quotes", "A", "Z"), ledger.next(10));
        assertEquals(request(WireRequest.Kind.UNSUBSCRIBE, "trades", "Y"), ledger.next(10));
        assertEquals(Optional.empty(), ledger.next(10));
        assertTrue(ledger.settled());
    }
}
