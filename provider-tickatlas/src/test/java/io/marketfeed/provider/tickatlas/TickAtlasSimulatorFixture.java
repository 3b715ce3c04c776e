package io.marketfeed.provider.tickatlas;

import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.runtime.MarketFeed;
import io.marketfeed.runtime.ProviderDefaults;
import io.marketfeed.simulator.ConnectionInfo;
import io.marketfeed.simulator.Observation;
import io.marketfeed.simulator.ReceivedMessage;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.tickatlas.TickAtlasOptions;
import io.marketfeed.simulator.tickatlas.TickAtlasSimulation;
import io.marketfeed.testkit.Await;
import io.marketfeed.testkit.EventRecorder;
import io.marketfeed.testkit.LoopbackFeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * A TickAtlas simulator on a free loopback port and feeds pointed at it; everything stops after each test. Quotes
 * every 100 ms and heartbeats every 200 ms keep the tests short; the reconnect backoff is 50 to 400 ms.
 */
abstract class TickAtlasSimulatorFixture {

    static final Duration WAIT = Duration.ofSeconds(10);

    final List<AutoCloseable> open = new ArrayList<>();
    final EventRecorder events = new EventRecorder();
    SimulatorServer server;
    TickAtlasSimulation simulation;

    static TickAtlasOptions.Builder fast() {
        return TickAtlasOptions.builder().updateInterval(Duration.ofMillis(100))
                .heartbeatInterval(Duration.ofMillis(200)).seed(11);
    }

    void startSimulator(TickAtlasOptions.Builder options) {
        simulation = new TickAtlasSimulation(options.build());
        server = SimulatorServer.builder().port(0).add(simulation).start();
        open.add(server);
    }

    Observation observed() {
        return simulation.observation();
    }

    MarketFeed startFeed(String key, List<String> symbols, Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>();
        values.put("api-key", key);
        values.put("endpoint", TickAtlasSimulation.baseUrl(server));
        values.put("symbols", symbols);
        values.put("limits.min-reconnect-gap", "20ms");
        values.putAll(extra);
        MarketFeed feed = LoopbackFeed.start(new TickAtlasProvider(),
                ProviderDefaults.with("tickatlas", values), events);
        open.add(feed);
        return feed;
    }

    /** Every symbol subscribed on any open connection of the simulator. */
    Set<String> subscribedEverywhere() {
        Set<String> all = new HashSet<>();
        for (ConnectionInfo connection : observed().connections()) {
            all.addAll(connection.subscriptions());
        }
        return all;
    }

    List<ReceivedMessage> received(String action) {
        List<ReceivedMessage> out = new ArrayList<>();
        for (ReceivedMessage message : observed().received()) {
            if (message.text().contains("\"action\":\"" + action + "\"")) {
                out.add(message);
            }
        }
        return out;
    }

    List<StatusEvent> statuses(String kind) {
        return events.all(StatusEvent.class, status -> status.kind().equals(kind));
    }

    /** Holds a connection slot of {@code key}, as another program using the same key would. */
    RawClient holdSlot(String key) {
        RawClient client = new RawClient(TickAtlasSimulation.uri(server));
        open.add(client);
        client.send("{\"action\":\"auth\",\"key\":\"" + key + "\"}");
        Await.until(() -> client.received().stream().anyMatch(text -> text.contains("\"authenticated\"")), WAIT,
                () -> "the raw client was not authenticated: " + client.received());
        return client;
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A bare JDK WebSocket client that records what it receives. */
    static final class RawClient implements WebSocket.Listener, AutoCloseable {
        private final List<String> received = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        RawClient(URI uri) {
            try {
                socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this)
                        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new AssertionError("could not connect to " + uri, e);
            }
        }

        void send(String text) {
            try {
                socket.sendText(text, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new AssertionError("could not send " + text, e);
            }
        }

        List<String> received() {
            return List.copyOf(received);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
