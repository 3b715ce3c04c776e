package io.marketfeed.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import io.marketfeed.runtime.ProviderHost;
import io.marketfeed.api.MarketFeedProvider;
import io.marketfeed.api.ProviderSettings;
import io.marketfeed.api.model.MarketDataEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.SubscribeStyle;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.runtime.ReconnectPolicy;
import io.marketfeed.runtime.testing.ManualScheduler;
import io.marketfeed.runtime.testing.VirtualNetwork;
import io.marketfeed.testkit.ProtocolScript.Request;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What one conformance case runs on: the provider, its script and settings, and — started on demand — a
 * {@link ScriptedServer} speaking the script on a {@link VirtualNetwork}, an {@link EventRecorder}, and a
 * {@link MarketFeed} (the real runtime) on that network, with every timer on the network's virtual time
 * ({@link VirtualTime}): waits let virtual time pass, so nothing waits for a timer in real time. Also reads the
 * client's requests the way the script does.
 *
 * <p>Not thread safe: one per case, used from the test thread.
 */
final class ConformanceFixture {

    /** The longest the kit waits for something that normally takes milliseconds (virtual time). */
    static final Duration WAIT = Duration.ofSeconds(5);
    /** Fast reconnects, so drops and stalls are recovered from quickly. */
    static final ReconnectPolicy RECONNECT = ReconnectPolicy.defaults().withDelays(Duration.ofMillis(20),
            Duration.ofMillis(200));
    /** Used for cases that open no socket; no server listens there. */
    static final URI NO_SERVER = URI.create("ws://127.0.0.1:9");

    private final MarketFeedProvider provider;
    private final ProtocolScript script;
    private final Function<URI, ProviderSettings> settings;
    private final String credential;
    private ScriptedServer server;
    private EventRecorder events;
    private MarketFeed feed;
    private ManualScheduler scheduler;
    private VirtualTime time;
    private FeedProtocol protocol;
    private String topic;

    ConformanceFixture(MarketFeedProvider provider, ProtocolScript script, Function<URI, ProviderSettings> settings,
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

    /** The protocol made from the settings, pointed at the server when one runs. */
    FeedProtocol protocol() {
        if (protocol == null) {
            protocol = ProviderHost.create(provider, settings.apply(server == null ? NO_SERVER : server.uri()));
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

    // ---------------------------------------------------------------- server, recorder, feed

    ScriptedServer server() {
        if (server == null) {
            scheduler = ManualScheduler.withDriver();
            VirtualNetwork network = new VirtualNetwork(scheduler);
            server = ScriptedServer.on(network);
            time = new VirtualTime(scheduler, this::listenerCaughtUp);
            server.useWaiter(time);
            events().useWaiter(time);
            server.onOpen(script::onOpen).rule(Rule.always(script::reply));
            this.network = network;
            protocol = null;
        }
        return server;
    }

    private VirtualNetwork network;

    /** The case's virtual time; starts the server (and its network) when not yet started. */
    VirtualTime time() {
        server();
        return time;
    }

    /** How the case waits: on the network's virtual time. */
    Waiter waiter() {
        return time();
    }

    /** Whether the kit's listener has every event the feed published so far; true before the feed starts. */
    private boolean listenerCaughtUp() {
        if (feed == null) {
            return true;
        }
        for (io.marketfeed.runtime.FeedSnapshot.ListenerSnapshot listener : feed.snapshot().listeners()) {
            if (listener.queued() > 0 || listener.delivered() + listener.dropped() != events().mark()) {
                return false;
            }
        }
        return true;
    }

    EventRecorder events() {
        if (events == null) {
            events = new EventRecorder();
        }
        return events;
    }

    boolean feedStarted() {
        return feed != null;
    }

    /** Starts the real runtime with the provider, pointed at the scripted server. */
    MarketFeed startFeed() {
        if (feed != null) {
            throw new IllegalStateException("the feed of this case is already started");
        }
        ScriptedServer running = server();
        feed = MarketFeed.builder()
                .provider(provider, settings.apply(running.uri()))
                .virtualNetwork(network)
                .listener("conformance", events(), DeliveryPolicy.dropOldest(100_000))
                .reconnect(RECONNECT)
                .connectTimeout(Duration.ofSeconds(2))
                .stopTimeout(Duration.ofSeconds(2))
                .build();
        feed.start();
        script.serverHeartbeat().ifPresent(this::pushHeartbeats);
        return feed;
    }

    /**
     * Plays the server's part of a server-pinged protocol, as a real server would during every case: the
     * heartbeat frame on every open connection each third of the heartbeat timeout (stalled ones stay silent).
     */
    private void pushHeartbeats(String frame) {
        long every = Math.max(10, protocol().heartbeat(endpoint()).staleTimeout().toMillis() / 3);
        scheduler.scheduleAtFixedRate(() -> server.push(frame), every, every, TimeUnit.MILLISECONDS);
    }

    MarketFeed feed() {
        return feed;
    }

    /** Subscribes on the case's topic. */
    void subscribe(List<String> symbols) {
        feed.subscribe(id(), topic(), symbols);
    }

    /** Starts the feed, subscribes, and waits until the first connection has sent requests for them all. */
    ScriptedConnection connectAndSubscribe(List<String> symbols) {
        startFeed();
        subscribe(symbols);
        ScriptedConnection connection = server.awaitConnection(1, WAIT);
        awaitSubscribed(connection, symbols);
        return connection;
    }

    /** What the script threw on the server's threads; empty when no server ran. */
    List<Throwable> scriptErrors() {
        return server == null ? List.of() : server.scriptErrors();
    }

    /** Closes the feed, then the server; safe to call when neither was started. */
    void close() {
        try {
            if (feed != null) {
                feed.close();
            }
        } finally {
            if (server != null) {
                server.close();
                scheduler.shutdownNow();
            }
        }
    }

    // ---------------------------------------------------------------- reading requests

    /** The client's requests on a connection, read by the script, in order. */
    List<Request> requests(ScriptedConnection connection) {
        List<Request> out = new ArrayList<>();
        for (ReceivedFrame frame : connection.received()) {
            if (!frame.binary()) {
                script.request(frame.text()).ifPresent(out::add);
            }
        }
        return out;
    }

    List<Request> requests(ScriptedConnection connection, Request.Kind kind) {
        List<Request> out = new ArrayList<>();
        for (Request request : requests(connection)) {
            if (request.kind() == kind) {
                out.add(request);
            }
        }
        return out;
    }

    /** Requests on every connection. */
    List<Request> allRequests() {
        List<Request> out = new ArrayList<>();
        server.connections().forEach(connection -> out.addAll(requests(connection)));
        return out;
    }

    /** The client messages on a connection that the script does not read as requests. */
    List<String> otherFrames(ScriptedConnection connection) {
        List<String> out = new ArrayList<>();
        for (ReceivedFrame frame : connection.received()) {
            if (frame.binary() || script.request(frame.text()).isEmpty()) {
                out.add(frame.text());
            }
        }
        return out;
    }

    /**
     * Waits until subscribe requests on the connection name every symbol: with additive semantics across
     * requests, with replace semantics in one request.
     */
    void awaitSubscribed(ScriptedConnection connection, Collection<String> symbols) {
        Set<String> wanted = new TreeSet<>(symbols);
        waiter().until(() -> subscribed(connection, wanted), WAIT,
                () -> "connection #" + connection.id() + " did not send subscribe requests naming " + wanted
                        + " within " + WAIT.toMillis() + " ms. Requests as ProtocolScript.request() reads them: "
                        + requests(connection) + "; client messages: " + shorten(connection.receivedTexts())
                        + "; events: " + events().tail(10));
    }

    private boolean subscribed(ScriptedConnection connection, Set<String> wanted) {
        List<Request> subscribes = requests(connection, Request.Kind.SUBSCRIBE);
        if (replaceSemantics()) {
            return subscribes.stream().anyMatch(request -> request.symbols().containsAll(wanted));
        }
        Set<String> named = new HashSet<>();
        subscribes.forEach(request -> named.addAll(request.symbols()));
        return named.containsAll(wanted);
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

    /**
     * Waits until the provider's connections carry {@code expected} subscriptions in all and the server confirmed
     * every one of them (or, without acknowledgements, they were sent).
     */
    void awaitSettled(int expected) {
        waiter().until(() -> settled(expected), WAIT, () -> "the " + expected + " subscriptions were not all on the wire "
                + "and confirmed within " + WAIT.toMillis() + " ms: " + connectionSnapshots() + "; client messages: "
                + shorten(server.connections().stream().flatMap(c -> c.receivedTexts().stream()).toList())
                        .replace(credential, "<CREDENTIAL>") + "; events: " + events().tail(10));
    }

    private boolean settled(int expected) {
        List<ConnectionSnapshot> connections = connectionSnapshots();
        int symbols = 0;
        int confirmed = 0;
        for (ConnectionSnapshot connection : connections) {
            symbols += connection.symbols();
            confirmed += connection.confirmed();
        }
        return !connections.isEmpty() && symbols == expected && confirmed == expected;
    }

    private List<ConnectionSnapshot> connectionSnapshots() {
        for (ProviderSnapshot snapshot : feed.snapshot().providers()) {
            if (snapshot.provider().equals(id())) {
                return snapshot.connections();
            }
        }
        return List.of();
    }

    /**
     * Control frames sent more than once on a connection with nothing in between that explains it, described for
     * a failure message (credential masked). A control frame is a request the script reads (subscribe or
     * unsubscribe), or the first-message auth; heartbeats and other frames repeat by design and are not checked.
     * A repeated request is explained by a different request in between that names one of its symbols (an
     * unsubscribe before subscribing again, a replace-all list that changed and changed back); a repeated auth
     * message never is. A reconnect starts a new connection, which may send everything again.
     */
    List<String> unexplainedRepeats(ScriptedConnection connection, boolean firstMessageAuth) {
        List<String> texts = new ArrayList<>();
        for (ReceivedFrame frame : connection.received()) {
            if (!frame.binary()) {
                texts.add(frame.text());
            }
        }
        List<String> out = new ArrayList<>();
        if (firstMessageAuth && !texts.isEmpty()) {
            String auth = texts.get(0);
            long times = texts.stream().filter(auth::equals).count();
            if (times > 1) {
                out.add("the auth message was sent " + times + " times");
            }
        }
        Map<String, Integer> lastSeen = new LinkedHashMap<>();
        List<Optional<Request>> requests = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Optional<Request> request = script.request(texts.get(i));
            requests.add(request);
            if (request.isEmpty()) {
                continue;
            }
            Integer before = lastSeen.put(texts.get(i), i);
            if (before != null && !explained(requests, before, i)) {
                String text = texts.get(i).length() > 200 ? texts.get(i).substring(0, 200) + "…" : texts.get(i);
                out.add("message " + (i + 1) + " is message " + (before + 1) + " again (" + request.get().kind()
                        .name().toLowerCase(Locale.ROOT) + " " + request.get().symbols() + "): "
                        + text.replace(credential, "<CREDENTIAL>"));
            }
        }
        return out;
    }

    private static boolean explained(List<Optional<Request>> requests, int from, int to) {
        Request repeated = requests.get(to).orElseThrow();
        for (int i = from + 1; i < to; i++) {
            Optional<Request> between = requests.get(i);
            if (between.isPresent() && !between.get().equals(repeated)
                    && between.get().symbols().stream().anyMatch(repeated.symbols()::contains)) {
                return true;
            }
        }
        return false;
    }

    /** How often each symbol is named by subscribe requests on a connection; only those named more than once. */
    Map<String, Integer> repeated(ScriptedConnection connection) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Request request : requests(connection, Request.Kind.SUBSCRIBE)) {
            request.symbols().forEach(symbol -> counts.merge(symbol, 1, Integer::sum));
        }
        counts.values().removeIf(count -> count == 1);
        return counts;
    }

    // ---------------------------------------------------------------- data

    /** Sends the script's data frame for the symbol on the connection and waits for its event. */
    MarketDataEvent pushAndAwaitData(ScriptedConnection connection, String symbol) {
        int mark = events().mark();
        if (!connection.send(script.dataFrame(topic(), symbol))) {
            fail("could not send a data frame on " + connection + ": it is closed or stalled");
        }
        waiter().until(() -> !data(mark, symbol).isEmpty(), WAIT,
                () -> "the data frame for " + topic() + "/" + symbol + " sent on connection #" + connection.id()
                        + " produced no market-data event of that symbol and topic within " + WAIT.toMillis()
                        + " ms; frame: " + script.dataFrame(topic(), symbol) + "; events: " + events().tail(10));
        return data(mark, symbol).get(0);
    }

    List<MarketDataEvent> data(int mark, String symbol) {
        List<MarketDataEvent> out = new ArrayList<>();
        for (MarketEvent event : events().since(mark, MarketEvent.class, e -> e instanceof MarketDataEvent)) {
            MarketDataEvent data = (MarketDataEvent) event;
            if (data.symbol().equals(symbol) && data.topic().equals(topic())) {
                out.add(data);
            }
        }
        return out;
    }

    /**
     * The largest number of symbols one subscribe request may name: the declared frame limit, or the one the
     * server announced (the runtime reports it as a {@code limits} status event), which wins by design.
     */
    int frameLimit() {
        List<StatusEvent> announced = events().all(StatusEvent.class, status -> status.kind().equals("limits"));
        if (!announced.isEmpty()) {
            String value = announced.get(announced.size() - 1).details().get("maxSymbolsPerFrame");
            try {
                return Integer.parseInt(Optional.ofNullable(value).orElse(""));
            } catch (NumberFormatException e) {
                // Fall back to the declared limit: the announcement did not say.
            }
        }
        return limits().maxSymbolsPerFrame();
    }

    static String shorten(List<String> texts) {
        List<String> shown = new ArrayList<>();
        for (String text : texts.subList(0, Math.min(20, texts.size()))) {
            shown.add(text.length() > 200 ? text.substring(0, 200) + "…" : text);
        }
        return shown + (texts.size() > 20 ? " and " + (texts.size() - 20) + " more" : "");
    }
}
