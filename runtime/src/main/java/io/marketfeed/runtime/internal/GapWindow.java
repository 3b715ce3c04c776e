package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.GapEvent;
import io.marketfeed.api.protocol.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's blind window: from the last data before a disconnect, a stall or a server-side loss, until the
 * wire carries every wanted subscription again. Closing it publishes one {@link GapEvent} naming the symbols that
 * were wanted when it opened.
 *
 * <p>Threading: the control thread only.
 */
final class GapWindow {

    /** Under the connection's name: these are its lines, whichever class writes them. */
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final String provider;
    private final String connection;
    private final EngineContext context;
    private Instant since;
    private Set<Subscription> subscriptions = Set.of();
    private String reason;
    private long gaps;

    GapWindow(String provider, String connection, EngineContext context) {
        this.provider = provider;
        this.connection = connection;
        this.context = context;
    }

    /** Opens the window at {@code from}, unless one is open already (the first blind moment counts). */
    void open(Instant from, Collection<Subscription> wanted, String why) {
        if (since != null || wanted.isEmpty()) {
            return;
        }
        since = from;
        subscriptions = new TreeSet<>(wanted);
        reason = why;
    }

    /**
     * The server says data from {@code from} to {@code to} was lost: a gap for everything wanted, at once (it
     * replaces a window that is open).
     */
    void lost(Instant from, Instant to, Collection<Subscription> wanted, String why) {
        since = from.isAfter(to) ? to : from;
        subscriptions = new TreeSet<>(wanted);
        close(to, why);
    }

    boolean isOpen() {
        return since != null;
    }

    /** Closes the window now, with the reason it opened for: the wire carries every wanted subscription again. */
    void closeRecovered() {
        if (since != null) {
            close(context.clock().instant(), reason);
        }
    }

    /** Closes the window at {@code to}, if one is open. */
    void close(Instant to, String why) {
        Set<Subscription> affected = subscriptions;
        Instant from = since;
        since = null;
        subscriptions = Set.of();
        if (from == null || affected.isEmpty()) {
            return;
        }
        List<String> symbols = new ArrayList<>();
        for (Subscription subscription : affected) {
            if (!symbols.contains(subscription.symbol())) {
                symbols.add(subscription.symbol());
            }
        }
        gaps++;
        LOG.info("{}: gap of {} for {} symbol{} ({})", connection, Durations.format(Duration.between(from, to)),
                symbols.size(), symbols.size() == 1 ? "" : "s", why);
        context.publish(new GapEvent(provider, connection, symbols, from, to, why, context.clock().instant()));
    }

    /** Gap events published so far. */
    long gaps() {
        return gaps;
    }
}
