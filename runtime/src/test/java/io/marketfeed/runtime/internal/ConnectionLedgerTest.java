package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConnectionLedgerTest {

    private static final String QUOTES = "quotes";
    private static final String TRADES = "trades";

    private static Subscription q(String symbol) {
        return new Subscription(QUOTES, symbol);
    }

    private static Subscription t(String symbol) {
        return new Subscription(TRADES, symbol);
    }

    private static WireRequest sub(String topic, String... symbols) {
        return new WireRequest(WireRequest.Kind.SUBSCRIBE, topic, List.of(symbols));
    }

    private static WireRequest unsub(String topic, String... symbols) {
        return new WireRequest(WireRequest.Kind.UNSUBSCRIBE, topic, List.of(symbols));
    }

    private static WireRequest replace(String topic, String... symbols) {
        return new WireRequest(WireRequest.Kind.REPLACE, topic, List.of(symbols));
    }

    /** Every request until the ledger has nothing more to send. */
    private static List<WireRequest> drain(ConnectionLedger ledger, int maxPerFrame) {
        List<WireRequest> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Optional<WireRequest> next = ledger.next(maxPerFrame);
            if (next.isEmpty()) {
                return out;
            }
            out.add(next.get());
        }
        throw new AssertionError("ledger never stopped producing requests: " + out.subList(0, 10));
    }

    @Nested
    class Additive {

        private final ConnectionLedger ledger = new ConnectionLedger(SubscribeStyle.Mode.ADDITIVE);

        @Test
        void wantingTwiceSendsOnce() {
            ledger.want(q("A"));
            ledger.want(q("A"));
            assertEquals(List.of(sub(QUOTES, "A")), drain(ledger, 10));

            ledger.want(q("A"));
            assertEquals(List.of(), drain(ledger, 10), "already on the wire: nothing to send");
            assertEquals(List.of(q("A")), ledger.desired());
        }

        @Test
        void unwantThenWantBeforeAnythingIsSentIsNotAnUnsubscribe() {
            ledger.want(q("A"));
            assertEquals(List.of(sub(QUOTES, "A")), drain(ledger, 10));
            ledger.unwant(q("A"));
            ledger.want(q("A"));
            assertEquals(List.of(), drain(ledger, 10), "net change is nothing, so the wire stays as it is");
        }

        @Test
        void subscribesAreChunkedToTheFrameLimitPerTopic() {
            for (String symbol : List.of("E", "D", "C", "B", "A")) {
                ledger.want(q(symbol));
            }
            ledger.want(t("X"));
            ledger.want(t("Y"));
            ledger.want(t("Z"));

            assertEquals(List.of(
                    sub(QUOTES, "A", "B"),
                    sub(QUOTES, "C", "D"),
                    sub(QUOTES, "E"),
                    sub(TRADES, "X", "Y"),
                    sub(TRADES, "Z")), drain(ledger, 2));
        }

        @Test
        void unsubscribesAreChunkedToo() {
            for (String symbol : List.of("A", "B", "C", "D", "E")) {
                ledger.want(q(symbol));
            }
            drain(ledger, 10);
            for (String symbol : List.of("A", "B", "C", "D", "E")) {
                ledger.unwant(q(symbol));
            }
            assertEquals(List.of(unsub(QUOTES, "A", "B"), unsub(QUOTES, "C", "D"), unsub(QUOTES, "E")),
                    drain(ledger, 2));
        }

        @Test
        void unsubscribesGoOutBeforeSubscribes() {
            ledger.want(q("A"));
            ledger.want(q("B"));
            ledger.want(t("T"));
            drain(ledger, 10);

            ledger.want(q("C"));
            ledger.unwant(t("T"));
            ledger.unwant(q("A"));

            List<WireRequest> sent = drain(ledger, 10);
            assertEquals(List.of(unsub(QUOTES, "A"), unsub(TRADES, "T"), sub(QUOTES, "C")), sent,
                    "removals first, so a connection at its symbol cap frees room before adding");
        }

        @Test
        void resetSendsEverythingAgain() {
            ledger.want(q("A"));
            ledger.want(q("B"));
            ledger.want(q("C"));
            ledger.want(t("A"));
            drain(ledger, 2);
            ledger.acknowledged(QUOTES, List.of("A", "B", "C"));
            ledger.acknowledged(TRADES, List.of("A"));
            ledger.unwant(q("B")); // not yet unsubscribed when the connection drops
            assertTrue(ledger.confirmedCount() > 0);

            ledger.reset();

            assertEquals(0, ledger.confirmedCount());
            assertEquals(Set.of(), ledger.onWire());
            assertFalse(ledger.settled());
            assertEquals(List.of(sub(QUOTES, "A", "C"), sub(TRADES, "A")), drain(ledger, 2),
                    "the server forgot everything: all desired is re-sent, and nothing is unsubscribed");
            assertEquals(Set.of(q("A"), q("C"), t("A")), ledger.onWire());
        }

        @Test
        void acknowledgementWithSymbolsConfirmsThose() {
            ledger.want(q("A"));
            ledger.want(q("B"));
            ledger.want(q("C"));
            assertEquals(List.of(sub(QUOTES, "A", "B"), sub(QUOTES, "C")), drain(ledger, 2));
            assertTrue(ledger.awaitingAcknowledgement());
            assertEquals(0, ledger.confirmedCount());

            ledger.acknowledged(QUOTES, List.of("C"));
            assertTrue(ledger.awaitingAcknowledgement(), "A and B are still unconfirmed");
            assertEquals(1, ledger.confirmedCount());
            assertFalse(ledger.settled());

            ledger.acknowledged(QUOTES, List.of("A", "B"));
            assertFalse(ledger.awaitingAcknowledgement());
            assertEquals(3, ledger.confirmedCount());
            assertTrue(ledger.settled());
        }

        @Test
        void acknowledgementWithoutSymbolsConfirmsTheOldestBatchOfItsTopic() {
            ledger.want(q("A"));
            ledger.want(q("B"));
            ledger.want(q("C"));
            ledger.want(t("X"));
            assertEquals(List.of(sub(QUOTES, "A", "B"), sub(QUOTES, "C"), sub(TRADES, "X")), drain(ledger, 2));

            ledger.acknowledged(TRADES, List.of());
            assertEquals(1, ledger.confirmedCount(), "only the trades batch");
            assertTrue(ledger.awaitingAcknowledgement());

            ledger.acknowledged(QUOTES, List.of());
            assertEquals(3, ledger.confirmedCount(), "the oldest quotes batch: A and B");
            assertTrue(ledger.awaitingAcknowledgement(), "C still waits");

            ledger.acknowledged(QUOTES, List.of());
            assertEquals(4, ledger.confirmedCount());
            assertFalse(ledger.awaitingAcknowledgement());
            assertTrue(ledger.settled());

            ledger.acknowledged(QUOTES, List.of());
            assertEquals(4, ledger.confirmedCount(), "a stray acknowledgement changes nothing");
        }

        @Test
        void assumeAcknowledgedConfirmsEverythingSent() {
            ledger.want(q("A"));
            ledger.want(t("B"));
            drain(ledger, 10);
            ledger.assumeAcknowledged();
            assertFalse(ledger.awaitingAcknowledgement());
            assertEquals(2, ledger.confirmedCount());
            assertTrue(ledger.settled());
        }

        @Test
        void rejectedLeavesDesiredAndWireAndIsNeverSentAgain() {
            ledger.want(q("A"));
            ledger.want(q("B"));
            assertEquals(List.of(sub(QUOTES, "A", "B")), drain(ledger, 10));

            ledger.rejected(QUOTES, List.of("A"));

            assertFalse(ledger.wants(q("A")));
            assertEquals(List.of(q("B")), ledger.desired());
            assertEquals(Set.of(q("B")), ledger.onWire());
            assertEquals(List.of(), drain(ledger, 10), "no unsubscribe for what the server refused, no retry");
            assertTrue(ledger.awaitingAcknowledgement(), "B still waits for its acknowledgement");
            ledger.acknowledged(QUOTES, List.of());
            assertFalse(ledger.awaitingAcknowledgement(), "the pending batch shrank to [B]");
            assertTrue(ledger.settled());

            ledger.reset();
            assertEquals(List.of(sub(QUOTES, "B")), drain(ledger, 10), "after a reconnect only B is re-sent");
        }

        @Test
        void ghostIsUnsubscribedAndUnsubscribedAgainOnEachGhost() {
            ledger.want(q("A"));
            drain(ledger, 10);
            ledger.acknowledged(QUOTES, List.of("A"));

            ledger.ghost(q("Z"));
            assertFalse(ledger.settled());
            assertEquals(List.of(unsub(QUOTES, "Z")), drain(ledger, 10));
            assertTrue(ledger.settled());

            ledger.ghost(q("Z"));
            assertEquals(List.of(unsub(QUOTES, "Z")), drain(ledger, 10), "data still comes: unsubscribe again");
            assertEquals(Set.of(q("A")), ledger.onWire());
        }

        @Test
        void ghostOfAWantedSubscriptionIsIgnored() {
            ledger.want(q("A"));
            drain(ledger, 10);
            ledger.ghost(q("A"));
            assertEquals(List.of(), drain(ledger, 10));
        }

        @Test
        void ghostThatIsWantedAgainIsSubscribedNotUnsubscribed() {
            ledger.ghost(q("A"));
            ledger.want(q("A"));
            assertEquals(List.of(sub(QUOTES, "A")), drain(ledger, 10));
        }

        @Test
        void ghostOfASubscriptionStillOnTheWireIsUnsubscribedOnce() {
            ledger.want(q("A"));
            drain(ledger, 10);
            ledger.unwant(q("A"));
            ledger.ghost(q("A"));
            assertEquals(List.of(unsub(QUOTES, "A")), drain(ledger, 10));
        }

        @Test
        void settledFollowsTheWire() {
            assertTrue(ledger.settled(), "nothing wanted, nothing sent");
            ledger.want(q("A"));
            assertFalse(ledger.settled(), "something to send");
            drain(ledger, 10);
            assertFalse(ledger.settled(), "sent but not acknowledged");
            ledger.acknowledged(QUOTES, List.of("A"));
            assertTrue(ledger.settled());
            ledger.unwant(q("A"));
            assertFalse(ledger.settled(), "an unsubscribe is due");
            assertEquals(List.of(unsub(QUOTES, "A")), drain(ledger, 10));
            assertTrue(ledger.settled(), "unsubscribes are not acknowledged");
            assertTrue(ledger.isEmpty());
        }

        @Test
        void unsubscribeOfAnUnacknowledgedBatchDropsItFromPending() {
            ledger.want(q("A"));
            ledger.want(q("B"));
            drain(ledger, 10);
            ledger.unwant(q("A"));
            ledger.unwant(q("B"));
            assertEquals(List.of(unsub(QUOTES, "A", "B")), drain(ledger, 10));
            assertFalse(ledger.awaitingAcknowledgement(), "nothing left to confirm");
            assertTrue(ledger.settled());
        }

        @Test
        void symbolsCountsDistinctSymbolsAcrossTopics() {
            ledger.want(q("A"));
            ledger.want(t("A"));
            ledger.want(t("B"));
            assertEquals(Set.of("A", "B"), ledger.symbols());
            assertEquals(List.of(q("A"), t("A"), t("B")), ledger.desired());
        }
    }

    @Nested
    class ReplaceAll {

        private final ConnectionLedger ledger = new ConnectionLedger(SubscribeStyle.Mode.REPLACE_ALL);

        @Test
        void alwaysSendsTheWholeSortedListIgnoringTheFrameLimit() {
            ledger.want(q("C"));
            ledger.want(q("A"));
            ledger.want(q("B"));
            assertEquals(List.of(replace(QUOTES, "A", "B", "C")), drain(ledger, 1));

            ledger.want(q("D"));
            assertEquals(List.of(replace(QUOTES, "A", "B", "C", "D")), drain(ledger, 1),
                    "adding one symbol re-sends the whole list, never a chunk");

            ledger.unwant(q("B"));
            assertEquals(List.of(replace(QUOTES, "A", "C", "D")), drain(ledger, 1),
                    "removing one symbol is a smaller whole list, not an unsubscribe");
        }

        @Test
        void onePerTopic() {
            ledger.want(t("X"));
            ledger.want(q("A"));
            ledger.want(q("B"));
            assertEquals(List.of(replace(QUOTES, "A", "B"), replace(TRADES, "X")), drain(ledger, 1));
            assertEquals(Set.of(q("A"), q("B"), t("X")), ledger.onWire());
        }

        @Test
        void wantingTwiceSendsOnce() {
            ledger.want(q("A"));
            ledger.want(q("A"));
            assertEquals(List.of(replace(QUOTES, "A")), drain(ledger, 5));
            ledger.want(q("A"));
            assertEquals(List.of(), drain(ledger, 5));
        }

        @Test
        void emptiedTopicIsUnsubscribedWithThePreviousList() {
            ledger.want(q("A"));
            ledger.want(q("B"));
            ledger.want(t("X"));
            drain(ledger, 5);

            ledger.unwant(q("A"));
            ledger.unwant(q("B"));
            assertEquals(List.of(unsub(QUOTES, "A", "B")), drain(ledger, 1));
            assertEquals(Set.of(t("X")), ledger.onWire());
            assertEquals(List.of(), drain(ledger, 1));
        }

        @Test
        void wantedThenUnwantedBeforeSendingSendsNothing() {
            ledger.want(q("A"));
            ledger.unwant(q("A"));
            assertEquals(List.of(), drain(ledger, 5));
            assertTrue(ledger.settled());
        }

        @Test
        void resetSendsEveryListAgain() {
            ledger.want(q("A"));
            ledger.want(q("B"));
            ledger.want(t("X"));
            drain(ledger, 5);
            ledger.acknowledged(QUOTES, List.of());
            ledger.acknowledged(TRADES, List.of());
            assertTrue(ledger.settled());

            ledger.reset();

            assertFalse(ledger.settled());
            assertEquals(0, ledger.confirmedCount());
            assertEquals(List.of(replace(QUOTES, "A", "B"), replace(TRADES, "X")), drain(ledger, 5));
        }

        @Test
        void acknowledgementConfirmsTheLastListOfTheTopic() {
            ledger.want(q("A"));
            ledger.want(q("B"));
            ledger.want(t("X"));
            drain(ledger, 5);
            assertTrue(ledger.awaitingAcknowledgement());
            assertFalse(ledger.settled());

            ledger.acknowledged(QUOTES, List.of());
            assertEquals(2, ledger.confirmedCount());
            assertTrue(ledger.awaitingAcknowledgement(), "trades not yet confirmed");

            ledger.acknowledged(TRADES, List.of("X"));
            assertEquals(3, ledger.confirmedCount());
            assertFalse(ledger.awaitingAcknowledgement());
            assertTrue(ledger.settled());

            ledger.want(q("C"));
            assertFalse(ledger.settled());
            drain(ledger, 5);
            assertTrue(ledger.awaitingAcknowledgement(), "a new list waits for its acknowledgement");
            ledger.assumeAcknowledged();
            assertTrue(ledger.settled());
            assertEquals(4, ledger.confirmedCount());
        }

        @Test
        void rejectedSymbolLeavesTheListWithoutAResend() {
            ledger.want(q("A"));
            ledger.want(q("B"));
            assertEquals(List.of(replace(QUOTES, "A", "B")), drain(ledger, 5));

            ledger.rejected(QUOTES, List.of("A"));

            assertEquals(List.of(q("B")), ledger.desired());
            assertEquals(Set.of(q("B")), ledger.onWire());
            assertEquals(List.of(), drain(ledger, 5), "the server applied the list without A: nothing to send");
            assertTrue(ledger.settled());

            ledger.want(q("C"));
            assertEquals(List.of(replace(QUOTES, "B", "C")), drain(ledger, 5), "A never comes back");
        }

        @Test
        void ghostMakesTheWholeListGoOutAgain() {
            ledger.want(q("A"));
            ledger.want(q("B"));
            drain(ledger, 5);
            ledger.acknowledged(QUOTES, List.of());

            ledger.ghost(q("Z"));

            assertFalse(ledger.settled());
            assertEquals(List.of(replace(QUOTES, "A", "B")), drain(ledger, 5),
                    "the server did not apply the last list: send it again");
            assertEquals(List.of(), drain(ledger, 5));
        }

        @Test
        void ghostOfAWantedSubscriptionIsIgnored() {
            ledger.want(q("A"));
            drain(ledger, 5);
            ledger.ghost(q("A"));
            assertEquals(List.of(), drain(ledger, 5));
        }

        /**
         * The race the runtime meets: the last symbol of a topic is unwanted, and before the pump sends the
         * UNSUBSCRIBE, a frame for it arrives and is reported as a ghost. The server still has the list.
         */
        @Test
        void ghostBeforeTheUnsubscribeOfAnEmptiedTopicStillUnsubscribesTheWholeList() {
            ledger.want(q("A"));
            ledger.want(q("B"));
            assertEquals(List.of(replace(QUOTES, "A", "B")), drain(ledger, 5));
            ledger.acknowledged(QUOTES, List.of());

            ledger.unwant(q("A"));
            ledger.unwant(q("B"));
            ledger.ghost(q("A"));

            assertEquals(List.of(unsub(QUOTES, "A", "B")), drain(ledger, 5),
                    "the server still carries [A, B]; the ledger must still unsubscribe the whole list");
            assertTrue(ledger.settled());
            assertFalse(ledger.awaitingAcknowledgement());
        }

        /** After the topic was unsubscribed, data keeps coming: unsubscribe it again, as additive mode does. */
        @Test
        void ghostOnATopicWithNothingWantedIsUnsubscribed() {
            ledger.want(q("A"));
            drain(ledger, 5);
            ledger.unwant(q("A"));
            assertEquals(List.of(unsub(QUOTES, "A")), drain(ledger, 5));

            ledger.ghost(q("A"));

            assertFalse(ledger.settled(), "a ghost is waiting to be unsubscribed");
            assertEquals(List.of(unsub(QUOTES, "A")), drain(ledger, 5));
            assertTrue(ledger.settled());
        }
    }
}
