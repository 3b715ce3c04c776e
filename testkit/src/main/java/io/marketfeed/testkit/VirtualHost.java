package io.marketfeed.testkit;

import io.marketfeed.runtime.testing.VirtualConnection;
import io.marketfeed.runtime.testing.VirtualNetwork;
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The virtual-network side of a {@link ScriptedServer}: answers the dials to the server's address on a
 * {@link VirtualNetwork} (refusing, or accepting and handing the connection over), and refuses dials to any other
 * address as a host with nothing listening would. Everything runs on the network's scheduler, at virtual time.
 *
 * <p>Thread safe; its callbacks run on the scheduler.
 */
final class VirtualHost implements ScriptedServer.Host {

    /** The address the virtual server listens on; any other is refused. */
    static final URI ADDRESS = URI.create("ws://127.0.0.1:7357");

    private final Arrivals scripted;
    private final Clock clock;

    VirtualHost(Arrivals scripted, VirtualNetwork network) {
        this.scripted = scripted;
        this.clock = network.scheduler().clock();
        network.onDial(this::dialled);
    }

    @Override
    public URI uri() {
        return ADDRESS;
    }

    /** Nothing listens on a socket; the network goes when its scheduler is shut down. */
    @Override
    public void stop() {
    }

    private void dialled(VirtualConnection dial) {
        URI uri = dial.uri();
        if (!Objects.equals(uri.getHost(), ADDRESS.getHost()) || uri.getPort() != ADDRESS.getPort()) {
            dial.fail(new ConnectException("Connection refused: " + uri.getHost() + ":" + uri.getPort()));
            return;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(ADDRESS.getHost() + ":" + ADDRESS.getPort()));
        dial.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        ServerScript.Refusal refusal = scripted.refusal().orElse(null);
        if (refusal != null) {
            scripted.refused(clock.instant(), path, query, headers, refusal.status());
            dial.refuse(refusal.status(), refusal.body());
            return;
        }
        ScriptedConnection connection = scripted.accepted(clock.instant(), path, query, headers);
        dial.accept(new VirtualConnection.Listener() {
            @Override
            public void onMessage(VirtualConnection ignored, String text) {
                scripted.received(connection, text, false, clock.instant());
            }

            @Override
            public void onClosed(VirtualConnection ignored, int code, String reason) {
                connection.closed(code, reason);
            }
        });
        // Open frames are sent after the accept, so the client has its session before they arrive.
        scripted.opened(connection, new DialWire(dial));
    }

    /** A virtual connection as the scripted connection's wire. */
    private record DialWire(VirtualConnection dial) implements Wire {

        @Override
        public boolean isOpen() {
            // Accepted, and its opening not yet delivered, counts as open: sends queue behind the opening.
            return dial.isOpen() || dial.isDialling();
        }

        @Override
        public void sendText(CharSequence text) {
            dial.send(text);
        }

        @Override
        public void sendBinary(byte[] bytes) {
            dial.sendBinary(bytes);
        }

        @Override
        public void sendPong(ByteBuffer payload) {
            // The virtual network carries no control frames.
        }

        @Override
        public void disconnect() {
            dial.drop();
        }

        @Override
        public void close(int code, String reason) {
            dial.close(code, reason);
        }
    }
}
