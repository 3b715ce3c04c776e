package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.Subscription;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the read thread lets through: the wanted symbols of each topic, every symbol of a wildcard topic. */
class WantedSymbolsTest {

    @Test
    void eachTopicWantsItsOwnSymbolsAndAWildcardWantsAll() {
        WantedSymbols wanted = new WantedSymbols();
        assertFalse(wanted.wants("trades", "AAA"), "nothing before the first refresh");
        wanted.refresh(List.of(new Subscription("trades", "AAA"), new Subscription("trades", "BBB"),
                new Subscription("quotes", "*")), 1);

        assertTrue(wanted.wants("trades", "AAA"));
        assertTrue(wanted.wants("trades", "BBB"));
        assertFalse(wanted.wants("trades", "CCC"));
        assertTrue(wanted.wants("quotes", "ANYTHING"));
        assertFalse(wanted.wants("depth", "AAA"));

        wanted.refresh(List.of(new Subscription("trades", "BBB")), 2);
        assertFalse(wanted.wants("trades", "AAA"), "a refresh replaces the set");
        assertFalse(wanted.wants("quotes", "ANYTHING"));
        assertTrue(wanted.wants("trades", "BBB"));
    }
}
