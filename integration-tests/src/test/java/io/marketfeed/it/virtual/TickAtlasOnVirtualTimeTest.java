package io.marketfeed.it.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.Quote;
import io.marketfeed.provider.tickatlas.TickAtlasProvider;
import io.marketfeed.runtime.CreditSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.testkit.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TickAtlas's spent quota on virtual time: after {@code quota_exceeded} the connection is paused and stays so for an
 * hour with not one reconnect attempt, while the server's heartbeats keep it alive; its twin shows that a paused
 * connection whose server falls silent is still replaced, so the first would notice a reconnect. The server speaks
 * TickAtlas as the simulator does ({@code simulator/…/tickatlas/TickAtlasMessages}): {@code authenticated} for the
 * auth message, {@code subscribed} listing the symbols, a {@code heartbeat} every 30 s; the provider's heartbeat
 * settings are its defaults (server heartbeats, stale after 75 s).
 */
class TickAtlasOnVirtualTimeTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final String HEARTBEAT = "{\"type\":\"heartbeat\",\"timestamp\":\"2026-02-10T10:00:00Z\"}";
    private static final String QUOTA_EXCEEDED = "{\"type\":\"error\",\"code\":\"quota_exceeded\",\"message\":"
            + "\"Daily credit quota exhausted; quotes stop until the quota resets at 00:00 UTC. The connection stays"
            + " open\"}";

    private final VirtualProviderFeed virtual = new VirtualProviderFeed();

    @BeforeEach
    void startPaused() {
        virtual.server.rule(Rule.matching("\"action\":\"auth\"", "{\"type\":\"authenticated\",\"plan\":\"STARTER\","
                        + "\"max_symbols\":10,\"credits_per_push\":1,\"daily_quota_remaining\":4}"))
                .rule(Rule.matching("\"action\":\"subscribe\",\"symbols\":\\[([^\\]]*)\\]", match -> List.of(
                        "{\"type\":\"subscribed\",\"symbols\":[" + match.group(1) + "],\"total_subscribed\":2}")));
        virtual.every(Duration.ofSeconds(30), () -> virtual.server.push(HEARTBEAT));
        virtual.start(new TickAtlasProvider(), Map.of("api-key", "tk_test_FAKE_virtual", "plan", "starter",
                "symbols", List.of("EURUSD", "GBPUSD")));
        for (String symbol : List.of("EURUSD", "GBPUSD", "EURUSD", "GBPUSD")) {
            virtual.server.push(quote(symbol));
        }
        virtual.server.push(QUOTA_EXCEEDED);
        virtual.runDue();
        assertEquals(ConnectionState.PAUSED, virtual.provider().connections().get(0).state(),
                "quota_exceeded pauses the connection: " + virtual.provider());
    }

    @AfterEach
    void stop() {
        virtual.close();
    }

    @Test
    void aSpentQuotaPausesWithoutAReconnectAttemptForAnHour() {
        virtual.advance(HOUR);

        assertEquals(1, virtual.server.handshakes().size(), "no reconnect attempt: " + virtual.server.handshakes());
        ProviderSnapshot provider = virtual.provider();
        assertEquals(ConnectionState.PAUSED, provider.connections().get(0).state(), provider.toString());
        assertEquals(0, provider.activity().reconnects(), provider.toString());
        assertEquals(0, provider.activity().staleDetections(), "the heartbeats keep it alive: " + provider);
        CreditSnapshot credits = provider.credits().orElseThrow();
        assertEquals(0, credits.remaining().orElseThrow(), "the server said the quota is spent: " + credits);
        assertEquals(2 + 4 + 1 + HOUR.toSeconds() / 30, provider.connections().get(0).framesReceived(),
                "authenticated, subscribed, 4 quotes, quota_exceeded, a heartbeat every 30 s");
        virtual.stop();
        List<ConnectionState> states = virtual.states();
        assertFalse(states.contains(ConnectionState.RECONNECTING) || states.contains(ConnectionState.DISCONNECTED),
                states.toString());
        assertEquals(ConnectionState.PAUSED, states.get(states.size() - 2), "paused until closed: " + states);
        assertEquals(4, virtual.events.all(Quote.class).size(), "the quotes before the quota ran out");
    }

    /** The twin: the pause does not blind the stale check; silence past 75 s is a dead server, and is redialled. */
    @Test
    void aPausedConnectionWhoseServerFallsSilentIsStillReplaced() {
        virtual.assertReplacedOnceSilentFor(Duration.ofSeconds(75));
    }

    private static String quote(String symbol) {
        return "{\"type\":\"quote\",\"data\":{\"symbol\":\"" + symbol + "\",\"time\":\"1970-01-01T00:00:00Z\","
                + "\"open\":1.08410,\"high\":1.08430,\"low\":1.08400,\"close\":1.08420,\"volume\":12,"
                + "\"bid\":1.08420,\"ask\":1.08431,\"spread\":0.00011}}";
    }
}
