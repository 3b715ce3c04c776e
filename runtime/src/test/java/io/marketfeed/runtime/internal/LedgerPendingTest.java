package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A batch the server answered in any way (not applied, refused, restored) no longer waits for an acknowledgement:
 * the connection settles, and an acknowledgement without a list confirms the batch actually waiting.
 */
class LedgerPendingTest {

    private static final String QUOTES = "quotes";
    private static final String TRADES = "trades";

    private final ConnectionLedger ledger = new ConnectionLedger(SubscribeStyle.Mode.ADDITIVE);

    /** Wants A and B, sent one per frame: two batches wait. */
    private void twoBatchesWaiting() {
        ledger.want(new Subscription(QUOTES, "A"));
        ledger.want(new Subscription(QUOTES, "B"));
        assertEquals(List.of("A"), ledger.next(1).orElseThrow().symbols());
        assertEquals(List.of("B"), ledger.next(1).orElseThrow().symbols());
        assertTrue(ledger.awaitingAcknowledgement());
    }

    @Test
    void aBatchNotAppliedNoLongerWaitsAndIsSentAgain() {
        twoBatchesWaiting();
        ledger.notApplied(QUOTES, List.of("A"));
        ledger.acknowledged(QUOTES, List.of());
        assertEquals(1, ledger.confirmedCount(), "the list-less acknowledgement is B's");
        assertEquals(Set.of(new Subscription(QUOTES, "B")), ledger.onWire());
        assertFalse(ledger.awaitingAcknowledgement());
        assertEquals(Optional.of(new WireRequest(WireRequest.Kind.SUBSCRIBE, QUOTES, List.of("A"))), ledger.next(5));
        ledger.acknowledged(QUOTES, List.of("A"));
        assertTrue(ledger.settled());
        assertEquals(2, ledger.confirmedCount());
    }

    @Test
    void aBatchNotAppliedWholeLeavesNothingWaiting() {
        ledger.want(new Subscription(QUOTES, "A"));
        ledger.next(5);
        ledger.notApplied(QUOTES, List.of("A"));
        assertFalse(ledger.awaitingAcknowledgement());
        assertEquals(Set.of(), ledger.onWire());
        assertFalse(ledger.settled(), "A is still wanted");
    }

    @Test
    void aRefusedBatchNoLongerWaits() {
        twoBatchesWaiting();
        ledger.rejected(QUOTES, List.of("A"));
        ledger.acknowledged(QUOTES, List.of());
        assertEquals(1, ledger.confirmedCount());
        assertFalse(ledger.awaitingAcknowledgement());
        assertTrue(ledger.settled(), "A is no longer wanted, B is confirmed");
        assertEquals(List.of(new Subscription(QUOTES, "B")), ledger.desired());
    }

    @Test
    void aBatchTheServerRestoredNoLongerWaits() {
        twoBatchesWaiting();
        ledger.restored(QUOTES, List.of("A"));
        assertEquals(1, ledger.confirmedCount());
        ledger.acknowledged(QUOTES, List.of());
        assertEquals(2, ledger.confirmedCount(), "the list-less acknowledgement is B's");
        assertFalse(ledger.awaitingAcknowledgement());
        assertTrue(ledger.settled());
    }

    @Test
    void answersForOneTopicLeaveTheOtherTopicsBatchesWaiting() {
        ledger.want(new Subscription(QUOTES, "A"));
        ledger.want(new Subscription(TRADES, "A"));
        ledger.next(5);
        ledger.next(5);
        ledger.rejected(QUOTES, List.of("A"));
        assertTrue(ledger.awaitingAcknowledgement(), "trades/A still waits");
        ledger.acknowledged(TRADES, List.of());
        assertFalse(ledger.awaitingAcknowledgement());
        assertEquals(1, ledger.confirmedCount());
    }

    @Test
    void aReplaceAllConnectionWaitsUntilTheListItSentIsConfirmed() {
        ConnectionLedger replace = new ConnectionLedger(SubscribeStyle.Mode.REPLACE_ALL);
        assertEquals(SubscribeStyle.Mode.REPLACE_ALL, replace.mode());
        replace.want(new Subscription(QUOTES, "A"));
        replace.next(5);
        assertTrue(replace.awaitingAcknowledgement());
        replace.notApplied(QUOTES, List.of("A"));
        assertFalse(replace.awaitingAcknowledgement());
        assertEquals(Set.of(), replace.onWire());
        assertEquals(Optional.of(new WireRequest(WireRequest.Kind.REPLACE, QUOTES, List.of("A"))), replace.next(5));
        replace.acknowledged(QUOTES, List.of());
        assertFalse(replace.awaitingAcknowledgement());
        assertTrue(replace.settled());
        replace.restored(TRADES, List.of("Z", "Y"));
        assertEquals(3, replace.confirmedCount());
        assertEquals(Set.of(new Subscription(QUOTES, "A"), new Subscription(TRADES, "Y"),
                new Subscription(TRADES, "Z")), replace.onWire());
    }
}
