package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.Subscription;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one provider tells the world besides market data: status events, and the log lines that go with them,
 * rate-limited where a server could repeat itself without end.
 *
 * <p>Threading: the control thread, except {@link #decodeFailed}, which read threads call (its count is atomic).
 */
final class ProviderReports {

    /** Under the provider's name: these are its lines. */
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRuntime.class);
    private static final long WARNING_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final String provider;
    private final EngineContext context;
    private final Map<String, Long> warningsLoggedAt = new HashMap<>();
    private final AtomicLong decodeErrors = new AtomicLong();

    ProviderReports(String provider, EngineContext context) {
        this.provider = provider;
        this.context = context;
    }

    /** Publishes a status event of this provider. */
    void status(String kind, String message, Map<String, String> details) {
        context.publish(new StatusEvent(provider, kind, message, details, context.clock().instant()));
    }

    /** Data came for a subscription the connection does not want; it is unsubscribed again. */
    void ghost(Connection connection, Subscription subscription) {
        String message = "data for " + subscription + " arrived on " + connection.id()
                + ", which does not want it: dropped, and unsubscribed again";
        LOG.info("{}", message);
        status("unwanted-data", message, Map.of("topic", subscription.topic(), "symbol", subscription.symbol(),
                "connection", connection.id()));
    }

    /** A connection was closed for a message over the limit: a status event (the connection logs the line). */
    void messageTooLarge(Connection connection, long limit, long received) {
        status("message-too-large", "a message from the server passed the limit of " + Durations.bytes(limit) + " on "
                + connection.id() + "; closed with 1009, reconnecting", Map.of("connection", connection.id(), "limit",
                Long.toString(limit), "received", Long.toString(received)));
    }

    /** Subscriptions that fit no connection within the endpoint's limits: they wait until room appears. */
    void unassigned(List<Subscription> waiting, String endpoint, Limits current) {
        Map<String, String> details = new TreeMap<>();
        details.put("count", Integer.toString(waiting.size()));
        details.put("subscriptions", waiting.size() > 20
                ? waiting.subList(0, 20) + " and " + (waiting.size() - 20) + " more" : waiting.toString());
        String message = waiting.size() + " subscription" + (waiting.size() == 1 ? "" : "s")
                + " do not fit the limits of " + provider + "/" + endpoint + " (" + current.maxConnections()
                + " connections x " + current.maxSymbolsPerConnection() + " symbols): raise marketfeed.providers."
                + provider + ".limits.max-connections if your plan allows, or subscribe to fewer symbols; they are"
                + " sent as soon as room appears";
        LOG.warn("{}", message);
        status("capacity", message, details);
    }

    /** Logs a warning from a provider, and publishes it, at most once a minute per distinct text. */
    void warn(Connection connection, String message) {
        long now = context.nanoTime();
        Long last = warningsLoggedAt.get(message);
        if (last == null || now - last > WARNING_INTERVAL_NANOS) {
            warningsLoggedAt.put(message, now);
            LOG.warn("{}: {}", connection.id(), message);
            status("warning", message, Map.of("connection", connection.id()));
        }
    }

    /** The provider's decoder threw: the frame is skipped. Logged ten times, then at powers of two. Read threads. */
    void decodeFailed(Connection connection, InboundFrame frame, Throwable e) {
        long count = decodeErrors.incrementAndGet();
        if (count <= 10 || Long.bitCount(count) == 1) {
            LOG.warn("{}: the {} decoder threw on a frame ({} so far); the frame is skipped, the connection kept: {}",
                    connection.id(), provider, count, e.toString());
        }
    }

    long decodeErrors() {
        return decodeErrors.get();
    }
}
