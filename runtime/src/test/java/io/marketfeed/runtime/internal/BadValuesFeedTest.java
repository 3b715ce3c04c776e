package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderSnapshot;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bad values through the public API against a loopback WebSocket server: the decoder's reports reach the runtime
 * on the read thread, the first per field becomes a {@code bad-value} status event for the listeners, later ones
 * within the minute are only counted, and the snapshot has the counts by field and outcome.
 */
class BadValuesFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EventRecorder<StatusEvent> status = new EventRecorder<>(StatusEvent.class, WAIT);
    private final EventRecorder<Trade> trades = new EventRecorder<>(Trade.class, WAIT);
    private LoopbackServer server;
    private MarketFeed feed;

    @AfterEach
    void stop() throws IOException {
        if (feed != null) {
            feed.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void reportedOnceCountedAlwaysAndInTheSnapshot() throws IOException {
        server = new LoopbackServer(socket -> {
            WebSocketPeer peer = WebSocketPeer.accept(socket);
            for (String frame : List.of("AAA NaN", "AAA 1e100", "AAA true", "AAA 32.50 x", "AAA 32.55 y", "AAA 1.5")) {
                peer.send(frame);
            }
            while (!socket.isClosed()) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);   // until the client closes
            }
        });
        feed = MarketFeed.builder()
                .provider("fake", new LoopbackProtocol("stream", URI.create("ws://127.0.0.1:" + server.port()
                        + "/stream"), AuthStyle.none(), List.of(new Subscription("trades", "AAA")),
                        BadValuesFeedTest::decode))
                .listener("status", status)
                .listener("trades", trades)
                .stopTimeout(Duration.ofSeconds(2))
                .build();
        feed.start();

        trades.await(trade -> trade.price().equals(new BigDecimal("1.5")));
        StatusEvent first = status.await(event -> event.kind().equals("bad-value"));
        assertEquals("fake", first.provider());
        assertEquals("price", first.details().get("field"));
        assertEquals("\"NaN\"", first.details().get("sample"));
        assertEquals("dropped", first.details().get("outcome"));
        StatusEvent value = status.await(event -> event.kind().equals("bad-value")
                && event.details().get("field").equals("value"));
        assertEquals("\"x\"", value.details().get("sample"));
        assertEquals("absent", value.details().get("outcome"));
        assertEquals(List.of(first, value), status.all(event -> event.kind().equals("bad-value")),
                "one announcement per field and minute");
        assertEquals(3, trades.all(trade -> true).size(), "the trades whose bad value was optional are kept");
        ProviderSnapshot snapshot = feed.snapshot().providers().get(0);
        assertEquals(List.of(new ProviderSnapshot.BadValue("price", 3, 0), new ProviderSnapshot.BadValue("value", 0, 2)),
                snapshot.badValues());
    }

    /** {@code SYMBOL PRICE [VALUE]}: a trade; a price that is no decimal drops it, a value that is none is left out. */
    private static void decode(io.marketfeed.api.protocol.InboundFrame frame,
            io.marketfeed.api.protocol.DecodeOutput out) {
        String[] words = frame.asString().split(" ");
        BigDecimal price = decimal(words[1]);
        if (price == null) {
            out.badValue("price", words[1], true);
            return;
        }
        BigDecimal value = words.length > 2 ? decimal(words[2]) : null;
        if (words.length > 2 && value == null) {
            out.badValue("value", words[2], false);
        }
        out.emit(new Trade("fake", words[0], price, BigDecimal.ONE, value, Side.UNKNOWN, null, null,
                frame.receivedAt()));
    }

    private static BigDecimal decimal(String text) {
        try {
            BigDecimal value = new BigDecimal(text);
            return Math.abs(value.scale()) > 64 ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
