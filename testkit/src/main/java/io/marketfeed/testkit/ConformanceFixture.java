package io.marketfeed.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import io.marketfeed.api.model.MarketDataEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.DeliveryPolicy;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.runtime.ReconnectPolicy;
import io.marketfeed.runtime.testing.ManualScheduler;
import io.marketfeed.runtime.testing.VirtualNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What one conformance case runs on: the {@link ProviderFacts}, and — started on demand — a {@link ScriptedServer}
 * speaking the script on a {@link VirtualNetwork}, an {@link EventRecorder}, and a {@link MarketFeed} (the real
 * runtime) on that network, with every timer on the network's virtual time ({@link VirtualTime}): waits let virtual
 * time pass, so nothing waits for a timer in real time. The client's requests are read by {@link #requests()}.
 *
 * <p>Not thread safe: one per case, used from the test thread.
 */
final class ConformanceFixture {

    /** The longest the kit waits for something that normally takes milliseconds (virtual time). */
    static final Duration WAIT = Duration.ofSeconds(5);
    /** Fast reconnects, so drops and stalls are recovered from quickly. */
    static final ReconnectPolicy RECONNECT = ReconnectPolicy.defaults().withDelays(Duration.ofMillis(20),
            Duration.ofMillis(200));

    private final ProviderFacts facts;
    private final EventRecorder events = new EventRecorder();
    private final ClientRequests requests;
    private ScriptedServer server;
    private VirtualNetwork network;
    private ManualScheduler scheduler;
    private VirtualTime time;
    private MarketFeed feed;

    ConformanceFixture(ProviderFacts facts) {
        this.facts = facts;
        this.requests = new ClientRequests(facts, events, this::waiter);
    }

    ProviderFacts facts() {
        return facts;
    }

    /** The client's requests on this case's connections. */
    ClientRequests requests() {
        return requests;
    }

    /** The scripted server on the case's virtual network; started, and the protocol pointed at it, on first use. */
    ScriptedServer server() {
        if (server == null) {
            scheduler = ManualScheduler.withDriver();
            network = new VirtualNetwork(scheduler);
            server = ScriptedServer.on(network);
            time = new VirtualTime(scheduler, this::listenerCaughtUp);
            server.useWaiter(time);
            events.useWaiter(time);
            ProtocolScript script = facts.script();
            server.onOpen(script::onOpen).rule(Rule.always(script::reply));
            facts.pointAt(server.uri());
        }
        return server;
    }

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
        for (FeedSnapshot.ListenerSnapshot listener : feed.snapshot().listeners()) {
            if (listener.queued() > 0 || listener.delivered() + listener.dropped() != events.mark()) {
                return false;
            }
        }
        return true;
    }

    EventRecorder events() {
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
        server();
        feed = MarketFeed.builder()
                .provider(facts.provider(), facts.settings())
                .virtualNetwork(network)
                .listener("conformance", events, DeliveryPolicy.dropOldest(100_000))
                .reconnect(RECONNECT)
                .connectTimeout(Duration.ofSeconds(2))
                .stopTimeout(Duration.ofSeconds(2))
                .build();
        feed.start();
        facts.script().serverHeartbeat().ifPresent(this::pushHeartbeats);
        return feed;
    }

    /**
     * Plays the server's part of a server-pinged protocol, as a real server would during every case: the
     * heartbeat frame on every open connection each third of the heartbeat timeout (stalled ones stay silent).
     */
    private void pushHeartbeats(String frame) {
        long every = Math.max(10, facts.protocol().heartbeat(facts.endpoint()).staleTimeout().toMillis() / 3);
        scheduler.scheduleAtFixedRate(() -> server.push(frame), every, every, TimeUnit.MILLISECONDS);
    }

    MarketFeed feed() {
        return feed;
    }

    /** Subscribes on the case's topic. */
    void subscribe(List<String> symbols) {
        feed.subscribe(facts.id(), facts.topic(), symbols);
    }

    /** Starts the feed, subscribes, and waits until the first connection has sent requests for them all. */
    ScriptedConnection connectAndSubscribe(List<String> symbols) {
        startFeed();
        subscribe(symbols);
        ScriptedConnection connection = server.awaitConnection(1, WAIT);
        requests.awaitSubscribed(connection, symbols);
        return connection;
    }

    /**
     * Waits until the provider's connections carry {@code expected} subscriptions in all and the server confirmed
     * every one of them (or, without acknowledgements, they were sent).
     */
    void awaitSettled(int expected) {
        waiter().until(() -> settled(expected), WAIT, () -> "the " + expected + " subscriptions were not all on the "
                + "wire and confirmed within " + WAIT.toMillis() + " ms: " + connectionSnapshots()
                + "; client messages: " + ClientRequests.shorten(server.connections().stream()
                        .flatMap(c -> c.receivedTexts().stream()).toList()).replace(facts.credential(), "<CREDENTIAL>")
                + "; events: " + events.tail(10));
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
            if (snapshot.provider().equals(facts.id())) {
                return snapshot.connections();
            }
        }
        return List.of();
    }

    /** Sends the script's data frame for the symbol on the connection and waits for its event. */
    MarketDataEvent pushAndAwaitData(ScriptedConnection connection, String symbol) {
        int mark = events.mark();
        String frame = facts.script().dataFrame(facts.topic(), symbol);
        if (!connection.send(frame)) {
            fail("could not send a data frame on " + connection + ": it is closed or stalled");
        }
        waiter().until(() -> !data(mark, symbol).isEmpty(), WAIT,
                () -> "the data frame for " + facts.topic() + "/" + symbol + " sent on connection #" + connection.id()
                        + " produced no market-data event of that symbol and topic within " + WAIT.toMillis()
                        + " ms; frame: " + frame + "; events: " + events.tail(10));
        return data(mark, symbol).get(0);
    }

    private List<MarketDataEvent> data(int mark, String symbol) {
        List<MarketDataEvent> out = new ArrayList<>();
        for (MarketEvent event : events.since(mark, MarketEvent.class, e -> e instanceof MarketDataEvent)) {
            MarketDataEvent data = (MarketDataEvent) event;
            if (data.symbol().equals(symbol) && data.topic().equals(facts.topic())) {
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
        List<StatusEvent> announced = events.all(StatusEvent.class, status -> status.kind().equals("limits"));
        if (!announced.isEmpty()) {
            String value = announced.get(announced.size() - 1).details().get("maxSymbolsPerFrame");
            try {
                return Integer.parseInt(Optional.ofNullable(value).orElse(""));
            } catch (NumberFormatException e) {
                // Fall back to the declared limit: the announcement did not say.
            }
        }
        return facts.limits().maxSymbolsPerFrame();
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
}
