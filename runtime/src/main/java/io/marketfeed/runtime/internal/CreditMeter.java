package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.CreditSpec;
import io.marketfeed.runtime.CreditSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what a metered provider spends and forecasts when its quota runs out. Pushes are counted on the
 * decode thread; everything else runs on the control thread with explicit times, so the arithmetic is
 * testable without waiting.
 *
 * <p>The rate is measured over a sliding window of samples (spending per hour at the current subscription
 * set); the remaining quota is the server's last figure minus what was spent since it was reported.
 */
final class CreditMeter {

    private record Sample(Instant at, long spent) {
    }

    private final CreditSpec spec;
    private final Duration window;
    private final AtomicLong pushes = new AtomicLong();
    private final Deque<Sample> samples = new ArrayDeque<>();
    private long subscriptionCost;
    /** The cost per push now, and what was spent at earlier costs (a server may announce a new price). */
    private volatile long costPerPush;
    private long pushesAtCostChange;
    private long spentAtEarlierCosts;
    private long reportedRemaining = -1;
    private long spentAtReport;

    CreditMeter(CreditSpec spec, Duration window) {
        this.spec = spec;
        this.window = window;
        this.costPerPush = spec.costPerPush();
        spec.quota().ifPresent(quota -> reportedRemaining = quota);
    }

    /** Decode thread: one data frame was delivered. */
    void push() {
        pushes.incrementAndGet();
    }

    /** Subscriptions were added (positive) or removed; subscription costs are charged once per add. */
    void subscribed(int added) {
        if (added > 0) {
            subscriptionCost += (long) added * spec.costPerSubscription();
        }
    }

    long spent() {
        return spentAtEarlierCosts + (pushes.get() - pushesAtCostChange) * costPerPush + subscriptionCost;
    }

    /** The server announced what a push costs; pushes from now on are counted at that price. */
    void costPerPush(long cost) {
        long now = pushes.get();
        spentAtEarlierCosts += (now - pushesAtCostChange) * costPerPush;
        pushesAtCostChange = now;
        costPerPush = cost;
    }

    /** The server reported what is left. */
    void reported(long remaining) {
        reportedRemaining = remaining;
        spentAtReport = spent();
    }

    /** Records a sample for the rate; call at a steady interval. */
    void sample(Instant now) {
        samples.addLast(new Sample(now, spent()));
        while (samples.size() > 2 && samples.peekFirst().at().isBefore(now.minus(window))) {
            samples.removeFirst();
        }
    }

    CreditSnapshot snapshot(Instant now) {
        long spent = spent();
        OptionalLong remaining = reportedRemaining < 0 ? OptionalLong.empty()
                : OptionalLong.of(Math.max(0, reportedRemaining - (spent - spentAtReport)));
        double perHour = perHour();
        Optional<Instant> exhaustsAt = Optional.empty();
        if (remaining.isPresent() && perHour > 0) {
            double hours = remaining.getAsLong() / perHour;
            exhaustsAt = Optional.of(now.plusMillis(Math.round(hours * 3_600_000d)));
        }
        return new CreditSnapshot(spent, remaining, perHour, exhaustsAt, nextReset(now));
    }

    private double perHour() {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long millis = Duration.between(first.at(), last.at()).toMillis();
        if (millis <= 0) {
            return 0;
        }
        return (last.spent() - first.spent()) * 3_600_000d / millis;
    }

    /** The next daily reset strictly after {@code now}. */
    Instant nextReset(Instant now) {
        ZonedDateTime today = ZonedDateTime.of(LocalDate.ofInstant(now, ZoneOffset.UTC), spec.resetTimeUtc(),
                ZoneOffset.UTC);
        Instant candidate = today.toInstant();
        return candidate.isAfter(now) ? candidate : today.plusDays(1).toInstant();
    }
}
