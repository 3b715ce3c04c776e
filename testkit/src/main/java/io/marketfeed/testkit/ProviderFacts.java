package io.marketfeed.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import io.marketfeed.api.FeedCapability;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.ProtocolSession;
import io.marketfeed.api.protocol.SessionContext;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.runtime.ProviderHost;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the kit knows of the provider under test without running it: the provider, its script, its credential, and
 * the protocol made from the test's settings — pointed at no server until the case's server starts, then at that
 * server — with the case topic, the endpoint that serves it, its limits and semantics, and the script's symbols.
 *
 * <p>Not thread safe: one per case, used from the test thread.
 */
final class ProviderFacts {

    /** Used for cases that open no socket; no server listens there. */
    static final URI NO_SERVER = URI.create("ws://127.0.0.1:9");
    /** The longest heartbeat timeout the kit accepts: its waits are bounded. */
    static final Duration MAX_HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
    /** The standard data topics and the capability each needs. */
    static final Map<String, FeedCapability> DATA_TOPICS = Map.of(Topics.QUOTES, FeedCapability.QUOTES,
            Topics.TRADES, FeedCapability.TRADES, Topics.BOOK, FeedCapability.BOOK, Topics.CANDLES,
            FeedCapability.CANDLES);

    private final MarketFeedProvider provider;
    private final ProtocolScript script;
    private final Function<URI, ProviderSettings> settings;
    private final String credential;
    private URI server = NO_SERVER;
    private FeedProtocol protocol;
    private String topic;

    ProviderFacts(MarketFeedProvider provider, ProtocolScript script, Function<URI, ProviderSettings> settings,
            String credential) {
        this.provider = provider;
        this.script = script;
        this.settings = settings;
        this.credential = credential;
    }

    MarketFeedProvider provider() {
        return provider;
    }

    String id() {
        return provider.id();
    }

    ProtocolScript script() {
        return script;
    }

    String credential() {
        return credential;
    }

    /** The settings pointed at the server the protocol is made for. */
    ProviderSettings settings() {
        return settings.apply(server);
    }

    /** From now on the protocol is made pointing at {@code uri}, the case's server. */
    void pointAt(URI uri) {
        server = uri;
        protocol = null;
    }

    /** The protocol made from the settings, pointed at the server when one runs. */
    FeedProtocol protocol() {
        if (protocol == null) {
            protocol = ProviderHost.create(provider, settings());
        }
        return protocol;
    }

    /** The topic the cases use: quotes when served, otherwise the first served topic by name. */
    String topic() {
        if (topic == null) {
            Set<String> served = servedTopics();
            if (served.isEmpty()) {
                fail(id() + " serves no topic with the kit's settings: its endpoints declare none");
            }
            topic = served.contains("quotes") ? "quotes" : served.iterator().next();
        }
        return topic;
    }

    Set<String> servedTopics() {
        Set<String> served = new TreeSet<>();
        protocol().endpoints().forEach(endpoint -> served.addAll(endpoint.topics()));
        return served;
    }

    /** A session of the protocol on {@code endpoint}, opened directly (no runtime), named as its {@code number}th. */
    ProtocolSession openSession(Endpoint endpoint, int number) {
        return protocol().openSession(new SessionContext(id() + "/" + endpoint.id() + "#" + number, endpoint));
    }

    /** The endpoint of the case topic. */
    Endpoint endpoint() {
        return protocol().endpointFor(new Subscription(topic(), symbols(1).get(0)));
    }

    Limits limits() {
        return protocol().limits(endpoint());
    }

    boolean replaceSemantics() {
        return endpoint().subscribeStyle().mode() == SubscribeStyle.Mode.REPLACE_ALL;
    }

    /** {@code count} distinct symbols from the script, checked. */
    List<String> symbols(int count) {
        List<String> symbols = script.symbols(topic(), count);
        if (symbols.size() != count || new HashSet<>(symbols).size() != count) {
            fail("ProtocolScript.symbols(topic, " + count + ") must return " + count + " distinct symbols, got "
                    + symbols);
        }
        return symbols;
    }

    /**
     * The data topics (quotes, trades, book, candles) that the case endpoint serves and that accept
     * {@code symbols}, the case topic first: topics a provider may carry on one wire subscription.
     */
    List<String> dataTopicsOfTheCaseEndpoint(List<String> symbols, Collection<String> dataTopics) {
        List<String> topics = new ArrayList<>(List.of(topic()));
        Endpoint endpoint = endpoint();
        for (String other : new TreeSet<>(servedTopics())) {
            if (other.equals(topic()) || !dataTopics.contains(other)) {
                continue;
            }
            boolean fits = true;
            for (String symbol : symbols) {
                Subscription subscription = new Subscription(other, symbol);
                fits &= protocol().symbolProblem(subscription).isEmpty()
                        && protocol().endpointFor(subscription).equals(endpoint);
            }
            if (fits) {
                topics.add(other);
            }
        }
        return topics;
    }
}
