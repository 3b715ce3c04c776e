package io.marketfeed.simulator;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded random walk per symbol on an exchange's tick grid, in exact decimal arithmetic.
 *
 * <p>Each {@linkplain #step step} is one trade: the price moves by up to two ticks (drifting back towards the
 * previous close once it is more than 3 % away, and never past the ±10 % daily limits), the trade's quantity is
 * added to the volume, and the touch follows the trade (a buy lifts the offer, a sell hits the bid). The walk of
 * one symbol depends only on the seed, the symbol and how many steps it took, not on other symbols or on who
 * asked for order books.
 *
 * <p>Symbols outside the universe (for ghost data) get a walk of their own on first use, but
 * {@link #contains} stays false for them. Thread safe: every method locks the generator; calls are short.
 */
public final class MarketGenerator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal DAILY_LIMIT = new BigDecimal("0.10");
    private static final BigDecimal DRIFT_BACK_THRESHOLD = new BigDecimal("0.03");
    private static final int TRADE_HISTORY = 50;

    private final long seed;
    private final TickSizeTable ticks;
    private final Clock clock;
    private final Map<String, SymbolWalk> universe = new LinkedHashMap<>();
    private final Map<String, SymbolWalk> ghosts = new HashMap<>();

    /**
     * @param startPrices universe in order, symbol → previous close (rounded down onto the tick grid)
     */
    public MarketGenerator(Map<String, BigDecimal> startPrices, long seed, TickSizeTable ticks, Clock clock) {
        this.seed = seed;
        this.ticks = requireNonNull(ticks, "ticks is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (startPrices.isEmpty()) {
            throw new IllegalArgumentException("the universe is empty");
        }
        startPrices.forEach((symbol, price) -> universe.put(symbol, newWalk(symbol, price)));
    }

    /** The universe in its configured order. */
    public synchronized List<String> symbols() {
        return List.copyOf(universe.keySet());
    }

    public synchronized boolean contains(String symbol) {
        return universe.containsKey(symbol);
    }

    public TickSizeTable ticks() {
        return ticks;
    }

    /** One step of every universe symbol, in universe order. */
    public synchronized List<Step> stepAll() {
        List<Step> steps = new ArrayList<>(universe.size());
        for (SymbolWalk walk : universe.values()) {
            steps.add(walk.step());
        }
        return steps;
    }

    /** One step of one symbol (a ghost walk is created for symbols outside the universe). */
    public synchronized Step step(String symbol) {
        return walk(symbol).step();
    }

    /** The current quote without stepping. */
    public synchronized QuoteState quote(String symbol) {
        return walk(symbol).quote();
    }

    /** A book of up to {@code levels} levels per side around the current touch. */
    public synchronized BookState book(String symbol, int levels) {
        if (levels < 1) {
            throw new IllegalArgumentException("levels must be at least 1, got " + levels);
        }
        return walk(symbol).book(levels);
    }

    /** The latest trades, oldest first, at most {@code max}. */
    public synchronized List<TradePrint> recentTrades(String symbol, int max) {
        List<TradePrint> all = new ArrayList<>(walk(symbol).trades);
        return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
    }

    private SymbolWalk walk(String symbol) {
        SymbolWalk walk = universe.get(symbol);
        if (walk == null) {
            walk = ghosts.computeIfAbsent(symbol,
                    ghost -> newWalk(ghost, BigDecimal.valueOf(10 + Math.floorMod(ghost.hashCode(), 90))));
        }
        return walk;
    }

    private SymbolWalk newWalk(String symbol, BigDecimal startPrice) {
        if (startPrice.signum() <= 0) {
            throw new IllegalArgumentException("start price of " + symbol + " must be positive, got " + startPrice);
        }
        return new SymbolWalk(symbol, ticks.roundDown(startPrice.setScale(2, RoundingMode.DOWN).max(
                new BigDecimal("0.10"))));
    }

    /** The quote and the trade that one step produced. */
    public record Step(QuoteState quote, TradePrint trade) {
    }

    /** One symbol's state; guarded by the generator's lock. */
    private final class SymbolWalk {

        private final String symbol;
        private final SplittableRandom prices;
        private final SplittableRandom books;
        private final BigDecimal previousClose;
        private final BigDecimal upperLimit;
        private final BigDecimal lowerLimit;
        private final BigDecimal open;
        private final Deque<TradePrint> trades = new ArrayDeque<>();
        private BigDecimal last;
        private BigDecimal high;
        private BigDecimal low;
        private BigDecimal bid;
        private BigDecimal ask;
        private long volume;

        SymbolWalk(String symbol, BigDecimal previousClose) {
            this.symbol = symbol;
            // Separate streams so book requests never shift the price walk.
            long base = seed ^ (symbol.hashCode() * 0x9E3779B97F4A7C15L);
            this.prices = new SplittableRandom(base);
            this.books = new SplittableRandom(base ^ 0xB00CL);
            this.previousClose = previousClose;
            BigDecimal minimum = ticks.move(new BigDecimal("0.00"), 2);
            this.upperLimit = ticks.roundDown(previousClose.multiply(BigDecimal.ONE.add(DAILY_LIMIT)));
            this.lowerLimit = ticks.roundUp(previousClose.multiply(BigDecimal.ONE.subtract(DAILY_LIMIT))).max(minimum);
            this.open = clamp(ticks.move(previousClose, prices.nextInt(-3, 4)));
            this.last = open;
            this.high = open;
            this.low = open;
            this.volume = prices.nextLong(10_000, 500_000);
            touch(prices.nextBoolean());
        }

        Step step() {
            int move = prices.nextInt(-2, 3);
            BigDecimal distance = last.subtract(previousClose).divide(previousClose, 6, RoundingMode.HALF_EVEN);
            boolean farAbove = distance.compareTo(DRIFT_BACK_THRESHOLD) > 0;
            boolean farBelow = distance.compareTo(DRIFT_BACK_THRESHOLD.negate()) < 0;
            if (((farAbove && move > 0) || (farBelow && move < 0)) && prices.nextBoolean()) {
                move = -move;
            }
            BigDecimal next = clamp(ticks.move(last, move));
            long quantity = prices.nextLong(1, 5_001);
            boolean buy = move > 0 || (move == 0 && prices.nextBoolean());
            last = next;
            high = high.max(next);
            low = low.min(next);
            volume += quantity;
            touch(buy);
            TradePrint trade = new TradePrint(symbol, next, quantity,
                    next.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.UNNECESSARY), buy,
                    clock.instant());
            if (trades.size() == TRADE_HISTORY) {
                trades.removeFirst();
            }
            trades.addLast(trade);
            return new Step(quote(), trade);
        }

        QuoteState quote() {
            BigDecimal change = last.subtract(previousClose);
            BigDecimal changePercent = change.multiply(HUNDRED).divide(previousClose, 2, RoundingMode.HALF_UP);
            return new QuoteState(symbol, last, change, changePercent, volume, bid, ask, open, high, low,
                    previousClose, clock.instant());
        }

        BookState book(int levels) {
            List<BookState.Level> bids = new ArrayList<>();
            BigDecimal price = bid;
            for (int level = 1; level <= levels && price.compareTo(lowerLimit) >= 0; level++) {
                bids.add(new BookState.Level(level, price, 100L * books.nextInt(1, 500), books.nextInt(1, 40)));
                price = ticks.move(price, -1);
            }
            List<BookState.Level> asks = new ArrayList<>();
            price = ask;
            for (int level = 1; level <= levels && price.compareTo(upperLimit) <= 0; level++) {
                asks.add(new BookState.Level(level, price, 100L * books.nextInt(1, 500), books.nextInt(1, 40)));
                price = ticks.move(price, 1);
            }
            return new BookState(symbol, bid, ask, ask.subtract(bid), bids, asks, clock.instant());
        }

        /** A buy leaves the last price on the offer, a sell on the bid; at a limit the touch stays inside it. */
        private void touch(boolean buy) {
            boolean onOffer = last.compareTo(upperLimit) == 0 || (buy && last.compareTo(lowerLimit) != 0);
            if (onOffer) {
                ask = last;
                bid = ticks.move(last, -1);
            } else {
                bid = last;
                ask = ticks.move(last, 1);
            }
        }

        private BigDecimal clamp(BigDecimal price) {
            return price.max(lowerLimit).min(upperLimit);
        }
    }
}
