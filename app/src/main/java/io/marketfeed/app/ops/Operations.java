package io.marketfeed.app.ops;

import static java.util.Objects.requireNonNull;

import io.marketfeed.app.config.AppSettings;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What a run offers its operators besides the events: the JMX beans ({@link FeedMBeans}, always) and the HTTP
 * operations port ({@code marketfeed.http.port}, when on). Started before the feed starts and closed after the
 * summary, so {@code /status} also shows the stop.
 *
 * <p>Started, told and closed by the runner's thread.
 */
public final class Operations implements AutoCloseable {

    private final FeedMBeans beans;
    private final OpsServer server;

    private Operations(FeedMBeans beans, OpsServer server) {
        this.beans = beans;
        this.server = server;
    }

    /**
     * Registers the JMX beans and, when {@code http} is on, starts the operations port.
     *
     * @param providers the ids of the enabled providers
     * @throws OpsStartException when the port cannot be bound (nothing stays registered then)
     */
    public static Operations start(AppSettings.Http http, Readings readings, Redactor redactor,
            List<String> providers) {
        requireNonNull(http, "http is null");
        FeedMBeans beans = FeedMBeans.register(readings, providers);
        if (!http.enabled()) {
            return new Operations(beans, null);
        }
        try {
            return new Operations(beans, OpsServer.start(http, readings, redactor));
        } catch (RuntimeException e) {
            beans.close();
            throw e;
        }
    }

    /** The status page's address, when the operations port is on. */
    public Optional<URI> statusUri() {
        return server == null ? Optional.empty() : Optional.of(server.uri().resolve("status"));
    }

    /** The line for stderr saying where the operations port listens; empty when it is off. */
    public Optional<String> announcement() {
        return statusUri().map(uri -> "Operations: " + uri + " (also /health, /ready, /metrics)");
    }

    /** {@code /ready} answers 503 from now on, with {@code reason}; the other pages go on. */
    public void stopping(String reason) {
        if (server != null) {
            server.stopping(reason);
        }
    }

    /** Stops the port and unregisters the beans. */
    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            beans.close();
        }
    }
}
