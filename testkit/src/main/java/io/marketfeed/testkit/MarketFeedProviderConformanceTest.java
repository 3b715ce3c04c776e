package io.marketfeed.testkit;

import static io.marketfeed.testkit.ConformanceFixture.NO_SERVER;
import static io.marketfeed.testkit.ConformanceFixture.RECONNECT;
import static io.marketfeed.testkit.ConformanceFixture.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.marketfeed.api.CommonSettings;
import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.model.ConnectionEvent;
import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.testkit.GarbageFrames.Garbage;
import io.marketfeed.testkit.ProtocolScript.Request;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
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
 * <p>Timing runs on real time: the runtime's timers use the system's monotonic clock, and
 * {@link MarketFeed.Builder#clock} only sets event timestamps, so there is no virtual clock to drive. The kit
 * therefore uses short heartbeat settings, fast reconnects ({@code 20ms} doubling to {@code 200ms}) and waits on
 * conditions, never for fixed times; a whole run takes a few seconds.
 *
 * <p>Each case's Javadoc states its purpose, setup, pass condition and the capability it requires.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class MarketFeedProviderConformanceTest {

    /** The credential {@link #credential()} returns unless overridden; distinctive, so that a leak is found. */
    public static final String DEFAULT_CREDENTIAL = "mf-testkit-CANARY-5f3a9c1e";

    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    private static final String UNKNOWN_TOPIC = "mf-testkit-unknown-topic";
    private static final String WHOLE_MARKET = "*";
    private static final Duration MAX_HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
    private static final Map<String, FeedCapability> DATA_TOPICS = Map.of(Topics.QUOTES, FeedCapability.QUOTES,
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
        MarketFeedProvider provider = fixture.provider();
        List<String> problems = new ArrayList<>();
        Class<?> type = provider.getClass();
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            problems.add(type.getName() + " must be a public concrete class");
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            Object made = constructor.newInstance();
            if (!(made instanceof MarketFeedProvider) || !((MarketFeedProvider) made).id().equals(provider.id())) {
                problems.add("a provider made by the no-argument constructor has another id: " + made);
            }
        } catch (NoSuchMethodException e) {
            problems.add(type.getName() + " needs a public no-argument constructor (ServiceLoader uses it)");
        } catch (ReflectiveOperationException | RuntimeException e) {
            problems.add("the no-argument constructor of " + type.getName() + " failed: " + e);
        }
        String id = provider.id();
        if (id == null || !ID.matcher(id).matches()) {
            problems.add("the id must match [a-z0-9-]+ (it is a config key), got '" + id + "'");
        } else if (!id.equals(provider.id())) {
            problems.add("id() must return the same value every time");
        }
        if (provider.version() == null || provider.version().isBlank()) {
            problems.add("version() must not be blank");
        }
        if (provider.description() == null || provider.description().isBlank()) {
            problems.add("description() must not be blank");
        }
        Optional<String> incompatible = SpiVersion.incompatibility(provider.spiVersion());
        incompatible.ifPresent(reason -> problems.add("spiVersion() is not compatible with this host: " + reason));
        Set<FeedCapability> capabilities = provider.capabilities();
        if (capabilities == null || capabilities.isEmpty()) {
            problems.add("capabilities() must declare at least one capability");
        } else {
            try {
                capabilities.add(FeedCapability.QUOTES);
                problems.add("capabilities() must be unmodifiable (the runtime and the kit rely on it not changing)");
            } catch (UnsupportedOperationException expected) {
                // As required.
            }
        }
        assertNoProblems("the provider breaks the SPI contract", problems);
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
        Class<?> type = fixture.provider().getClass();
        List<String> listed = new ArrayList<>();
        ServiceLoader.load(MarketFeedProvider.class, type.getClassLoader()).stream()
                .forEach(found -> listed.add(found.type().getName()));
        assertTrue(listed.contains(type.getName()), "META-INF/services/" + MarketFeedProvider.class.getName()
                + " must list " + type.getName() + "; the service loader found " + listed);
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
        List<String> problems = new ArrayList<>();
        Set<FeedCapability> declared = EnumSet.noneOf(FeedCapability.class);
        for (FeedCapability capability : FeedCapability.values()) {
            try {
                if (hasCapability(capability)) {
                    declared.add(capability);
                }
            } catch (RuntimeException | Error e) {
                problems.add("hasCapability(" + capability + ") threw " + e + "; write it as an exhaustive switch");
            }
        }
        Set<FeedCapability> provided = EnumSet.noneOf(FeedCapability.class);
        provided.addAll(fixture.provider().capabilities());
        if (!declared.equals(provided)) {
            Set<FeedCapability> onlyTest = EnumSet.copyOf(declared);
            onlyTest.removeAll(provided);
            Set<FeedCapability> onlyProvider = EnumSet.copyOf(provided);
            onlyProvider.removeAll(declared);
            problems.add("hasCapability and provider().capabilities() disagree: only the test declares " + onlyTest
                    + ", only the provider declares " + onlyProvider);
        }
        FeedProtocol protocol = fixture.protocol();
        for (String topic : fixture.servedTopics()) {
            FeedCapability needed = DATA_TOPICS.get(topic);
            if (needed != null && !provided.contains(needed)) {
                problems.add("the protocol serves '" + topic + "' but the provider does not declare " + needed);
            }
        }
        boolean replace = false;
        boolean firstMessage = false;
        boolean clientPings = false;
        for (Endpoint endpoint : protocol.endpoints()) {
            replace |= endpoint.subscribeStyle().mode() == SubscribeStyle.Mode.REPLACE_ALL;
            firstMessage |= endpoint.auth().kind() == AuthStyle.Kind.FIRST_MESSAGE;
            clientPings |= protocol.heartbeat(endpoint).pinger() == HeartbeatSpec.Pinger.CLIENT;
        }
        agree(problems, FeedCapability.REPLACE_SEMANTICS, provided, replace, "an endpoint with replace-all requests");
        agree(problems, FeedCapability.FIRST_MESSAGE_AUTH, provided, firstMessage, "first-message authentication");
        agree(problems, FeedCapability.CLIENT_HEARTBEAT, provided, clientPings, "client heartbeats");
        if (protocol.credits().isMetered() && !provided.contains(FeedCapability.CREDITS)) {
            problems.add("the protocol meters credits but the provider does not declare " + FeedCapability.CREDITS);
        }
        assertNoProblems("declared capabilities do not match", problems);
    }

    private static void agree(List<String> problems, FeedCapability capability, Set<FeedCapability> declared,
            boolean present, String what) {
        if (present && !declared.contains(capability)) {
            problems.add("the protocol has " + what + " but the provider does not declare " + capability);
        } else if (!present && declared.contains(capability)) {
            problems.add("the provider declares " + capability + " but no endpoint has " + what);
        }
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
        FeedProtocol protocol = fixture.protocol();
        List<String> problems = new ArrayList<>();
        if (protocol.endpoints().isEmpty()) {
            fail("the protocol declares no endpoint");
        }
        Set<String> ids = new HashSet<>();
        for (Endpoint endpoint : protocol.endpoints()) {
            if (!ids.add(endpoint.id())) {
                problems.add("two endpoints have the id '" + endpoint.id() + "'");
            }
            URI uri = endpoint.uri();
            if (!"ws".equalsIgnoreCase(uri.getScheme()) && !"wss".equalsIgnoreCase(uri.getScheme())) {
                problems.add("endpoint " + endpoint.id() + " is not a ws or wss URI: " + uri);
            }
            if (uri.getPort() != NO_SERVER.getPort() || !NO_SERVER.getHost().equals(uri.getHost())) {
                problems.add("endpoint " + endpoint.id() + " does not point at the server given to settings(URI) ("
                        + NO_SERVER + "): " + uri);
            }
            if (uri.toString().contains(credential()) || endpoint.toString().contains(credential())) {
                problems.add("endpoint " + endpoint.id() + " carries the credential in its URI or text; the runtime "
                        + "adds it from AuthStyle");
            }
            AuthStyle auth = endpoint.auth();
            if ((auth.kind() == AuthStyle.Kind.QUERY_PARAMETER || auth.kind() == AuthStyle.Kind.HEADER)
                    && !auth.secret().map(secret -> secret.reveal().contains(credential())).orElse(false)) {
                problems.add("endpoint " + endpoint.id() + " authenticates with " + auth + " but not with "
                        + "credential(); settings(URI) must use credential()");
            }
            HeartbeatSpec heartbeat = protocol.heartbeat(endpoint);
            if (heartbeat.staleTimeout().compareTo(MAX_HEARTBEAT_TIMEOUT) > 0) {
                problems.add("endpoint " + endpoint.id() + " has a heartbeat timeout of " + heartbeat.staleTimeout()
                        + "; settings(URI) must make it 3s or less (500ms is typical) so that the kit is fast");
            }
            if (protocol.limits(endpoint).minReconnectGap().compareTo(Duration.ofSeconds(1)) > 0) {
                problems.add("endpoint " + endpoint.id() + " has a minimum reconnect gap of "
                        + protocol.limits(endpoint).minReconnectGap() + "; settings(URI) must make it 1s or less");
            }
        }
        if (!protocol.configuredSubscriptions().isEmpty()) {
            problems.add("settings(URI) must configure no subscriptions (the kit subscribes itself), got "
                    + protocol.configuredSubscriptions());
        }
        String topic = fixture.topic();
        List<String> symbols = fixture.symbols(5);
        Endpoint endpoint = protocol.endpointFor(new Subscription(topic, symbols.get(0)));
        if (!protocol.endpoints().contains(endpoint) || !endpoint.topics().contains(topic)) {
            problems.add("endpointFor(" + topic + ") returned " + endpoint + ", which is not one of endpoints() "
                    + "serving that topic");
        }
        for (String symbol : symbols) {
            protocol.symbolProblem(new Subscription(topic, symbol)).ifPresent(problem -> problems.add(
                    "the provider refuses the script's symbol '" + symbol + "': " + problem
                            + "; override ProtocolScript.symbols"));
        }
        if (protocol.toString().contains(credential())) {
            problems.add("the protocol's text shows the credential");
        }
        assertNoProblems("the protocol made from settings(URI) does not suit the kit", problems);
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
        for (ProviderSettings invalid : invalidSettings(NO_SERVER)) {
            SettingsException e = SettingsAssertions.assertInvalid(fixture.provider(), invalid);
            assertFalse(e.getMessage().contains(credential()), "the settings problems show the credential: "
                    + e.getMessage().replace(credential(), "<CREDENTIAL>"));
            if (invalid instanceof OverlaySettings) {
                Set<String> unreported = new TreeSet<>(((OverlaySettings) invalid).replacedPaths());
                unreported.removeAll(SettingsAssertions.relativePaths(fixture.id(), e));
                assertEquals(Set.of(), unreported, "every problem is reported at once, but these bad values are "
                        + "not among the problems of " + invalid + ": " + e.getMessage());
            }
        }
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
        String symbol = fixture.symbols(1).get(0);
        ScriptedConnection connection = fixture.connectAndSubscribe(List.of(symbol));
        Handshake handshake = connection.handshake();
        Endpoint endpoint = fixture.endpoint();
        AuthStyle auth = endpoint.auth();
        String credential = credential();
        assertEquals(fixture.script().path(fixture.topic()), handshake.path(), "the connection for "
                + fixture.topic() + " must go to ProtocolScript.path");
        List<String> problems = new ArrayList<>();
        if (handshake.path().contains(credential)) {
            problems.add("the handshake path carries the credential");
        }
        boolean inQuery = handshake.query().contains(credential)
                || handshake.parameters().toString().contains(credential);
        boolean inHeaders = handshake.headers().toString().contains(credential);
        List<String> messages = connection.receivedTexts();
        switch (auth.kind()) {
            case QUERY_PARAMETER:
                if (!handshake.parameter(auth.name()).equals(Optional.of(credential))) {
                    problems.add("the query parameter '" + auth.name() + "' must carry the credential; parameters: "
                            + handshake.parameters().keySet());
                }
                break;
            case HEADER:
                if (!handshake.header(auth.name()).map(value -> value.contains(credential)).orElse(false)) {
                    problems.add("the header '" + auth.name() + "' must carry the credential; headers: "
                            + handshake.headers().keySet());
                }
                break;
            case FIRST_MESSAGE:
                checkFirstMessage(connection, messages, problems);
                break;
            default:
                break;
        }
        boolean sessionParameter = session(fixture.protocol(), endpoint, 1).queryParameters().values().stream()
                .anyMatch(value -> value.reveal().equals(credential));
        if (inQuery && auth.kind() != AuthStyle.Kind.QUERY_PARAMETER && !sessionParameter) {
            problems.add("the query string carries the credential, but the protocol authenticates with " + auth);
        }
        if (inHeaders && auth.kind() != AuthStyle.Kind.HEADER) {
            problems.add("a handshake header carries the credential, but the protocol authenticates with " + auth);
        }
        int from = auth.kind() == AuthStyle.Kind.FIRST_MESSAGE ? 1 : 0;
        for (String message : messages.subList(Math.min(from, messages.size()), messages.size())) {
            if (message.contains(credential)) {
                problems.add("a client message other than the auth message carries the credential");
                break;
            }
        }
        assertNoProblems("the handshake does not authenticate as declared", problems);
        fixture.pushAndAwaitData(connection, symbol);
    }

    private void checkFirstMessage(ScriptedConnection connection, List<String> messages, List<String> problems) {
        if (messages.isEmpty() || !messages.get(0).contains(credential())) {
            problems.add("the first client message must be the auth message carrying the credential; got "
                    + ConformanceFixture.shorten(messages).replace(credential(), "<CREDENTIAL>"));
        }
        if (!messages.isEmpty() && fixture.script().request(messages.get(0)).isPresent()) {
            problems.add("a request was sent before the auth message");
        }
        ProtocolSession probe = session(fixture.protocol(), fixture.endpoint(), 1);
        Optional<OutboundFrame> auth = probe.authMessage();
        if (auth.isEmpty()) {
            problems.add("the endpoint declares first-message auth but the session has no authMessage()");
        } else if (!auth.get().sensitive()) {
            problems.add("authMessage() must be marked sensitive (OutboundFrame.sensitive) so it is never logged");
        }
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
        Limits limits = fixture.limits();
        boolean replace = fixture.replaceSemantics();
        int perFrame = limits.maxSymbolsPerFrame();
        int count = replace ? 12 : perFrame >= 100 ? 40 : 2 * perFrame + 3;
        count = Math.min(count, Math.min(limits.maxSymbolsPerConnection(), 200));
        List<String> symbols = fixture.symbols(count);
        ScriptedConnection connection = fixture.connectAndSubscribe(symbols);
        int limit = replace ? limits.maxSymbolsPerConnection() : fixture.frameLimit();
        List<Request> subscribes = fixture.requests(connection, Request.Kind.SUBSCRIBE);
        for (Request request : subscribes) {
            assertTrue(request.symbols().size() <= limit, "a subscribe request names " + request.symbols().size()
                    + " symbols, over the limit of " + limit + ": " + request.symbols());
            assertEquals(new HashSet<>(request.symbols()).size(), request.symbols().size(),
                    "a subscribe request names a symbol twice: " + request.symbols());
        }
        if (replace) {
            assertEquals(new TreeSet<>(symbols), new TreeSet<>(subscribes.get(subscribes.size() - 1).symbols()),
                    "with replace semantics the last request names the whole list");
        } else {
            assertEquals(Map.of(), fixture.repeated(connection), "additive requests name each symbol once "
                    + "(symbol -> times named); requests: " + subscribes);
            assertTrue(subscribes.size() >= (count + (long) limit - 1) / limit, "too few requests for " + count
                    + " symbols at " + limit + " per request: " + subscribes);
        }
        fixture.pushAndAwaitData(connection, symbols.get(0));
        fixture.pushAndAwaitData(connection, symbols.get(count - 1));
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
        List<String> symbols = fixture.symbols(4);
        String first = symbols.get(0);
        String second = symbols.get(1);
        String third = symbols.get(2);
        String fourth = symbols.get(3);
        ScriptedConnection connection = fixture.connectAndSubscribe(List.of(first, second));
        fixture.subscribe(List.of(third));
        if (fixture.replaceSemantics()) {
            awaitList(connection, Set.of(first, second, third));
            fixture.feed().unsubscribe(fixture.id(), fixture.topic(), List.of(first));
            awaitList(connection, Set.of(second, third));
            fixture.subscribe(List.of(fourth));
            awaitList(connection, Set.of(second, third, fourth));
            for (Request request : fixture.requests(connection, Request.Kind.SUBSCRIBE)) {
                Set<String> named = new TreeSet<>(request.symbols());
                assertTrue(List.of(Set.of(first, second), Set.of(first, second, third), Set.of(second, third),
                        Set.of(second, third, fourth)).contains(named), "with replace semantics every request names "
                        + "the whole list at that moment; unexpected request naming " + named);
            }
        } else {
            fixture.awaitSubscribed(connection, List.of(third));
            Request added = fixture.requests(connection, Request.Kind.SUBSCRIBE).stream()
                    .filter(request -> request.symbols().contains(third)).findFirst().orElseThrow();
            assertEquals(List.of(third), added.symbols(), "an additive request names only the symbols it adds");
            // Probed on a session that subscribed first: a session may answer only for what it holds.
            ProtocolSession probe = session(fixture.protocol(), fixture.endpoint(), 1);
            probe.subscribe(fixture.topic(), List.of(first));
            boolean canUnsubscribe = probe.unsubscribe(fixture.topic(), List.of(first)).isPresent();
            fixture.feed().unsubscribe(fixture.id(), fixture.topic(), List.of(first));
            if (canUnsubscribe) {
                fixture.server().await("an unsubscribe request naming " + first, WAIT,
                        () -> !fixture.requests(connection, Request.Kind.UNSUBSCRIBE).isEmpty());
                assertEquals(List.of(first), fixture.requests(connection, Request.Kind.UNSUBSCRIBE).get(0).symbols(),
                        "an unsubscribe request names only the symbols it removes");
            }
            fixture.subscribe(List.of(fourth));
            fixture.awaitSubscribed(connection, List.of(fourth));
            if (!canUnsubscribe) {
                assertEquals(List.of(), fixture.requests(connection, Request.Kind.UNSUBSCRIBE),
                        "the session cannot unsubscribe, yet unsubscribe requests were read");
            }
            assertEquals(Map.of(), fixture.repeated(connection), "no symbol is subscribed twice on a connection");
        }
        fixture.pushAndAwaitData(connection, fourth);
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
        List<String> symbols = fixture.symbols(3);
        List<String> both = symbols.subList(0, 2);
        String third = symbols.get(2);
        List<String> topics = fixture.dataTopicsOfTheCaseEndpoint(both, DATA_TOPICS.keySet());
        fixture.startFeed();
        for (String topic : topics) {
            fixture.feed().subscribe(fixture.id(), topic, both);
        }
        fixture.awaitSettled(topics.size() * both.size());
        for (String topic : topics) {
            fixture.feed().subscribe(fixture.id(), topic, both);
        }
        fixture.subscribe(List.of(third));
        fixture.awaitSettled(topics.size() * both.size() + 1);
        // Settled may mean sent (a provider without acknowledgements): the server may not have read it yet.
        Await.until(() -> carrying(third) != null, ConformanceFixture.WAIT,
                () -> "no connection sent a subscribe request naming " + third);
        ScriptedConnection carrying = carrying(third);
        fixture.pushAndAwaitData(carrying, third);
        boolean firstMessageAuth = fixture.endpoint().auth().kind() == AuthStyle.Kind.FIRST_MESSAGE;
        List<String> problems = new ArrayList<>();
        for (ScriptedConnection connection : fixture.server().connections()) {
            fixture.unexplainedRepeats(connection, firstMessageAuth).forEach(repeat -> problems.add("connection #"
                    + connection.id() + ": " + repeat));
        }
        assertNoProblems("a control frame was sent twice on one connection with nothing in between that explains it "
                + "(no reconnect, refusal, not-applied signal or change of the subscription; topics subscribed: "
                + topics + "). Send each subscription once per connection: when topics share one wire subscription, "
                + "send it for the first topic only and acknowledge the others without repeating it", problems);
    }

    /** The connection whose subscribe requests name {@code symbol}, or null. */
    private ScriptedConnection carrying(String symbol) {
        ScriptedConnection carrying = null;
        for (ScriptedConnection connection : fixture.server().connections()) {
            if (fixture.requests(connection, Request.Kind.SUBSCRIBE).stream()
                    .anyMatch(request -> request.symbols().contains(symbol))) {
                carrying = connection;
            }
        }
        return carrying;
    }

    /** The case endpoint's heartbeat, failing at once when it is too slow for the kit's real-time waits. */
    private HeartbeatSpec shortHeartbeat() {
        HeartbeatSpec heartbeat = fixture.protocol().heartbeat(fixture.endpoint());
        if (heartbeat.staleTimeout().compareTo(MAX_HEARTBEAT_TIMEOUT) > 0) {
            fail("the heartbeat timeout is " + heartbeat.staleTimeout() + "; settings(URI) must make it "
                    + MAX_HEARTBEAT_TIMEOUT + " or less (500ms is typical), since the kit waits for it in real time");
        }
        return heartbeat;
    }

    private void awaitList(ScriptedConnection connection, Set<String> list) {
        fixture.server().await("a subscribe request naming exactly " + new TreeSet<>(list), WAIT,
                () -> fixture.requests(connection, Request.Kind.SUBSCRIBE).stream()
                        .anyMatch(request -> new HashSet<>(request.symbols()).equals(list)));
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
        checkResubscription(ScriptedConnection::drop, "dropped without a close frame");
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
        assertEquals(Disposition.Kind.RETRY, fixture.protocol().classifyClose(1001, "going away").kind(),
                "a 1001 (going away) close must be retried");
        checkResubscription(connection -> connection.close(1001, "going away"), "closed with 1001");
    }

    private void checkResubscription(java.util.function.Consumer<ScriptedConnection> fault, String how) {
        Limits limits = fixture.limits();
        boolean replace = fixture.replaceSemantics();
        // Additive: one more than fits in a request, so the resubscription is chunked too; never above 25.
        int count = replace ? 5 : Math.min(Math.min(limits.maxSymbolsPerFrame(), 23) + 2,
                limits.maxSymbolsPerConnection());
        List<String> symbols = fixture.symbols(count);
        ScriptedConnection before = fixture.connectAndSubscribe(symbols);
        fixture.pushAndAwaitData(before, symbols.get(0));
        int mark = fixture.events().mark();

        fault.accept(before);

        ScriptedConnection after = fixture.server().awaitConnection(2, WAIT);
        fixture.awaitSubscribed(after, symbols);
        List<Request> subscribes = fixture.requests(after, Request.Kind.SUBSCRIBE);
        if (replace) {
            for (Request request : subscribes) {
                assertEquals(new TreeSet<>(symbols), new TreeSet<>(request.symbols()), "after reconnecting, every "
                        + "replace request names the whole list");
            }
        } else {
            assertEquals(Map.of(), fixture.repeated(after), "after reconnecting each symbol is subscribed once "
                    + "(symbol -> times named); requests: " + subscribes);
            int limit = fixture.frameLimit();
            subscribes.forEach(request -> assertTrue(request.symbols().size() <= limit, "a resubscribe request "
                    + "names " + request.symbols().size() + " symbols, over the limit of " + limit));
        }
        GapEvent gap = fixture.events().await(GapEvent.class,
                event -> new HashSet<>(event.symbols()).containsAll(symbols), WAIT);
        assertEquals(new TreeSet<>(symbols), new TreeSet<>(gap.symbols()), "the gap names every subscribed symbol");
        assertFalse(gap.to().isBefore(gap.from()), "a gap runs forward: " + gap);
        assertFalse(fixture.events().since(mark, ConnectionEvent.class,
                event -> event.state() == ConnectionState.RECONNECTING).isEmpty(),
                "a connection " + how + " is reported as reconnecting");
        fixture.pushAndAwaitData(after, symbols.get(count - 1));
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
        HeartbeatSpec heartbeat = shortHeartbeat();
        assumeTrue(heartbeat.pinger() != HeartbeatSpec.Pinger.NONE, "no heartbeat: only data proves liveness");
        if (heartbeat.pinger() == HeartbeatSpec.Pinger.SERVER && fixture.script().serverHeartbeat().isEmpty()) {
            fail("the server sends heartbeats in this protocol: ProtocolScript.serverHeartbeat() must give one");
        }
        String symbol = fixture.symbols(1).get(0);
        ScriptedConnection connection = fixture.connectAndSubscribe(List.of(symbol));
        fixture.pushAndAwaitData(connection, symbol);
        int mark = fixture.events().mark();
        int sentBefore = fixture.otherFrames(connection).size();
        Duration window = heartbeat.staleTimeout().multipliedBy(3);
        Await.staysFalse(() -> fixture.server().handshakes().size() > 1 || !fixture.events().since(mark,
                ConnectionEvent.class, event -> event.state() == ConnectionState.DISCONNECTED).isEmpty(), window,
                () -> "an idle connection with working heartbeats was replaced within " + window.toMillis()
                        + " ms (heartbeat timeout " + heartbeat.staleTimeout().toMillis() + " ms): "
                        + fixture.events().tail(8));
        if (heartbeat.pinger() == HeartbeatSpec.Pinger.CLIENT) {
            int pings = fixture.otherFrames(connection).size() - sentBefore;
            long expected = Math.max(1, window.toMillis() / Math.max(1, heartbeat.interval().toMillis()) / 2);
            assertTrue(pings >= expected, "the client sent " + pings + " heartbeat(s) in " + window.toMillis()
                    + " ms at an interval of " + heartbeat.interval().toMillis() + " ms; expected at least "
                    + expected);
        }
        assertTrue(connection.isOpen(), "the idle connection was closed");
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
        HeartbeatSpec heartbeat = shortHeartbeat();
        String symbol = fixture.symbols(1).get(0);
        ScriptedConnection stalled = fixture.connectAndSubscribe(List.of(symbol));
        fixture.pushAndAwaitData(stalled, symbol);
        long started = System.nanoTime();

        stalled.stall();

        Duration check = Duration.ofMillis(Math.max(20, Math.min(heartbeat.staleTimeout().toMillis() / 5, 1000)));
        Duration bound = heartbeat.staleTimeout().plus(check).plus(RECONNECT.maxDelay().multipliedBy(2))
                .plus(fixture.limits().minReconnectGap()).plus(Duration.ofSeconds(1));
        ScriptedConnection replacement = fixture.server().awaitConnection(2, bound.plus(WAIT));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(millis <= bound.toMillis(), "the stalled connection was replaced after " + millis
                + " ms; the heartbeat timeout is " + heartbeat.staleTimeout().toMillis() + " ms, so at most "
                + bound.toMillis() + " ms were allowed");
        GapEvent gap = fixture.events().await(GapEvent.class, event -> event.symbols().contains(symbol), WAIT);
        assertFalse(gap.to().isBefore(gap.from()), "a gap runs forward: " + gap);
        fixture.awaitSubscribed(replacement, List.of(symbol));
        fixture.pushAndAwaitData(replacement, symbol);
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
        OptionalInt code = fixture.script().fatalCloseCode();
        assumeTrue(code.isPresent(), "the script declares no fatal close code");
        Disposition disposition = fixture.protocol().classifyClose(code.getAsInt(), "refused");
        assertEquals(Disposition.Kind.FATAL, disposition.kind(), "ProtocolScript.fatalCloseCode() "
                + code.getAsInt() + " must be classified as fatal, got " + disposition);
        fixture.startFeed();
        fixture.subscribe(fixture.symbols(1));
        ScriptedConnection connection = fixture.server().awaitConnection(1, WAIT);
        int mark = fixture.events().mark();

        connection.close(code.getAsInt(), "testkit: credentials refused");

        ConnectionEvent failed = fixture.events().await(ConnectionEvent.class,
                event -> event.state() == ConnectionState.FAILED, WAIT);
        assertTrue(failed.reason() != null && !failed.reason().isBlank(), "a failed state says what to fix");
        List<String> failures = fixture.feed().allProvidersFailed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertFalse(failures.isEmpty(), "allProvidersFailed lists what to fix");
        assertFalse(failures.toString().contains(credential()), "what to fix shows the credential");
        Duration quiet = RECONNECT.maxDelay().plus(fixture.limits().minReconnectGap()).multipliedBy(3);
        quiet = quiet.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : quiet;
        Await.staysFalse(() -> fixture.server().handshakes().size() > 1, quiet,
                () -> "the provider reconnected after the fatal close " + code.getAsInt() + ": "
                        + fixture.server().handshakes());
        assertEquals(List.of(), fixture.events().since(mark, ConnectionEvent.class,
                event -> event.state() == ConnectionState.RECONNECTING), "a fatal close must not be retried");
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
        String symbol = fixture.symbols(1).get(0);
        ScriptedConnection connection = fixture.connectAndSubscribe(List.of(symbol));
        fixture.pushAndAwaitData(connection, symbol);
        int mark = fixture.events().mark();
        for (Garbage garbage : GarbageFrames.forWire(fixture.script().dataFrame(fixture.topic(), symbol))) {
            if (garbage.text()) {
                connection.send(new String(garbage.bytes(), java.nio.charset.StandardCharsets.UTF_8));
            } else {
                connection.sendBinary(garbage.bytes());
            }
        }
        fixture.pushAndAwaitData(connection, symbol);
        assertEquals(1, fixture.server().handshakes().size(), "malformed frames made the client reconnect: "
                + fixture.events().tail(8));
        assertTrue(connection.isOpen(), "malformed frames closed the connection: " + connection);
        assertEquals(List.of(), fixture.events().since(mark, ConnectionEvent.class,
                event -> event.state() != ConnectionState.CONNECTED), "malformed frames changed the connection's state");
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
        List<String> symbols = fixture.symbols(3);
        String refusedSymbol = symbols.get(1);
        ScriptedConnection connection = fixture.connectAndSubscribe(List.of(symbols.get(0)));
        Set<String> served = fixture.servedTopics();
        List<String> topics = new ArrayList<>(new TreeSet<>(DATA_TOPICS.keySet()));
        topics.add(UNKNOWN_TOPIC);
        List<String> tried = new ArrayList<>();
        for (String topic : topics) {
            if (served.contains(topic)) {
                continue;
            }
            tried.add(topic);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> fixture.feed().subscribe(fixture.id(), topic, List.of(refusedSymbol)),
                    "subscribing to '" + topic + "', which " + fixture.id() + " does not serve, must be refused");
            assertFalse(String.valueOf(e.getMessage()).contains(credential()), "the refusal shows the credential");
        }
        assertThrows(IllegalArgumentException.class,
                () -> fixture.feed().subscribe(fixture.id(), fixture.topic(), List.of(" ")),
                "a blank symbol must be refused");
        fixture.subscribe(List.of(symbols.get(2)));
        fixture.awaitSubscribed(connection, List.of(symbols.get(2)));
        for (Request request : fixture.allRequests()) {
            assertFalse(request.symbols().contains(refusedSymbol), "a request named the symbol of a refused "
                    + "subscription to " + tried + ": " + request);
        }
        assertEquals(1, fixture.server().handshakes().size(), "a refused subscription opened a connection");
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
        List<String> symbols = fixture.symbols(2);
        if (hasCapability(FeedCapability.SUBSCRIBE_ALL)) {
            ScriptedConnection connection = fixture.connectAndSubscribe(List.of(WHOLE_MARKET));
            fixture.pushAndAwaitData(connection, symbols.get(0));
            fixture.pushAndAwaitData(connection, symbols.get(1));
            return;
        }
        ScriptedConnection connection = fixture.connectAndSubscribe(List.of(symbols.get(0)));
        assertThrows(IllegalArgumentException.class,
                () -> fixture.feed().subscribe(fixture.id(), fixture.topic(), List.of(WHOLE_MARKET)),
                "the provider does not declare SUBSCRIBE_ALL, so '*' must be refused (FeedProtocol.symbolProblem)");
        fixture.subscribe(List.of(symbols.get(1)));
        fixture.awaitSubscribed(connection, List.of(symbols.get(1)));
        for (Request request : fixture.allRequests()) {
            assertFalse(request.symbols().contains(WHOLE_MARKET), "a request named '*': " + request);
        }
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
        assertEquals(Disposition.Kind.RETRY, fixture.protocol().classifyHandshake(503).kind(),
                "a handshake refused with HTTP 503 (service unavailable) must be retried");
        String symbol = fixture.symbols(1).get(0);
        fixture.server().refuseHandshakes(503);
        fixture.startFeed();
        fixture.subscribe(List.of(symbol));
        fixture.server().await("two refused handshakes", WAIT, () -> fixture.server().handshakes().size() >= 2);
        fixture.server().acceptHandshakes();
        ScriptedConnection connection = fixture.server().awaitConnection(1, WAIT);
        fixture.awaitSubscribed(connection, List.of(symbol));
        fixture.pushAndAwaitData(connection, symbol);
        assertFalse(fixture.events().states(ConnectionState.RECONNECTING).isEmpty(),
                "refused handshakes are reported as reconnecting");
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
