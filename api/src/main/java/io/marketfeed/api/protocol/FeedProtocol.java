package io.marketfeed.api.protocol;

import io.marketfeed.api.CommonSettings;
import java.util.List;
import java.util.Optional;

/**
 * The declared facts of one configured provider instance, and the factory of per-connection
 * {@link ProtocolSession}s. Made by {@link io.marketfeed.api.MarketFeedProvider#create}; immutable and
 * thread safe.
 */
public interface FeedProtocol {

    /** Every endpoint this instance may connect to. */
    List<Endpoint> endpoints();

    /** The endpoint a subscription goes to; it must be one of {@link #endpoints()}. */
    Endpoint endpointFor(Subscription subscription);

    /** The subscriptions the configuration asks for, in order. */
    List<Subscription> configuredSubscriptions();

    /**
     * The limits an endpoint has by default (the plan's, the vendor's documented ones). The host applies the
     * configured {@code limits.*} keys over them, and limits the server announces at run time over those; a
     * provider never reads {@code limits.*} itself (since SPI 1.3).
     */
    Limits limits(Endpoint endpoint);

    /**
     * Heartbeat and staleness facts of an endpoint: who pings, what proves liveness, and default timings. The host
     * applies the configured {@code heartbeat.interval} and {@code heartbeat.timeout} over them (since SPI 1.3).
     */
    HeartbeatSpec heartbeat(Endpoint endpoint);

    /** Credit costs; {@link CreditSpec#none()} when data is not metered. */
    default CreditSpec credits() {
        return CreditSpec.none();
    }

    /**
     * What to do when the credit forecast runs out before the reset when {@code credits.on-forecast-exhaustion} is
     * not configured. The host reads that key itself ({@link CommonSettings#creditPolicy}); a provider has no reason
     * to override this.
     */
    default CreditPolicy creditPolicy() {
        return CreditPolicy.warn();
    }

    /**
     * Checks a symbol before anything is sent. The runtime already refuses empty symbols and symbols with
     * white space or control characters.
     *
     * @return empty when acceptable, otherwise the reason it is refused
     */
    default Optional<String> symbolProblem(Subscription subscription) {
        return Optional.empty();
    }

    /** Classifies a close code the server sent (or 1006 for a connection lost without a close frame). */
    Disposition classifyClose(int code, String reason);

    /**
     * Classifies a refused handshake. By default 401 is fatal, 429 waits a minute, anything else is
     * retried with backoff.
     */
    default Disposition classifyHandshake(int httpStatus) {
        if (httpStatus == 401) {
            return Disposition.fatal("the server refused the credentials at the handshake (HTTP 401): check the key");
        }
        if (httpStatus == 429) {
            return Disposition.retryAfter("the server is rate limiting connections (HTTP 429)",
                    java.time.Duration.ofMinutes(1));
        }
        return Disposition.retry("handshake refused with HTTP " + httpStatus);
    }

    /** A session for a new connection. */
    ProtocolSession openSession(SessionContext context);
}
