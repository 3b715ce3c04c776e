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
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.MarketFeed;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What a hostile or broken server sends, against the real Jetty client on loopback: a message far over the limit
 * (one 50 MB frame, or 50 MB in many fragments) closes the connection with 1009 and reconnects without ever
 * holding it (the limit is 256 KiB here, so the cut comes within the first network reads); a close reason or an error frame that quotes the key (as is, URL-encoded, in Base64) or carries a
 * newline reaches no event and no log line as such; a "symbol" of 60,000 characters is neither echoed nor sent
 * back. The first connection misbehaves once, then (if still open) streams trades, as every later one does.
 */
class HostileServerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String KEY = "shmk_test_FAKE_c4n4ry/k3y+x";
    private static final long LIMIT = 256 * 1024;

    private final AtomicInteger connections = new AtomicInteger();
    private final EventRecorder<MarketEvent> events = new EventRecorder<>(MarketEvent.class, WAIT);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger runtimeLog = (Logger) LoggerFactory.getLogger("io.marketfeed.runtime");
    private Level levelBefore;
    private LoopbackServer server;
    private MarketFeed feed;

    @BeforeEach
    void captureLogs() {
        levelBefore = runtimeLog.getLevel();
        runtimeLog.setLevel(Level.TRACE);
        logs.start();
        runtimeLog.addAppender(logs);
    }

    @AfterEach
    void stop() throws IOException {
        if (feed != null) {
            feed.close();
        }
        if (server != null) {
            server.close();
        }
        runtimeLog.detachAppender(logs);
        runtimeLog.setLevel(levelBefore);
    }

    @Test
    void oneFrameOfFiftyMegabytesIsCutAtTheLimitAndTheConnectionComesBack() throws IOException {
        start(peer -> peer.sendHuge(50_000_000L, 1));

        StatusEvent tooLarge = (StatusEvent) events.await(status("message-too-large"));
        assertEquals(Long.toString(LIMIT), tooLarge.details().get("limit"));
        assertTrue(Long.parseLong(tooLarge.details().get("received")) <= LIMIT + 64 * 1024, tooLarge.toString());
        ConnectionEvent lost = (ConnectionEvent) events.await(connection(ConnectionState.DISCONNECTED));
        assertEquals("the server sent a message larger than the limit of 256 KiB (" + Durations.bytes(Long.parseLong(
                tooLarge.details().get("received"))) + " of it received when it was cut off; closed with 1009); if "
                + "hostile really sends messages this large, raise max-message-size for it", lost.reason());
        events.await(trade());
        assertTrue(connections.get() >= 2);
        List<String> warnings = logLines().stream().filter(line -> line.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).filter(line -> line.contains("larger than the limit")).toList();
        assertEquals(1, warnings.size(), logLines().toString());
    }

    @Test
    void fiftyMegabytesInFragmentsAreCutWhileTheyArrive() throws IOException {
        start(peer -> peer.sendHuge(50_000_000L, 800));

        StatusEvent tooLarge = (StatusEvent) events.await(status("message-too-large"));
        assertTrue(Long.parseLong(tooLarge.details().get("received")) <= LIMIT + 64 * 1024, tooLarge.toString());
        events.await(trade());
    }

    @Test
    void aCloseReasonQuotingTheKeyWithANewlineReachesNoEventAndNoLogLineAsSuch() throws IOException {
        start(peer -> peer.close(4000, "bad key " + KEY + "\nFORGED log line"));

        ConnectionEvent lost = (ConnectionEvent) events.await(connection(ConnectionState.DISCONNECTED));
        // The close line collapses white space: the forged line joins the reason's.
        assertEquals("closed by server with 4000 \"bad key **** FORGED log line\"", lost.reason());
        events.await(trade());
        assertNothingLeaked();
    }

    @Test
    void anErrorFrameQuotingTheKeyInEveryFormIsMaskedAndEscaped() throws IOException {
        String forms = "ERR invalid key " + KEY + " or " + java.net.URLEncoder.encode(KEY, StandardCharsets.UTF_8)
                + " or " + Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8))
                + "\r\nFORGED";
        start(peer -> peer.send(forms));

        StatusEvent warning = (StatusEvent) events.await(status("warning"));
        assertEquals("server says: ERR invalid key **** or **** or ****\\r\\nFORGED", warning.message());
        events.await(trade());
        assertNothingLeaked();
    }

    @Test
    void aSymbolOfSixtyThousandCharactersIsNeitherEchoedNorSentBack() throws IOException {
        String huge = "Z".repeat(60_000);
        start(peer -> peer.send(huge));

        StatusEvent warning = (StatusEvent) events.await(status("warning"));
        assertTrue(warning.message().contains("a symbol that cannot be one"), warning.message());
        events.await(trade());
        // Only the frame itself, at TRACE, quotes it: cut at 1,024 characters like any outside text in a message.
        String moreThanAMessage = "Z".repeat(OutsideText.MAX_MESSAGE_LENGTH + 1);
        for (ILoggingEvent line : logLines()) {
            String text = line.getFormattedMessage();
            assertFalse(text.contains(moreThanAMessage), () -> "echoed: " + text.substring(0, 200));
        }
        String moreThanASymbol = "Z".repeat(65);
        for (MarketEvent event : events.all(event -> true)) {
            assertFalse(event.toString().contains(moreThanASymbol), () -> "echoed: " + event.toString().substring(0, 200));
        }
    }

    @Test
    void outsideTextIsMaskedEscapedAndCappedWithItsLengthNoted() {
        SecretMask mask = new SecretMask(List.of(Secret.of(KEY)));
        assertEquals("a\\nb\\u001b[31m\\u2028 ****", OutsideText.clean("a\nb\u001b[31m\u2028 " + KEY, mask));
        String capped = OutsideText.clean("y".repeat(1000), mask);
        assertEquals("y".repeat(OutsideText.MAX_LENGTH) + "… (1000 characters in all)", capped);
        // A key straddling the cap is masked before it is cut, so no part of it shows.
        String straddling = OutsideText.clean("y".repeat(OutsideText.MAX_LENGTH - 5) + KEY, mask);
        assertFalse(straddling.contains(KEY.substring(0, 5)), straddling);
        assertEquals("wss://h/feed?token=****&api_key=****&x=1", mask.mask("wss://h/feed?token=abc&api_key=def&x=1"));
    }

    private interface Misbehaviour {
        void act(WebSocketPeer peer) throws IOException;
    }

    /** A provider whose first connection misbehaves once, and whose every later one streams trades of AAA. */
    private void start(Misbehaviour first) throws IOException {
        server = new LoopbackServer(socket -> serve(socket, first));
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/stream");
        LoopbackProtocol protocol = new LoopbackProtocol("stream", uri,
                AuthStyle.queryParameter("api_key", Secret.of(KEY)), List.of(new Subscription("trades", "AAA")),
                (frame, out) -> {
                    String text = frame.asString();
                    if (text.startsWith("ERR")) {
                        out.problem(Disposition.warn("server says: " + text));
                    } else {
                        out.emit(new Trade("hostile", text, BigDecimal.ONE, BigDecimal.ONE, null, Side.UNKNOWN, null,
                                null, frame.receivedAt()));
                    }
                });
        feed = MarketFeed.builder().provider("hostile", protocol).maxMessageSize(LIMIT)
                .reconnect(io.marketfeed.runtime.ReconnectPolicy.defaults().withDelays(Duration.ofMillis(50), Duration.ofMillis(200)))
                .listener("events", events).stopTimeout(Duration.ofSeconds(2)).build();
        feed.start();
    }

    private void serve(Socket socket, Misbehaviour first) throws IOException {
        WebSocketPeer peer = WebSocketPeer.accept(socket);
        if (connections.incrementAndGet() == 1) {
            first.act(peer);
        }
        while (!socket.isClosed()) {
            peer.send("AAA");
            try {
                Thread.sleep(20); // the server's pace
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void assertNothingLeaked() {
        String encoded = java.net.URLEncoder.encode(KEY, StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));
        for (MarketEvent event : events.all(event -> true)) {
            String text = event.toString();
            assertFalse(text.contains(KEY) || text.contains(encoded) || text.contains(base64), text);
            assertFalse(text.contains("\nFORGED") || text.contains("\rFORGED"), text);
        }
        for (ILoggingEvent line : logLines()) {
            String text = line.getFormattedMessage();
            assertFalse(text.contains(KEY) || text.contains(encoded) || text.contains(base64), text);
            assertFalse(text.contains("\nFORGED") || text.contains("\rFORGED"), text);
        }
    }

    /** The lines logged so far: the appender adds to its list under its own lock, on the feed's threads. */
    private List<ILoggingEvent> logLines() {
        synchronized (logs) {
            return List.copyOf(logs.list);
        }
    }

    private static Predicate<MarketEvent> status(String kind) {
        return event -> event instanceof StatusEvent && ((StatusEvent) event).kind().equals(kind);
    }

    private static Predicate<MarketEvent> trade() {
        return event -> event instanceof Trade;
    }

    private static Predicate<MarketEvent> connection(ConnectionState state) {
        return event -> event instanceof ConnectionEvent && ((ConnectionEvent) event).state() == state;
    }
}
