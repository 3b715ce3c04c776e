package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.StatusEvent;
import io.marketfeed.runtime.ProviderSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values one provider's decoder could not read ({@code DecodeOutput.badValue}), counted per field and outcome
 * (event dropped, or kept with the field absent), and announced: a {@code bad-value} status event (and a log line)
 * naming the provider, the field and a sample the first time a field is reported, then at most once per
 * {@link #PERIOD} per field, with the count since the previous announcement. The sample is cut to
 * {@value #SAMPLE_LENGTH} characters, quoted, its control characters escaped and the engine's secrets masked.
 *
 * <p>Fields are kept in a fixed open-addressed table of {@value #MAX_FIELDS} entries, claimed by compare-and-set
 * the first time a field is seen; a provider names its fields with constants, so that is a few dozen at most, and
 * any beyond the table are counted under {@value #OTHER}. Counting a field already seen allocates nothing.
 *
 * <p>Threading: shared, lock-free: {@link #report} from any number of read threads at once, {@link #snapshot} from
 * any thread. One instance per provider runtime ({@link #of}).
 */
final class BadValueCounts {

    /** Fields kept apart; further ones are counted under {@value #OTHER}. */
    static final int MAX_FIELDS = 64;
    /** The name counted for fields beyond {@value #MAX_FIELDS}. */
    static final String OTHER = "(other)";
    /** The status event's kind. */
    static final String KIND = "bad-value";
    /** Least time between two announcements of the same field. */
    static final Duration PERIOD = Duration.ofMinutes(1);
    /** Longest sample shown, in characters (before escaping). */
    static final int SAMPLE_LENGTH = 64;

    private static final Logger LOG = LoggerFactory.getLogger(BadValueCounts.class);

    private final String provider;
    private final LongSupplier nanos;
    private final Clock clock;
    private final Consumer<MarketEvent> publish;
    private final UnaryOperator<String> clean;
    private final AtomicReferenceArray<Field> table = new AtomicReferenceArray<>(MAX_FIELDS);
    private final Field other = new Field(OTHER);

    /**
     * @param nanos the monotonic time the period is measured on
     * @param clock the time status events carry
     * @param publish where status events go (every listener)
     * @param clean what makes a sample safe to show: secrets masked, control characters escaped, cut to
     *     {@value #SAMPLE_LENGTH} characters ({@link OutsideText})
     */
    BadValueCounts(String provider, LongSupplier nanos, Clock clock, Consumer<MarketEvent> publish,
            UnaryOperator<String> clean) {
        this.provider = provider;
        this.nanos = nanos;
        this.clock = clock;
        this.publish = publish;
        this.clean = clean;
    }

    /** The counts of one provider of an engine: its time, its listeners, its secrets masked in samples. */
    static BadValueCounts of(String provider, EngineContext context) {
        return new BadValueCounts(provider, context::nanoTime, context.clock(), context::publish,
                text -> OutsideText.clean(text, context.secrets(), SAMPLE_LENGTH));
    }

    /** One bad value. Read threads; allocates nothing for a field seen before, unless it is announced. */
    void report(String field, CharSequence sample, boolean eventDropped) {
        Field counts = find(field == null ? OTHER : field);
        (eventDropped ? counts.dropped : counts.absent).increment();
        long now = nanos.getAsLong();
        long due = counts.dueNanos.get();
        if ((due == Field.NEVER || now - due >= 0) && counts.dueNanos.compareAndSet(due, now + PERIOD.toNanos())) {
            announce(counts, field == null ? OTHER : field, sample, eventDropped, due == Field.NEVER);
        }
    }

    private Field find(String field) {
        int start = (field.hashCode() & 0x7fffffff) % MAX_FIELDS;
        for (int i = 0; i < MAX_FIELDS; i++) {
            int slot = (start + i) % MAX_FIELDS;
            Field found = table.get(slot);
            if (found == null) {
                Field created = new Field(field);
                if (table.compareAndSet(slot, null, created)) {
                    return created;
                }
                found = table.get(slot);
            }
            if (found.name == field || found.name.equals(field)) {
                return found;
            }
        }
        return other;
    }

    private void announce(Field counts, String field, CharSequence sample, boolean eventDropped, boolean first) {
        long dropped = counts.dropped.sum();
        long absent = counts.absent.sum();
        long since = dropped + absent - counts.announced.getAndSet(dropped + absent);
        String shown = "\"" + clean.apply(sample == null ? "null" : sample.toString()) + "\"";
        String outcome = eventDropped ? "dropped" : "absent";
        String what = eventDropped ? "the event was dropped" : "the event was kept without it";
        String message = first
                ? provider + ": field '" + field + "' had a value that cannot be read exactly: " + shown + "; " + what
                        + " (counted in marketfeed_bad_values_total; reported again at most once a minute)"
                : provider + ": field '" + field + "' had " + since + " value(s) that cannot be read exactly since "
                        + "the last report (" + dropped + " event(s) dropped, " + absent + " kept without it in all); "
                        + "latest: " + shown + "; " + what;
        LOG.warn(message);
        publish.accept(new StatusEvent(provider, KIND, message, Map.of("field", field, "sample", shown,
                "outcome", outcome, "count", Long.toString(since), "dropped", Long.toString(dropped),
                "absent", Long.toString(absent)), clock.instant()));
    }

    /** The counts so far, by field in the order first seen per slot; fields never reported are left out. */
    List<ProviderSnapshot.BadValue> snapshot() {
        List<ProviderSnapshot.BadValue> counts = new ArrayList<>();
        for (int i = 0; i < MAX_FIELDS; i++) {
            Field field = table.get(i);
            if (field != null) {
                counts.add(field.snapshot());
            }
        }
        if (other.dropped.sum() + other.absent.sum() > 0) {
            counts.add(other.snapshot());
        }
        counts.sort(java.util.Comparator.comparing(ProviderSnapshot.BadValue::field));
        return counts;
    }

    /** One field's counts and announcement state. */
    private static final class Field {
        static final long NEVER = Long.MIN_VALUE;

        final String name;
        final LongAdder dropped = new LongAdder();
        final LongAdder absent = new LongAdder();
        /** When the next announcement may be made, on {@link #nanos}; {@link #NEVER} before the first. */
        final AtomicLong dueNanos = new AtomicLong(NEVER);
        /** The total at the latest announcement. */
        final AtomicLong announced = new AtomicLong();

        Field(String name) {
            this.name = name;
        }

        ProviderSnapshot.BadValue snapshot() {
            return new ProviderSnapshot.BadValue(name, dropped.sum(), absent.sum());
        }
    }
}
