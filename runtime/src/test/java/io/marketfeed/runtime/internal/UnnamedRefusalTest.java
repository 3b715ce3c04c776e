package io.marketfeed.runtime.internal;

import io.marketfeed.runtime.testing.VirtualConnection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.runtime.ReconnectPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server that refuses without naming symbols ("Subscribing to too many symbols"): what it refused is the
 * request it answered, reported by name, and no longer counted as subscribed. On virtual time.
 */
class UnnamedRefusalTest {

    @Test
    void theLastRequestIsRefusedByNameAndLeavesTheLedger() {
        VirtualFeed feed = new VirtualFeed(Limits.builder().maxSymbolsPerConnection(10).maxSymbolsPerFrame(2)
                .build(), ReconnectPolicy.defaults());
        feed.subscribe("AAA", "BBB", "CCC");
        VirtualConnection dial = feed.transport.last(VirtualFeed.OTHER_PATH);
        dial.accept();
        feed.control.runDue();
        assertEquals(List.of("subscribe [AAA, BBB]", "subscribe [CCC]"), dial.received());

        dial.send("refused");
        feed.control.runDue();

        List<StatusEvent> rejected = feed.events().stream().filter(StatusEvent.class::isInstance)
                .map(StatusEvent.class::cast).filter(event -> event.kind().equals("rejected")).toList();
        assertEquals(1, rejected.size(), feed.events().toString());
        assertEquals("CCC", rejected.get(0).details().get("symbols"));
        assertTrue(rejected.get(0).message().contains("Subscribing to too many symbols"), rejected.get(0).message());
        ProviderSnapshot snapshot = feed.provider.snapshot();
        assertEquals(Map.of("trades/CCC", "Subscribing to too many symbols"), snapshot.rejected());
        assertEquals(2, snapshot.wanted());
    }

    @Test
    void theLedgerNamesTheOldestUnacknowledgedRequestThenTheLastSent() {
        ConnectionLedger acknowledged = new ConnectionLedger(SubscribeStyle.Mode.ADDITIVE);
        for (String symbol : List.of("A", "B", "C")) {
            acknowledged.want(new Subscription("quotes", symbol));
        }
        acknowledged.next(2);
        acknowledged.next(2);
        assertEquals(List.of("A", "B"), acknowledged.unnamedRefusal("quotes"), "the oldest awaiting its answer");
        acknowledged.acknowledged("quotes", List.of("A", "B"));
        assertEquals(List.of("C"), acknowledged.unnamedRefusal("quotes"));
        acknowledged.assumeAcknowledged();
        assertEquals(List.of("C"), acknowledged.unnamedRefusal("quotes"), "none waits: the last sent");
        acknowledged.unwant(new Subscription("quotes", "C"));
        assertEquals(List.of(), acknowledged.unnamedRefusal("quotes"), "only what is still wanted");
        assertEquals(List.of(), acknowledged.unnamedRefusal("trades"), "nothing sent on the topic");
        acknowledged.want(new Subscription("quotes", "C"));
        acknowledged.reset();
        assertEquals(List.of(), acknowledged.unnamedRefusal("quotes"), "a new session has sent nothing");

        ConnectionLedger replace = new ConnectionLedger(SubscribeStyle.Mode.REPLACE_ALL);
        replace.want(new Subscription("quotes", "X"));
        replace.want(new Subscription("quotes", "Y"));
        replace.next(10);
        assertEquals(List.of("X", "Y"), replace.unnamedRefusal("quotes"), "replace-all: the list last sent");
        replace.reset();
        assertEquals(List.of(), replace.unnamedRefusal("quotes"), "a new session has sent nothing");
    }
}
