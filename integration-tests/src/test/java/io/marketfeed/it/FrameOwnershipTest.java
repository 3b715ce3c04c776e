package io.marketfeed.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.runtime.internal.ForwardingProtocol;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.provider.sahmk.SahmkProvider;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.testkit.Rule;
import io.marketfeed.testkit.ScriptedConnection;
import io.marketfeed.testkit.ScriptedServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPI 1.1 hands a session the transport's buffer, valid during {@code decode} only; a provider built for SPI
 * 1.0 was promised frames that own their bytes, and still gets them: frames it keeps stay intact however many
 * frames follow.
 */
@Timeout(60)
class FrameOwnershipTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int FRAMES = 500;

    private ScriptedServer server;
    private MarketFeed feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aProviderBuiltForSpi10KeepsFramesThatOwnTheirBytes() {
        List<InboundFrame> kept = run("1.0");
        for (int i = 0; i < kept.size(); i++) {
            InboundFrame frame = kept.get(i);
            assertEquals(0, frame.offset(), "a frame of its own");
            assertEquals(frame.length(), frame.array().length, "a frame of its own");
        }
        List<String> quotes = kept.stream().map(InboundFrame::asString).filter(text -> text.contains("\"quote\""))
                .toList();
        assertEquals(FRAMES, quotes.size());
        for (int i = 0; i < FRAMES; i++) {
            assertEquals(quote(i), quotes.get(i), "frame " + i + " kept intact");
        }
    }

    @Test
    void aProviderBuiltForSpi11ReadsFramesInPlace() {
        List<InboundFrame> kept = run("1.1");
        assertTrue(kept.stream().anyMatch(frame -> frame.array().length > frame.length()),
                "frames are read where the transport put them, not copied");
    }

    private List<InboundFrame> run(String spiVersion) {
        server = ScriptedServer.start();
        server.onOpen("{\"type\":\"connected\",\"limits\":{\"max_symbols_per_connection\":60,"
                + "\"max_symbols_per_call\":20}}")
                .rule(Rule.matching("\"action\":\"subscribe\"", "{\"type\":\"subscribed\",\"symbols\":[\"2222\"]}"));
        FeedProtocol sahmk = new SahmkProvider().create(settings());
        KeepingProtocol keeping = new KeepingProtocol(sahmk);
        List<Object> events = Collections.synchronizedList(new ArrayList<>());
        feed = MarketFeed.builder().provider("sahmk", keeping, spiVersion)
                .listener("events", events::add, DeliveryPolicy.lossless()).build();
        feed.start();
        ScriptedConnection connection = server.awaitConnection(1, WAIT);
        server.await("the subscribe request", WAIT, () -> connection.receivedTexts().stream()
                .anyMatch(text -> text.contains("subscribe")));
        for (int i = 0; i < FRAMES; i++) {
            assertTrue(connection.send(quote(i)));
        }
        Waits.until(() -> keeping.count("\"quote\"") >= FRAMES, WAIT, () -> keeping.count("\"quote\"") + " quotes");
        return keeping.frames();
    }

    private ProviderSettings settings() {
        return ProviderDefaults.with("sahmk", Map.of("api-key", "shmk_test_frames",
                "endpoint", "ws://127.0.0.1:" + server.port(), "symbols", List.of("2222")));
    }

    private static String quote(int serial) {
        return "{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":32.50,\"volume\":" + serial + "}}";
    }

    /** SAHMK's protocol, with sessions that keep every frame they are given (what SPI 1.0 allowed). */
    private static final class KeepingProtocol extends ForwardingProtocol {
        private final List<InboundFrame> frames = Collections.synchronizedList(new ArrayList<>());
        private final List<String> textsSeen = Collections.synchronizedList(new ArrayList<>());

        KeepingProtocol(FeedProtocol delegate) {
            super(delegate);
        }

        List<InboundFrame> frames() {
            synchronized (frames) {
                return new ArrayList<>(frames);
            }
        }

        long count(String marker) {
            synchronized (textsSeen) {
                return textsSeen.stream().filter(text -> text.contains(marker)).count();
            }
        }

        @Override
        public ProtocolSession openSession(SessionContext context) {
            ProtocolSession session = delegate().openSession(context);
            return new ProtocolSession() {
                @Override
                public OutboundFrame subscribe(String topic, List<String> symbols) {
                    return session.subscribe(topic, symbols);
                }

                @Override
                public Optional<OutboundFrame> unsubscribe(String topic, List<String> symbols) {
                    return session.unsubscribe(topic, symbols);
                }

                @Override
                public Optional<OutboundFrame> heartbeat() {
                    return session.heartbeat();
                }

                @Override
                public void decode(InboundFrame frame, DecodeOutput out) {
                    frames.add(frame);
                    textsSeen.add(new String(frame.array(), frame.offset(), frame.length(), StandardCharsets.UTF_8));
                    session.decode(frame, out);
                }
            };
        }
    }
}
