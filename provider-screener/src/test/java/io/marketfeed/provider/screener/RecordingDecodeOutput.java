package io.marketfeed.provider.screener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.LimitsUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@link DecodeOutput} that records every call, in order, as a value the tests compare. */
final class RecordingDecodeOutput implements DecodeOutput {

    record Emitted(MarketEvent event) {}
    record Ready() {}
    record Limits(LimitsUpdate update) {}
    record Acknowledged(String topic, List<String> symbols) {}
    record Unsubscribed(String topic, List<String> symbols) {}
    record Rejected(String topic, List<String> symbols, String reason) {}
    record Substituted(String topic, String symbol, List<String> replacements, String reason) {}
    record Heartbeat() {}
    record Problem(Disposition disposition) {}
    record Credits(CreditUpdate update) {}
    record Lost(Instant from, String reason) {}
    record Restored(String topic, List<String> symbols) {}
    record NotApplied(String topic, List<String> symbols, String reason) {}

    private final List<Object> calls = new ArrayList<>();

    List<Object> calls() {
        return calls;
    }

    /** The calls of one kind, in order. */
    <T> List<T> calls(Class<T> kind) {
        return calls.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The emitted events of one kind, in order. */
    <T extends MarketEvent> List<T> events(Class<T> kind) {
        return calls(Emitted.class).stream().map(Emitted::event).filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The only call, which must be of {@code kind}. */
    <T> T single(Class<T> kind) {
        assertEquals(1, calls.size(), () -> "expected exactly one call, got " + calls);
        return kind.cast(calls.get(0));
    }

    /** The only call, which must be a problem. */
    Disposition singleProblem() {
        return single(Problem.class).disposition();
    }

    void clear() {
        calls.clear();
    }

    @Override public void emit(MarketEvent event) { calls.add(new Emitted(event)); }
    @Override public void ready() { calls.add(new Ready()); }
    @Override public void limits(LimitsUpdate update) { calls.add(new Limits(update)); }
    @Override public void acknowledged(String topic, List<String> symbols) {
        calls.add(new Acknowledged(topic, List.copyOf(symbols)));
    }
    @Override public void unsubscribed(String topic, List<String> symbols) {
        calls.add(new Unsubscribed(topic, List.copyOf(symbols)));
    }
    @Override public void rejected(String topic, List<String> symbols, String reason) {
        calls.add(new Rejected(topic, List.copyOf(symbols), reason));
    }
    @Override public void substitute(String topic, String symbol, List<String> replacements, String reason) {
        calls.add(new Substituted(topic, symbol, List.copyOf(replacements), reason));
    }
    @Override public void heartbeat() { calls.add(new Heartbeat()); }
    @Override public void problem(Disposition disposition) { calls.add(new Problem(disposition)); }
    @Override public void credits(CreditUpdate update) { calls.add(new Credits(update)); }
    @Override public void lost(Instant from, String reason) { calls.add(new Lost(from, reason)); }
    @Override public void restored(String topic, List<String> symbols) {
        calls.add(new Restored(topic, List.copyOf(symbols)));
    }
    @Override public void notApplied(String topic, List<String> symbols, String reason) {
        calls.add(new NotApplied(topic, List.copyOf(symbols), reason));
    }
}
