package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order book snapshot: bids best (highest) first, asks best (lowest) first. A side may hold fewer levels than
 * asked for when it reaches the daily price limit.
 */
public record BookState(String symbol, BigDecimal bestBid, BigDecimal bestAsk, BigDecimal spread,
        List<Level> bids, List<Level> asks, Instant updatedAt) {

    public BookState {
        requireNonNull(symbol, "symbol is null");
        requireNonNull(bestBid, "bestBid is null");
        requireNonNull(bestAsk, "bestAsk is null");
        requireNonNull(spread, "spread is null");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
        requireNonNull(updatedAt, "updatedAt is null");
    }

    /** This book with at most {@code levels} levels per side. */
    public BookState truncated(int levels) {
        return new BookState(symbol, bestBid, bestAsk, spread, bids.subList(0, Math.min(levels, bids.size())),
                asks.subList(0, Math.min(levels, asks.size())), updatedAt);
    }

    /** One price level; {@code level} counts from 1 at the best price. */
    public record Level(int level, BigDecimal price, long quantity, int orderCount) {

        public Level {
            requireNonNull(price, "price is null");
        }
    }
}
