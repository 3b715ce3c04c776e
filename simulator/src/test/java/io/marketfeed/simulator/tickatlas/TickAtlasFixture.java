package io.marketfeed.simulator.tickatlas;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.HandshakeRecord;
import io.marketfeed.simulator.Observation;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.WsClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One TickAtlas simulator on a free loopback port plus the clients a test opened; {@link #close()} stops all of it.
 * Clients are tagged with a unique query parameter so a test finds its own connection id in the observation.
 */
final class TickAtlasFixture implements AutoCloseable {

    private static final AtomicLong TAGS = new AtomicLong();

    final SimulatorServer server;
    final TickAtlasSimulation simulation;
    private final List<WsClient> clients = new ArrayList<>();

    private TickAtlasFixture(TickAtlasOptions options) {
        this.simulation = new TickAtlasSimulation(options);
        this.server = SimulatorServer.builder().port(0).add(simulation).start();
    }

    /** No automatic quotes or heartbeats: tests publish with {@link TickAtlasSimulation#tick()}. */
    static TickAtlasFixture manual() {
        return start(manualOptions());
    }

    static TickAtlasOptions.Builder manualOptions() {
        return TickAtlasOptions.builder().updateInterval(java.time.Duration.ZERO)
                .heartbeatInterval(java.time.Duration.ZERO).seed(7);
    }

    static TickAtlasFixture start(TickAtlasOptions.Builder options) {
        return new TickAtlasFixture(options.build());
    }

    Observation observation() {
        return simulation.observation();
    }

    Client connect() {
        String tag = Long.toString(TAGS.incrementAndGet());
        WsClient ws = WsClient.connect(URI.create(TickAtlasSimulation.uri(server) + "?tag=" + tag));
        synchronized (clients) {
            clients.add(ws);
        }
        long id = observation().handshakes().stream()
                .filter(handshake -> tag.equals(handshake.parameters().get("tag")))
                .mapToLong(HandshakeRecord::connectionId).findFirst()
                .orElseThrow(() -> new AssertionError("handshake " + tag + " was not recorded"));
        return new Client(ws, id);
    }

    /** Connects, authenticates with {@code key} and returns the client after {@code authenticated}. */
    Client authenticated(String key) {
        Client client = connect();
        client.auth(key);
        client.ws().expect("authenticated");
        return client;
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

        void auth(String key) {
            ws.send("{\"action\":\"auth\",\"key\":\"" + key + "\"}");
        }

        void subscribe(String... symbols) {
            ws.send("{\"action\":\"subscribe\",\"symbols\":[" + quoted(symbols) + "]}");
        }

        void unsubscribe(String... symbols) {
            ws.send("{\"action\":\"unsubscribe\",\"symbols\":[" + quoted(symbols) + "]}");
        }

        JsonNode expect(String type) {
            return ws.expect(type);
        }

        private static String quoted(String... symbols) {
            List<String> parts = new ArrayList<>();
            for (String symbol : symbols) {
                parts.add("\"" + symbol + "\"");
            }
            return String.join(",", parts);
        }
    }
}
