package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.model.Trade;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.runtime.SymbolActivity;
import io.marketfeed.runtime.testing.ManualScheduler;
import io.marketfeed.runtime.testing.VirtualConnection;
import io.marketfeed.runtime.testing.VirtualNetwork;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Quiet symbols through the public API, on virtual time against an in-memory server: the builder's default
 * and per-provider thresholds reach each provider, the read side records each symbol's last event, the
 * snapshot shows them, and the reports reach a listener. The server streams {@code AAA} and {@code BBB} every
 * 20 ms on every connection, and {@code CCC} once, then again when the test says so.
 */
class QuietSymbolsFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration FAST = Duration.ofMillis(300);

    private final AtomicBoolean cccAgain = new AtomicBoolean();
    /** The connections that had their first round. The scheduler's tasks only. */
    private final java.util.Set<VirtualConnection> streamed = new java.util.HashSet<>();
    private final EventRecorder<StatusEvent> events = new EventRecorder<>(StatusEvent.class, WAIT);
    private final ManualScheduler time = ManualScheduler.withDriver();
    private final VirtualNetwork network = new VirtualNetwork(time).onDial(VirtualConnection::accept);
    private MarketFeed feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        time.shutdownNow();
    }

    @Test
    void theDefaultAndEachProvidersThresholdApplyAndTheSnapshotShowsEachSymbolsLastEvent() {
        feed = MarketFeed.builder()
                .provider("fast", lines("fast"))
                .provider("slow", lines("slow"))
                .provider("off", lines("off"))
                .quietSymbols(FAST)
                .quietSymbols("slow", Duration.ofMinutes(10))
                .quietSymbols("off", Duration.ZERO)
                .listener("events", events)
                .stopTimeout(Duration.ofSeconds(2))
                .virtualNetwork(network)
                .build();
        feed.start();
        time.scheduleAtFixedRate(this::stream, 0, 20, TimeUnit.MILLISECONDS);
        time.advance(Duration.ofSeconds(1));

        StatusEvent quiet = events.await(kind("symbol-quiet").and(event -> event.provider().equals("fast")));
        assertEquals("CCC", quiet.details().get("symbol"));
        assertEquals("fast/stream#1", quiet.details().get("connection"));
        SymbolActivity ccc = symbol("fast", "CCC");
        assertTrue(ccc.quiet());
        Instant lastOfC = ccc.lastEventAt();
        assertEquals(lastOfC.toString(), quiet.details().get("lastEventAt"));
        assertTrue(symbol("fast", "AAA").lastEventAt().isAfter(lastOfC));

        // Long enough for the default threshold, had it applied to the others: no report from them.
        time.advance(FAST.multipliedBy(3));
        assertTrue(silentFor("slow", "CCC", FAST.multipliedBy(3)) && silentFor("off", "CCC", FAST.multipliedBy(3)));
        assertEquals(List.of(), events.all(kind("symbol-quiet").and(event -> !event.provider().equals("fast"))));
        assertEquals(0, activity("slow").quietReports());
        assertEquals(0, activity("off").quietReports());

        cccAgain.set(true);
        time.advance(Duration.ofSeconds(1));
        StatusEvent resumed = events.await(kind("symbol-resumed").and(event -> event.provider().equals("fast")));
        assertEquals("CCC", resumed.details().get("symbol"));
        assertEquals(1, events.all(kind("symbol-quiet").and(event -> event.provider().equals("fast"))).size());
        assertEquals(1, activity("fast").quietReports());
    }

    @Test
    void aNegativeThresholdAndAnUnknownProviderAreRefusedSayingWhat() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> MarketFeed.builder().quietSymbols("fast", Duration.ofSeconds(-1)));
        assertEquals("quietSymbols(fast) must be positive, or zero to turn it off; got PT-1S", negative.getMessage());

        MarketFeed.Builder builder = MarketFeed.builder().provider("fast", lines("fast"))
                .quietSymbols("sahmk", Duration.ofMinutes(10));
        IllegalStateException unknown = assertThrows(IllegalStateException.class, builder::build);
        assertEquals("quietSymbols names provider 'sahmk', which is not added; added: [fast]", unknown.getMessage());
    }

    /** The server: every 20 ms, AAA and BBB on each open connection; CCC on its first round, and when told. */
    private void stream() {
        for (VirtualConnection connection : network.connections()) {
            if (connection.isOpen()) {
                if (!streamed.contains(connection)) {
                    streamed.add(connection);
                    connection.send("CCC");
                }
                connection.send("AAA");
                connection.send("BBB");
                if (cccAgain.get()) {
                    connection.send("CCC");
                }
            }
        }
    }

    /** Provider {@code id} on the in-memory server, subscribed to AAA, BBB and CCC; a text frame {@code SYMBOL} is a trade. */
    private static LoopbackProtocol lines(String id) {
        List<Subscription> symbols = List.of(new Subscription("trades", "AAA"), new Subscription("trades", "BBB"),
                new Subscription("trades", "CCC"));
        return new LoopbackProtocol("stream", URI.create("ws://vendor.test/stream"), AuthStyle.none(),
                symbols, (frame, out) -> out.emit(new Trade(id, frame.asString(), BigDecimal.ONE, BigDecimal.ONE, null,
                        Side.UNKNOWN, null, null, frame.receivedAt())));
    }

    private ProviderSnapshot provider(String id) {
        return feed.snapshot().providers().stream().filter(p -> p.provider().equals(id)).findFirst().orElseThrow();
    }

    private ProviderSnapshot.Activity activity(String id) {
        return provider(id).activity();
    }

    private SymbolActivity symbol(String provider, String symbol) {
        List<ConnectionSnapshot> connections = provider(provider).connections();
        return connections.get(0).symbolActivity().stream().filter(s -> s.symbol().equals(symbol)).findFirst()
                .orElseThrow(() -> new AssertionError(symbol + " not in " + connections));
    }

    private boolean silentFor(String provider, String symbol, Duration silence) {
        Instant last = symbol(provider, symbol).lastEventAt();
        Instant newest = symbol(provider, "AAA").lastEventAt();
        return last != null && newest != null && Duration.between(last, newest).compareTo(silence) > 0;
    }

    private static Predicate<StatusEvent> kind(String kind) {
        return event -> event.kind().equals(kind);
    }
}
