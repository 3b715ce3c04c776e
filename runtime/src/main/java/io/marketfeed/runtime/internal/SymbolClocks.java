package io.marketfeed.runtime.internal;

import io.marketfeed.api.protocol.Subscription;
import io.marketfeed.api.protocol.Topics;
import io.marketfeed.runtime.SymbolActivity;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One connection's time of the last market-data event per subscribed symbol, and which of them are quiet: silent
 * for the threshold while a neighbour on the same connection streamed within it.
 *
 * <p>Threading: the read thread calls {@link #seen} for each market-data event: one lookup in a map that is
 * replaced, never changed, when the subscriptions change, and two release stores into the symbol's cell; nothing
 * is allocated. Everything else runs on the control thread, which owns the cells' other fields: it rebuilds the
 * map ({@link #rebuild}), checks for quiet symbols ({@link #check}) and takes snapshots.
 *
 * <p>Tracked: the symbols of subscriptions to the market-data topics (quotes, trades, book, candles), whose events
 * name their symbol. Not tracked: a wildcard ({@code *}), whose symbols are not known in advance, and a provider's
 * other topics (markets, sectors, watchlists), which carry no per-symbol market data.
 */
final class SymbolClocks {

    /** {@link Cell#lastNanos} before the first event. */
    static final long NEVER = Long.MIN_VALUE;

    private static final Set<String> MARKET_DATA = Set.of(Topics.QUOTES, Topics.TRADES, Topics.BOOK, Topics.CANDLES);

    private static final VarHandle LAST_NANOS;
    private static final VarHandle LAST_AT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LAST_NANOS = lookup.findVarHandle(Cell.class, "lastNanos", long.class);
            LAST_AT = lookup.findVarHandle(Cell.class, "lastAt", Instant.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One symbol of the connection. */
    static final class Cell {
        final String symbol;
        /** When it was first wanted on this connection: the silence of a symbol that never streamed counts from here. */
        final long trackedSinceNanos;
        /** Read thread writes (release), control thread reads (acquire). */
        private long lastNanos = NEVER;
        private Instant lastAt;
        /** Control thread: reported quiet, and {@link #lastNanos} when it was. */
        private boolean quiet;
        private long lastNanosWhenReported;

        Cell(String symbol, long trackedSinceNanos) {
            this.symbol = symbol;
            this.trackedSinceNanos = trackedSinceNanos;
        }

        long lastNanos() {
            return (long) LAST_NANOS.getAcquire(this);
        }

        Instant lastAt() {
            return (Instant) LAST_AT.getAcquire(this);
        }
    }

    /** What {@link #check} reports, on the control thread. */
    interface Reports {
        /** {@code symbol} is quiet: silent for {@code silence}, since {@code lastAt} (null: no event yet). */
        void quiet(String connection, String symbol, Duration silence, Instant lastAt);

        /** {@code symbol}, reported quiet, streams again: {@code at} after {@code silence}. */
        void resumed(String connection, String symbol, Duration silence, Instant at);
    }

    private volatile Map<String, Cell> cells = Map.of();
    /** Control thread: the cells in symbol order. */
    private List<Cell> ordered = List.of();
    /** Control thread: when the connection was last seen not receiving; silence counts from then at the earliest. */
    private long listeningSinceNanos = NEVER;

    /** The symbols wanted changed. Control thread; keeps the cells of the symbols still wanted. */
    void rebuild(Collection<Subscription> desired, long nowNanos) {
        Map<String, Cell> before = cells;
        TreeMap<String, Cell> next = new TreeMap<>();
        for (Subscription subscription : desired) {
            String symbol = subscription.symbol();
            if (MARKET_DATA.contains(subscription.topic()) && !symbol.equals("*") && !next.containsKey(symbol)) {
                Cell kept = before.get(symbol);
                next.put(symbol, kept != null ? kept : new Cell(symbol, nowNanos));
            }
        }
        ordered = List.copyOf(next.values());
        cells = new HashMap<>(next);
    }

    /** A market-data event for {@code symbol} arrived at {@code nanos} (receive time {@code at}). Read thread. */
    void seen(String symbol, long nanos, Instant at) {
        Cell cell = cells.get(symbol);
        if (cell != null) {
            LAST_AT.setRelease(cell, at);
            LAST_NANOS.setRelease(cell, nanos);
        }
    }

    /**
     * The connection is not receiving (not connected, paused, or a listener is behind): whatever the symbols do
     * not send meanwhile is not their silence. Control thread.
     */
    void notListening(long nowNanos) {
        listeningSinceNanos = nowNanos;
    }

    /**
     * Reports each symbol that has become quiet, once per quiet spell, and each quiet symbol that streams again.
     * Control thread.
     *
     * @param connection the connection's id, for the reports
     * @param afterNanos the threshold
     * @param mayReport false while quiet symbols must not be reported (the provider's market is closed); resumes are
     *     reported all the same
     * @param notBeforeNanos the silence that counts starts no earlier than this (the market opened), or {@link #NEVER}
     */
    void check(String connection, long nowNanos, long afterNanos, boolean mayReport, long notBeforeNanos,
            Reports reports) {
        long windowStart = nowNanos - afterNanos;
        boolean neighboursStream = false;
        for (Cell cell : ordered) {
            long last = cell.lastNanos();
            if (last != NEVER && last > windowStart) {
                neighboursStream = true;
            }
            if (cell.quiet && last != cell.lastNanosWhenReported) {
                cell.quiet = false;
                long silentFrom = cell.lastNanosWhenReported == NEVER ? cell.trackedSinceNanos
                        : cell.lastNanosWhenReported;
                reports.resumed(connection, cell.symbol, Duration.ofNanos(last - silentFrom), cell.lastAt());
            }
        }
        if (!mayReport || !neighboursStream) {
            return;
        }
        long countFrom = Math.max(notBeforeNanos, listeningSinceNanos);
        for (Cell cell : ordered) {
            long last = cell.lastNanos();
            long silentFrom = last == NEVER ? cell.trackedSinceNanos : last;
            if (!cell.quiet && Math.max(silentFrom, countFrom) <= windowStart) {
                cell.quiet = true;
                cell.lastNanosWhenReported = last;
                reports.quiet(connection, cell.symbol, Duration.ofNanos(nowNanos - silentFrom),
                        last == NEVER ? null : cell.lastAt());
            }
        }
    }

    /** Each tracked symbol with its last event time and whether it is quiet, in symbol order. Control thread. */
    List<SymbolActivity> snapshot() {
        List<SymbolActivity> list = new ArrayList<>(ordered.size());
        for (Cell cell : ordered) {
            list.add(new SymbolActivity(cell.symbol, cell.lastNanos() == NEVER ? null : cell.lastAt(), cell.quiet));
        }
        return list;
    }
}
