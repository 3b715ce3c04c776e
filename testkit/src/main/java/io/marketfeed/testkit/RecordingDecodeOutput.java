package io.marketfeed.testkit;

import io.marketfeed.api.model.MarketDataEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.LimitsUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DecodeOutput} that records every call, for testing a
 * {@link io.marketfeed.api.protocol.ProtocolSession#decode decoder} directly, without a runtime:
 *
 * {@snippet :
 * RecordingDecodeOutput out = new RecordingDecodeOutput();
 * session.decode(InboundFrame.text("{\"type\":\"pong\"}", Instant.now()), out);
 * assertEquals(1, out.heartbeats());
 * }
 *
 * <p>Not thread safe; one test thread uses it.
 */
public final class RecordingDecodeOutput implements DecodeOutput {

    /**
     * One call, in a readable form for failure messages.
     *
     * @param name the method called, such as {@code acknowledged}
     * @param detail its arguments
     */
    public record Signal(String name, String detail) {
        @Override
        public String toString() {
            return detail.isEmpty() ? name : name + "(" + detail + ")";
        }
    }

    private final List<Signal> signals = new ArrayList<>();
    private final List<MarketEvent> events = new ArrayList<>();
    private final List<Disposition> problems = new ArrayList<>();
    private final List<LimitsUpdate> limits = new ArrayList<>();
    private int ready;
    private int heartbeats;

    /** Every call so far, in order. */
    public List<Signal> signals() {
        return List.copyOf(signals);
    }

    /** The events emitted. */
    public List<MarketEvent> events() {
        return List.copyOf(events);
    }

    /** The market-data events emitted. */
    public List<MarketDataEvent> dataEvents() {
        List<MarketDataEvent> out = new ArrayList<>();
        events.forEach(event -> {
            if (event instanceof MarketDataEvent) {
                out.add((MarketDataEvent) event);
            }
        });
        return out;
    }

    /** The problems reported. */
    public List<Disposition> problems() {
        return List.copyOf(problems);
    }

    /** The limits announced. */
    public List<LimitsUpdate> limits() {
        return List.copyOf(limits);
    }

    /** How often {@link #ready()} was called. */
    public int readyCount() {
        return ready;
    }

    /** How often {@link #heartbeat()} was called. */
    public int heartbeats() {
        return heartbeats;
    }

    /** Forgets everything recorded. */
    public void clear() {
        signals.clear();
        events.clear();
        problems.clear();
        limits.clear();
        ready = 0;
        heartbeats = 0;
    }

    @Override
    public void emit(MarketEvent event) {
        events.add(event);
        signals.add(new Signal("emit", String.valueOf(event)));
    }

    @Override
    public void ready() {
        ready++;
        signals.add(new Signal("ready", ""));
    }

    @Override
    public void limits(LimitsUpdate update) {
        limits.add(update);
        signals.add(new Signal("limits", String.valueOf(update)));
    }

    @Override
    public void acknowledged(String topic, List<String> symbols) {
        signals.add(new Signal("acknowledged", topic + " " + symbols));
    }

    @Override
    public void unsubscribed(String topic, List<String> symbols) {
        signals.add(new Signal("unsubscribed", topic + " " + symbols));
    }

    @Override
    public void rejected(String topic, List<String> symbols, String reason) {
        signals.add(new Signal("rejected", topic + " " + symbols + ": " + reason));
    }

    @Override
    public void substitute(String topic, String symbol, List<String> replacements, String reason) {
        signals.add(new Signal("substitute", topic + " " + symbol + " -> " + replacements + ": " + reason));
    }

    @Override
    public void heartbeat() {
        heartbeats++;
        signals.add(new Signal("heartbeat", ""));
    }

    @Override
    public void problem(Disposition disposition) {
        problems.add(disposition);
        signals.add(new Signal("problem", disposition.kind() + ": " + disposition.message()));
    }

    @Override
    public void credits(CreditUpdate update) {
        signals.add(new Signal("credits", String.valueOf(update)));
    }

    @Override
    public void lost(Instant from, String reason) {
        signals.add(new Signal("lost", from + ": " + reason));
    }
}
