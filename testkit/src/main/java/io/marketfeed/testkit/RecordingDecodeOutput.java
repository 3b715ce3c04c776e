package io.marketfeed.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.marketfeed.api.model.MarketDataEvent;
import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.LimitsUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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

    /**
     * One call as a value, for comparing the exact calls a decoder made ({@link #calls()}); the records below are
     * its kinds, one per {@link DecodeOutput} method. Lists are copied when recorded.
     *
     * {@snippet :
     * assertEquals(List.of(new Acknowledged(Topics.QUOTES, List.of("AAPL")), new Heartbeat()), out.calls());
     * }
     */
    public sealed interface Call {
    }

    /** {@link #emit}. */
    public record Emitted(MarketEvent event) implements Call {}
    /** {@link #ready()}. */
    public record Ready() implements Call {}
    /** {@link #limits(LimitsUpdate)}. */
    public record Limits(LimitsUpdate update) implements Call {}
    /** {@link #acknowledged}. */
    public record Acknowledged(String topic, List<String> symbols) implements Call {}
    /** {@link #restored}. */
    public record Restored(String topic, List<String> symbols) implements Call {}
    /** {@link #notApplied}: recorded as this call alone, though {@link #problems()} also gets its warning. */
    public record NotApplied(String topic, List<String> symbols, String reason) implements Call {}
    /** {@link #unsubscribed}. */
    public record Unsubscribed(String topic, List<String> symbols) implements Call {}
    /** {@link #rejected}. */
    public record Rejected(String topic, List<String> symbols, String reason) implements Call {}
    /** {@link #substitute}. */
    public record Substituted(String topic, String symbol, List<String> replacements, String reason)
            implements Call {}
    /** {@link #heartbeat()}. */
    public record Heartbeat() implements Call {}
    /** {@link #problem}. */
    public record Problem(Disposition disposition) implements Call {}
    /** {@link #credits}. */
    public record Credits(CreditUpdate update) implements Call {}
    /** {@link #lost}. */
    public record Lost(Instant from, String reason) implements Call {}
    /**
     * {@link #badValue}, with the sample copied.
     *
     * @param field the field as the provider names it
     * @param sample the value as sent
     * @param eventDropped whether the event was dropped (a required field) or kept without the field
     */
    public record BadValue(String field, String sample, boolean eventDropped) implements Call {
        /** A bad value of a required field: the event was dropped. */
        public static BadValue dropped(String field, String sample) {
            return new BadValue(field, sample, true);
        }

        /** A bad value of an optional field: the event was kept without it. */
        public static BadValue absent(String field, String sample) {
            return new BadValue(field, sample, false);
        }
    }

    private final List<Call> calls = new ArrayList<>();
    /** True while {@link #notApplied} forwards to {@link #problem}, which then records no {@link Problem} call. */
    private boolean inNotApplied;
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

    /** The bad values reported, in order. */
    public List<BadValue> badValues() {
        return calls(BadValue.class);
    }

    /** How often {@link #ready()} was called. */
    public int readyCount() {
        return ready;
    }

    /** How often {@link #heartbeat()} was called. */
    public int heartbeats() {
        return heartbeats;
    }

    /** Every call so far as a value, in order (a snapshot). */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one kind, in order. */
    public <T extends Call> List<T> calls(Class<T> kind) {
        return calls.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The emitted events of one type, in order. */
    public <T extends MarketEvent> List<T> events(Class<T> type) {
        return calls(Emitted.class).stream().map(Emitted::event).filter(type::isInstance).map(type::cast).toList();
    }

    /** The only call so far, which must be of {@code kind}; fails naming the calls otherwise. */
    public <T extends Call> T single(Class<T> kind) {
        assertEquals(1, calls.size(), () -> "expected exactly one call, got " + calls);
        assertInstanceOf(kind, calls.get(0), () -> "expected one " + kind.getSimpleName() + ", got " + calls);
        return kind.cast(calls.get(0));
    }

    /** The only call so far, which must be a {@link #problem}: its disposition. */
    public Disposition singleProblem() {
        return single(Problem.class).disposition();
    }

    /** A copy for a {@link Call}, kept null-tolerant so that recording never throws where it did not before. */
    private static List<String> copy(List<String> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Forgets everything recorded. */
    public void clear() {
        calls.clear();
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
        calls.add(new Emitted(event));
        signals.add(new Signal("emit", String.valueOf(event)));
    }

    @Override
    public void ready() {
        ready++;
        calls.add(new Ready());
        signals.add(new Signal("ready", ""));
    }

    @Override
    public void limits(LimitsUpdate update) {
        limits.add(update);
        calls.add(new Limits(update));
        signals.add(new Signal("limits", String.valueOf(update)));
    }

    @Override
    public void acknowledged(String topic, List<String> symbols) {
        calls.add(new Acknowledged(topic, copy(symbols)));
        signals.add(new Signal("acknowledged", topic + " " + symbols));
    }

    @Override
    public void unsubscribed(String topic, List<String> symbols) {
        calls.add(new Unsubscribed(topic, copy(symbols)));
        signals.add(new Signal("unsubscribed", topic + " " + symbols));
    }

    @Override
    public void rejected(String topic, List<String> symbols, String reason) {
        calls.add(new Rejected(topic, copy(symbols), reason));
        signals.add(new Signal("rejected", topic + " " + symbols + ": " + reason));
    }

    @Override
    public void substitute(String topic, String symbol, List<String> replacements, String reason) {
        calls.add(new Substituted(topic, symbol, copy(replacements), reason));
        signals.add(new Signal("substitute", topic + " " + symbol + " -> " + replacements + ": " + reason));
    }

    @Override
    public void heartbeat() {
        heartbeats++;
        calls.add(new Heartbeat());
        signals.add(new Signal("heartbeat", ""));
    }

    @Override
    public void problem(Disposition disposition) {
        problems.add(disposition);
        if (!inNotApplied) {
            calls.add(new Problem(disposition));
        }
        signals.add(new Signal("problem", disposition.kind() + ": " + disposition.message()));
    }

    @Override
    public void credits(CreditUpdate update) {
        calls.add(new Credits(update));
        signals.add(new Signal("credits", String.valueOf(update)));
    }

    @Override
    public void lost(Instant from, String reason) {
        calls.add(new Lost(from, reason));
        signals.add(new Signal("lost", from + ": " + reason));
    }

    @Override
    public void badValue(String field, CharSequence sample, boolean eventDropped) {
        BadValue call = new BadValue(field, sample == null ? null : sample.toString(), eventDropped);
        calls.add(call);
        signals.add(new Signal("badValue", field + " " + call.sample() + (eventDropped ? " (dropped)" : " (absent)")));
    }

    /** Recorded only in {@link #calls()}; the interface's default does nothing, and neither do the other views. */
    @Override
    public void restored(String topic, List<String> symbols) {
        calls.add(new Restored(topic, copy(symbols)));
    }

    /**
     * Recorded in {@link #calls()} as a {@link NotApplied}; then handled as the interface's default handles it (a
     * warning through {@link #problem}), so {@link #problems()} and {@link #signals()} see what they always saw.
     */
    @Override
    public void notApplied(String topic, List<String> symbols, String reason) {
        calls.add(new NotApplied(topic, copy(symbols), reason));
        inNotApplied = true;
        try {
            DecodeOutput.super.notApplied(topic, symbols, reason);
        } finally {
            inNotApplied = false;
        }
    }
}
