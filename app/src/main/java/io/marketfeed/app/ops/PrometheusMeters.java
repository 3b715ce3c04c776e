package io.marketfeed.app.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code /metrics}: {@link FeedNumbers} as Micrometer function counters and gauges in a Prometheus registry, with
 * the JVM's own meters (memory, GC, threads, CPU, process uptime) beside them.
 *
 * <p>The meters only read: each scrape takes one reading, and every meter's function returns that reading's value,
 * so a scrape is one snapshot, however many meters. Meters appear as their samples do (an event type seen for the
 * first time, a new connection) and are removed when their sample goes (a retired connection).
 *
 * <p>Shared by the HTTP threads: {@link #scrape} is synchronized.
 */
final class PrometheusMeters implements AutoCloseable {

    /** The Prometheus text exposition format that {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<Key, Meter> meters = new HashMap<>();
    private Map<Key, Double> values = Map.of();

    PrometheusMeters() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /** The Prometheus text of {@code reading} (and of the JVM now). */
    synchronized String scrape(Readings.Reading reading) {
        Map<Key, Double> next = new HashMap<>();
        for (FeedNumbers.Sample sample : reading.numbers()) {
            next.put(new Key(sample.metric(), sample.tagValues()), sample.value());
        }
        values = next;
        for (Iterator<Map.Entry<Key, Meter>> it = meters.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Meter> entry = it.next();
            if (!next.containsKey(entry.getKey())) {
                registry.remove(entry.getValue());
                it.remove();
            }
        }
        for (Key key : next.keySet()) {
            meters.computeIfAbsent(key, this::register);
        }
        return registry.scrape();
    }

    private Meter register(Key key) {
        FeedMetric metric = key.metric();
        Tags tags = Tags.empty();
        for (int i = 0; i < key.tagValues().size(); i++) {
            tags = tags.and(metric.tagKeys().get(i), key.tagValues().get(i));
        }
        if (metric.kind() == FeedMetric.Kind.COUNTER) {
            return FunctionCounter.builder(metric.meterName(), key, this::value).tags(tags).baseUnit(metric.unit())
                    .description(metric.help()).register(registry);
        }
        return Gauge.builder(metric.meterName(), key, this::value).tags(tags).baseUnit(metric.unit())
                .description(metric.help()).strongReference(true).register(registry);
    }

    /** The value of {@code key} in the latest reading; called by the registry while {@link #scrape} holds the lock. */
    private double value(Key key) {
        return values.getOrDefault(key, Double.NaN);
    }

    @Override
    public synchronized void close() {
        gc.close();
        registry.close();
    }

    /** A meter's identity: the metric and its tag values. The meters map holds it, so the registry may refer weakly. */
    private record Key(FeedMetric metric, List<String> tagValues) {
    }
}
