package io.marketfeed.testkit.fuzz;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.DecodeOutput;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.api.protocol.LimitsUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DecodeOutput} that keeps the events and problems a decode reported and counts the other calls, allocating
 * next to nothing itself, so that what a decode allocates can be measured around it ({@link DecodeProbe}). For the
 * exact calls a decoder made, use {@link io.marketfeed.testkit.RecordingDecodeOutput}. Not thread safe.
 */
public final class FuzzOutput implements DecodeOutput {

    private final List<MarketEvent> events = new ArrayList<>(16);
    private final List<Disposition> problems = new ArrayList<>(4);
    private int otherCalls;
    private long badValues;

    /** The events emitted, in order (a view: valid until the next decode into this output). */
    public List<MarketEvent> events() {
        return events;
    }

    /** The events of one type, in order. */
    public <T extends MarketEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The problems reported, in order (a view). */
    public List<Disposition> problems() {
        return problems;
    }

    /** How many calls were neither {@link #emit} nor {@link #problem}. */
    public int otherCalls() {
        return otherCalls;
    }

    @Override
    public void emit(MarketEvent event) {
        events.add(event);
    }

    @Override
    public void problem(Disposition disposition) {
        problems.add(disposition);
    }

    @Override
    public void ready() {
        otherCalls++;
    }

    @Override
    public void limits(LimitsUpdate update) {
        otherCalls++;
    }

    @Override
    public void acknowledged(String topic, List<String> symbols) {
        otherCalls++;
    }

    @Override
    public void restored(String topic, List<String> symbols) {
        otherCalls++;
    }

    @Override
    public void notApplied(String topic, List<String> symbols, String reason) {
        otherCalls++;
    }

    @Override
    public void unsubscribed(String topic, List<String> symbols) {
        otherCalls++;
    }

    @Override
    public void rejected(String topic, List<String> symbols, String reason) {
        otherCalls++;
    }

    @Override
    public void substitute(String topic, String symbol, List<String> replacements, String reason) {
        otherCalls++;
    }

    @Override
    public void heartbeat() {
        otherCalls++;
    }

    @Override
    public void credits(CreditUpdate update) {
        otherCalls++;
    }

    @Override
    public void lost(Instant from, String reason) {
        otherCalls++;
    }

    /** How many bad values were reported since this output was made. */
    public long badValues() {
        return badValues;
    }

    /**
     * Counted; a report without a field or sample, or a sample that cannot be read through, throws (out of the
     * decoder, which the fuzz tests catch), since the runtime reads both.
     */
    @Override
    public void badValue(String field, CharSequence sample, boolean eventDropped) {
        if (field == null || sample == null) {
            throw new IllegalStateException("badValue(" + field + ", " + sample + ") without a field or sample");
        }
        int length = sample.length();
        for (int i = 0; i < Math.min(length, 64); i++) {
            sample.charAt(i);
        }
        badValues++;
    }
}
