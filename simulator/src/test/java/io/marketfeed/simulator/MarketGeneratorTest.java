package io.marketfeed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.simulator.MarketGenerator.Step;
import io.marketfeed.simulator.sahmk.TadawulUniverse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MarketGeneratorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-10T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void theSameSeedGivesTheSameMarket() {
        List<QuoteState> first = walk(generator(42), "2222", 100);
        assertEquals(first, walk(generator(42), "2222", 100));
        assertNotEquals(first, walk(generator(43), "2222", 100));
    }

    @Test
    void oneSymbolsWalkDoesNotDependOnOthersOrOnBookRequests() {
        MarketGenerator plain = generator(42);
        MarketGenerator busy = generator(42);
        for (int i = 0; i < 50; i++) {
            busy.step("1120");
            busy.book("2222", 20);
            assertEquals(plain.step("2222").quote(), busy.step("2222").quote());
        }
    }

    @Test
    void pricesStayOnTheTickGridInsideTheDailyLimits() {
        MarketGenerator generator = generator(7);
        for (int i = 0; i < 3_000; i++) {
            for (Step step : generator.stepAll()) {
                QuoteState quote = step.quote();
                for (BigDecimal price : List.of(quote.price(), quote.bid(), quote.ask(), quote.high(), quote.low())) {
                    assertEquals(2, price.scale(), quote::toString);
                    assertTrue(TickSizeTable.TADAWUL.isOnGrid(price), quote::toString);
                }
                BigDecimal limit = quote.previousClose().multiply(new BigDecimal("0.10"));
                assertTrue(quote.price().subtract(quote.previousClose()).abs().compareTo(limit) <= 0,
                        quote::toString);
                assertTrue(quote.bid().compareTo(quote.ask()) < 0, quote::toString);
                assertTrue(quote.price().equals(quote.bid()) || quote.price().equals(quote.ask()), quote::toString);
                assertEquals(quote.price().subtract(quote.previousClose()), quote.change());
                assertEquals(quote.change().multiply(BigDecimal.valueOf(100))
                        .divide(quote.previousClose(), 2, RoundingMode.HALF_UP), quote.changePercent());
                TradePrint trade = step.trade();
                assertEquals(quote.price(), trade.price());
                assertEquals(trade.price().multiply(BigDecimal.valueOf(trade.quantity())), trade.value());
            }
        }
    }

    @Test
    void volumeAccumulatesTradesAndHighLowBracketThePrice() {
        MarketGenerator generator = generator(3);
        QuoteState before = generator.quote("2222");
        Step step = generator.step("2222");
        assertEquals(before.volume() + step.trade().quantity(), step.quote().volume());
        assertTrue(step.quote().high().compareTo(step.quote().price()) >= 0);
        assertTrue(step.quote().low().compareTo(step.quote().price()) <= 0);
        assertEquals(CLOCK.instant(), step.quote().updatedAt());
    }

    @Test
    void booksAreOrderedAroundTheTouch() {
        MarketGenerator generator = generator(5);
        generator.step("2222");
        QuoteState quote = generator.quote("2222");
        BookState book = generator.book("2222", 5);
        assertEquals(quote.bid(), book.bestBid());
        assertEquals(quote.ask(), book.bestAsk());
        assertEquals(book.bestAsk().subtract(book.bestBid()), book.spread());
        assertEquals(5, book.bids().size());
        IntStream.range(1, 5).forEach(i -> {
            assertTrue(book.bids().get(i).price().compareTo(book.bids().get(i - 1).price()) < 0);
            assertTrue(book.asks().get(i).price().compareTo(book.asks().get(i - 1).price()) > 0);
        });
        assertEquals(3, book.truncated(3).asks().size());
    }

    @Test
    void ghostSymbolsWalkWithoutJoiningTheUniverse() {
        MarketGenerator generator = generator(1);
        Step ghost = generator.step("9999");
        assertEquals("9999", ghost.quote().symbol());
        assertFalse(generator.contains("9999"));
        assertFalse(generator.symbols().contains("9999"));
    }

    @Test
    void recentTradesKeepTheLatestInOrder() {
        MarketGenerator generator = generator(9);
        List<TradePrint> trades = IntStream.range(0, 60).mapToObj(i -> generator.step("2222").trade()).toList();
        assertEquals(trades.subList(50, 60), generator.recentTrades("2222", 10));
        assertEquals(50, generator.recentTrades("2222", 100).size());
    }

    @Test
    void largeUniversesArePaddedWithGeneratedFourDigitCodes() {
        Map<String, BigDecimal> universe = TadawulUniverse.ofSize(500);
        assertEquals(500, universe.size());
        assertEquals("2222", universe.keySet().iterator().next());
        assertTrue(universe.keySet().stream().allMatch(code -> code.matches("\\d{4}")));
        assertEquals(List.of("2222", "1120", "2010"), List.copyOf(TadawulUniverse.ofSize(3).keySet()));
        assertTrue(TadawulUniverse.defaultSize() >= 60);
        new MarketGenerator(universe, 1, TickSizeTable.TADAWUL, CLOCK).stepAll();
    }

    private static MarketGenerator generator(long seed) {
        return new MarketGenerator(TadawulUniverse.defaults(), seed, TickSizeTable.TADAWUL, CLOCK);
    }

    private static List<QuoteState> walk(MarketGenerator generator, String symbol, int steps) {
        return IntStream.range(0, steps).mapToObj(i -> generator.step(symbol).quote()).toList();
    }
}
