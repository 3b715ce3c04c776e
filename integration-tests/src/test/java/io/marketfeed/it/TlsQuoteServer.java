package io.marketfeed.it;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A {@code wss://} server on {@code 127.0.0.1} and a free port (Jetty with {@link SslContextFactory.Server}) that
 * speaks as much SAHMK as a quote needs: {@code connected} on open, and for each subscribe request an acknowledgement
 * and one quote of 2222. The TLS handshakes it completes are counted, so a test can tell refused attempts apart.
 */
final class TlsQuoteServer implements AutoCloseable {

    static final String QUOTE = "{\"type\":\"quote\",\"symbol\":\"2222\",\"data\":{\"price\":\"32.50\"},"
            + "\"timestamp\":\"2026-02-10T12:19:22Z\"}";

    private final Server server;
    private final ServerConnector connector;
    private final AtomicInteger upgrades = new AtomicInteger();

    /** Starts it with the key and certificate in {@code keyStore} (PKCS12, {@link TestCertificates#PASSWORD}). */
    TlsQuoteServer(Path keyStore) throws Exception {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keyStore.toString());
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePassword(TestCertificates.PASSWORD);
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("tls-quote-server");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, tls);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> container.addMapping(
                new ServletPathSpec("/*"), (request, response, callback) -> {
                    upgrades.incrementAndGet();
                    return new Endpoint();
                })));
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    /** WebSocket upgrades served: only after a TLS handshake the client accepted. */
    int upgrades() {
        return upgrades.get();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** One connection. */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            session.sendText("{\"type\":\"connected\"}", null);
        }

        @Override
        public void onWebSocketText(String text) {
            if (text.contains("\"subscribe\"")) {
                session.sendText("{\"type\":\"subscribed\",\"symbols\":[\"2222\"],\"total\":1,\"limit\":60}", null);
                session.sendText(QUOTE, null);
            }
        }
    }
}
