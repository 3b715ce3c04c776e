package io.marketfeed.simulator;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty endpoint behind every simulated connection: records what arrives, applies the stall fault, and hands
 * the rest to the protocol's {@link ConnectionHandler}.
 *
 * <p>Jetty only routes the callbacks a listener overrides; overriding {@link #onWebSocketPing} switches off
 * Jetty's automatic pong, which is what lets a stalled connection stay silent even at the WebSocket control-frame
 * level (a half-open peer answers nothing).
 *
 * <p>Under the slow-reading fault, {@link ReadGate} holds the thread after each text message or ping, so Jetty reads
 * nothing more from the socket until the fault allows.
 *
 * <p>Public only because Jetty builds method handles on it; not for use outside this package.
 */
public final class ConnectionEndpoint implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionEndpoint.class);

    private final AbstractSimulation simulation;
    private final SimulatedConnection connection;

    ConnectionEndpoint(AbstractSimulation simulation, SimulatedConnection connection) {
        this.simulation = simulation;
        this.connection = connection;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        connection.attach(session);
        simulation.opened(connection);
        try {
            connection.handler().onOpen(connection);
        } catch (RuntimeException e) {
            LOG.warn("{}: open handler failed", connection, e);
        }
    }

    @Override
    public void onWebSocketText(String text) {
        connection.frameReceived();
        simulation.observation().received(new ReceivedMessage(connection.id(), simulation.now(), text));
        try {
            if (!connection.isStalled()) {
                connection.handler().onText(connection, text);
            }
        } catch (RuntimeException e) {
            // A handler bug must not kill the connection: the client would see a close it cannot explain.
            LOG.warn("{}: handler failed on {}", connection, text, e);
        } finally {
            connection.reading().consumed();
        }
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        Session session = connection.session();
        if (session != null && !connection.isStalled()) {
            session.sendPong(payload, Callback.NOOP);
        }
        connection.reading().consumed();
    }

    @Override
    public void onWebSocketClose(int code, String reason, Callback callback) {
        try {
            simulation.closed(connection, code, reason == null ? "" : reason);
            connection.handler().onClose(connection, code, reason == null ? "" : reason);
        } finally {
            callback.succeed();
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // Expected for every abrupt drop; the close callback that follows records the outcome.
        LOG.debug("{}: {}", connection, cause.toString());
    }
}
