package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.marketfeed.api.Secret;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ReconnectPolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Each way a connection attempt can fail, reproduced on loopback against the real Jetty transport, is reported as
 * one readable line (in the {@code disconnected} event and the log): what happened and what to check. Jetty's own
 * text, which can be a kilobyte of internal state, goes to DEBUG only, and a credential never shows.
 */
class ConnectFailureLinesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Generous: the first handshake of a cold JVM can take a while; only the timeout test waits for it. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final String TOKEN = "tok_CANARY_5e1f";

    private final List<AutoCloseable> open = new ArrayList<>();
    private final EventRecorder<ConnectionEvent> events = new EventRecorder<>(ConnectionEvent.class, WAIT);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger connectionLog = (Logger) LoggerFactory.getLogger(Connection.class);
    private Level levelBefore;

    @BeforeEach
    void captureLogs() {
        levelBefore = connectionLog.getLevel();
        connectionLog.setLevel(Level.DEBUG);
        logs.start();
        connectionLog.addAppender(logs);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        connectionLog.detachAppender(logs);
        connectionLog.setLevel(levelBefore);
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String reason = firstFailure("ws://127.0.0.1:" + port + "/feed");

        assertEquals("connection refused by 127.0.0.1:" + port + "; check the host and port of the endpoint URL, "
                + "and that the server is up", reason);
        assertLoggedOnOneLine(reason);
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersIsAConnectTimeout() throws Exception {
        LoopbackServer server = server(LoopbackServer.silent());
        String reason = firstFailure("ws://127.0.0.1:" + server.port() + "/feed", Duration.ofMillis(300));

        assertEquals("no answer to the WebSocket handshake from 127.0.0.1:" + server.port() + " within 300ms "
                + "(connect-timeout); check that the endpoint URL is right, that the server is up, and that no "
                + "firewall or proxy holds the connection", reason);
        assertLoggedOnOneLine(reason);
    }

    @Test
    void anHttpRefusalShowsTheStatusAndTheStartOfTheBodyWithTheCredentialMasked() throws Exception {
        String filler = "x".repeat(300);
        LoopbackServer server = server(LoopbackServer.answering(403, "Forbidden",
                request -> "no access for " + request.lines().findFirst().orElse("") + " " + filler));
        String reason = firstFailure("ws://127.0.0.1:" + server.port() + "/feed");

        String body = "no access for GET /feed?token=**** HTTP/1.1 ";
        String shown = body + "x".repeat(ConnectFailures.SHOWN_CHARACTERS - body.length()) + "…";
        assertEquals("handshake refused with HTTP 403 Forbidden: " + shown + "; check the credential (API key or "
                + "token) and that the account's plan covers this endpoint", reason);
        assertLoggedOnOneLine(reason);
        assertNoCredential();
    }

    @Test
    void anHtmlErrorPageIsShownAsItsText() throws Exception {
        LoopbackServer server = server(LoopbackServer.answering(502, "Bad Gateway", request -> "<html>\r\n<head>"
                + "<title>502 Bad Gateway</title><style>body { width: 35em; }</style></head>\r\n<body>\r\n<center>"
                + "<h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"));
        String reason = firstFailure("ws://127.0.0.1:" + server.port() + "/feed");

        assertEquals("handshake refused with HTTP 502 Bad Gateway: 502 Bad Gateway 502 Bad Gateway nginx; the server, "
                + "or a proxy in front of it, is failing", reason);
        assertLoggedOnOneLine(reason);
    }

    @Test
    void aFatalHttpRefusalStopsTheProviderWithTheServersWords() throws Exception {
        LoopbackServer server = server(LoopbackServer.answering(401, "Unauthorized",
                request -> "{\"error\":\"unknown key\"}\n"));
        MarketFeed feed = feed("ws://127.0.0.1:" + server.port() + "/feed");

        ConnectionEvent failed = events.await(event -> event.state() == ConnectionState.FAILED);
        assertEquals("the server refused the credentials at the handshake (HTTP 401): check the key (the server "
                + "answered: {\"error\":\"unknown key\"})", failed.reason());
        assertEquals(List.of("probe: " + failed.reason()), feed.allProvidersFailed().get());
        assertEquals("handshake refused with HTTP 401 Unauthorized: {\"error\":\"unknown key\"}; check the "
                + "credential (API key or token) and that the account's plan covers this endpoint",
                events.await(event -> event.state() == ConnectionState.DISCONNECTED).reason());
    }

    @Test
    void anUnresolvableNameIsHostNotFound() throws Exception {
        String reason = firstFailure("ws://does-not-exist.invalid:8080/feed");

        assertEquals("host not found: does-not-exist.invalid; check the host name in the endpoint URL, and DNS",
                reason);
        assertLoggedOnOneLine(reason);
    }

    @Test
    void aServerThatClosesWithoutAnsweringGivesOneLineAndItsStateDumpOnlyAtDebug() throws Exception {
        LoopbackServer server = server(LoopbackServer.closingAfterRequest());
        String reason = firstFailure("ws://127.0.0.1:" + server.port() + "/feed");

        assertEquals("127.0.0.1:" + server.port() + " closed the connection without answering the WebSocket "
                + "handshake; check that the endpoint URL (scheme, host, port, path) is a WebSocket endpoint", reason);
        assertLoggedOnOneLine(reason);
        // Jetty's message for this is a dump of its connection's state: at DEBUG, and nowhere else.
        List<ILoggingEvent> debug = logs.list.stream().filter(event -> event.getLevel() == Level.DEBUG
                && event.getFormattedMessage().contains("connection attempt failed")).toList();
        assertEquals(1, debug.size(), messages());
        assertTrue(debug.get(0).getFormattedMessage().contains("java.io.EOFException: "), messages());
        assertTrue(debug.get(0).getFormattedMessage().contains("HttpConnectionOverHTTP@"), messages());
        assertFalse(logs.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
                .anyMatch(event -> event.getFormattedMessage().contains("HttpConnectionOverHTTP")), messages());
        assertNoCredential();
    }

    @Test
    void aTlsClientMeetingAPlainServerIsATlsFailure() throws Exception {
        LoopbackServer server = server(LoopbackServer.plainTextAtOnce());
        String reason = firstFailure("wss://127.0.0.1:" + server.port() + "/feed");

        assertTrue(reason.startsWith("TLS handshake with 127.0.0.1:" + server.port() + " failed ("), reason);
        assertTrue(reason.endsWith("); check the scheme (wss:// for a TLS server, ws:// for a plain one), and that the "
                + "server's certificate is valid for 127.0.0.1 and trusted by this Java"), reason);
        assertLoggedOnOneLine(reason);
    }

    @Test
    void aUrlThatCannotBeDialledStopsTheProviderInsteadOfRetrying() throws Exception {
        MarketFeed feed = feed("ws://bad_host:8080/feed");

        ConnectionEvent failed = events.await(event -> event.state() == ConnectionState.FAILED);
        assertTrue(failed.reason().startsWith("the endpoint URL ws://bad_host:8080/feed cannot be dialled ("),
                failed.reason());
        assertTrue(failed.reason().endsWith("; check the provider's endpoint setting (ws:// or wss://, then a host)"),
                failed.reason());
        assertEquals(1, feed.allProvidersFailed().get().size());
        assertEquals(List.of(), events.all(event -> event.state() == ConnectionState.RECONNECTING));
    }

    // ---------------------------------------------------------------- helpers

    private LoopbackServer server(LoopbackServer.Behaviour behaviour) throws Exception {
        LoopbackServer server = new LoopbackServer(behaviour);
        open.add(server);
        return server;
    }

    /** Starts a feed on {@code url} and returns the reason of its first {@code disconnected} event. */
    private String firstFailure(String url) {
        return firstFailure(url, CONNECT_TIMEOUT);
    }

    private String firstFailure(String url, Duration connectTimeout) {
        feed(url, connectTimeout);
        ConnectionEvent disconnected = events.await(event -> event.state() == ConnectionState.DISCONNECTED);
        // The log line comes with the reconnect that follows.
        events.await(event -> event.state() == ConnectionState.RECONNECTING);
        return disconnected.reason();
    }

    private MarketFeed feed(String url) {
        return feed(url, CONNECT_TIMEOUT);
    }

    private MarketFeed feed(String url, Duration connectTimeout) {
        MarketFeed feed = MarketFeed.builder()
                .provider("probe", new LoopbackProtocol("feed", URI.create(url),
                        AuthStyle.queryParameter("token", Secret.of(TOKEN)), List.of(new Subscription("trades", "ABC")),
                        (frame, out) -> { }))
                .listener("recorder", events)
                // One attempt per test: the next would come a minute later (no jitter, so the log line is exact).
                .reconnect(new ReconnectPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), 2.0, 0.0,
                        Duration.ofMinutes(1)))
                .connectTimeout(connectTimeout)
                .stopTimeout(Duration.ofSeconds(2))
                .build();
        open.add(feed);
        feed.start();
        return feed;
    }

    /** The failure is logged as one line: the reason, then when the next attempt comes. */
    private void assertLoggedOnOneLine(String reason) {
        List<String> lines = logs.list.stream().filter(event -> event.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).filter(line -> line.contains(reason)).toList();
        assertEquals(List.of("probe/feed#1: " + reason + "; reconnect attempt 1 in 1m00s"), lines, messages());
        assertFalse(reason.contains("\n"), reason);
    }

    private void assertNoCredential() {
        String everything = messages() + events.all(event -> true);
        assertFalse(everything.contains(TOKEN), "the token leaked: " + everything);
        assertFalse(everything.contains("CANARY"), "part of the token leaked: " + everything);
    }

    private String messages() {
        StringBuilder out = new StringBuilder();
        logs.list.forEach(event -> out.append(event.getLevel()).append(' ').append(event.getFormattedMessage())
                .append('\n'));
        return out.toString();
    }
}
