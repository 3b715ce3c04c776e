package io.marketfeed.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.runtime.MarketFeed;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class MarketFeedProviderConformanceTest {

    /** The credential {@link #credential()} returns unless overridden; distinctive, so that a leak is found. */
    public static final String DEFAULT_CREDENTIAL = "mf-testkit-CANARY-5f3a9c1e";

    static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    static final String UNKNOWN_TOPIC = "mf-testkit-unknown-topic";
    static final String WHOLE_MARKET = "*";
    static final Duration MAX_HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
    static final Map<String, FeedCapability> DATA_TOPICS = Map.of(Topics.QUOTES, FeedCapability.QUOTES,
            Topics.TRADES, FeedCapability.TRADES, Topics.BOOK, FeedCapability.BOOK, Topics.CANDLES,
            FeedCapability.CANDLES);

    private ConformanceFixture fixture;

    // ---------------------------------------------------------------- what a provider supplies

    /** The provider under test, as its public no-argument constructor makes it. */
    protected abstract MarketFeedProvider provider();

    /** The server side of the provider's wire protocol. */
    protected abstract ProtocolScript script();

    /**
     * Settings that point the provider at {@code server} (a base URI, {@code ws://127.0.0.1:PORT}, without
     * path), with {@link #credential()} as the credential, no configured subscriptions, and short timing.
     */
    protected abstract ProviderSettings settings(URI server);

    /**
     * Whether the provider has a capability. Write it as an exhaustive {@code switch} over
     * {@link FeedCapability} without a {@code default} branch, so that a new capability makes every provider
     * decide; the kit checks it against {@link MarketFeedProvider#capabilities()}.
     */
    protected abstract boolean hasCapability(FeedCapability capability);

    /** The credential {@link #settings(URI)} must use; the kit checks where it shows up and where it never may. */
    protected String credential() {
        return DEFAULT_CREDENTIAL;
    }

    /**
     * Settings {@code create} must refuse with a {@link SettingsException}. By default: the test settings with
     * every common key they set ({@link CommonSettings}) out of range, then with each of those of the wrong type;
     * when they set none, empty settings. Override when these do not fit the provider.
     */
    protected List<ProviderSettings> invalidSettings(URI server) {
        ProviderSettings valid = settings(server);
        Map<String, Object> outOfRange = new LinkedHashMap<>();
        Map<String, Object> wrongType = new LinkedHashMap<>();
        for (String key : List.of(CommonSettings.MAX_SYMBOLS_PER_CONNECTION, CommonSettings.MAX_SYMBOLS_PER_FRAME,
                CommonSettings.MAX_CONNECTIONS)) {
            if (valid.hasPath(key)) {
                outOfRange.put(key, 0);
                wrongType.put(key, "not-a-number");
            }
        }
        for (String key : List.of(CommonSettings.HEARTBEAT_INTERVAL, CommonSettings.HEARTBEAT_TIMEOUT)) {
            if (valid.hasPath(key)) {
                outOfRange.put(key, Duration.ZERO);
                wrongType.put(key, "not-a-duration");
            }
        }
        for (String key : List.of(CommonSettings.MIN_CONTROL_GAP, CommonSettings.MIN_RECONNECT_GAP)) {
            if (valid.hasPath(key)) {
                outOfRange.put(key, Duration.ofMillis(-1));
                wrongType.put(key, "not-a-duration");
            }
        }
        if (outOfRange.isEmpty()) {
            return List.of(ProviderSettings.of(valid.providerId(), Map.of()));
        }
        return List.of(new OverlaySettings(valid, outOfRange), new OverlaySettings(valid, wrongType));
    }

    // ---------------------------------------------------------------- for a provider's own extra cases

    /** The scripted server of this case, started on first use and speaking {@link #script()}. */
    protected final ScriptedServer server() {
        return fixture.server();
    }

    /** The events of this case's feed. */
    protected final EventRecorder events() {
        return fixture.events();
    }

    /** Starts this case's feed: the real runtime with the provider, pointed at {@link #server()}. */
    protected final MarketFeed startFeed() {
        return fixture.startFeed();
    }

    /** The topic the cases subscribe on: quotes when served, otherwise the first served topic by name. */
    protected final String topic() {
        return fixture.topic();
    }

    @BeforeEach
    protected final void createConformanceFixture() {
        fixture = new ConformanceFixture(provider(), script(), this::settings, credential());
    }

    /** Stops everything the case started, and checks what a case must never leave behind. */
    @AfterEach
    protected final void stopAndCheckTheCredentialNeverLeaked() {
        List<String> problems = new ArrayList<>();
        try {
            if (fixture.feedStarted()) {
                String snapshot = fixture.feed().snapshot().toString();
                if (snapshot.contains(credential())) {
                    problems.add("the feed snapshot shows the credential: "
                            + snapshot.replace(credential(), "<CREDENTIAL>"));
                }
            }
        } finally {
            fixture.close();
        }
        try {
            fixture.events().assertNotMentioned(credential());
        } catch (AssertionError e) {
            problems.add(e.getMessage());
        }
        fixture.scriptErrors().forEach(error -> problems.add("the ProtocolScript threw: " + error));
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    // ================================================================ the SPI contract

    /**
     * <b>Purpose:</b> one name for every provider's conformance test, so that build reports and CI filters
     * find them (the way Trino's {@code BaseConnectorTest} checks its subclasses).<br>
     * <b>Setup:</b> none.<br>
     * <b>Passes when</b> the test class's simple name is {@code Test<Id>ProviderConformance}, with the id in
     * camel case ({@code my-feed} → {@code TestMyFeedProviderConformance}; case is not compared).<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void subclassFollowsTheNamingRule() {
        StringBuilder camel = new StringBuilder();
        for (String part : fixture.id().split("-")) {
            if (!part.isEmpty()) {
                camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        String expected = "Test" + camel + "ProviderConformance";
        String actual = getClass().getSimpleName();
        assertTrue(actual.equalsIgnoreCase(expected), "a provider's conformance test is named "
                + "Test<Id>ProviderConformance: expected " + expected + " for provider '" + fixture.id() + "', got "
                + actual);
    }

    /**
     * <b>Purpose:</b> the provider can be loaded from a plugin jar and describes itself as the SPI requires.<br>
     * <b>Setup:</b> none; only the provider object is used.<br>
     * <b>Passes when</b> the class is public and concrete with a public no-argument constructor that works; the id
     * matches {@code [a-z0-9-]+} and is stable; version and description are not blank; the SPI version it was
     * compiled against is compatible with this host; the capabilities are non-empty and unmodifiable.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void providerFollowsTheSpiContract() {
        new SpiContractCases(fixture, this).providerFollowsTheSpiContract();
    }

    /**
     * <b>Purpose:</b> the runner finds providers with {@link ServiceLoader}; a provider that is not listed is
     * never loaded from its jar.<br>
     * <b>Setup:</b> none.<br>
     * <b>Passes when</b> {@code META-INF/services/io.marketfeed.api.MarketFeedProvider} on the test class path
     * lists the provider's class.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void providerIsListedForTheServiceLoader() {
        new SpiContractCases(fixture, this).providerIsListedForTheServiceLoader();
    }

    /**
     * <b>Purpose:</b> capabilities are declared, never discovered by exception: the test's declaration, the
     * provider's and the protocol's facts must agree, or the kit would check the wrong things.<br>
     * <b>Setup:</b> the protocol made from {@link #settings(URI)}.<br>
     * <b>Passes when</b> {@link #hasCapability} answers for every capability and equals
     * {@link MarketFeedProvider#capabilities()}; a served quotes, trades, book or candles topic is declared;
     * replace-all endpoints, first-message auth, client heartbeats and metered credits are declared exactly when
     * the protocol has them ({@code REPLACE_SEMANTICS}, {@code FIRST_MESSAGE_AUTH}, {@code CLIENT_HEARTBEAT},
     * {@code CREDITS}).<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void declaredCapabilitiesMatchTheProvider() {
        new SpiContractCases(fixture, this).declaredCapabilitiesMatchTheProvider();
    }

    /**
     * <b>Purpose:</b> the facts the kit builds on, checked first so that a misfit fails with a clear reason
     * rather than a timeout.<br>
     * <b>Setup:</b> the protocol made from {@link #settings(URI)}.<br>
     * <b>Passes when</b> there are endpoints with unique ids and ws/wss URIs at the given server that carry no
     * credential; the case topic is routed to an endpoint that serves it; no subscriptions are configured; the
     * script's symbols are accepted; the heartbeat timeout is at most 3 s and the minimum reconnect gap at most
     * 1 s (the kit waits on them); credentials of the query-parameter and header kinds are {@link #credential()}.
     * <br><b>Requires:</b> nothing.
     */
    @Test
    public void protocolFactsSuitTheKit() {
        new SpiContractCases(fixture, this).protocolFactsSuitTheKit();
    }

    /**
     * <b>Purpose:</b> bad configuration is reported completely and as configuration, so that the runner can
     * list every problem before any socket opens.<br>
     * <b>Setup:</b> {@link #invalidSettings(URI)}.<br>
     * <b>Passes when</b> {@code create} throws {@link SettingsException} (not any other exception) for each,
     * with problems whose paths are under {@code marketfeed.providers.<id>.}, naming every value the kit made
     * bad (all problems at once, not the first), and neither the message nor a problem shows the credential.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void invalidSettingsAreReportedAsSettingsProblems() {
        new SpiContractCases(fixture, this).invalidSettingsAreReportedAsSettingsProblems();
    }

    /**
     * <b>Purpose:</b> a decoder never throws on what a server sends, whatever it is, and never stops the provider
     * or drops the connection over it; a decoder that throws loses the frame, and one that reports a fatal or
     * retry disposition takes the feed down for garbage.<br>
     * <b>Setup:</b> sessions from the protocol, called directly: a fresh one, and one that has decoded the
     * script's frames on open and the replies to a subscribe. Each gets the kit's garbage (empty, not JSON,
     * binary, invalid UTF-8, deeply nested, huge, unknown types), the script's frames truncated, doubled, wrapped
     * and with their values' types swapped, and {@link ProtocolScript#malformedFrames()}.<br>
     * <b>Passes when</b> no decode throws (not even an {@link Error}) or takes over 2 s; only
     * {@link Disposition.Kind#WARN} problems are reported; no report shows the credential; every event carries
     * the provider's id; and the
     * script's data frame decodes to a market-data event of its symbol and topic both before and after the
     * garbage.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void decoderSurvivesMalformedAndUnknownFrames() {
        new DecoderCheck(fixture).run();
    }

    // ================================================================ the wire, through the real runtime

    /**
     * <b>Purpose:</b> the connection goes where the script says and authenticates as the protocol declares,
     * with the credential reaching the server and nothing else carrying it.<br>
     * <b>Setup:</b> a feed subscribing one symbol.<br>
     * <b>Passes when</b> the handshake path is {@link ProtocolScript#path}; the credential is the declared query
     * parameter, is in the declared header, or is in the first client message (which the session marks
     * sensitive, and which precedes every request), and appears nowhere else in the handshake or the other
     * messages; the subscription is sent and its data arrives. (No event, snapshot or exception message may show
     * the credential; every case checks that.)<br>
     * <b>Requires:</b> nothing; {@code FIRST_MESSAGE_AUTH} selects the first-message check.
     */
    @Test
    public void handshakeCarriesTheCredentialAsDeclared() {
        new SubscriptionCases(fixture, this).handshakeCarriesTheCredentialAsDeclared();
    }

    /**
     * <b>Purpose:</b> subscribe requests respect the frame limit, name every symbol, and (additive) never repeat
     * one: a server refuses an oversized request, and a repeat can count twice against a symbol cap.<br>
     * <b>Setup:</b> a feed subscribing, at once, twice the frame limit plus three symbols (additive; at most the
     * per-connection limit), or twelve (replace).<br>
     * <b>Passes when</b> no request names more than the frame limit (additive) or the per-connection limit
     * (replace) — the declared limit, or the one the server announced; together the requests name every symbol;
     * additive requests name each symbol once; the last replace request names them all; data for the first and
     * the last symbol arrives.<br>
     * <b>Requires:</b> nothing; {@code REPLACE_SEMANTICS} selects the replace checks.
     */
    @Test
    public void subscribeRequestsStayWithinTheFrameLimit() {
        new SubscriptionCases(fixture, this).subscribeRequestsStayWithinTheFrameLimit();
    }

    /**
     * <b>Purpose:</b> requests have the semantics the provider declares. Additive: a request names only what
     * changes. Replace: every request names the whole list of the topic, so that a request never drops a
     * subscription by accident.<br>
     * <b>Setup:</b> a feed subscribing two symbols, then a third, then unsubscribing the first, then subscribing
     * a fourth; each step waits for its request.<br>
     * <b>Passes when</b> (additive) the third symbol's request names only it, the first symbol is unsubscribed
     * with a request naming only it when the session can unsubscribe ({@code unsubscribe} is present) and never
     * otherwise, and no symbol is subscribed twice; (replace) the requests name {1,2}, then {1,2,3}, then {2,3},
     * then {2,3,4}; and the fourth symbol's data arrives.<br>
     * <b>Requires:</b> nothing; {@code REPLACE_SEMANTICS} selects the replace checks.
     */
    @Test
    public void subscribeRequestsFollowTheDeclaredSemantics() {
        new SubscriptionCases(fixture, this).subscribeRequestsFollowTheDeclaredSemantics();
    }

    /**
     * <b>Purpose:</b> each control frame goes on the wire once per connection. A repeated subscribe is at best
     * wasted (a server may count it against a symbol cap or a credit quota, or answer it with an error) and always
     * a bookkeeping bug, typically two topics carried by one wire subscription each sending it (issue 16: TickAtlas
     * sent the same subscribe for its quotes and candles topics).<br>
     * <b>Setup:</b> a feed subscribing two symbols on the case topic, then the same two on every other data topic
     * (quotes, trades, book, candles) that the same endpoint serves for them; once the server confirmed all of it,
     * the same subscriptions again (already wanted: nothing to send), then a third symbol on the case topic, whose
     * data must arrive. The script's server accepts everything, and nothing is unsubscribed or dropped.<br>
     * <b>Passes when</b> on every connection no request the script reads (subscribe or unsubscribe) is sent twice
     * as the same message without a different request naming one of its symbols in between, and the first-message
     * auth is sent once. Heartbeats and other messages may repeat.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void controlFramesAreNotRepeatedOnAConnection() {
        new SubscriptionCases(fixture, this).controlFramesAreNotRepeatedOnAConnection();
    }

    /**
     * <b>Purpose:</b> after a connection is lost without a close frame (a crash, a broken network) the feed
     * reconnects, subscribes everything again exactly once, and reports the blind window as a gap.<br>
     * <b>Setup:</b> a feed subscribing the frame limit plus two symbols (additive; at most the per-connection
     * limit and 25) or five (replace); data flows; the server drops the connection.<br>
     * <b>Passes when</b> a second connection opens; its subscribe requests name every symbol (additive: each
     * once, within the frame limit; replace: each request the whole list); a gap event names every symbol with
     * {@code from <= to}; a reconnecting state was reported; data flows on the new connection.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void resubscribesAfterADropWithoutCloseFrame() {
        new ConnectionLifeCases(fixture, this).resubscribesAfterADropWithoutCloseFrame();
    }

    /**
     * <b>Purpose:</b> a server that closes cleanly with a non-fatal code (1001, going away: a deploy) is
     * reconnected to exactly like a drop.<br>
     * <b>Setup:</b> as {@link #resubscribesAfterADropWithoutCloseFrame}, but the server closes with 1001.<br>
     * <b>Passes when</b> as {@link #resubscribesAfterADropWithoutCloseFrame}, and the provider classifies 1001 as
     * retryable.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void resubscribesAfterAGoingAwayClose() {
        new ConnectionLifeCases(fixture, this).resubscribesAfterAGoingAwayClose();
    }

    /**
     * <b>Purpose:</b> the declared heartbeat keeps a healthy idle connection open: a decoder that does not
     * recognise the server's heartbeat replies (or a client that never pings) gets connections replaced every
     * timeout.<br>
     * <b>Setup:</b> a feed subscribing one symbol; data flows once; then nothing but heartbeats for three heartbeat
     * timeouts (the script answers client pings; for server pings the kit pushes
     * {@link ProtocolScript#serverHeartbeat()} every third of the timeout, in every case).<br>
     * <b>Passes when</b> the connection is neither replaced nor reported disconnected, and (client pings) the
     * client sent heartbeats.<br>
     * <b>Requires:</b> a heartbeat ({@code HeartbeatSpec.Pinger} other than {@code NONE}); skipped without one,
     * since then only data proves liveness.
     */
    @Test
    public void heartbeatKeepsAnIdleConnectionOpen() {
        new ConnectionLifeCases(fixture, this).heartbeatKeepsAnIdleConnectionOpen();
    }

    /**
     * <b>Purpose:</b> a server that goes silent with the TCP connection still open (a hung server, a half-open
     * connection) is detected within the declared heartbeat timeout and replaced, and the blind window is
     * reported.<br>
     * <b>Setup:</b> a feed subscribing one symbol; data flows; the server stalls the connection (sends nothing,
     * answers nothing, not even WebSocket pings).<br>
     * <b>Passes when</b> a new connection opens within the heartbeat timeout plus the runtime's check period,
     * the reconnect delay and one second; a gap event names the symbol; the symbol is subscribed again and its
     * data arrives.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void staleConnectionIsReplaced() {
        new ConnectionLifeCases(fixture, this).staleConnectionIsReplaced();
    }

    /**
     * <b>Purpose:</b> a close code that means "your credentials are refused" stops the provider for good,
     * saying what to fix: retrying only hammers the server and can get an account locked.<br>
     * <b>Setup:</b> a feed subscribing one symbol; the server closes the connection with
     * {@link ProtocolScript#fatalCloseCode()}.<br>
     * <b>Passes when</b> the provider classifies the code as fatal; a failed state is reported with a reason;
     * {@link MarketFeed#allProvidersFailed()} completes; no new handshake arrives and no reconnecting state is
     * reported within a second and at least three times the longest reconnect delay.<br>
     * <b>Requires:</b> a fatal close code in the script; skipped when the protocol has none.
     */
    @Test
    public void fatalCloseStopsRetries() throws Exception {
        new ConnectionLifeCases(fixture, this).fatalCloseStopsRetries();
    }

    /**
     * <b>Purpose:</b> garbage on a live connection changes nothing: the connection stays, and data after it is
     * delivered.<br>
     * <b>Setup:</b> a feed subscribing one symbol; data flows; the server sends empty, non-JSON, truncated,
     * type-swapped, unknown, deeply nested, 2 MB and binary messages, then a data frame.<br>
     * <b>Passes when</b> the data frame's event arrives, the connection is still the first and open, and no
     * disconnect or failure is reported.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void malformedFramesKeepTheConnection() {
        new ConnectionLifeCases(fixture, this).malformedFramesKeepTheConnection();
    }

    /**
     * <b>Purpose:</b> what a provider cannot do is refused before anything is sent, with an
     * {@link IllegalArgumentException}, rather than failing on the wire.<br>
     * <b>Setup:</b> a feed with one subscription, so that a connection is open; then subscribing, each with a
     * fresh symbol, to every standard topic the provider does not serve as configured (quotes, trades, book,
     * candles: whether undeclared or disabled) and to an unknown topic, and a blank symbol on the served
     * topic.<br>
     * <b>Passes when</b> each {@code subscribe} throws {@link IllegalArgumentException} whose message does not
     * show the credential; afterwards no request named a refused symbol and no further connection opened.<br>
     * <b>Requires:</b> nothing; every capability not declared is covered here or in
     * {@link #wholeMarketSubscription()}.
     */
    @Test
    public void unsupportedTopicsAreRefusedCleanly() {
        new SubscriptionCases(fixture, this).unsupportedTopicsAreRefusedCleanly();
    }

    /**
     * <b>Purpose:</b> the whole-market wildcard {@code *} works when declared and is refused cleanly when not.<br>
     * <b>Setup:</b> with {@code SUBSCRIBE_ALL}: a feed subscribing {@code *}; without: a feed subscribing one
     * symbol, then trying {@code *}.<br>
     * <b>Passes when</b> (declared) a request names {@code *} and data for any symbol is delivered; (not declared)
     * subscribing {@code *} throws {@link IllegalArgumentException} and no request names it.<br>
     * <b>Requires:</b> nothing; {@code SUBSCRIBE_ALL} selects which.
     */
    @Test
    public void wholeMarketSubscription() {
        new SubscriptionCases(fixture, this).wholeMarketSubscription();
    }

    /**
     * <b>Purpose:</b> a handshake refused for a passing reason (HTTP 503) is retried until the server accepts,
     * and the subscriptions then go out as usual.<br>
     * <b>Setup:</b> the server refuses upgrades with 503; a feed subscribing one symbol; after two refused
     * handshakes the server accepts again.<br>
     * <b>Passes when</b> the provider classifies 503 as retryable; the client keeps trying; once accepted the
     * symbol is subscribed and its data arrives; a reconnecting state was reported.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void refusedHandshakeIsRetried() {
        new ConnectionLifeCases(fixture, this).refusedHandshakeIsRetried();
    }

    /**
     * <b>Purpose:</b> a server cannot make the client hold a message of any size: past the runtime's limit
     * (1 MiB by default) the connection is cut while the message still arrives, and comes back.<br>
     * <b>Setup:</b> a feed subscribing one symbol; data flows; the server sends one text frame of 50 MB.<br>
     * <b>Passes when</b> a {@code message-too-large} status event names the limit, the client held a small part of
     * the message, and a new connection subscribes again and delivers data.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void aMessageOverTheLimitIsCutAndTheConnectionComesBack() {
        new HostileServerCases(fixture).messageOverTheLimit();
    }

    /**
     * <b>Purpose:</b> what a server says is never trusted with the credential: a server that quotes it back (as
     * is, URL-encoded, in Base64) with a line break gets neither into an event.<br>
     * <b>Setup:</b> a feed subscribing one symbol; the server sends {@link ProtocolScript#errorFrame} quoting the
     * credential (when the script has one), then closes with 1001 and a reason quoting it, then refuses the next
     * handshake with 503 and a body quoting it.<br>
     * <b>Passes when</b> the data flows again after each, and no event quotes the credential in any of the three
     * forms or carries the server's line break as such.<br>
     * <b>Requires:</b> nothing; the error frame part needs {@link ProtocolScript#errorFrame}.
     */
    @Test
    public void aCredentialQuotedBackByTheServerIsNeverShown() {
        new HostileServerCases(fixture).credentialQuotedBack();
    }

    /**
     * <b>Purpose:</b> a session never keeps the one before it: the runtime hands each new session the previous one
     * ({@code SessionContext.previous}) to carry state across a reconnect, and a session that keeps it keeps the
     * whole chain of earlier ones alive.<br>
     * <b>Setup:</b> no server; {@value SessionChainCheck#RECONNECTS} sessions opened in a row, each given the one
     * before.<br>
     * <b>Passes when</b> the first session is garbage collected while the last is still held.<br>
     * <b>Requires:</b> nothing.
     */
    @Test
    public void sessionsDoNotKeepTheirPredecessors() {
        SessionChainCheck.run(fixture);
    }

    // ---------------------------------------------------------------- helpers

    private ProtocolSession session(FeedProtocol protocol, Endpoint endpoint, int number) {
        return DecoderCheck.session(fixture, protocol, endpoint, number);
    }

    static void assertNoProblems(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            List<String> shown = problems.subList(0, Math.min(30, problems.size()));
            fail(what + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  - "
                    + String.join("\n  - ", shown).replace("\u0000", "\\u0000")
                    + (problems.size() > shown.size() ? "\n  … and " + (problems.size() - shown.size()) + " more"
                            : ""));
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + String.valueOf(fixture == null ? "" : fixture.id())
                .toLowerCase(Locale.ROOT) + "]";
    }
}
