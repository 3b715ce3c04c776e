package io.marketfeed.runtime.internal;

import io.marketfeed.api.model.MarketStatus;
import io.marketfeed.api.model.StatusEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quiet symbols of one provider: the threshold, market hours, and the {@code symbol-quiet} and
 * {@code symbol-resumed} status events. The per-symbol times and the rule itself are each connection's
 * {@link SymbolClocks}; a symbol is quiet when it has had no market-data event for the threshold while another
 * symbol of the same connection had one within it. A connection on which nothing streams is the stale check's
 * business, not this one's.
 *
 * <p>Market hours: once the provider sends a {@link MarketStatus} whose status says closed ({@link #saysClosed}),
 * quiet symbols of that provider are not reported until every market it said closed says something else (open,
 * pre-market, …); their silence then counts from that moment, so symbols that are slow to trade at the opening are
 * not reported at once. Providers that never send market status are taken as always open.
 *
 * <p>Threading: control thread only, like the check's timer.
 */
final class QuietSymbols implements SymbolClocks.Reports {

    private static final Logger LOG = LoggerFactory.getLogger(QuietSymbols.class);
    private static final long MIN_PERIOD_NANOS = 10_000_000L;
    private static final long MAX_PERIOD_NANOS = 1_000_000_000L;
    /** Status words, lower case with {@code -} and spaces as {@code _}, that mean no trading. */
    private static final Set<String> CLOSED = Set.of("closed", "close", "market_closed", "halted", "suspended",
            "holiday");

    private final String provider;
    private final long afterNanos;
    private final EngineContext context;
    /** Markets whose last status said closed, with that status. */
    private final Map<String, String> closedMarkets = new TreeMap<>();
    private long openedAtNanos = SymbolClocks.NEVER;
    private long reports;

    /** @param after the threshold; zero: off */
    QuietSymbols(String provider, Duration after, EngineContext context) {
        this.provider = provider;
        this.afterNanos = after.toNanos();
        this.context = context;
    }

    boolean enabled() {
        return afterNanos > 0;
    }

    /** How often to check: a quarter of the threshold, between 10 ms and a second. */
    long periodNanos() {
        return Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, afterNanos / 4));
    }

    /** Whether a market status word means the market does not trade: {@code closed}, {@code halted}, … */
    static boolean saysClosed(String status) {
        return CLOSED.contains(status.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
    }

    /** The provider said how a market stands. */
    void marketStatus(MarketStatus status) {
        boolean wasOpen = closedMarkets.isEmpty();
        if (saysClosed(status.status())) {
            closedMarkets.put(status.market(), status.status());
        } else {
            closedMarkets.remove(status.market());
        }
        boolean open = closedMarkets.isEmpty();
        if (wasOpen && !open) {
            LOG.info("{}: market {} says {}: quiet symbols are not reported until it opens again", provider,
                    status.market(), status.status());
        } else if (!wasOpen && open) {
            openedAtNanos = context.nanoTime();
            LOG.info("{}: market {} says {}: quiet symbols are reported again, counting from now", provider,
                    status.market(), status.status());
        }
    }

    /** Checks one connection's symbols. */
    void check(String connection, SymbolClocks clocks, long nowNanos) {
        clocks.check(connection, nowNanos, afterNanos, closedMarkets.isEmpty(), openedAtNanos, this);
    }

    @Override
    public void quiet(String connection, String symbol, Duration silence, Instant lastAt) {
        reports++;
        Duration after = Duration.ofNanos(afterNanos);
        String message = connection + ": " + symbol + " has had no market data for " + Durations.format(silence)
                + (lastAt == null ? " since it was subscribed" : " (last at " + lastAt + ")")
                + " while other symbols on the connection stream (threshold " + Durations.format(after) + ")";
        LOG.warn("{}", message);
        publish("symbol-quiet", message, details(connection, symbol, silence, lastAt, after));
    }

    @Override
    public void resumed(String connection, String symbol, Duration silence, Instant at) {
        String message = connection + ": " + symbol + " streams again after " + Durations.format(silence)
                + " without market data";
        LOG.info("{}", message);
        publish("symbol-resumed", message, details(connection, symbol, silence, at, Duration.ofNanos(afterNanos)));
    }

    private static Map<String, String> details(String connection, String symbol, Duration silence, Instant at,
            Duration after) {
        Map<String, String> details = new TreeMap<>();
        details.put("symbol", symbol);
        details.put("connection", connection);
        details.put("quietFor", silence.truncatedTo(ChronoUnit.MILLIS).toString());
        details.put("lastEventAt", at == null ? "never" : at.toString());
        details.put("after", after.truncatedTo(ChronoUnit.MILLIS).toString());
        return details;
    }

    private void publish(String kind, String message, Map<String, String> details) {
        context.publish(new StatusEvent(provider, kind, message, details, context.clock().instant()));
    }

    /** {@code symbol-quiet} reports so far. */
    long reports() {
        return reports;
    }
}
