package io.marketfeed.simulator.alltick;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What AllTick counts per token across connections: open connections per endpoint, connection attempts, and the
 * arrival time of each connection's last request. Times are {@link System#nanoTime()}.
 *
 * <p>Thread safe: every method locks the ledger; calls are short.
 */
final class TokenLedger {

    /** One token's counts. */
    private static final class Token {
        final Map<Long, AlltickEndpoint> open = new HashMap<>();
        /** Last accepted request per connection, kept after the connection closes for the cross gap. */
        final Map<Long, Long> lastRequest = new HashMap<>();
        /** When the last connection attempt on each endpoint came: stock and other are counted separately. */
        final Map<AlltickEndpoint, Long> lastConnect = new java.util.EnumMap<>(AlltickEndpoint.class);
    }

    private final Map<String, Token> tokens = new HashMap<>();

    /** Why a request came too early. */
    record TooEarly(Refusal.Kind kind, String detail) {
    }

    /**
     * Registers a new connection, or says why it is refused: the plan's connection limit on the endpoint, or a
     * connection attempt too soon after the previous one on the same endpoint (when {@code connectGap} is
     * positive; protocols.md §4.7: the stock and other endpoints are counted separately). Every attempt counts
     * for the connect gap.
     */
    synchronized Optional<Refusal.Kind> connect(String token, AlltickEndpoint endpoint, long connectionId,
            int maxConnections, Duration connectGap, long now) {
        Token state = tokens.computeIfAbsent(token, key -> new Token());
        Long last = state.lastConnect.put(endpoint, now);
        boolean tooSoon = last != null && connectGap.toNanos() > 0 && now - last < connectGap.toNanos();
        if (tooSoon) {
            return Optional.of(Refusal.Kind.CONNECT_GAP);
        }
        long onEndpoint = state.open.values().stream().filter(endpoint::equals).count();
        if (onEndpoint >= maxConnections) {
            return Optional.of(Refusal.Kind.CONNECTION_LIMIT);
        }
        state.open.put(connectionId, endpoint);
        return Optional.empty();
    }

    synchronized void closed(String token, long connectionId) {
        Token state = tokens.get(token);
        if (state != null) {
            state.open.remove(connectionId);
        }
    }

    /**
     * Records a request that arrived at {@code now}, or says why it came too early; a request that came too early
     * is not recorded (it was not applied).
     */
    synchronized Optional<TooEarly> request(String token, long connectionId, long now, Duration requestGap,
            Duration crossGap) {
        Token state = tokens.computeIfAbsent(token, key -> new Token());
        Long mine = state.lastRequest.get(connectionId);
        if (mine != null && now - mine < requestGap.toNanos()) {
            return Optional.of(new TooEarly(Refusal.Kind.PACING, "request " + millis(now - mine)
                    + " after this connection's previous one; at least " + requestGap.toMillis() + " ms needed"));
        }
        for (Iterator<Map.Entry<Long, Long>> it = state.lastRequest.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, Long> other = it.next();
            long since = now - other.getValue();
            if (other.getKey() == connectionId) {
                continue;
            }
            if (since >= Math.max(crossGap.toNanos(), requestGap.toNanos()) && !state.open.containsKey(other.getKey())) {
                it.remove();
            } else if (since < crossGap.toNanos()) {
                return Optional.of(new TooEarly(Refusal.Kind.CROSS_CONNECTION_PACING, "request " + millis(since)
                        + " after a request on connection " + other.getKey() + " of the same token; at least "
                        + crossGap.toMillis() + " ms needed across connections"));
            }
        }
        state.lastRequest.put(connectionId, now);
        return Optional.empty();
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0);
    }
}
