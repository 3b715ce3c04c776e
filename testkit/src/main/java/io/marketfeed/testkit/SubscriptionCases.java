package io.marketfeed.testkit;

import static io.marketfeed.testkit.ConformanceFixture.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.testkit.ProtocolScript.Request;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The conformance cases about what the client sends, run by {@link MarketFeedProviderConformanceTest} for every
 * provider through the real runtime on the virtual network: the handshake and credential, subscribe requests within
 * the frame limit and with the declared semantics, each control frame once per connection, and clean refusals of
 * what the provider cannot serve.
 *
 * <p>Used by the one test thread of a case.
 */
final class SubscriptionCases {

    /** A topic no provider serves. */
    private static final String UNKNOWN_TOPIC = "mf-testkit-unknown-topic";
    /** The whole-market wildcard. */
    private static final String WHOLE_MARKET = "*";

    private final ConformanceFixture fixture;
    private final ProviderFacts facts;
    private final ClientRequests requests;
    private final ProviderUnderTest test;

    SubscriptionCases(ConformanceFixture fixture, ProviderUnderTest test) {
        this.fixture = fixture;
        this.facts = fixture.facts();
        this.requests = fixture.requests();
        this.test = test;
    }

    void handshakeCarriesTheCredentialAsDeclared() {
        String symbol = facts.symbols(1).get(0);
        ScriptedConnection connection = fixture.connectAndSubscribe(List.of(symbol));
        Handshake handshake = connection.handshake();
        Endpoint endpoint = facts.endpoint();
        AuthStyle auth = endpoint.auth();
        String credential = facts.credential();
        assertEquals(facts.script().path(facts.topic()), handshake.path(), "the connection for "
                + facts.topic() + " must go to ProtocolScript.path");
        List<String> problems = new ArrayList<>();
        if (handshake.path().contains(credential)) {
            problems.add("the handshake path carries the credential");
        }
        boolean inQuery = handshake.query().contains(credential)
                || handshake.parameters().toString().contains(credential);
        boolean inHeaders = handshake.headers().toString().contains(credential);
        List<String> messages = connection.receivedTexts();
        switch (auth.kind()) {
            case QUERY_PARAMETER:
                if (!handshake.parameter(auth.name()).equals(Optional.of(credential))) {
                    problems.add("the query parameter '" + auth.name() + "' must carry the credential; parameters: "
                            + handshake.parameters().keySet());
                }
                break;
            case HEADER:
                if (!handshake.header(auth.name()).map(value -> value.contains(credential)).orElse(false)) {
                    problems.add("the header '" + auth.name() + "' must carry the credential; headers: "
                            + handshake.headers().keySet());
                }
                break;
            case FIRST_MESSAGE:
                checkFirstMessage(connection, messages, problems);
                break;
            default:
                break;
        }
        boolean sessionParameter = facts.openSession(endpoint, 1).queryParameters().values().stream()
                .anyMatch(value -> value.reveal().equals(credential));
        if (inQuery && auth.kind() != AuthStyle.Kind.QUERY_PARAMETER && !sessionParameter) {
            problems.add("the query string carries the credential, but the protocol authenticates with " + auth);
        }
        if (inHeaders && auth.kind() != AuthStyle.Kind.HEADER) {
            problems.add("a handshake header carries the credential, but the protocol authenticates with " + auth);
        }
        int from = auth.kind() == AuthStyle.Kind.FIRST_MESSAGE ? 1 : 0;
        for (String message : messages.subList(Math.min(from, messages.size()), messages.size())) {
            if (message.contains(credential)) {
                problems.add("a client message other than the auth message carries the credential");
                break;
            }
        }
        Problems.assertNone("the handshake does not authenticate as declared", problems);
        fixture.pushAndAwaitData(connection, symbol);
    }

    void subscribeRequestsStayWithinTheFrameLimit() {
        Limits limits = facts.limits();
        boolean replace = facts.replaceSemantics();
        int perFrame = limits.maxSymbolsPerFrame();
        int count = replace ? 12 : perFrame >= 100 ? 40 : 2 * perFrame + 3;
        count = Math.min(count, Math.min(limits.maxSymbolsPerConnection(), 200));
        List<String> symbols = facts.symbols(count);
        ScriptedConnection connection = fixture.connectAndSubscribe(symbols);
        int limit = replace ? limits.maxSymbolsPerConnection() : fixture.frameLimit();
        List<Request> subscribes = requests.on(connection, Request.Kind.SUBSCRIBE);
        for (Request request : subscribes) {
            assertTrue(request.symbols().size() <= limit, "a subscribe request names " + request.symbols().size()
                    + " symbols, over the limit of " + limit + ": " + request.symbols());
            assertEquals(new HashSet<>(request.symbols()).size(), request.symbols().size(),
                    "a subscribe request names a symbol twice: " + request.symbols());
        }
        if (replace) {
            assertEquals(new TreeSet<>(symbols), new TreeSet<>(subscribes.get(subscribes.size() - 1).symbols()),
                    "with replace semantics the last request names the whole list");
        } else {
            assertEquals(Map.of(), requests.repeated(connection), "additive requests name each symbol once "
                    + "(symbol -> times named); requests: " + subscribes);
            assertTrue(subscribes.size() >= (count + (long) limit - 1) / limit, "too few requests for " + count
                    + " symbols at " + limit + " per request: " + subscribes);
        }
        fixture.pushAndAwaitData(connection, symbols.get(0));
        fixture.pushAndAwaitData(connection, symbols.get(count - 1));
    }

    void subscribeRequestsFollowTheDeclaredSemantics() {
        List<String> symbols = facts.symbols(4);
        String first = symbols.get(0);
        String second = symbols.get(1);
        String third = symbols.get(2);
        String fourth = symbols.get(3);
        ScriptedConnection connection = fixture.connectAndSubscribe(List.of(first, second));
        fixture.subscribe(List.of(third));
        if (facts.replaceSemantics()) {
            awaitList(connection, Set.of(first, second, third));
            fixture.feed().unsubscribe(facts.id(), facts.topic(), List.of(first));
            awaitList(connection, Set.of(second, third));
            fixture.subscribe(List.of(fourth));
            awaitList(connection, Set.of(second, third, fourth));
            for (Request request : requests.on(connection, Request.Kind.SUBSCRIBE)) {
                Set<String> named = new TreeSet<>(request.symbols());
                assertTrue(List.of(Set.of(first, second), Set.of(first, second, third), Set.of(second, third),
                        Set.of(second, third, fourth)).contains(named), "with replace semantics every request names "
                        + "the whole list at that moment; unexpected request naming " + named);
            }
        } else {
            requests.awaitSubscribed(connection, List.of(third));
            Request added = requests.on(connection, Request.Kind.SUBSCRIBE).stream()
                    .filter(request -> request.symbols().contains(third)).findFirst().orElseThrow();
            assertEquals(List.of(third), added.symbols(), "an additive request names only the symbols it adds");
            // Probed on a session that subscribed first: a session may answer only for what it holds.
            ProtocolSession probe = facts.openSession(facts.endpoint(), 1);
            probe.subscribe(facts.topic(), List.of(first));
            boolean canUnsubscribe = probe.unsubscribe(facts.topic(), List.of(first)).isPresent();
            fixture.feed().unsubscribe(facts.id(), facts.topic(), List.of(first));
            if (canUnsubscribe) {
                fixture.server().await("an unsubscribe request naming " + first, WAIT,
                        () -> !requests.on(connection, Request.Kind.UNSUBSCRIBE).isEmpty());
                assertEquals(List.of(first), requests.on(connection, Request.Kind.UNSUBSCRIBE).get(0).symbols(),
                        "an unsubscribe request names only the symbols it removes");
            }
            fixture.subscribe(List.of(fourth));
            requests.awaitSubscribed(connection, List.of(fourth));
            if (!canUnsubscribe) {
                assertEquals(List.of(), requests.on(connection, Request.Kind.UNSUBSCRIBE),
                        "the session cannot unsubscribe, yet unsubscribe requests were read");
            }
            assertEquals(Map.of(), requests.repeated(connection), "no symbol is subscribed twice on a connection");
        }
        fixture.pushAndAwaitData(connection, fourth);
    }

    void controlFramesAreNotRepeatedOnAConnection() {
        List<String> symbols = facts.symbols(3);
        List<String> both = symbols.subList(0, 2);
        String third = symbols.get(2);
        List<String> topics = facts.dataTopicsOfTheCaseEndpoint(both, ProviderFacts.DATA_TOPICS.keySet());
        fixture.startFeed();
        for (String topic : topics) {
            fixture.feed().subscribe(facts.id(), topic, both);
        }
        fixture.awaitSettled(topics.size() * both.size());
        for (String topic : topics) {
            fixture.feed().subscribe(facts.id(), topic, both);
        }
        fixture.subscribe(List.of(third));
        fixture.awaitSettled(topics.size() * both.size() + 1);
        // Settled may mean sent (a provider without acknowledgements): the server may not have read it yet.
        fixture.waiter().until(() -> carrying(third) != null, ConformanceFixture.WAIT,
                () -> "no connection sent a subscribe request naming " + third);
        ScriptedConnection carrying = carrying(third);
        fixture.pushAndAwaitData(carrying, third);
        boolean firstMessageAuth = facts.endpoint().auth().kind() == AuthStyle.Kind.FIRST_MESSAGE;
        List<String> problems = new ArrayList<>();
        for (ScriptedConnection connection : fixture.server().connections()) {
            requests.unexplainedRepeats(connection, firstMessageAuth).forEach(repeat -> problems.add("connection #"
                    + connection.id() + ": " + repeat));
        }
        Problems.assertNone("a control frame was sent twice on one connection with nothing in between that explains it "
                + "(no reconnect, refusal, not-applied signal or change of the subscription; topics subscribed: "
                + topics + "). Send each subscription once per connection: when topics share one wire subscription, "
                + "send it for the first topic only and acknowledge the others without repeating it", problems);
    }

    void unsupportedTopicsAreRefusedCleanly() {
        List<String> symbols = facts.symbols(3);
        String refusedSymbol = symbols.get(1);
        ScriptedConnection connection = fixture.connectAndSubscribe(List.of(symbols.get(0)));
        Set<String> served = facts.servedTopics();
        List<String> topics = new ArrayList<>(new TreeSet<>(ProviderFacts.DATA_TOPICS.keySet()));
        topics.add(UNKNOWN_TOPIC);
        List<String> tried = new ArrayList<>();
        for (String topic : topics) {
            if (served.contains(topic)) {
                continue;
            }
            tried.add(topic);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> fixture.feed().subscribe(facts.id(), topic, List.of(refusedSymbol)),
                    "subscribing to '" + topic + "', which " + facts.id() + " does not serve, must be refused");
            assertFalse(String.valueOf(e.getMessage()).contains(facts.credential()),
                    "the refusal shows the credential");
        }
        assertThrows(IllegalArgumentException.class,
                () -> fixture.feed().subscribe(facts.id(), facts.topic(), List.of(" ")),
                "a blank symbol must be refused");
        fixture.subscribe(List.of(symbols.get(2)));
        requests.awaitSubscribed(connection, List.of(symbols.get(2)));
        for (Request request : requests.onAll(fixture.server().connections())) {
            assertFalse(request.symbols().contains(refusedSymbol), "a request named the symbol of a refused "
                    + "subscription to " + tried + ": " + request);
        }
        assertEquals(1, fixture.server().handshakes().size(), "a refused subscription opened a connection");
    }

    void wholeMarketSubscription() {
        List<String> symbols = facts.symbols(2);
        if (test.hasCapability(FeedCapability.SUBSCRIBE_ALL)) {
            ScriptedConnection connection = fixture.connectAndSubscribe(List.of(WHOLE_MARKET));
            fixture.pushAndAwaitData(connection, symbols.get(0));
            fixture.pushAndAwaitData(connection, symbols.get(1));
            return;
        }
        ScriptedConnection connection = fixture.connectAndSubscribe(List.of(symbols.get(0)));
        assertThrows(IllegalArgumentException.class,
                () -> fixture.feed().subscribe(facts.id(), facts.topic(), List.of(WHOLE_MARKET)),
                "the provider does not declare SUBSCRIBE_ALL, so '*' must be refused (FeedProtocol.symbolProblem)");
        fixture.subscribe(List.of(symbols.get(1)));
        requests.awaitSubscribed(connection, List.of(symbols.get(1)));
        for (Request request : requests.onAll(fixture.server().connections())) {
            assertFalse(request.symbols().contains(WHOLE_MARKET), "a request named '*': " + request);
        }
    }

    private void checkFirstMessage(ScriptedConnection connection, List<String> messages, List<String> problems) {
        if (messages.isEmpty() || !messages.get(0).contains(facts.credential())) {
            problems.add("the first client message must be the auth message carrying the credential; got "
                    + ClientRequests.shorten(messages).replace(facts.credential(), "<CREDENTIAL>"));
        }
        if (!messages.isEmpty() && facts.script().request(messages.get(0)).isPresent()) {
            problems.add("a request was sent before the auth message");
        }
        ProtocolSession probe = facts.openSession(facts.endpoint(), 1);
        Optional<OutboundFrame> auth = probe.authMessage();
        if (auth.isEmpty()) {
            problems.add("the endpoint declares first-message auth but the session has no authMessage()");
        } else if (!auth.get().sensitive()) {
            problems.add("authMessage() must be marked sensitive (OutboundFrame.sensitive) so it is never logged");
        }
    }

    /** The connection whose subscribe requests name {@code symbol}, or null. */
    private ScriptedConnection carrying(String symbol) {
        ScriptedConnection carrying = null;
        for (ScriptedConnection connection : fixture.server().connections()) {
            if (requests.on(connection, Request.Kind.SUBSCRIBE).stream()
                    .anyMatch(request -> request.symbols().contains(symbol))) {
                carrying = connection;
            }
        }
        return carrying;
    }

    private void awaitList(ScriptedConnection connection, Set<String> list) {
        fixture.server().await("a subscribe request naming exactly " + new TreeSet<>(list), WAIT,
                () -> requests.on(connection, Request.Kind.SUBSCRIBE).stream()
                        .anyMatch(request -> new HashSet<>(request.symbols()).equals(list)));
    }
}
