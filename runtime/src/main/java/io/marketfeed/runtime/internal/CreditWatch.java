package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.CreditPolicy;
import io.marketfeed.api.protocol.CreditUpdate;
import io.marketfeed.api.protocol.FeedProtocol;
import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.runtime.CreditSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A metered provider's credits: counts what it spends ({@link CreditMeter}), samples the rate, publishes a
 * {@code credits} status event every twelfth sample, and warns once per quota period when the forecast says the
 * credits run out before the reset, trimming the subscriptions to the priority list when so configured.
 *
 * <p>Threading: the control thread, except {@link #push}, which read threads call (the meter counts atomically).
 */
final class CreditWatch {

    /** Under the provider's name: these are its lines. */
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRuntime.class);

    private final String provider;
    private final CreditMeter meter;
    private final CreditPolicy policy;
    private final EngineContext context;
    private final ProviderReports reports;
    private Instant warnedForReset;
    private boolean trimmed;
    private long ticks;

    /** Null-free: a provider that is not metered gets a watch that does nothing. */
    CreditWatch(String provider, FeedProtocol protocol, EngineContext context, ProviderReports reports) {
        this.provider = provider;
        this.meter = protocol.credits().isMetered() ? new CreditMeter(protocol.credits(), Duration.ofMinutes(5)) : null;
        this.policy = protocol.creditPolicy();
        this.context = context;
        this.reports = reports;
    }

    /**
     * Starts sampling, every {@link EngineContext#creditSampleInterval()}.
     *
     * @param stopped whether the provider stopped (then nothing more is done)
     * @param wanted the subscriptions wanted now
     * @param trim drops subscriptions to save credits
     */
    void start(Supplier<Boolean> stopped, Supplier<Collection<Subscription>> wanted,
            Consumer<List<Subscription>> trim) {
        if (meter == null) {
            return;
        }
        long every = context.creditSampleInterval().toNanos();
        meter.sample(context.clock().instant());
        context.control().scheduleAtFixedRate(() -> {
            if (!stopped.get()) {
                tick(wanted, trim);
            }
        }, every, every, TimeUnit.NANOSECONDS);
    }

    /** Credit figures the server reported. */
    void onCredits(CreditUpdate update) {
        if (meter != null) {
            update.costPerPush().ifPresent(meter::costPerPush);
            update.remaining().ifPresent(meter::reported);
        }
    }

    /** {@code added} subscriptions more (or fewer) are wanted: per-subscription costs follow. */
    void subscribed(int added) {
        if (meter != null) {
            meter.subscribed(added);
        }
    }

    /** One billed push arrived. Read threads. */
    void push() {
        if (meter != null) {
            meter.push();
        }
    }

    Optional<CreditSnapshot> snapshot() {
        return meter == null ? Optional.empty() : Optional.of(meter.snapshot(context.clock().instant()));
    }

    /** Samples spending; warns (and trims, when so configured) when the quota would run out before the reset. */
    private void tick(Supplier<Collection<Subscription>> wanted, Consumer<List<Subscription>> trim) {
        Instant now = context.clock().instant();
        meter.sample(now);
        CreditSnapshot snapshot = meter.snapshot(now);
        if (++ticks % 12 == 0) {
            reports.status("credits", provider + " credits: " + describe(snapshot), details(snapshot));
        }
        if (!snapshot.exhaustsBeforeReset() || snapshot.nextReset().equals(warnedForReset)) {
            return;
        }
        warnedForReset = snapshot.nextReset();
        String message = provider + " will run out of credits at " + snapshot.exhaustsAt().orElseThrow()
                + ", before the quota resets at " + snapshot.nextReset() + " (" + describe(snapshot) + ")"
                + (policy.mode() == CreditPolicy.Mode.TRIM ? "; trimming to the priority list"
                        : "; subscribe to fewer symbols, or set marketfeed.providers." + provider
                                + ".credits.on-forecast-exhaustion = trim with a priority list");
        LOG.warn("{}", message);
        reports.status("credits-forecast", message, details(snapshot));
        if (policy.mode() == CreditPolicy.Mode.TRIM && !trimmed) {
            trimmed = true;
            List<Subscription> dropped = new ArrayList<>();
            for (Subscription subscription : wanted.get()) {
                if (!policy.priority().contains(subscription.symbol())) {
                    dropped.add(subscription);
                }
            }
            if (!dropped.isEmpty()) {
                String trimmedMessage = provider + " trimmed " + dropped.size() + " subscription"
                        + (dropped.size() == 1 ? "" : "s") + " to save credits, keeping " + policy.priority();
                LOG.warn("{}", trimmedMessage);
                reports.status("credits-trim", trimmedMessage, Map.of("dropped", dropped.toString()));
                trim.accept(dropped);
            }
        }
    }

    private static String describe(CreditSnapshot snapshot) {
        return "used " + snapshot.used()
                + (snapshot.remaining().isPresent() ? ", remaining " + snapshot.remaining().getAsLong() : "")
                + String.format(Locale.ROOT, ", %.0f per hour", snapshot.perHour());
    }

    private static Map<String, String> details(CreditSnapshot snapshot) {
        Map<String, String> details = new TreeMap<>();
        details.put("used", Long.toString(snapshot.used()));
        snapshot.remaining().ifPresent(remaining -> details.put("remaining", Long.toString(remaining)));
        details.put("perHour", String.format(Locale.ROOT, "%.1f", snapshot.perHour()));
        snapshot.exhaustsAt().ifPresent(at -> details.put("exhaustsAt", at.toString()));
        details.put("nextReset", snapshot.nextReset().toString());
        return details;
    }
}
