package io.marketfeed.simulator.tickatlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quota periods and the max_symbols override, on instants the test chooses (no server, no real time). */
class TickAtlasAccountsTest {

    private static final Instant START = Instant.parse("2026-02-10T23:00:00Z");

    @Test
    void aNewUtcDayResetsEveryQuotaOnce() {
        TickAtlasAccounts accounts = new TickAtlasAccounts(Map.of("k", TickAtlasPlan.STARTER), Duration.ZERO, START);
        accounts.require("k").remaining(7);
        accounts.checkPeriod(Instant.parse("2026-02-10T23:59:59.999Z"));
        assertEquals(7, accounts.require("k").remaining(), "still the same day");
        accounts.checkPeriod(Instant.parse("2026-02-11T00:00:00Z"));
        assertEquals(50_000, accounts.require("k").remaining());
        accounts.require("k").remaining(3);
        accounts.checkPeriod(Instant.parse("2026-02-11T00:00:01Z"));
        assertEquals(3, accounts.require("k").remaining(), "one reset per day");
        assertEquals(Duration.ofSeconds(1), accounts.checkEvery());
    }

    @Test
    void anIntervalResetRepeatsFromTheLastReset() {
        TickAtlasAccounts accounts = new TickAtlasAccounts(Map.of("k", TickAtlasPlan.STARTER),
                Duration.ofMinutes(10), START);
        accounts.require("k").remaining(0);
        accounts.checkPeriod(START.plus(Duration.ofMinutes(9)));
        assertEquals(0, accounts.require("k").remaining());
        accounts.checkPeriod(START.plus(Duration.ofMinutes(10)));
        assertEquals(50_000, accounts.require("k").remaining());
        accounts.require("k").remaining(0);
        accounts.checkPeriod(START.plus(Duration.ofMinutes(19)));
        assertEquals(0, accounts.require("k").remaining(), "next reset is ten minutes after the last");
        accounts.checkPeriod(START.plus(Duration.ofMinutes(20)));
        assertEquals(50_000, accounts.require("k").remaining());
        assertEquals(Duration.ofSeconds(1), accounts.checkEvery());
        assertEquals(Duration.ofMillis(20), new TickAtlasAccounts(Map.of(), Duration.ofMillis(200), START)
                .checkEvery());
    }

    @Test
    void theOverrideReplacesEveryPlansSymbolLimitUntilCleared() {
        TickAtlasAccounts accounts = new TickAtlasAccounts(Map.of("k", TickAtlasPlan.PRO), Duration.ZERO, START);
        assertEquals(20, accounts.maxSymbols(TickAtlasPlan.PRO));
        accounts.overrideMaxSymbols(2);
        assertTrue(accounts.limitsOverridden());
        assertEquals(2, accounts.maxSymbols(TickAtlasPlan.PRO));
        accounts.overrideMaxSymbols(null);
        assertFalse(accounts.limitsOverridden());
        assertEquals(20, accounts.maxSymbols(TickAtlasPlan.PRO));
    }

    @Test
    void anUnknownKeyIsNamed() {
        TickAtlasAccounts accounts = new TickAtlasAccounts(Map.of("k", TickAtlasPlan.PRO), Duration.ZERO, START);
        assertNull(accounts.account("other"));
        assertEquals("no TickAtlas key 'other' is configured",
                assertThrows(IllegalArgumentException.class, () -> accounts.require("other")).getMessage());
    }
}
