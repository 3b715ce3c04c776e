package io.marketfeed.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketfeed.api.protocol.CreditSpec;
import io.marketfeed.api.protocol.Disposition;
import io.marketfeed.runtime.CreditSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * What subscribing costs on a provider that charges per subscription, how that shows in the remaining quota and
 * the rate, and the edge cases of the forecast (no quota known, samples at one instant, an exhausted quota).
 */
class CreditCostsTest {

    private static final Instant NINE = Instant.parse("2026-11-22T09:00:00Z");

    private static CreditMeter meter(long perPush, long perSubscription, OptionalLong quota) {
        return new CreditMeter(new CreditSpec(perPush, perSubscription, quota, LocalTime.of(6, 30),
                Disposition.pause("quota spent")), Duration.ofMinutes(5));
    }

    @Test
    void eachSubscriptionAddedIsChargedOnceAndRemovalsRefundNothing() {
        CreditMeter meter = meter(1, 5, OptionalLong.of(1_000));
        meter.subscribed(3);
        assertEquals(15, meter.spent());
        meter.subscribed(-2);
        meter.subscribed(0);
        assertEquals(15, meter.spent(), "unsubscribing costs and refunds nothing");
        meter.push();
        meter.push();
        assertEquals(17, meter.spent());
        meter.subscribed(1);
        CreditSnapshot snapshot = meter.snapshot(NINE);
        assertEquals(22, snapshot.used());
        assertEquals(978, snapshot.remaining().getAsLong());
    }

    @Test
    void resubscribingAfterAReconnectIsChargedAgainAndShowsInTheRate() {
        CreditMeter meter = meter(0, 10, OptionalLong.of(10_000));
        meter.subscribed(4);
        meter.sample(NINE);
        meter.subscribed(4);
        meter.sample(NINE.plusSeconds(36));
        CreditSnapshot snapshot = meter.snapshot(NINE.plusSeconds(36));
        assertEquals(80, snapshot.used());
        assertEquals(4_000, snapshot.perHour(), 0.001, "40 credits in 36 s");
        assertEquals(9_920, snapshot.remaining().getAsLong());
        assertEquals(NINE.plusSeconds(36).plusMillis(Math.round(9_920 / 4_000d * 3_600_000d)),
                snapshot.exhaustsAt().orElseThrow());
    }

    @Test
    void theServersFigureCountsSubscriptionsChargedAfterIt() {
        CreditMeter meter = meter(0, 7, OptionalLong.empty());
        meter.subscribed(2);
        assertTrue(meter.snapshot(NINE).remaining().isEmpty(), "no quota known until the server says");
        meter.reported(500);
        meter.subscribed(3);
        assertEquals(479, meter.snapshot(NINE).remaining().getAsLong());
        meter.subscribed(100);
        assertEquals(0, meter.snapshot(NINE).remaining().getAsLong(), "never below zero");
    }

    @Test
    void samplesAtOneInstantGiveNoRate() {
        CreditMeter meter = meter(1, 0, OptionalLong.of(100));
        meter.sample(NINE);
        meter.push();
        meter.sample(NINE);
        assertEquals(0, meter.snapshot(NINE).perHour());
        assertTrue(meter.snapshot(NINE).exhaustsAt().isEmpty());
    }

    @Test
    void theWindowKeepsAtLeastTwoSamples() {
        CreditMeter meter = meter(1, 0, OptionalLong.of(100_000));
        meter.sample(NINE);
        meter.push();
        meter.sample(NINE.plus(Duration.ofHours(1)));
        assertEquals(1, meter.snapshot(NINE.plus(Duration.ofHours(1))).perHour(), 0.001,
                "both samples kept although the first is older than the window");
        meter.push();
        meter.push();
        meter.sample(NINE.plus(Duration.ofHours(2)));
        assertEquals(2, meter.snapshot(NINE.plus(Duration.ofHours(2))).perHour(), 0.001);
        meter.push();
        meter.sample(NINE.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(5)));
        assertEquals(12, meter.snapshot(NINE).perHour(), 0.001, "only the last two count: 1 credit in 5 minutes");
        meter.push();
        meter.sample(NINE.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(5)));
        assertEquals(24, meter.snapshot(NINE).perHour(), 0.001, "a sample exactly a window old still counts");
    }

    @Test
    void theResetIsAtTheDeclaredTimeOfDay() {
        CreditMeter meter = meter(1, 0, OptionalLong.of(100));
        assertEquals(Instant.parse("2026-11-22T06:30:00Z"), meter.nextReset(Instant.parse("2026-11-22T06:29:59Z")));
        assertEquals(Instant.parse("2026-11-23T06:30:00Z"), meter.nextReset(Instant.parse("2026-11-22T06:30:00Z")));
        assertEquals(Instant.parse("2026-11-23T06:30:00Z"), meter.snapshot(NINE).nextReset());
    }
}
