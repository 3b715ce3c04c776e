package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.MarketDataEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.InboundFrame;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.Subscription;
import java.time.Instant;
import java.util.List;

/**
 * The runtime's {@link DecodeOutput} for one connection attempt, reused for each of its frames. Market data
 * goes straight into the listeners' queues (data nobody wants is dropped and counted), is counted by type, and
 * sets its symbol's last-event time ({@link SymbolClocks}); every control signal, and each market status (which
 * quiet-symbol reports follow), is posted to the control thread, tagged with the attempt it came from.
 *
 * <p>Threading: used by the attempt's read thread, one frame at a time, with the attempt's lock held while
 * the provider's session runs (the control thread takes the same lock to encode requests).
 */
final class SignalOutput implements DecodeOutput {

    private final ProviderRuntime provider;
    private final Connection connection;
    private final Attempt attempt;
    private final EngineContext context;
    private final List<Delivery> deliveries;
    private final BadValueCounts badValues;
    /** A frame is one billed push, however many events it carries (TickAtlas: a quote and a candle). */
    private boolean pushCounted;
    /** The first lossless queue found full while handing on this frame's events. */
    private DeliveryQueue full;
    /** When this frame arrived, on the monotonic clock. */
    private long frameNanos;

    /** The connection's wanted set (read thread) and its request pump (control thread). */
    private final WantedSymbols wanted;
    private final SubscriptionPump requests;

    SignalOutput(ProviderRuntime provider, Connection connection, Attempt attempt, EngineContext context) {
        this.provider = provider;
        this.connection = connection;
        this.wanted = connection.wanted();
        this.requests = connection.requests();
        this.attempt = attempt;
        this.context = context;
        this.deliveries = context.deliveries();
        this.badValues = provider.badValues();
    }

    /** Tells the session the socket opened. Read thread, before the first frame. */
    void open() {
        frameNanos = context.nanoTime();
        synchronized (attempt) {
            attempt.session.onOpen(this);
        }
    }

    /**
     * Decodes one frame. Read thread.
     *
     * @param nanos when it arrived, on {@link EngineContext#nanoTime()}
     * @return the first lossless queue that reached its capacity with this frame's events, or null
     */
    DeliveryQueue decode(InboundFrame frame, long nanos) {
        frameNanos = nanos;
        pushCounted = false;
        full = null;
        synchronized (attempt) {
            try {
                attempt.session.decode(frame, this);
            } catch (RuntimeException | StackOverflowError | LinkageError e) {
                // A provider bug (a recursive parser on deep input, a missing class) costs one frame, not the feed.
                provider.reports().decodeFailed(connection, frame, e);
            }
        }
        return full;
    }

    private void control(Runnable task) {
        context.post(task);
    }

    @Override
    public void emit(MarketEvent event) {
        if (event instanceof MarketDataEvent) {
            MarketDataEvent data = (MarketDataEvent) event;
            if (!wanted.wants(data.topic(), data.symbol())) {
                provider.countGhost();
                Subscription subscription = new Subscription(data.topic(), data.symbol());
                control(() -> requests.onGhost(attempt, subscription));
                return;
            }
            if (!pushCounted) {
                pushCounted = true;
                provider.countPush();
            }
            if (connection.isPaused()) {
                control(() -> connection.onData(attempt));
            }
            provider.countEvent(event);
            wanted.seen(data.symbol(), frameNanos, event.receivedAt());
        } else if (event instanceof MarketStatus) {
            MarketStatus status = (MarketStatus) event;
            control(() -> provider.onMarketStatus(status));
        }
        for (int i = 0, n = deliveries.size(); i < n; i++) {
            DeliveryQueue queue = deliveries.get(i).queue();
            if (!queue.offer(event) && full == null) {
                full = queue;
            }
        }
    }

    @Override
    public void ready() {
        control(() -> connection.onReady(attempt));
    }

    @Override
    public void limits(LimitsUpdate update) {
        control(() -> provider.onLimits(connection, attempt, update));
    }

    @Override
    public void acknowledged(String topic, List<String> symbols) {
        List<String> copy = List.copyOf(symbols);
        control(() -> requests.onAcknowledged(attempt, topic, copy));
    }

    @Override
    public void restored(String topic, List<String> symbols) {
        List<String> copy = List.copyOf(symbols);
        control(() -> requests.onRestored(attempt, topic, copy));
    }

    @Override
    public void notApplied(String topic, List<String> symbols, String reason) {
        List<String> copy = List.copyOf(symbols);
        String why = context.outside(reason);
        control(() -> requests.onNotApplied(attempt, topic, copy, why));
    }

    @Override
    public void rejected(String topic, List<String> symbols, String reason) {
        List<String> copy = quotable(symbols);
        String why = context.outside(reason);
        control(() -> provider.onRejected(connection, attempt, topic, copy, why));
    }

    @Override
    public void substitute(String topic, String symbol, List<String> replacements, String reason) {
        if (!SymbolRules.isSane(symbol)) {
            rejected(topic, List.of(symbol), reason);
            return;
        }
        List<String> copy = List.copyOf(replacements);
        String why = context.outside(reason);
        control(() -> provider.onSubstitute(connection, attempt, topic, symbol, copy, why));
    }

    /** The symbols a server named, those that cannot be ours made quotable (escaped, cut). */
    private List<String> quotable(List<String> symbols) {
        List<String> copy = new java.util.ArrayList<>(symbols.size());
        for (String symbol : symbols) {
            copy.add(SymbolRules.quotable(symbol, context.secrets()));
        }
        return List.copyOf(copy);
    }

    @Override
    public void heartbeat() {
        attempt.lastLiveNanos = context.nanoTime();
    }

    @Override
    public void problem(Disposition disposition) {
        if (disposition.kind() == Disposition.Kind.WARN) {
            provider.countProblem();
        }
        Disposition safe = context.outside(disposition);
        control(() -> connection.onProblem(attempt, safe));
    }

    @Override
    public void badValue(String field, CharSequence sample, boolean eventDropped) {
        badValues.report(field, sample, eventDropped);
    }

    @Override
    public void credits(CreditUpdate update) {
        control(() -> provider.onCredits(update));
    }

    @Override
    public void lost(Instant from, String reason) {
        String why = context.outside(reason);
        control(() -> connection.onLost(attempt, from, why));
    }
}
