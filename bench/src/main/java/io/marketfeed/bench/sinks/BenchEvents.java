package io.marketfeed.bench.sinks;

import io.marketfeed.api.model.MarketEvent;
import io.marketfeed.api.model.Quote;
import io.marketfeed.api.model.Side;
import io.marketfeed.api.model.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events the sinks section writes: what a busy SAHMK feed delivers, over 50 symbols. Four of five are full
 * quotes (all ten decimal fields, prices with 2 places, change percent with 4), every fifth a trade (price, size,
 * value, side, trade id). Event {@code i} is always the same; its volume (quotes) or trade id carries {@code i}, and
 * it was received {@code i} microseconds after a fixed instant (so QuestDB puts every run in one day partition).
 *
 * <p>Stateless; any thread.
 */
final class BenchEvents {

    static final String PROVIDER = "sahmk";
    private static final Instant BASE = Instant.parse("2026-12-04T10:00:00Z");
    private static final int SYMBOLS = 50;

    private BenchEvents() {
    }

    /** Events {@code from} to {@code from + count - 1}. */
    static List<MarketEvent> range(long from, int count) {
        List<MarketEvent> events = new ArrayList<>(count);
        for (long i = from; i < from + count; i++) {
            events.add(event(i));
        }
        return events;
    }

    /** Event {@code i}. */
    static MarketEvent event(long i) {
        String symbol = Integer.toString(1010 + (int) (i % SYMBOLS) * 10);
        Instant received = BASE.plusNanos(i * 1_000L);
        Instant time = received.minusMillis(3);
        long cents = 2_000 + (i * 7) % 3_000; // 20.00 .. 49.99
        if (i % 5 == 4) {
            long size = 1 + i % 500;
            return new Trade(PROVIDER, symbol, BigDecimal.valueOf(cents, 2), BigDecimal.valueOf(size),
                    BigDecimal.valueOf(cents * size, 2), i % 2 == 0 ? Side.BUY : Side.SELL, "t" + i, time, received);
        }
        long previousClose = cents - 15 + i % 31;
        long change = cents - previousClose;
        return Quote.builder(PROVIDER, symbol, received)
                .set(Quote.Field.PRICE, cents, 2)
                .set(Quote.Field.CHANGE, change, 2)
                .set(Quote.Field.CHANGE_PERCENT, change * 1_000_000 / previousClose, 4)
                .set(Quote.Field.VOLUME, 1_000_000_000L + i, 0)
                .set(Quote.Field.BID, cents - 1, 2)
                .set(Quote.Field.ASK, cents + 1, 2)
                .set(Quote.Field.OPEN, previousClose + 3, 2)
                .set(Quote.Field.HIGH, cents + 20, 2)
                .set(Quote.Field.LOW, cents - 20, 2)
                .set(Quote.Field.PREVIOUS_CLOSE, previousClose, 2)
                .time(time)
                .build();
    }
}
