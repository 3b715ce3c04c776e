package io.marketfeed.testkit;

import static io.marketfeed.testkit.ConformanceFixture.WAIT;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.StatusEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The conformance cases about a hostile server, run by {@link MarketFeedProviderConformanceTest} for every provider:
 * a message far over the runtime's limit, and a server that quotes the credential back (in an error frame, a close
 * reason, the body of a refused handshake) with a line break to forge a log line.
 *
 * <p>Used by the one test thread of a case.
 */
final class HostileServerCases {

    /** One frame of 50 MB: fifty times the runtime's default limit. */
    static final int HUGE_MESSAGE = 50_000_000;
    /** The most bytes of UTF-8 a close reason may hold (RFC 6455: 125 bytes of payload, 2 of them the code). */
    private static final int MAX_CLOSE_REASON = 123;

    private final ConformanceFixture fixture;
    private final ProviderFacts facts;
    private final ClientRequests requests;

    HostileServerCases(ConformanceFixture fixture) {
        this.fixture = fixture;
        this.facts = fixture.facts();
        this.requests = fixture.requests();
    }

    void messageOverTheLimit() {
        // Built only where a socket needs the bytes: the virtual network sees it is over the limit by its length.
        CharSequence huge = new Repeated('x', HUGE_MESSAGE);
        List<String> symbols = facts.symbols(1);
        ScriptedConnection connection = fixture.connectAndSubscribe(symbols);
        fixture.pushAndAwaitData(connection, symbols.get(0));
        StatusEvent tooLarge = null;
        int sentOn = 0;
        // On a loaded machine the server may take longer to start writing 50 MB than the kit's short stale
        // timeout: then the connection is replaced first, and the message goes to the new one.
        for (int attempt = 1; tooLarge == null; attempt++) {
            int mark = fixture.events().mark();
            int opened = fixture.server().connections().size();
            sentOn = opened;
            connection.sendText(huge);
            fixture.server().await("a message-too-large status or a new connection", WAIT,
                    () -> !tooLarge(mark).isEmpty() || fixture.server().connections().size() > opened);
            if (!tooLarge(mark).isEmpty()) {
                tooLarge = tooLarge(mark).get(0);
            } else if (attempt == 3) {
                throw new AssertionError("three connections were replaced before a 50 MB message was cut");
            } else {
                connection = fixture.server().awaitConnection(opened + 1, WAIT);
                requests.awaitSubscribed(connection, symbols);
            }
        }
        assertTrue(Long.parseLong(tooLarge.details().get("received")) < HUGE_MESSAGE / 10, "the client held "
                + tooLarge.details().get("received") + " bytes of a message over its limit of "
                + tooLarge.details().get("limit"));
        ScriptedConnection next = fixture.server().awaitConnection(sentOn + 1, WAIT);
        requests.awaitSubscribed(next, symbols);
        fixture.pushAndAwaitData(next, symbols.get(0));
        assertFalse(fixture.events().all(ConnectionEvent.class,
                event -> event.state() == ConnectionState.RECONNECTING).isEmpty(), "the cut connection reconnects");
    }

    /** One character {@code length} times, without holding them. */
    private record Repeated(char c, int length) implements CharSequence {
        @Override
        public char charAt(int index) {
            return c;
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Repeated(c, end - start);
        }

        @Override
        public String toString() {
            return String.valueOf(c).repeat(length);
        }
    }

    private List<StatusEvent> tooLarge(int mark) {
        return fixture.events().since(mark, StatusEvent.class, event -> event.kind().equals("message-too-large"));
    }

    void credentialQuotedBack() {
        List<String> forms = forms(facts.credential());
        String quote = "mf-testkit echo " + String.join(" ", forms) + "\nFORGED line";
        List<String> symbols = facts.symbols(1);
        ScriptedConnection connection = fixture.connectAndSubscribe(symbols);
        fixture.pushAndAwaitData(connection, symbols.get(0));

        Optional<String> error = facts.script().errorFrame(quote);
        if (error.isPresent()) {
            int mark = fixture.events().mark();
            connection.send(error.get());
            fixture.server().await("a status or connection event about the error frame", WAIT,
                    () -> !fixture.events().since(mark, MarketEvent.class,
                            event -> event instanceof StatusEvent || event instanceof ConnectionEvent).isEmpty());
            connection = current();
            requests.awaitSubscribed(connection, symbols);
            fixture.pushAndAwaitData(connection, symbols.get(0));
        }

        int before = fixture.server().connections().size();
        connection.close(1001, closeReason(forms));
        connection = fixture.server().awaitConnection(before + 1, WAIT);
        requests.awaitSubscribed(connection, symbols);
        fixture.pushAndAwaitData(connection, symbols.get(0));

        int handshakes = fixture.server().handshakes().size();
        fixture.server().refuseHandshakes(503, quote);
        connection.drop();
        fixture.server().await("a refused handshake", WAIT, () -> fixture.server().handshakes().size() > handshakes);
        fixture.events().await(ConnectionEvent.class, event -> event.state() == ConnectionState.RECONNECTING
                && event.reason() != null && event.reason().contains("503"), WAIT);
        fixture.server().acceptHandshakes();
        int accepted = fixture.server().connections().size();
        connection = fixture.server().awaitConnection(accepted + 1, WAIT);
        requests.awaitSubscribed(connection, symbols);
        fixture.pushAndAwaitData(connection, symbols.get(0));

        List<String> problems = new ArrayList<>();
        for (MarketEvent event : fixture.events().events()) {
            String text = event.toString();
            for (String form : forms) {
                if (text.contains(form)) {
                    problems.add("an event quotes the credential (" + describe(form, forms) + "): "
                            + text.replace(form, "<CREDENTIAL>"));
                }
            }
            if (text.contains("\nFORGED") || text.contains("\rFORGED")) {
                problems.add("an event carries a server's line break as such: " + text);
            }
        }
        Problems.assertNone("what the server quoted back", problems);
    }

    private ScriptedConnection current() {
        List<ScriptedConnection> connections = fixture.server().connections();
        ScriptedConnection last = connections.get(connections.size() - 1);
        if (last.isOpen()) {
            return last;
        }
        return fixture.server().awaitConnection(connections.size() + 1, WAIT);
    }

    /** The credential as is, URL-encoded and in Base64. */
    private static List<String> forms(String credential) {
        return List.of(credential, URLEncoder.encode(credential, StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8)));
    }

    private static String describe(String form, List<String> forms) {
        return switch (forms.indexOf(form)) {
            case 0 -> "as is";
            case 1 -> "URL-encoded";
            default -> "in Base64";
        };
    }

    /** As many of the forms as a close reason holds, with the line break. */
    private static String closeReason(List<String> forms) {
        StringBuilder reason = new StringBuilder("echo");
        for (String form : forms) {
            if ((reason + " " + form + "\nFORGED").getBytes(StandardCharsets.UTF_8).length <= MAX_CLOSE_REASON) {
                reason.append(' ').append(form);
            }
        }
        return reason.append("\nFORGED").toString();
    }
}
