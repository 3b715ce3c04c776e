package io.marketfeed.simulator.sahmk;

import io.marketfeed.simulator.HandshakeRecord;
import io.marketfeed.simulator.Observation;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.WsClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One SAHMK simulator on a free loopback port plus the clients a test opened; {@link #close()} stops all of it.
 * Clients are tagged with a unique query parameter so a test finds its own connection id in the observation.
 */
final class SahmkFixture implements AutoCloseable {

    private static final AtomicLong TAGS = new AtomicLong();

    final SimulatorServer server;
    final SahmkSimulation simulation;
    private final List<WsClient> clients = new ArrayList<>();

    private SahmkFixture(SahmkOptions options) {
        this.simulation = new SahmkSimulation(options);
        this.server = SimulatorServer.builder().port(0).add(simulation).start();
    }

    /** No automatic ticks: tests publish with {@link SahmkSimulation#tick()} so data is deterministic. */
    static SahmkFixture manual() {
        return start(SahmkOptions.builder().updatesPerSecond(0).seed(7));
    }

    static SahmkFixture start(SahmkOptions.Builder options) {
        return new SahmkFixture(options.build());
    }

    Observation observation() {
        return simulation.observation();
    }

    URI uri(Channel channel, String key) {
        return SahmkSimulation.uri(server, channel, key);
    }

    /** Connects and reads the {@code connected} message. */
    Client ready(Channel channel, String key) {
        Client client = connect(channel, key);
        client.ws().expect("connected");
        return client;
    }

    Client connect(Channel channel, String key) {
        return connect(uri(channel, key), Map.of());
    }

    Client connect(URI uri, Map<String, String> headers) {
        String tag = Long.toString(TAGS.incrementAndGet());
        String separator = uri.getQuery() == null ? "?" : "&";
        WsClient ws = WsClient.connect(URI.create(uri + separator + "tag=" + tag), headers);
        synchronized (clients) {
            clients.add(ws);
        }
        long id = observation().handshakes().stream()
                .filter(handshake -> tag.equals(handshake.parameters().get("tag")))
                .mapToLong(HandshakeRecord::connectionId).findFirst()
                .orElseThrow(() -> new AssertionError("handshake " + tag + " was not recorded"));
        return new Client(ws, id);
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(WsClient::close);
        }
        server.close();
    }

    /** A test's client and the id the simulator gave its connection. */
    record Client(WsClient ws, long id) {

        void send(String text) {
            ws.send(text);
        }

        void subscribe(String... symbols) {
            ws.send("{\"action\":\"subscribe\",\"symbols\":" + array(symbols) + "}");
        }

        void unsubscribe(String... symbols) {
            ws.send("{\"action\":\"unsubscribe\",\"symbols\":" + array(symbols) + "}");
        }

        static String array(String... symbols) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < symbols.length; i++) {
                json.append(i == 0 ? "" : ",").append('"').append(symbols[i]).append('"');
            }
            return json.append(']').toString();
        }
    }
}
