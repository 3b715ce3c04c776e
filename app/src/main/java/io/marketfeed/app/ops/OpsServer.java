package io.marketfeed.app.ops;

import io.marketfeed.app.config.AppSettings;
import io.marketfeed.app.config.ConfigPaths;
import java.net.BindException;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The operations port: a Jetty server of its own (apart from the WebSocket client's threads, so a busy feed and a
 * scrape never wait for each other) with one small pool of daemon threads, serving {@link OpsHandler}.
 *
 * <p>Started and closed by the runner's thread; {@link #stopping} may be called from any thread.
 */
final class OpsServer implements AutoCloseable {

    /** Threads in all: one acceptor, one selector, and the rest for requests. */
    private static final int MAX_THREADS = 6;

    private final Server server;
    private final ServerConnector connector;
    private final PrometheusMeters meters;
    private final AtomicReference<String> stopping;
    private final String host;

    private OpsServer(Server server, ServerConnector connector, PrometheusMeters meters,
            AtomicReference<String> stopping, String host) {
        this.server = server;
        this.connector = connector;
        this.meters = meters;
        this.stopping = stopping;
        this.host = host;
    }

    /**
     * Listens on {@code http}'s host and port.
     *
     * @throws OpsStartException naming {@code marketfeed.http.port} (or {@code host}) and what to do, when it cannot
     *     listen there
     */
    static OpsServer start(AppSettings.Http http, Readings readings, Redactor redactor) {
        int port = http.port().orElseThrow(() -> new IllegalArgumentException("the operations port is off"));
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("marketfeed-ops");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(http.host());
        connector.setPort(port);
        connector.setReuseAddress(false);
        server.addConnector(connector);
        PrometheusMeters meters = new PrometheusMeters();
        AtomicReference<String> stopping = new AtomicReference<>();
        server.setHandler(new OpsHandler(readings, redactor, meters, stopping));
        server.setStopTimeout(1000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            meters.close();
            throw new OpsStartException(failure(http, port, e));
        }
        return new OpsServer(server, connector, meters, stopping, http.host());
    }

    private static String failure(AppSettings.Http http, int port, Exception e) {
        String where = http.host() + ":" + port;
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof BindException && message.toLowerCase(Locale.ROOT).contains("in use")) {
            return ConfigPaths.HTTP_PORT + ": " + where + " is already in use by another program; choose another "
                    + "port, or 0 for a free one";
        }
        if (cause instanceof BindException && port > 0 && port < 1024) {
            return ConfigPaths.HTTP_PORT + ": cannot listen on " + where + " (" + message + "); ports below 1024 "
                    + "need privileges: choose a port from 1024 up, or 0 for a free one";
        }
        return ConfigPaths.HTTP_HOST + ": cannot listen on " + where + " (" + message + "); set it to an address "
                + "of this machine, such as \"127.0.0.1\"";
    }

    /** Where it listens: {@code http://127.0.0.1:PORT/}. */
    URI uri() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + connector.getLocalPort() + "/");
    }

    /** From now on {@code /ready} answers 503 with {@code reason}. */
    void stopping(String reason) {
        stopping.compareAndSet(null, reason);
    }

    @Override
    public void close() {
        stopQuietly(server);
        meters.close();
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping a server that did not start, or whose threads are daemons anyway: nothing to tell.
        }
    }
}
