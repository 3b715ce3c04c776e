package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.Secret;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.Readiness;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What {@code MarketFeed.subscribe} refuses before anything is sent, every problem at once, and how a symbol a
 * server named is quoted back.
 */
class SymbolRulesTest {

    private static final FeedProtocol TWO_ENDPOINTS = new RulesProtocol();

    private static List<String> problems(String topic, String... symbols) {
        return SymbolRules.problems("demo", TWO_ENDPOINTS, topic, symbols == null ? null : Arrays.asList(symbols));
    }

    @Test
    void goodSymbolsOnAServedTopicPass() {
        assertEquals(List.of(), problems("quotes", "2222", "AAPL.US", "x".repeat(64)));
        assertEquals(List.of(), problems("trades", "BTCUSDT"), "the second endpoint's topic is served too");
    }

    @Test
    void aTopicNotServedNamesTheTopicsThatAre() {
        assertEquals(List.of("topic 'book' is not served by demo as configured; it serves [quotes, trades]"),
                problems("book", "2222"));
        assertEquals(List.of("topic 'null' is not served by demo as configured; it serves [quotes, trades]"),
                problems(null, "2222"));
    }

    @Test
    void noSymbolsIsOneProblem() {
        assertEquals(List.of("no symbols given"), problems("quotes"));
        assertEquals(List.of("no symbols given"), problems("quotes", (String[]) null));
    }

    @Test
    void everyBadSymbolIsNamedByItsPositionAndShownSafely() {
        assertEquals(List.of(
                "symbol #1: is empty",
                "symbol #2 '': is empty",
                "symbol #3 '   ': is blank",
                "symbol #4 '" + "y".repeat(65) + "': is longer than 64 characters",
                "symbol #5 '22\\u000a22': contains white space or a control character",
                "symbol #6 'A B': contains white space or a control character",
                "symbol #7 'NOPE': the provider has no such symbol",
                "symbol #9 '\\u0007': contains white space or a control character"),
                problems("quotes", null, "", "   ", "y".repeat(65), "22\n22", "A B", "NOPE", "1120", "\u0007"));
    }

    @Test
    void theProviderIsAskedOnlyAboutWellFormedSymbols() {
        RulesProtocol protocol = new RulesProtocol();
        SymbolRules.problems("demo", protocol, "quotes", Arrays.asList("", "OK1", "A B", "OK2"));
        assertEquals(List.of(new Subscription("quotes", "OK1"), new Subscription("quotes", "OK2")), protocol.asked);
    }

    @Test
    void aServersSymbolIsQuotedWholeOnlyWhenItCouldBeOurs() {
        SecretMask secrets = new SecretMask(List.of(Secret.of("shmk_test_FAKE_abcdef")));
        assertTrue(SymbolRules.isSane("2222"));
        assertTrue(SymbolRules.isSane("z".repeat(64)));
        assertFalse(SymbolRules.isSane("z".repeat(65)));
        assertFalse(SymbolRules.isSane(""));
        assertFalse(SymbolRules.isSane(null));
        assertFalse(SymbolRules.isSane(" "));
        assertFalse(SymbolRules.isSane("a\tb"));
        assertFalse(SymbolRules.isSane("a\u0000b"));
        assertEquals("2222", SymbolRules.quotable("2222", secrets));
        assertEquals("a\\nb", SymbolRules.quotable("a\nb", secrets));
        assertEquals("q".repeat(64) + "… (100 characters in all)", SymbolRules.quotable("q".repeat(100), secrets));
        assertEquals("x ****", SymbolRules.quotable("x shmk_test_FAKE_abcdef", secrets));
    }

    /** Two endpoints, two topics; knows one symbol it does not have, and remembers what it was asked. */
    private static final class RulesProtocol implements FeedProtocol {
        final java.util.List<Subscription> asked = new java.util.ArrayList<>();

        private static Endpoint endpoint(String id, String topic) {
            return new Endpoint(id, URI.create("ws://127.0.0.1:1/" + id), AuthStyle.none(), Readiness.onOpen(),
                    SubscribeStyle.additive(Duration.ofSeconds(1)), Set.of(topic), Map.of());
        }

        @Override public List<Endpoint> endpoints() {
            return List.of(endpoint("trades", "trades"), endpoint("quotes", "quotes"));
        }
        @Override public Endpoint endpointFor(Subscription subscription) { return endpoints().get(0); }
        @Override public List<Subscription> configuredSubscriptions() { return List.of(); }
        @Override public Limits limits(Endpoint endpoint) { return null; }
        @Override public HeartbeatSpec heartbeat(Endpoint endpoint) { return null; }
        @Override public Optional<String> symbolProblem(Subscription subscription) {
            asked.add(subscription);
            return subscription.symbol().equals("NOPE") ? Optional.of("the provider has no such symbol")
                    : Optional.empty();
        }
        @Override public Disposition classifyClose(int code, String reason) { return Disposition.retry(reason); }
        @Override public ProtocolSession openSession(SessionContext context) { return null; }
    }
}
