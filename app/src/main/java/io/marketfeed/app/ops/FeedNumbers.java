package io.marketfeed.app.ops;

import static java.util.Objects.requireNonNull;

import io.marketfeed.api.model.ConnectionState;
import io.marketfeed.runtime.ConnectionSnapshot;
import io.marketfeed.runtime.CreditSnapshot;
import io.marketfeed.runtime.FeedSnapshot;
import io.marketfeed.runtime.ProviderSnapshot;
import io.marketfeed.runtime.SymbolActivity;
import io.marketfeed.sink.SinkStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers of a run, as {@code /metrics} and the JMX beans give them, computed from a {@link FeedSnapshot}
 * (and the sinks' {@link SinkStats}): no dependency beyond the runtime's own types, so an application embedding
 * {@code MarketFeed} gets the same numbers with {@code FeedNumbers.of(feed.snapshot(), List.of())}.
 *
 * <p>Nothing is counted here: every counter is the runtime's own, read from the snapshot, so nothing is counted
 * twice and the hot path is untouched. Stateless and thread safe.
 */
public final class FeedNumbers {

    private FeedNumbers() {
    }

    /**
     * One number.
     *
     * @param metric what it is
     * @param tagValues the values of {@link FeedMetric#tagKeys()}, in that order
     * @param value the number
     */
    public record Sample(FeedMetric metric, List<String> tagValues, double value) {

        public Sample {
            requireNonNull(metric, "metric is null");
            tagValues = List.copyOf(tagValues);
            if (tagValues.size() != metric.tagKeys().size()) {
                throw new IllegalArgumentException(metric + " has tags " + metric.tagKeys() + ", got " + tagValues);
            }
        }

        /** Tag key to value, in the metric's order. */
        public Map<String, String> tags() {
            Map<String, String> tags = new LinkedHashMap<>();
            for (int i = 0; i < tagValues.size(); i++) {
                tags.put(metric.tagKeys().get(i), tagValues.get(i));
            }
            return Collections.unmodifiableMap(tags);
        }

        /** The value of one tag; null when the metric has no such tag. */
        public String tag(String key) {
            int index = metric.tagKeys().indexOf(key);
            return index < 0 ? null : tagValues.get(index);
        }
    }

    /** Every number of {@code snapshot} and {@code sinks}, grouped by metric in {@link FeedMetric} order. */
    public static List<Sample> of(FeedSnapshot snapshot, List<SinkStats> sinks) {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(sinks, "sinks is null");
        Map<FeedMetric, List<Sample>> samples = new EnumMap<>(FeedMetric.class);
        Adder add = (metric, value, tags) -> samples.computeIfAbsent(metric, m -> new ArrayList<>())
                .add(new Sample(metric, List.of(tags), value));
        add.to(FeedMetric.UPTIME, seconds(snapshot.uptime()));
        for (ProviderSnapshot provider : snapshot.providers()) {
            provider(provider, snapshot.takenAt(), add);
        }
        for (FeedSnapshot.ListenerSnapshot listener : snapshot.listeners()) {
            String name = listener.name();
            add.to(FeedMetric.LISTENER_QUEUED, listener.queued(), name);
            add.to(FeedMetric.LISTENER_DELIVERED, listener.delivered(), name);
            add.to(FeedMetric.LISTENER_DROPPED, listener.dropped(), name);
            add.to(FeedMetric.LISTENER_CONFLATED, listener.conflated(), name);
            add.to(FeedMetric.LISTENER_FAILURES, listener.failures(), name);
            add.to(FeedMetric.LISTENER_DELIVERY_DELAY, seconds(listener.deliveryDelay()), name);
            add.to(FeedMetric.LISTENER_DELIVERY_DELAY_MAX, seconds(listener.maxDeliveryDelay()), name);
        }
        for (SinkStats sink : sinks) {
            String name = sink.name();
            add.to(FeedMetric.SINK_RECEIVED, sink.received(), name);
            add.to(FeedMetric.SINK_WRITTEN, sink.written(), name);
            add.to(FeedMetric.SINK_RECOVERED, sink.recovered(), name);
            add.to(FeedMetric.SINK_PENDING, sink.pending(), name);
            add.to(FeedMetric.SINK_SPOOL, sink.spooled(), name);
            add.to(FeedMetric.SINK_SPOOLED, sink.spooledTotal(), name);
            add.to(FeedMetric.SINK_DROPPED, sink.dropped(), name);
            add.to(FeedMetric.SINK_FAILURES, sink.failures(), name);
            add.to(FeedMetric.SINK_DOWN, seconds(sink.down().orElse(Duration.ZERO)), name);
        }
        List<Sample> all = new ArrayList<>();
        samples.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    private static void provider(ProviderSnapshot provider, Instant now, Adder add) {
        String id = provider.provider();
        ProviderSnapshot.Activity activity = provider.activity();
        add.to(FeedMetric.PROVIDER_FAILED, provider.failed() ? 1 : 0, id);
        activity.events().forEach((type, count) -> add.to(FeedMetric.EVENTS, count, id, type));
        add.to(FeedMetric.DECODE_PROBLEMS, activity.problems(), id);
        add.to(FeedMetric.DECODE_ERRORS, provider.decodeErrors(), id);
        for (ProviderSnapshot.BadValue bad : provider.badValues()) {
            add.to(FeedMetric.BAD_VALUES, bad.dropped(), id, bad.field(), "dropped");
            add.to(FeedMetric.BAD_VALUES, bad.absent(), id, bad.field(), "absent");
        }
        add.to(FeedMetric.UNWANTED_FRAMES, provider.ghostFramesDropped(), id);
        add.to(FeedMetric.RECONNECTS, activity.reconnects(), id);
        add.to(FeedMetric.STALE_DETECTIONS, activity.staleDetections(), id);
        add.to(FeedMetric.GAPS, activity.gaps(), id);
        add.to(FeedMetric.QUIET_REPORTS, activity.quietReports(), id);
        add.to(FeedMetric.CONNECTED, seconds(activity.connected()), id);
        Map<ConnectionState, Integer> states = new EnumMap<>(ConnectionState.class);
        int assigned = 0;
        int confirmed = 0;
        int quiet = 0;
        for (ConnectionSnapshot connection : provider.connections()) {
            states.merge(connection.state(), 1, Integer::sum);
            assigned += connection.symbols();
            confirmed += connection.confirmed();
            for (SymbolActivity symbol : connection.symbolActivity()) {
                quiet += symbol.quiet() ? 1 : 0;
            }
            if (connection.lastFrameAt() != null) {
                add.to(FeedMetric.LAST_FRAME_AGE, seconds(Duration.between(connection.lastFrameAt(), now)), id,
                        connection.connection());
            }
        }
        add.to(FeedMetric.QUIET_SYMBOLS, quiet, id);
        for (ConnectionState state : ConnectionState.values()) {
            add.to(FeedMetric.CONNECTIONS, states.getOrDefault(state, 0), id, state.label());
        }
        add.to(FeedMetric.SUBSCRIPTIONS, provider.wanted(), id, "wanted");
        add.to(FeedMetric.SUBSCRIPTIONS, assigned, id, "assigned");
        add.to(FeedMetric.SUBSCRIPTIONS, confirmed, id, "confirmed");
        add.to(FeedMetric.SUBSCRIPTIONS, provider.rejected().size(), id, "rejected");
        add.to(FeedMetric.SUBSCRIPTIONS, provider.unassigned(), id, "unassigned");
        provider.credits().ifPresent(credits -> credits(id, credits, now, add));
    }

    private static void credits(String id, CreditSnapshot credits, Instant now, Adder add) {
        add.to(FeedMetric.CREDITS_USED, credits.used(), id);
        credits.remaining().ifPresent(remaining -> add.to(FeedMetric.CREDITS_REMAINING, remaining, id));
        add.to(FeedMetric.CREDITS_HOURLY_RATE, credits.perHour(), id);
        credits.exhaustsAt().ifPresent(at -> add.to(FeedMetric.CREDITS_UNTIL_EXHAUSTION,
                Math.max(0, seconds(Duration.between(now, at))), id));
        add.to(FeedMetric.CREDITS_UNTIL_RESET, Math.max(0, seconds(Duration.between(now, credits.nextReset()))), id);
        add.to(FeedMetric.CREDITS_EXHAUST_BEFORE_RESET, credits.exhaustsBeforeReset() ? 1 : 0, id);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    @FunctionalInterface
    private interface Adder {
        void to(FeedMetric metric, double value, String... tags);
    }
}
