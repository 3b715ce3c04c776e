package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.Endpoint;
import io.marketfeed.api.protocol.Limits;
import io.marketfeed.api.protocol.OutboundFrame;
import io.marketfeed.api.protocol.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one connection's wire to its ledger: sends the subscribe and unsubscribe requests the ledger asks for,
 * as fast as the connection's and the provider's pacing allow, waits for acknowledgements, and takes the server's
 * answers back into the ledger (acknowledged, restored, not applied, data for what it does not want).
 *
 * <p>Threading: the control thread only. Requests are encoded under the attempt's lock, which the read thread
 * holds while the same session decodes.
 */
final class SubscriptionPump {

    /** Under the connection's name: these are its lines, whichever class writes them. */
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final Duration GHOST_RESEND_INTERVAL = Duration.ofSeconds(30);

    private final Connection connection;
    private final ProviderRuntime provider;
    private final SubscriptionPlanner.Slot slot;
    private final Endpoint endpoint;
    private final EngineContext context;
    private final Map<Subscription, Long> ghostHandledAt = new HashMap<>();
    private long nextSendNanos;
    private ScheduledFuture<?> pumpTimer;
    private ScheduledFuture<?> ackTimer;

    SubscriptionPump(Connection connection, ProviderRuntime provider, SubscriptionPlanner.Slot slot,
            Endpoint endpoint, EngineContext context) {
        this.connection = connection;
        this.provider = provider;
        this.slot = slot;
        this.endpoint = endpoint;
        this.context = context;
    }

    /** Sends what brings the wire closer to the ledger, as fast as pacing allows. */
    void pump() {
        Attempt owner = connection.receiving();
        if (owner == null) {
            return;
        }
        Limits limits = provider.limits(endpoint);
        while (true) {
            long now = context.nanoTime();
            long earliest = Math.max(nextSendNanos, provider.globalNextSendNanos());
            if (now < earliest) {
                schedulePump(earliest - now);
                return;
            }
            Optional<WireRequest> request = slot.ledger.next(limits.maxSymbolsPerFrame());
            if (request.isEmpty()) {
                connection.closeGapIfRecovered();
                return;
            }
            Optional<OutboundFrame> frame = encode(owner, request.get());
            if (frame.isEmpty()) {
                continue;
            }
            send(owner, frame.get());
            if (request.get().kind() == WireRequest.Kind.UNSUBSCRIBE) {
                // Data already in flight for these is expected for a moment: drop it quietly, no second request.
                for (String symbol : request.get().symbols()) {
                    ghostHandledAt.put(new Subscription(request.get().topic(), symbol), now);
                }
            }
            nextSendNanos = now + Durations.withMargin(limits.minControlGap().toNanos());
            provider.controlFrameSent(now);
            if (request.get().kind() != WireRequest.Kind.UNSUBSCRIBE) {
                armAckTimer(owner);
            }
        }
    }

    private Optional<OutboundFrame> encode(Attempt owner, WireRequest request) {
        synchronized (owner) {
            switch (request.kind()) {
                case UNSUBSCRIBE:
                    return owner.session.unsubscribe(request.topic(), request.symbols());
                default:
                    return Optional.of(owner.session.subscribe(request.topic(), request.symbols()));
            }
        }
    }

    private void schedulePump(long delayNanos) {
        if (pumpTimer == null || pumpTimer.isDone()) {
            pumpTimer = context.control().schedule(() -> {
                // Cleared first: the pump run by this timer may need to schedule the next one.
                pumpTimer = null;
                pump();
            }, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void armAckTimer(Attempt owner) {
        if (!endpoint.subscribeStyle().acknowledged()) {
            slot.ledger.assumeAcknowledged();
            return;
        }
        cancel(ackTimer);
        Duration timeout = endpoint.subscribeStyle().ackTimeout();
        ackTimer = context.control().schedule(() -> {
            if (connection.isCurrent(owner) && slot.ledger.awaitingAcknowledgement()) {
                LOG.warn("{}: no acknowledgement for a subscribe request within {}; treating it as applied",
                        connection.id(), Durations.format(timeout));
                slot.ledger.assumeAcknowledged();
                connection.closeGapIfRecovered();
            }
        }, Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Sends the session's auth message, first on a connection that authenticates that way. */
    void sendAuth(Attempt opened) {
        Optional<OutboundFrame> auth;
        synchronized (opened) {
            auth = opened.session.authMessage();
        }
        auth.ifPresent(frame -> send(opened, frame));
    }

    /** Sends a frame on the attempt's socket, if it has one; a failed send shows up as a closed connection. */
    void send(Attempt owner, OutboundFrame frame) {
        Transport.TransportSession transport = owner.transport;
        if (transport == null) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} -> {}", connection.id(), frame.sensitive() ? "<credential>"
                    : context.secrets().mask(frame.text()));
        }
        transport.send(frame.text()).exceptionally(failure -> {
            LOG.debug("{}: a send failed: {}", connection.id(), failure.getMessage());
            return null;
        });
    }

    void onAcknowledged(Attempt owner, String topic, List<String> symbols) {
        if (!connection.isCurrent(owner)) {
            return;
        }
        slot.ledger.acknowledged(topic, symbols);
        if (!slot.ledger.awaitingAcknowledgement()) {
            cancel(ackTimer);
        }
        connection.closeGapIfRecovered();
    }

    void onRestored(Attempt owner, String topic, List<String> symbols) {
        if (!connection.isCurrent(owner)) {
            return;
        }
        LOG.info("{}: the server restored {} {} subscription{} from the previous session", connection.id(),
                symbols.size(), topic, symbols.size() == 1 ? "" : "s");
        slot.ledger.restored(topic, symbols);
        pump();
    }

    void onNotApplied(Attempt owner, String topic, List<String> symbols, String why) {
        if (!connection.isCurrent(owner)) {
            return;
        }
        provider.reports().warn(connection, "the server did not apply a request for " + symbols.size() + " " + topic
                + " symbol" + (symbols.size() == 1 ? "" : "s") + " (" + why + "); sending again within the current "
                + "limits");
        slot.ledger.notApplied(topic, symbols);
        pump();
    }

    /** Data came for a subscription this connection does not want: unsubscribe it, at most every 30 s. */
    void onGhost(Attempt owner, Subscription subscription) {
        if (!connection.isCurrent(owner) || slot.ledger.wants(subscription)) {
            return;
        }
        if (!SymbolRules.isSane(subscription.symbol())) {
            // Never ours, so never echoed nor sent back: a 100 KB "symbol" would otherwise fill the log and the wire.
            provider.reports().warn(connection, "the server sent " + subscription.topic() + " data for a symbol that cannot be"
                    + " one (over 64 characters, or with white space or control characters); dropped, not"
                    + " unsubscribed");
            return;
        }
        long now = context.nanoTime();
        Long last = ghostHandledAt.get(subscription);
        if (last != null && now - last < GHOST_RESEND_INTERVAL.toNanos()) {
            return;
        }
        ghostHandledAt.put(subscription, now);
        provider.reports().ghost(connection, subscription);
        slot.ledger.ghost(subscription);
        pump();
    }

    /** At a graceful close: unsubscribes everything on the wire, in requests within the frame limit. */
    void unsubscribeAll(Attempt owner) {
        Limits limits = provider.limits(endpoint);
        Map<String, List<String>> byTopic = new LinkedHashMap<>();
        for (Subscription subscription : slot.ledger.onWire()) {
            byTopic.computeIfAbsent(subscription.topic(), topic -> new ArrayList<>()).add(subscription.symbol());
        }
        byTopic.forEach((topic, symbols) -> {
            int step = limits.maxSymbolsPerFrame();
            for (int from = 0; from < symbols.size(); from += step) {
                List<String> chunk = symbols.subList(from, Math.min(symbols.size(), from + step));
                Optional<OutboundFrame> frame;
                synchronized (owner) {
                    frame = owner.session.unsubscribe(topic, chunk);
                }
                frame.ifPresent(f -> send(owner, f));
            }
        });
    }

    /** The attempt is over: no more requests or acknowledgement waits for it. */
    void stop() {
        cancel(pumpTimer);
        cancel(ackTimer);
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
