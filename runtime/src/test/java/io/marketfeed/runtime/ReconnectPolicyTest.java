package io.marketfeed.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    private static final ReconnectPolicy DEFAULTS = ReconnectPolicy.defaults();
    private static final Duration ONE = Duration.ofSeconds(1);
    private static final Duration THIRTY = Duration.ofSeconds(30);
    private static final Duration MINUTE = Duration.ofSeconds(60);

    @Test
    void defaultsAreOneSecondDoublingToThirtyWithTwentyPercentJitter() {
        assertEquals(new ReconnectPolicy(ONE, THIRTY, 2.0, 0.2, MINUTE), DEFAULTS);
    }

    @Test
    void doublesFromOneSecondToTheThirtySecondCap() {
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt <= 8; attempt++) {
            delays.add(DEFAULTS.delay(attempt, 0.5)); // 0.5 is the jitter's neutral draw
        }
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16), THIRTY, THIRTY, THIRTY), delays);
    }

    @Test
    void staysAtTheCapForHugeAttemptNumbers() {
        assertEquals(THIRTY, DEFAULTS.delay(1_000, 0.5));
        assertEquals(THIRTY, DEFAULTS.delay(Integer.MAX_VALUE, 0.5));
    }

    @Test
    void attemptZeroOrBelowCountsAsTheFirst() {
        assertEquals(ONE, DEFAULTS.delay(0, 0.5));
        assertEquals(ONE, DEFAULTS.delay(-3, 0.5));
    }

    @Test
    void jitterLowestDrawIsEightyPercent() {
        assertEquals(Duration.ofMillis(800), DEFAULTS.delay(1, 0.0));
        assertEquals(Duration.ofMillis(3_200), DEFAULTS.delay(3, 0.0));
        assertEquals(Duration.ofSeconds(24), DEFAULTS.delay(10, 0.0), "the jitter applies to the capped delay");
    }

    @Test
    void jitterHighestDrawApproachesOneHundredTwentyPercent() {
        double almostOne = Math.nextDown(1.0);
        assertEquals(1_200, DEFAULTS.delay(1, almostOne).toMillis());
        assertEquals(36_000, DEFAULTS.delay(10, almostOne).toMillis());
        assertTrue(DEFAULTS.delay(1, almostOne).compareTo(Duration.ofMillis(1_200)) <= 0);
    }

    @Test
    void everyDrawStaysWithinTheJitterBoundsAndGrowsWithTheDraw() {
        Random random = new Random(42);
        for (int attempt = 1; attempt <= 8; attempt++) {
            long base = DEFAULTS.delay(attempt, 0.5).toNanos();
            for (int i = 0; i < 1_000; i++) {
                double draw = random.nextDouble();
                long nanos = DEFAULTS.delay(attempt, draw).toNanos();
                assertTrue(nanos >= Math.round(base * 0.8) && nanos <= Math.round(base * 1.2),
                        "attempt " + attempt + ", draw " + draw + ": " + nanos + " ns outside ±20 % of " + base);
            }
            assertTrue(DEFAULTS.delay(attempt, 0.25).compareTo(DEFAULTS.delay(attempt, 0.75)) < 0);
        }
    }

    @Test
    void noJitterGivesExactDelays() {
        ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 3.0, 0.0, MINUTE);
        assertEquals(Duration.ofMillis(100), policy.delay(1, 0.0));
        assertEquals(Duration.ofMillis(300), policy.delay(2, 0.99));
        assertEquals(Duration.ofMillis(900), policy.delay(3, 0.3));
        assertEquals(Duration.ofSeconds(1), policy.delay(4, 0.7));
    }

    @Test
    void fullJitterCanReachZeroButNeverBelow() {
        ReconnectPolicy policy = new ReconnectPolicy(ONE, THIRTY, 2.0, 1.0, MINUTE);
        assertEquals(Duration.ZERO, policy.delay(1, 0.0));
        assertEquals(ONE, policy.delay(1, 0.5));
    }

    @Test
    void multiplierOneKeepsTheDelayConstant() {
        ReconnectPolicy policy = new ReconnectPolicy(Duration.ofSeconds(2), THIRTY, 1.0, 0.0, MINUTE);
        assertEquals(Duration.ofSeconds(2), policy.delay(1, 0.5));
        assertEquals(Duration.ofSeconds(2), policy.delay(50, 0.5));
    }

    @Test
    void withDelaysKeepsTheRest() {
        ReconnectPolicy policy = DEFAULTS.withDelays(Duration.ofMillis(10), Duration.ofMillis(50));
        assertEquals(new ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(50), 2.0, 0.2, MINUTE), policy);
        assertEquals(Duration.ofMillis(50), policy.delay(10, 0.5));
    }

    @Test
    void zeroDelaysAreAllowed() {
        ReconnectPolicy policy = new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 2.0, 0.2, Duration.ZERO);
        assertEquals(Duration.ZERO, policy.delay(5, 0.9));
    }

    @Test
    void rejectsMissingDurations() {
        assertThrows(NullPointerException.class, () -> new ReconnectPolicy(null, THIRTY, 2.0, 0.2, MINUTE));
        assertThrows(NullPointerException.class, () -> new ReconnectPolicy(ONE, null, 2.0, 0.2, MINUTE));
        assertThrows(NullPointerException.class, () -> new ReconnectPolicy(ONE, THIRTY, 2.0, 0.2, null));
    }

    @Test
    void rejectsANegativeInitialDelay() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(Duration.ofMillis(-1), THIRTY, 2.0, 0.2, MINUTE));
        assertTrue(e.getMessage().contains("initialDelay"), e.getMessage());
    }

    @Test
    void rejectsAMaximumBelowTheInitialDelay() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(THIRTY, ONE, 2.0, 0.2, MINUTE));
        assertThrows(IllegalArgumentException.class,
                () -> DEFAULTS.withDelays(Duration.ofSeconds(5), Duration.ofSeconds(4)));
    }

    @Test
    void rejectsAMultiplierBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(ONE, THIRTY, 0.99, 0.2, MINUTE));
        assertTrue(e.getMessage().contains("multiplier"), e.getMessage());
    }

    @Test
    void rejectsJitterOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(ONE, THIRTY, 2.0, -0.01, MINUTE));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(ONE, THIRTY, 2.0, 1.01, MINUTE));
        new ReconnectPolicy(ONE, THIRTY, 2.0, 0.0, MINUTE);
        new ReconnectPolicy(ONE, THIRTY, 2.0, 1.0, MINUTE);
    }

    /**
     * NaN passes both range checks (every comparison with NaN is false) and then makes every delay 0: a
     * reconnect storm. A value parsed from configuration ("NaN") can get here.
     */
    @Test
    void rejectsNaN() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(ONE, THIRTY, Double.NaN, 0.2, MINUTE), "multiplier NaN");
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(ONE, THIRTY, 2.0, Double.NaN, MINUTE), "jitter NaN");
    }
}
