package io.marketfeed.testkit;

import static io.marketfeed.testkit.ProviderFacts.NO_SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.SettingsException;
import io.marketfeed.api.SpiVersion;
import io.marketfeed.api.protocol.AuthStyle;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.HeartbeatSpec;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The conformance cases about the SPI contract, declared in {@link SpiConformance} and run for every provider: the
 * test class's name, the provider object, its service-loader entry, its declared capabilities, the protocol facts
 * the kit builds on, and settings problems. Nothing here opens a connection.
 *
 * <p>Used by the one test thread of a case.
 */
final class SpiContractCases {

    /** What a provider id may be: it is a config key. */
    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");

    private final ProviderFacts facts;
    private final ProviderUnderTest test;

    SpiContractCases(ProviderFacts facts, ProviderUnderTest test) {
        this.facts = facts;
        this.test = test;
    }

    void subclassFollowsTheNamingRule() {
        StringBuilder camel = new StringBuilder();
        for (String part : facts.id().split("-")) {
            if (!part.isEmpty()) {
                camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        String expected = "Test" + camel + "ProviderConformance";
        String actual = test.getClass().getSimpleName();
        assertTrue(actual.equalsIgnoreCase(expected), "a provider's conformance test is named "
                + "Test<Id>ProviderConformance: expected " + expected + " for provider '" + facts.id() + "', got "
                + actual);
    }

    void providerFollowsTheSpiContract() {
        MarketFeedProvider provider = facts.provider();
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
        Problems.assertNone("the provider breaks the SPI contract", problems);
    }

    void providerIsListedForTheServiceLoader() {
        Class<?> type = facts.provider().getClass();
        List<String> listed = new ArrayList<>();
        ServiceLoader.load(MarketFeedProvider.class, type.getClassLoader()).stream()
                .forEach(found -> listed.add(found.type().getName()));
        assertTrue(listed.contains(type.getName()), "META-INF/services/" + MarketFeedProvider.class.getName()
                + " must list " + type.getName() + "; the service loader found " + listed);
    }

    void declaredCapabilitiesMatchTheProvider() {
        List<String> problems = new ArrayList<>();
        Set<FeedCapability> declared = EnumSet.noneOf(FeedCapability.class);
        for (FeedCapability capability : FeedCapability.values()) {
            try {
                if (test.hasCapability(capability)) {
                    declared.add(capability);
                }
            } catch (RuntimeException | Error e) {
                problems.add("test.hasCapability(" + capability + ") threw " + e
                        + "; write it as an exhaustive switch");
            }
        }
        Set<FeedCapability> provided = EnumSet.noneOf(FeedCapability.class);
        provided.addAll(facts.provider().capabilities());
        if (!declared.equals(provided)) {
            Set<FeedCapability> onlyTest = EnumSet.copyOf(declared);
            onlyTest.removeAll(provided);
            Set<FeedCapability> onlyProvider = EnumSet.copyOf(provided);
            onlyProvider.removeAll(declared);
            problems.add("hasCapability and provider().capabilities() disagree: only the test declares " + onlyTest
                    + ", only the provider declares " + onlyProvider);
        }
        FeedProtocol protocol = facts.protocol();
        for (String topic : facts.servedTopics()) {
            FeedCapability needed = ProviderFacts.DATA_TOPICS.get(topic);
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
        Problems.assertNone("declared capabilities do not match", problems);
    }

    void protocolFactsSuitTheKit() {
        FeedProtocol protocol = facts.protocol();
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
            if (uri.toString().contains(facts.credential()) || endpoint.toString().contains(facts.credential())) {
                problems.add("endpoint " + endpoint.id() + " carries the credential in its URI or text; the runtime "
                        + "adds it from AuthStyle");
            }
            AuthStyle auth = endpoint.auth();
            if ((auth.kind() == AuthStyle.Kind.QUERY_PARAMETER || auth.kind() == AuthStyle.Kind.HEADER)
                    && !auth.secret().map(secret -> secret.reveal().contains(facts.credential())).orElse(false)) {
                problems.add("endpoint " + endpoint.id() + " authenticates with " + auth + " but not with "
                        + "facts.credential(); settings(URI) must use facts.credential()");
            }
            HeartbeatSpec heartbeat = protocol.heartbeat(endpoint);
            if (heartbeat.staleTimeout().compareTo(ProviderFacts.MAX_HEARTBEAT_TIMEOUT) > 0) {
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
        String topic = facts.topic();
        List<String> symbols = facts.symbols(5);
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
        if (protocol.toString().contains(facts.credential())) {
            problems.add("the protocol's text shows the credential");
        }
        Problems.assertNone("the protocol made from settings(URI) does not suit the kit", problems);
    }

    void invalidSettingsAreReportedAsSettingsProblems() {
        for (ProviderSettings invalid : test.invalidSettings(NO_SERVER)) {
            SettingsException e = SettingsAssertions.assertInvalid(facts.provider(), invalid);
            assertFalse(e.getMessage().contains(facts.credential()), "the settings problems show the credential: "
                    + e.getMessage().replace(facts.credential(), "<CREDENTIAL>"));
            if (invalid instanceof OverlaySettings) {
                Set<String> unreported = new TreeSet<>(((OverlaySettings) invalid).replacedPaths());
                unreported.removeAll(SettingsAssertions.relativePaths(facts.id(), e));
                assertEquals(Set.of(), unreported, "every problem is reported at once, but these bad values are "
                        + "not among the problems of " + invalid + ": " + e.getMessage());
            }
        }
    }

    private static void agree(List<String> problems, FeedCapability capability, Set<FeedCapability> declared,
            boolean present, String what) {
        if (present && !declared.contains(capability)) {
            problems.add("the protocol has " + what + " but the provider does not declare " + capability);
        } else if (!present && declared.contains(capability)) {
            problems.add("the provider declares " + capability + " but no endpoint has " + what);
        }
    }
}
