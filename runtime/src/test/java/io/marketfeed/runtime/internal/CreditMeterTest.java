package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.CreditSpec;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.runtime.CreditSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The forecast arithmetic, on explicit times. */
class CreditMeterTest {

    private static final Instant NINE = Instant.parse("2026-11-22T09:00:00Z");

    private static CreditMeter meter(long costPerPush, long quota) {
        return new CreditMeter(new CreditSpec(costPerPush, 0, OptionalLong.of(quota), LocalTime.MIDNIGHT,
                Disposition.pause("quota spent")), Duration.ofMinutes(5));
    }

    private static void pushes(CreditMeter meter, int count) {
        for (int i = 0; i < count; i++) {
            meter.push();
        }
    }

    @Test
    void rateAndForecastFollowTheSpendingOverTheWindow() {
        CreditMeter meter = meter(2, 100_000);
        meter.sample(NINE);
        pushes(meter, 600);                       // 1,200 credits in 60 s → 72,000 per hour
        meter.sample(NINE.plusSeconds(60));
        CreditSnapshot snapshot = meter.snapshot(NINE.plusSeconds(60));

        assertEquals(1_200, snapshot.used());
        assertEquals(98_800, snapshot.remaining().getAsLong());
        assertEquals(72_000, snapshot.perHour(), 0.001);
        // 98,800 / 72,000 h = 1.3722 h = 4,940 s after 09:01:00
        assertEquals(NINE.plusSeconds(60 + 4_940), snapshot.exhaustsAt().orElseThrow());
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), snapshot.nextReset());
        assertTrue(snapshot.exhaustsBeforeReset());
    }

    @Test
    void aSlowRateLastsPastTheResetAndNothingSpentForecastsNothing() {
        CreditMeter meter = meter(1, 1_000_000);
        meter.sample(NINE);
        assertTrue(meter.snapshot(NINE).exhaustsAt().isEmpty(), "no rate yet, no forecast");
        pushes(meter, 10);
        meter.sample(NINE.plusSeconds(60));
        CreditSnapshot snapshot = meter.snapshot(NINE.plusSeconds(60));
        assertEquals(600, snapshot.perHour(), 0.001);
        assertFalse(snapshot.exhaustsBeforeReset(), "999,990 credits at 600 per hour last well past midnight");
    }

    @Test
    void theServersFigureReplacesTheEstimateAndLaterSpendingIsSubtracted() {
        CreditMeter meter = meter(5, 10_000);
        pushes(meter, 100);                       // 500 spent by our count
        meter.reported(7_000);                    // the server knows better (another process spends too)
        pushes(meter, 10);                        // 50 more
        assertEquals(6_950, meter.snapshot(NINE).remaining().getAsLong());
        meter.reported(0);
        assertEquals(0, meter.snapshot(NINE).remaining().getAsLong());
    }

    @Test
    void oldSamplesLeaveTheWindowSoTheRateFollowsTheCurrentSubscriptionSet() {
        CreditMeter meter = meter(1, 1_000_000);
        meter.sample(NINE);
        pushes(meter, 3_600);                     // busy first 10 minutes
        meter.sample(NINE.plusSeconds(600));
        meter.sample(NINE.plusSeconds(900));      // quiet since
        meter.sample(NINE.plusSeconds(1_200));
        assertEquals(0, meter.snapshot(NINE.plusSeconds(1_200)).perHour(), 0.001,
                "only the last 5 minutes count");
    }

    @Test
    void theResetIsTheNextOneStrictlyAfterNow() {
        CreditMeter meter = new CreditMeter(new CreditSpec(1, 0, OptionalLong.empty(), LocalTime.of(21, 0),
                Disposition.pause("spent")), Duration.ofMinutes(5));
        assertEquals(Instant.parse("2026-11-22T21:00:00Z"), meter.nextReset(NINE));
        assertEquals(Instant.parse("2026-11-23T21:00:00Z"), meter.nextReset(Instant.parse("2026-11-22T21:00:00Z")));
        assertTrue(meter.snapshot(NINE).remaining().isEmpty(), "no quota known, none reported");
    }

    @Test
    void aPriceAnnouncedByTheServerAppliesFromThenOn() {
        CreditMeter meter = meter(5, 10_000);
        pushes(meter, 10);                        // 50 at the declared price
        meter.costPerPush(3);
        pushes(meter, 10);                        // 30 at the server's price
        assertEquals(80, meter.spent());
        assertEquals(9_920, meter.snapshot(NINE).remaining().getAsLong());
    }
}
