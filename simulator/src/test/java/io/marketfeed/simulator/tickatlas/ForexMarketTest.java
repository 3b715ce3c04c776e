package io.marketfeed.simulator.tickatlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seeded forex walk: exact decimals at each instrument's scale, M1 bars, determinism. */
class ForexMarketTest {

    private static final Clock AT_09_18_30 = Clock.fixed(Instant.parse("2026-02-10T09:18:30Z"), ZoneOffset.UTC);

    @Test
    void pricesKeepTheInstrumentsScaleAndTheBarIsConsistent() {
        ForexMarket market = new ForexMarket(ForexUniverse.defaults(), 42, AT_09_18_30);
        for (int round = 0; round < 200; round++) {
            for (ForexTick tick : market.stepAll()) {
                int scale = ForexUniverse.defaults().get(tick.symbol()).start().scale();
                for (BigDecimal value : List.of(tick.bid(), tick.ask(), tick.spread(), tick.open(), tick.high(),
                        tick.low(), tick.close())) {
                    assertEquals(scale, value.scale(), tick.toString());
                }
                assertEquals(tick.ask().subtract(tick.bid()), tick.spread());
                assertTrue(tick.spread().signum() > 0);
                assertTrue(tick.high().compareTo(tick.low()) >= 0);
                assertTrue(tick.high().compareTo(tick.close()) >= 0 && tick.low().compareTo(tick.close()) <= 0);
                assertTrue(tick.high().compareTo(tick.open()) >= 0 && tick.low().compareTo(tick.open()) <= 0);
                assertEquals(Instant.parse("2026-02-10T09:18:00Z"), tick.barTime());
                assertTrue(tick.bid().signum() > 0);
            }
        }
    }

    @Test
    void sameSeedSameWalk() {
        ForexMarket a = new ForexMarket(ForexUniverse.defaults(), 7, AT_09_18_30);
        ForexMarket b = new ForexMarket(ForexUniverse.defaults(), 7, AT_09_18_30);
        for (int i = 0; i < 20; i++) {
            assertEquals(a.step("EURUSD"), b.step("EURUSD"));
        }
        b.step("GBPUSD");
        assertEquals(a.step("EURUSD"), b.step("EURUSD"), "other symbols do not disturb the walk");
    }

    @Test
    void aNewMinuteOpensANewBarAtThePreviousClose() {
        QuotaPeriodTest.MovableClock clock = new QuotaPeriodTest.MovableClock(Instant.parse("2026-02-10T09:18:59Z"));
        ForexMarket market = new ForexMarket(Map.of("EURUSD", ForexUniverse.defaults().get("EURUSD")), 1, clock);
        ForexTick before = market.step("EURUSD");
        clock.set(Instant.parse("2026-02-10T09:19:01Z"));
        ForexTick after = market.step("EURUSD");
        assertEquals(Instant.parse("2026-02-10T09:19:00Z"), after.barTime());
        assertEquals(before.close(), after.open());
    }

    @Test
    void ghostsWalkButAreNotInTheUniverse() {
        ForexMarket market = new ForexMarket(ForexUniverse.defaults(), 1, AT_09_18_30);
        assertEquals(5, market.step("ZZZZZZ").bid().scale());
        assertFalse(market.contains("ZZZZZZ"));
        assertTrue(market.contains("XAUUSD"));
        assertThrows(IllegalArgumentException.class, () -> new ForexMarket(Map.of(), 1, AT_09_18_30));
    }
}
