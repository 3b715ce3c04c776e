package io.marketfeed.provider.alltick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.Trade;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.runtime.ReconnectPolicy;
import io.marketfeed.simulator.CloseRecord;
import io.marketfeed.simulator.HandshakeRecord;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.alltick.AlltickOptions;
import io.marketfeed.simulator.alltick.AlltickSimulation;
import io.marketfeed.simulator.alltick.Refusal;
import io.marketfeed.testkit.Await;
import io.marketfeed.testkit.EventRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * AllTick's minimum gap between connection attempts (protocols.md §4.7: 10 s on the free plan, 3 s on paid ones,
 * the stock and the forex endpoint counted separately), driven by the runtime against the AllTick simulator. The
 * gap is measured from the previous attempt on the same endpoint and is a floor under the backoff, never added to
 * it; the first connect of each endpoint is not held back.
 *
 * <p>Where a test needs a connection that was up longer than the gap (the "up for minutes"), the gap and
 * the backoff's reset are shortened in the test's settings (300 ms and 200 ms for 10 s and 60 s), so the test
 * waits under a second; the assertion is the rule itself. The runtime's own test of the same rules,
 * {@code ReconnectGapTest}, runs the real numbers (60 s up, the free plan's 10 s) on virtual time.
 */
class TestAlltickReconnectGap {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The free plan's gap, as AllTickPlan declares it. */
    private static final Duration FREE_GAP = Duration.ofSeconds(10);
    /** Request pacing shortened as in TestAlltickFeed (the simulator enforces the same). */
    private static final Duration REQUEST_GAP = Duration.ofMillis(50);
    private static final Duration CROSS_GAP = Duration.ofMillis(150);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final EventRecorder events = new EventRecorder();
    private AlltickSimulation simulation;
    private SimulatorServer server;

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void theSecondEndpointsFirstConnectIsNotHeldBehindTheFirsts() {
        startSimulator(AlltickOptions.builder().updatesPerSecond(20));
        // The free plan with its own 10 s gap: before, the forex endpoint's first connect waited 10 s.
        startFeed(AlltickSimulation.FREE_TOKEN, Map.of("plan", "free",
                "trades.symbols", List.of("AAPL.US", "EURUSD")), backoff(Duration.ofSeconds(1)));

        Await.until(() -> events.states(ConnectionState.CONNECTED).size() >= 2, FREE_GAP.dividedBy(2),
                () -> "both endpoints should connect at once; events " + events.tail(10));
        List<HandshakeRecord> handshakes = simulation.observation().handshakes();
        assertEquals(2, handshakes.size(), handshakes.toString());
        Duration between = Duration.between(handshakes.get(0).at(), handshakes.get(1).at()).abs();
        assertTrue(between.compareTo(FREE_GAP) < 0, "the second endpoint's first connect came " + between.toMillis()
                + " ms after the first's");
        List<ConnectionEvent> attempts = events.states(ConnectionState.CONNECTING);
        assertEquals(2, attempts.size(), attempts.toString());
        assertTrue(attempts.stream().allMatch(event -> event.attempt() == 0), "first connects: " + attempts);
    }

    @Test
    void afterARefusedAttemptTheNextWaitsTheFreePlansGapFromThatAttemptNotTheGapPlusTheBackoff() {
        startSimulator(AlltickOptions.builder().updatesPerSecond(0));
        simulation.faults().refuse();
        startFeed(AlltickSimulation.FREE_TOKEN, Map.of("plan", "free", "trades.symbols", List.of("EURUSD")),
                backoff(Duration.ofMillis(50)));

        ConnectionEvent reconnecting = events.await(ConnectionEvent.class,
                event -> event.state() == ConnectionState.RECONNECTING, WAIT);
        ConnectionEvent attempt = events.states(ConnectionState.CONNECTING).get(0);
        Duration sinceAttempt = Duration.between(attempt.receivedAt(), reconnecting.receivedAt());
        // Backoff 50 ms, gap 10 s from the attempt: the wait is what is left of the gap; never 10 s + 50 ms.
        assertTrue(reconnecting.nextAttemptIn().compareTo(FREE_GAP) <= 0, reconnecting.toString());
        assertTrue(reconnecting.nextAttemptIn().compareTo(FREE_GAP.minus(sinceAttempt).minusMillis(5)) >= 0,
                reconnecting + " came " + sinceAttempt.toMillis() + " ms after the attempt");
        assertTrue(reconnecting.reason().startsWith("handshake refused with HTTP 503"), reconnecting.reason());
    }

    @Test
    void consecutiveFailedAttemptsAreAtLeastTheGapApart() {
        Duration gap = Duration.ofMillis(300);
        startSimulator(AlltickOptions.builder().updatesPerSecond(0));
        simulation.faults().refuse();
        // Event times on the runtime's own monotonic clock, so the spacing is measured as the runtime keeps it.
        startFeed(AlltickSimulation.FREE_TOKEN, Map.of("plan", "free", "trades.symbols", List.of("EURUSD"),
                "limits.min-reconnect-gap", gap.toMillis() + "ms"), backoff(Duration.ofMillis(20)), monotonicClock());

        List<ConnectionEvent> attempts = events.awaitCount(ConnectionEvent.class,
                event -> event.state() == ConnectionState.CONNECTING, 4, WAIT);
        for (int i = 1; i < attempts.size(); i++) {
            Duration between = Duration.between(attempts.get(i - 1).receivedAt(), attempts.get(i).receivedAt());
            assertTrue(between.compareTo(gap) >= 0, "attempts " + i + " and " + (i + 1) + " came "
                    + between.toNanos() / 1e6 + " ms apart; at least " + gap.toMillis() + " ms needed");
            // The backoff (20, 40, 80 ms) is under the gap: the wait is the gap, not the gap plus the backoff.
            assertTrue(between.compareTo(gap.plusMillis(20)) < 0, "attempts " + i + " and " + (i + 1) + " came "
                    + between.toNanos() / 1e6 + " ms apart");
        }
    }

    @Test
    void aConnectionUpLongerThanTheGapReconnectsAfterTheBackoffsFirstStep() {
        Duration gap = Duration.ofMillis(300);
        Duration resetAfter = Duration.ofMillis(200);
        Duration firstStep = Duration.ofMillis(50);
        // The simulator refuses an attempt less than 250 ms after the previous one of the token (606).
        startSimulator(AlltickOptions.builder().updatesPerSecond(20).connectGap(gap.minusMillis(50)));
        MarketFeed feed = startFeed(AlltickSimulation.FREE_TOKEN, Map.of("plan", "free",
                "trades.symbols", List.of("EURUSD"), "limits.min-reconnect-gap", gap.toMillis() + "ms"),
                new ReconnectPolicy(firstStep, Duration.ofMillis(400), 2.0, 0.0, resetAfter));
        events.await(Trade.class, trade -> trade.symbol().equals("EURUSD"), WAIT);
        // Up for longer than the gap and the reset (the "minutes" of the issue, scaled down).
        Await.until(() -> feed.snapshot().providers().get(0).activity().connected().compareTo(gap.plusMillis(100)) > 0,
                WAIT, () -> "the connection did not stay up: " + events.tail(10));

        simulation.faults().drop(false, CloseRecord.NO_CLOSE_FRAME);

        ConnectionEvent reconnecting = events.await(ConnectionEvent.class,
                event -> event.state() == ConnectionState.RECONNECTING, WAIT);
        // The last attempt was more than the gap ago: the backoff's first step alone, not the gap, not both.
        assertEquals(firstStep, reconnecting.nextAttemptIn(), reconnecting.toString());
        int before = events.all(Trade.class, trade -> true).size();
        Await.until(() -> events.all(Trade.class, trade -> true).size() > before, WAIT,
                () -> "no trades after the reconnect: " + events.tail(10));
        assertEquals(2, simulation.observation().handshakes().size());
        assertTrue(simulation.refusals().stream().noneMatch(refusal -> refusal.kind() == Refusal.Kind.CONNECT_GAP),
                "the simulator saw an attempt too soon: " + simulation.refusals());
    }

    // ---------------------------------------------------------------- helpers

    private void startSimulator(AlltickOptions.Builder options) {
        simulation = new AlltickSimulation(options.pacing(REQUEST_GAP, CROSS_GAP).build());
        server = SimulatorServer.builder().port(0).add(simulation).start();
        open.add(server);
    }

    /** Backoff starting at {@code first}, without jitter, reset after the default minute. */
    private static ReconnectPolicy backoff(Duration first) {
        return new ReconnectPolicy(first, first.multipliedBy(8), 2.0, 0.0, Duration.ofSeconds(60));
    }

    private MarketFeed startFeed(String token, Map<String, Object> extra, ReconnectPolicy reconnect) {
        return startFeed(token, extra, reconnect, Clock.systemUTC());
    }

    private MarketFeed startFeed(String token, Map<String, Object> extra, ReconnectPolicy reconnect, Clock clock) {
        Map<String, Object> values = new HashMap<>();
        values.put("enabled", true);
        values.put("token", token);
        values.put("endpoint", "ws://127.0.0.1:" + server.port());
        values.put("limits.min-control-gap", REQUEST_GAP.toMillis() + "ms");
        values.put("limits.min-global-control-gap", CROSS_GAP.toMillis() + "ms");
        values.put("pacing-margin", "10ms");
        values.putAll(extra);
        MarketFeed feed = MarketFeed.builder()
                .provider(new AlltickProvider(), ProviderDefaults.with(AlltickProvider.ID, values))
                .listener("recorder", events, DeliveryPolicy.dropOldest(100_000))
                .reconnect(reconnect)
                .clock(clock)
                .stopTimeout(Duration.ofSeconds(3))
                .build();
        open.add(feed);
        feed.start();
        return feed;
    }

    /** A clock that reads {@link System#nanoTime()}, the time the runtime measures its gaps on. */
    private static Clock monotonicClock() {
        Instant base = Instant.now();
        long baseNanos = System.nanoTime();
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return base.plusNanos(System.nanoTime() - baseNanos);
            }
        };
    }
}
