package io.marketfeed.simulator.alltick;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketfeed.simulator.HandshakeRecord;
import io.marketfeed.simulator.Observation;
import io.marketfeed.simulator.SimulatorServer;
import io.marketfeed.simulator.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One AllTick simulator on a free loopback port plus the clients a test opened; {@link #close()} stops all of it.
 * Clients are tagged with a unique query parameter so a test finds its own connection id in the observation.
 */
final class AlltickFixture implements AutoCloseable {

    private static final AtomicLong TAGS = new AtomicLong();

    final SimulatorServer server;
    final AlltickSimulation simulation;
    private final List<WsClient> clients = new ArrayList<>();

    private AlltickFixture(AlltickOptions options) {
        // Jackson's first parse in a fresh JVM takes a few hundred ms, longer than the short timeouts tests use.
        WsClient.parse("{\"warm\":[1]}");
        this.simulation = new AlltickSimulation(options);
        this.server = SimulatorServer.builder().port(0).add(simulation).start();
    }

    /** No automatic ticks and no pacing: tests publish with {@link AlltickSimulation#tick()}. */
    static AlltickFixture manual() {
        return start(AlltickOptions.builder().updatesPerSecond(0).seed(7).pacing(Duration.ZERO, Duration.ZERO));
    }

    static AlltickFixture start(AlltickOptions.Builder options) {
        return new AlltickFixture(options.build());
    }

    Observation observation() {
        return simulation.observation();
    }

    Client connect(AlltickEndpoint endpoint, String token) {
        String tag = Long.toString(TAGS.incrementAndGet());
        URI uri = URI.create(AlltickSimulation.uri(server, endpoint, token) + "&tag=" + tag);
        WsClient ws = WsClient.connect(uri);
        synchronized (clients) {
            clients.add(ws);
        }
        long id = observation().handshakes().stream()
                .filter(handshake -> tag.equals(handshake.parameters().get("tag")))
                .mapToLong(HandshakeRecord::connectionId).findFirst()
                .orElseThrow(() -> new AssertionError("handshake " + tag + " was not recorded"));
        // The client may see the upgrade before the server registered the connection; faults need it registered.
        await("connection " + id + " to be registered", () -> observation().connection(id).isPresent()
                || observation().closes().stream().anyMatch(close -> close.connectionId() == id));
        return new Client(ws, id);
    }

    void await(String what, BooleanSupplier condition) {
        WsClient.await(observation(), what, condition);
    }

    /** Waits until {@code duration} has passed, by condition, for tests that must let a gap elapse. */
    void waitOut(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        if (!observation().await(() -> System.nanoTime() - until >= 0, duration.plusSeconds(5))) {
            fail("the clock did not advance");
        }
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(WsClient::close);
        }
        server.close();
    }

    /** A test's client, the id the simulator gave its connection, and request helpers with unique ids. */
    static final class Client {
        final WsClient ws;
        final long id;
        private long seqId;

        Client(WsClient ws, long id) {
            this.ws = ws;
            this.id = id;
        }

        /** Sends a request and returns its seq_id; its trace is {@code tr-<seq_id>}. */
        long send(int cmdId, String data) {
            long seq = ++seqId;
            ws.send("{\"cmd_id\":" + cmdId + ",\"seq_id\":" + seq + ",\"trace\":\"tr-" + seq + "\",\"data\":" + data
                    + "}");
            return seq;
        }

        long trades(String... codes) {
            return send(22004, "{\"symbol_list\":" + list(codes, 0) + "}");
        }

        long depth(int levels, String... codes) {
            return send(22002, "{\"symbol_list\":" + list(codes, levels) + "}");
        }

        long cancel(int type) {
            return send(22006, "{\"cancel_type\":" + type + "}");
        }

        long heartbeat() {
            return send(22000, "{}");
        }

        /** The response to request {@code seq}, skipping pushes; asserts its cmd_id and trace echo the request. */
        JsonNode response(long seq) {
            long deadline = System.nanoTime() + WsClient.TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode message = ws.nextJson();
                if (message.has("ret") && message.path("seq_id").asLong() == seq) {
                    assertTrue(message.path("trace").asText().equals("tr-" + seq), message.toString());
                    return message;
                }
            }
            throw new AssertionError("no response to request " + seq);
        }

        /** The ret of the response to {@code seq}. */
        int ret(long seq) {
            return response(seq).path("ret").asInt();
        }

        /** The next message with this cmd_id, skipping others. */
        JsonNode next(int cmdId) {
            long deadline = System.nanoTime() + WsClient.TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode message = ws.nextJson();
                if (message.path("cmd_id").asInt() == cmdId) {
                    return message;
                }
            }
            throw new AssertionError("no message with cmd_id " + cmdId);
        }

        /**
         * Every push the server sent before now: a heartbeat goes out and everything up to its answer is
         * collected (the server writes in order, so nothing sent earlier can come later).
         */
        List<JsonNode> pushes() {
            long seq = heartbeat();
            List<JsonNode> pushes = new ArrayList<>();
            long deadline = System.nanoTime() + WsClient.TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode message = ws.nextJson();
                if (message.has("ret") && message.path("seq_id").asLong() == seq) {
                    return pushes;
                }
                if (!message.has("ret")) {
                    pushes.add(message);
                }
            }
            throw new AssertionError("no answer to heartbeat " + seq);
        }

        /** The codes of the pushes with this cmd_id. */
        List<String> codes(List<JsonNode> pushes, int cmdId) {
            return pushes.stream().filter(push -> push.path("cmd_id").asInt() == cmdId)
                    .map(push -> push.path("data").path("code").asText()).toList();
        }

        private static String list(String[] codes, int levels) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < codes.length; i++) {
                json.append(i == 0 ? "" : ",").append("{\"code\":\"").append(codes[i]).append('"');
                if (levels > 0) {
                    json.append(",\"depth_level\":").append(levels);
                }
                json.append('}');
            }
            return json.append(']').toString();
        }
    }
}
