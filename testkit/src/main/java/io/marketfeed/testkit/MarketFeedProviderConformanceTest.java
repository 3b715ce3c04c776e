package io.marketfeed.testkit;

import io.marketfeed.runtime.MarketFeed;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance test every provider passes, ours and third parties'. A provider's test class extends it,
 * is named {@code Test<Id>ProviderConformance}, and supplies only four things:
 *
 * {@snippet :
 * class TestAcmeProviderConformance extends MarketFeedProviderConformanceTest {
 *     protected MarketFeedProvider provider() { return new AcmeProvider(); }
 *     protected ProtocolScript script() { return new AcmeScript(); }            // the server side of the wire
 *     protected ProviderSettings settings(URI server) {
 *         return ProviderDefaults.with("acme", Map.of("api-key", credential(), "endpoint", server.toString(),
 *                 "heartbeat.interval", "100ms", "heartbeat.timeout", "500ms"));
 *     }
 *     protected boolean hasCapability(FeedCapability capability) {
 *         return switch (capability) {                                          // exhaustive: no default
 *             case QUOTES, CLIENT_HEARTBEAT -> true;
 *             case TRADES, CANDLES, BOOK, MARKET_STATUS, ALERTS, SUBSCRIBE_ALL, REPLACE_SEMANTICS,
 *                     RUNTIME_LIMITS, CREDITS, FIRST_MESSAGE_AUTH -> false;
 *         };
 *     }
 * }
 * }
 *
 * <p>The kit drives the provider through the real runtime ({@link MarketFeed}) against a {@link ScriptedServer}
 * that speaks the {@link ProtocolScript}, and checks the SPI contract, the handshake and credential, subscribe
 * encoding within the declared limits, additive or replace semantics, each control frame sent once per connection
 * (also when several topics share one wire subscription), resubscription after drops and closes,
 * heartbeats and stale detection, fatal closes, decoder robustness, and that unsupported features are refused
 * cleanly. Declared capabilities decide what is checked: a capability a provider lacks is checked for a clean
 * refusal, not skipped. Do not override a case to disable it; declare capabilities instead.
 *
 * <p>Requirements on {@link #settings(URI)}: point the provider at the given server; use {@link #credential()}
 * as the credential; configure no subscriptions (the kit subscribes itself); and keep timing short so that the
 * kit is fast: a heartbeat timeout of a second or less, a minimum reconnect gap of zero or a few milliseconds.
 *
 * <p>Timing runs on virtual time: the feed runs on an in-memory network
 * ({@link io.marketfeed.runtime.testing.VirtualNetwork}, {@link MarketFeed.Builder#virtualNetwork}) whose
 * scheduler holds every timer of the runtime (heartbeats, staleness, backoff, pacing, acknowledgement timeouts)
 * and the server's heartbeats. A wait lets virtual time pass, timer by timer, until its condition holds, and a
 * "nothing happens for three heartbeat timeouts" check passes them in virtual time; only the listener's delivery
 * thread is waited for in real time. Reconnects are fast ({@code 20ms} doubling to {@code 200ms}); a whole run
 * takes well under a second.
 *
 * <p>Each case's Javadoc states its purpose, setup, pass condition and the capability it requires.
 *
 * <p>What a provider supplies is declared in {@code ProviderUnderTest}, the cases in {@code SpiConformance} (no
 * runtime, no connection) and {@code WireConformance} (through the runtime, on the wire); all three are package
 * private and reached only through this class, whose Javadoc shows their members as its own.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class MarketFeedProviderConformanceTest extends WireConformance {

    /** The credential {@link #credential()} returns unless overridden; distinctive, so that a leak is found. */
    public static final String DEFAULT_CREDENTIAL = "mf-testkit-CANARY-5f3a9c1e";

    /** The scripted server of this case, started on first use and speaking {@link #script()}. */
    protected final ScriptedServer server() {
        return fixture().server();
    }

    /** The events of this case's feed. */
    protected final EventRecorder events() {
        return fixture().events();
    }

    /** Starts this case's feed: the real runtime with the provider, pointed at {@link #server()}. */
    protected final MarketFeed startFeed() {
        return fixture().startFeed();
    }

    /** The topic the cases subscribe on: quotes when served, otherwise the first served topic by name. */
    protected final String topic() {
        return fixture().facts().topic();
    }
}
