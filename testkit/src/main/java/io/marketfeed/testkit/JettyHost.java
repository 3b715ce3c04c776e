package io.marketfeed.testkit;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real-socket side of a {@link ScriptedServer}: a Jetty server on {@code 127.0.0.1} and a free port that
 * accepts upgrades on any path and hands what arrives to the scripted server's {@code Arrivals}. Public only
 * because Jetty builds method handles on its {@link Endpoint} (a class that is not public fails every upgrade); not
 * for use.
 *
 * <p>Thread safe; Jetty's threads are daemon threads, so a forgotten server cannot keep a JVM alive.
 */
public final class JettyHost implements ScriptedServer.Host {

    private static final Logger LOG = LoggerFactory.getLogger(JettyHost.class);
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    private static final long MAX_MESSAGE_SIZE = 64L * 1024 * 1024;

    private final Arrivals scripted;
    private final Server server;
    private final ServerConnector connector;

    private JettyHost(Arrivals scripted) {
        this.scripted = scripted;
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("scripted-server");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.setMaxTextMessageSize(MAX_MESSAGE_SIZE);
            container.setMaxBinaryMessageSize(MAX_MESSAGE_SIZE);
            container.addMapping(new ServletPathSpec("/*"), this::upgrade);
        }));
    }

    /** Starts the Jetty server, handing what arrives to {@code scripted}. */
    static JettyHost start(Arrivals scripted) {
        JettyHost host = new JettyHost(scripted);
        try {
            host.server.start();
        } catch (Exception e) {
            IllegalStateException failure = new IllegalStateException("cannot start the scripted server: " + e, e);
            try {
                host.server.stop();
            } catch (Exception cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        return host;
    }

    @Override
    public URI uri() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void stop() throws Exception {
        server.stop();
    }

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response,
            org.eclipse.jetty.util.Callback callback) {
        Instant at = Instant.now();
        String path = request.getHttpURI().getPath();
        String query = request.getHttpURI().getQuery() == null ? "" : request.getHttpURI().getQuery();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        ServerScript.Refusal refusal = scripted.refusal().orElse(null);
        if (refusal != null) {
            scripted.refused(at, path, query, headers, refusal.status());
            response.setStatus(refusal.status());
            response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
            response.write(true, ByteBuffer.wrap(refusal.body().getBytes(StandardCharsets.UTF_8)), callback);
            return null;
        }
        return new Endpoint(scripted.accepted(at, path, query, headers));
    }

    /**
     * The Jetty endpoint of one connection. Overriding {@link #onWebSocketPing} switches off Jetty's automatic
     * pong, which is what lets a stalled connection stay silent even at the WebSocket control-frame level.
     */
    public final class Endpoint implements Session.Listener.AutoDemanding {

        private final ScriptedConnection connection;

        private Endpoint(ScriptedConnection connection) {
            this.connection = connection;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            scripted.opened(connection, new SessionWire(session));
        }

        @Override
        public void onWebSocketText(String text) {
            scripted.received(connection, text, false, Instant.now());
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            scripted.received(connection, binaryText(payload), true, Instant.now());
            callback.succeed();
        }

        @Override
        public void onWebSocketPing(ByteBuffer payload) {
            connection.pong(payload);
        }

        @Override
        public void onWebSocketClose(int code, String reason, Callback callback) {
            connection.closed(code, reason);
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // Expected for every abrupt drop; the close callback that follows records the outcome.
            LOG.debug("{}: {}", connection, cause.toString());
        }
    }

    /** A binary message as text, one character per byte, as the scripted connection records it. */
    private static String binaryText(ByteBuffer payload) {
        byte[] bytes = new byte[payload.remaining()];
        payload.slice().get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** A Jetty session as the connection's wire. */
    private record SessionWire(Session session) implements Wire {

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }

        @Override
        public void sendText(CharSequence text) {
            session.sendText(text.toString(), Callback.from(() -> { }, failure -> LOG.debug("send failed: {}", failure.toString())));
        }

        @Override
        public void sendBinary(byte[] bytes) {
            session.sendBinary(ByteBuffer.wrap(bytes), Callback.from(() -> { },
                    failure -> LOG.debug("binary send failed: {}", failure.toString())));
        }

        @Override
        public void sendPong(ByteBuffer payload) {
            session.sendPong(payload, Callback.NOOP);
        }

        @Override
        public void disconnect() {
            session.disconnect();
        }

        @Override
        public void close(int code, String reason) {
            session.close(code, reason, Callback.NOOP);
        }
    }
}
