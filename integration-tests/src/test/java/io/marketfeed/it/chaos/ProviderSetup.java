package io.marketfeed.it.chaos;

import io.marketfeed.runtime.ReconnectPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the chaos feed configures one provider, and the recovery bound that follows from it. Immutable.
 *
 * @param id provider id (and simulation name)
 * @param symbols every symbol subscribed, across topics
 * @param connections how many connections the limits shard the symbols into
 * @param framesPerConnection subscribe requests one connection needs (symbols per connection over the per-frame limit)
 * @param staleTimeout {@code heartbeat.timeout}: a silent socket is given up after this
 * @param minReconnectGap {@code limits.min-reconnect-gap}: attempts on one endpoint are spaced by it
 * @param controlGap the least time between two control frames ({@code min-control-gap}, or across connections
 *     {@code min-global-control-gap} with the provider's pacing margin)
 * @param dataPeriod how often the simulation pushes each symbol
 * @param settings the provider's settings ({@code marketfeed.providers.<id>.*} keys)
 */
record ProviderSetup(String id, List<String> symbols, int connections, int framesPerConnection,
        Duration staleTimeout, Duration minReconnectGap, Duration controlGap, Duration dataPeriod,
        Map<String, Object> settings) {

    /** Time the schedulers of a loaded two-core machine may add to a recovery (thread hand-offs, GC). */
    static final Duration SCHEDULING_SLACK = Duration.ofSeconds(3);

    ProviderSetup {
        symbols = List.copyOf(symbols);
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * The longest a subscribed symbol may go without data after a fault window ended, in terms of configuration:
     * detecting a silent socket, the longest backoff with jitter, the reconnect gap for each connection of an
     * endpoint, the connect timeout of one attempt in flight, pacing of every connection's subscribe requests, and
     * two data periods; plus {@link #SCHEDULING_SLACK}.
     */
    Duration recoveryBound(ReconnectPolicy reconnect, Duration connectTimeout) {
        return terms(reconnect, connectTimeout).values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** The bound's terms by name, for printing. */
    Map<String, Duration> terms(ReconnectPolicy reconnect, Duration connectTimeout) {
        Map<String, Duration> terms = new LinkedHashMap<>();
        terms.put("stale", staleTimeout);
        terms.put("backoff", Duration.ofNanos(Math.round(reconnect.maxDelay().toNanos() * (1 + reconnect.jitter()))));
        terms.put("reconnect-gaps", minReconnectGap.multipliedBy(connections));
        terms.put("connect", connectTimeout);
        terms.put("pacing", controlGap.multipliedBy((long) connections * framesPerConnection));
        terms.put("data", dataPeriod.multipliedBy(2));
        terms.put("slack", SCHEDULING_SLACK);
        return terms;
    }

    /** {@code sahmk 12.4 s = stale 3 s + backoff 1.2 s + ...}. */
    String describeBound(ReconnectPolicy reconnect, Duration connectTimeout) {
        StringBuilder line = new StringBuilder(id).append(": ")
                .append(seconds(recoveryBound(reconnect, connectTimeout))).append(" =");
        String plus = " ";
        for (Map.Entry<String, Duration> term : terms(reconnect, connectTimeout).entrySet()) {
            line.append(plus).append(term.getKey()).append(' ').append(seconds(term.getValue()));
            plus = " + ";
        }
        return line.append(" (").append(connections).append(" connections, ").append(symbols.size())
                .append(" symbols)").toString();
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    }
}
