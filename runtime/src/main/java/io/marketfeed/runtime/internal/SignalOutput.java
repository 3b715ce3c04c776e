package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.MarketDataEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.LimitsUpdate;
import io.marketfeed.api.protocol.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime's {@link DecodeOutput} for one frame: market data goes to the listeners from the decode
 * thread (data nobody wants is dropped and counted), every control signal is posted to the control thread,
 * tagged with the connection attempt it came from.
 */
final class SignalOutput implements DecodeOutput {

    private final ProviderRuntime provider;
    private final Connection connection;
    private final Attempt attempt;
    private final Instant receivedAt;
    private final EngineContext context;
    /** A frame is one billed push, however many events it carries (TickAtlas: a quote and a candle). */
    private boolean pushCounted;
    /**
     * Events of this frame, published by {@link #flush()} once the session lock is released: a BLOCK listener
     * may make publishing wait, and the control thread must never wait for the session behind it.
     */
    private final List<MarketEvent> events = new ArrayList<>(2);

    SignalOutput(ProviderRuntime provider, Connection connection, Attempt attempt, Instant receivedAt,
            EngineContext context) {
        this.provider = provider;
        this.connection = connection;
        this.attempt = attempt;
        this.receivedAt = receivedAt;
        this.context = context;
    }

    private void control(Runnable task) {
        context.control().execute(task);
    }

    @Override
    public void emit(MarketEvent event) {
        if (event instanceof MarketDataEvent) {
            MarketDataEvent data = (MarketDataEvent) event;
            Subscription subscription = new Subscription(data.topic(), data.symbol());
            if (!connection.wants(subscription)) {
                provider.countGhost();
                control(() -> connection.onGhost(attempt, subscription));
                return;
            }
            if (!pushCounted) {
                pushCounted = true;
                provider.countPush();
            }
            if (connection.isPaused()) {
                control(() -> connection.onData(attempt));
            }
        }
        events.add(event);
    }

    /** Hands this frame's events to the listeners; called without the session lock held. */
    void flush() {
        for (MarketEvent event : events) {
            context.publish(event);
        }
        events.clear();
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
        control(() -> connection.onAcknowledged(attempt, topic, copy));
    }

    @Override
    public void restored(String topic, List<String> symbols) {
        List<String> copy = List.copyOf(symbols);
        control(() -> connection.onRestored(attempt, topic, copy));
    }

    @Override
    public void notApplied(String topic, List<String> symbols, String reason) {
        List<String> copy = List.copyOf(symbols);
        control(() -> connection.onNotApplied(attempt, topic, copy, reason));
    }

    @Override
    public void unsubscribed(String topic, List<String> symbols) {
        // Unsubscriptions take effect when sent; data still arriving afterwards is dropped as unwanted.
    }

    @Override
    public void rejected(String topic, List<String> symbols, String reason) {
        List<String> copy = List.copyOf(symbols);
        control(() -> provider.onRejected(connection, attempt, topic, copy, reason));
    }

    @Override
    public void substitute(String topic, String symbol, List<String> replacements, String reason) {
        List<String> copy = List.copyOf(replacements);
        control(() -> provider.onSubstitute(connection, attempt, topic, symbol, copy, reason));
    }

    @Override
    public void heartbeat() {
        attempt.lastLiveNanos = System.nanoTime();
    }

    @Override
    public void problem(Disposition disposition) {
        control(() -> connection.onProblem(attempt, disposition));
    }

    @Override
    public void credits(CreditUpdate update) {
        control(() -> provider.onCredits(update));
    }

    @Override
    public void lost(Instant from, String reason) {
        control(() -> connection.onLost(attempt, from, reason));
    }
}
