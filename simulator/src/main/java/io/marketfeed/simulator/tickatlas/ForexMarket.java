package io.marketfeed.simulator.tickatlas;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded random walk of bids per instrument, in exact decimal arithmetic at each instrument's own scale, with the
 * M1 bar of the current minute. Each {@linkplain #step step} moves the bid a few points in three sub-moves (so bars
 * have a range), adds tick volume, and sets the ask a spread of a few points above. A new minute of the clock starts
 * a new bar, opened at the previous close.
 *
 * <p>The walk of one symbol depends only on the seed, the symbol and how many steps it took. Symbols outside the
 * universe (for ghost data) get a walk of their own on first use, but {@link #contains} stays false for them.
 * Thread safe: every method locks the market; calls are short.
 */
public final class ForexMarket {

    private final long seed;
    private final Clock clock;
    private final Map<String, Walk> universe = new LinkedHashMap<>();
    private final Map<String, Walk> ghosts = new HashMap<>();

    public ForexMarket(Map<String, ForexInstrument> instruments, long seed, Clock clock) {
        this.seed = seed;
        this.clock = requireNonNull(clock, "clock is null");
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("the universe is empty");
        }
        instruments.values().forEach(instrument -> universe.put(instrument.symbol(), new Walk(instrument)));
    }

    public synchronized List<String> symbols() {
        return List.copyOf(universe.keySet());
    }

    public synchronized boolean contains(String symbol) {
        return universe.containsKey(symbol);
    }

    /** One step of every universe symbol, in universe order. */
    public synchronized List<ForexTick> stepAll() {
        List<ForexTick> ticks = new ArrayList<>(universe.size());
        for (Walk walk : universe.values()) {
            ticks.add(walk.step());
        }
        return ticks;
    }

    /** One step of one symbol (a ghost walk is made for symbols outside the universe). */
    public synchronized ForexTick step(String symbol) {
        Walk walk = universe.get(symbol);
        if (walk == null) {
            walk = ghosts.computeIfAbsent(symbol, ghost -> new Walk(new ForexInstrument(ghost,
                    new BigDecimal("1.00000").add(BigDecimal.valueOf(Math.floorMod(ghost.hashCode(), 9000), 5)), 10)));
        }
        return walk.step();
    }

    /** One instrument's state; guarded by the market's lock. */
    private final class Walk {

        private final ForexInstrument instrument;
        private final BigDecimal point;
        private final BigDecimal floor;
        private final SplittableRandom random;
        private BigDecimal bid;
        private Instant barTime;
        private BigDecimal open;
        private BigDecimal high;
        private BigDecimal low;
        private long volume;

        Walk(ForexInstrument instrument) {
            this.instrument = instrument;
            this.point = instrument.point();
            this.floor = instrument.start().divide(BigDecimal.valueOf(2)).setScale(instrument.start().scale(),
                    RoundingMode.DOWN).max(point.multiply(BigDecimal.valueOf(100)));
            this.random = new SplittableRandom(seed ^ (instrument.symbol().hashCode() * 0x9E3779B97F4A7C15L));
            this.bid = instrument.start();
        }

        ForexTick step() {
            Instant now = clock.instant();
            Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
            if (!minute.equals(barTime)) {
                barTime = minute;
                open = bid;
                high = bid;
                low = bid;
                volume = 0;
            }
            for (int i = 0; i < 3; i++) {
                bid = bid.add(point.multiply(BigDecimal.valueOf(random.nextInt(-4, 5)))).max(floor);
                high = high.max(bid);
                low = low.min(bid);
            }
            volume += random.nextLong(5, 120);
            BigDecimal spread = point.multiply(BigDecimal.valueOf(instrument.spreadPoints() + random.nextInt(0, 3)));
            BigDecimal ask = bid.add(spread);
            return new ForexTick(instrument.symbol(), bid, ask, spread, barTime, open, high, low, bid, volume, now);
        }
    }
}
